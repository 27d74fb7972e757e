import fs from 'node:fs';
import path from 'node:path';
import { interpretFeatureCode, parseDirectory } from '@switchboard/agent-domain';
import { ANNOUNCEMENT_CONTEXT, announcementExtens } from './announcements';

/** The dialplan in infra/asterisk is part of the product: the code relies on what it defines. */
const dialplan = fs.readFileSync(path.resolve(__dirname, '../../../../infra/asterisk/extensions_switchboard.conf'), 'utf8');

function context(name: string): string {
  // A context starts a line; comments may name it too.
  const start = dialplan.indexOf(`\n[${name}]`);
  if (start < 0) throw new Error(`no [${name}] in the shipped dialplan`);
  const next = dialplan.indexOf('\n[', start + 1);
  return dialplan.slice(start, next < 0 ? undefined : next);
}

describe('the shipped dialplan (infra/asterisk/extensions_switchboard.conf)', () => {
  it.each(Object.entries(announcementExtens))('has the %s announcement (%s) where the Redirect sends the caller', (_what, exten) => {
    expect(context(ANNOUNCEMENT_CONTEXT)).toMatch(new RegExp(`^exten => ${exten},1,Playback\\(`, 'm'));
  });

  it('sends the PIN short codes to the feature-code context', () => {
    const fromAgents = context('from-agents');
    expect(fromAgents).toContain('exten => _*35*X.,1,Goto(switchboard-feature,${EXTEN},1)');
    expect(fromAgents).toContain('exten => *36,1,Goto(switchboard-feature,${EXTEN},1)');
    // #EXT asks for the PIN and raises #EXT*PIN: a code the session side understands.
    expect(fromAgents).toContain('UserEvent(AgentFeature,Code: #${FILTER(0-9,${EXTEN:1})}*${FILTER(0-9,${SBPIN})},');
  });

  it('raises IVR codes the session side understands', () => {
    const ivr = context('switchboard-ivr');
    const codes = [...ivr.matchAll(/UserEvent\(AgentFeature,Code: ([^,]+),/g)].map((m) => m[1]);
    expect(codes).toEqual(['*37*${AGENT}*${SBPIN}*1*${NUMBER}#', '*37*${AGENT}*${SBPIN}*${CHOICE}#']);
    const directory = parseDirectory({ queues: [], agents: [{ id: '1001', name: 'A', line: 'SIP/1001' }] });
    const filled = (code: string, choice: string) =>
      code.replace('${AGENT}', '1001').replace('${SBPIN}', '1234').replace('${NUMBER}', '0612345678').replace('${CHOICE}', choice);
    expect(interpretFeatureCode(directory, filled(codes[0], '1')).kind).toBe('ivr');
    for (const choice of ['2', '3', '4', '5']) expect(interpretFeatureCode(directory, filled(codes[1], choice)).kind).toBe('ivr');
  });

  it('rings mobile members through agent-mobile', () => {
    expect(context('agent-mobile')).toMatch(/^exten => _X\.,1,Dial\(/m);
  });
});
