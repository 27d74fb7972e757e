// The simulator plays the shipped dialplan's app_agent_pool parts: *38 in [from-agents] runs
// AgentLogin(<the line's extension>) and [agent-pool] runs AgentRequest(${EXTEN}) for the pool
// members Local/<id>@agent-pool/n. If the dialplan changes, the simulator must follow.

import fs from 'node:fs';
import path from 'node:path';
import { AGENT_LOGIN_CODE } from './agent-login-call';
import { poolAgentOf } from './agent-pool-leg';

const dialplan = fs.readFileSync(path.resolve(__dirname, '../../../infra/asterisk/extensions_switchboard.conf'), 'utf8');
const agents = fs.readFileSync(path.resolve(__dirname, '../../../infra/asterisk/agents_switchboard.conf'), 'utf8');

function context(name: string): string {
  const start = dialplan.indexOf(`\n[${name}]`);
  if (start < 0) throw new Error(`no [${name}] in the shipped dialplan`);
  const next = dialplan.indexOf('\n[', start + 1);
  return dialplan.slice(start, next < 0 ? undefined : next);
}

describe('the shipped app_agent_pool dialplan, as the simulator plays it', () => {
  it('*38 in [from-agents] answers and runs AgentLogin for the line from the channel name', () => {
    const lines = context('from-agents').split('\n');
    const first = lines.findIndex((l) => l.startsWith(`exten => ${AGENT_LOGIN_CODE},1,NoOp(`));
    expect(first).toBeGreaterThan(0);
    expect(lines.slice(first + 1, first + 6)).toEqual([
      ' same => n,Answer()',
      ' same => n,Set(SBAGENTLINE=${CHANNEL(name)})',
      ' same => n,Set(SBAGENTLINE=${CUT(SBAGENTLINE,-,1)})',
      ' same => n,AgentLogin(${CUT(SBAGENTLINE,/,2)})',
      ' same => n,Hangup()',
    ]);
  });

  it('[agent-pool] runs AgentRequest for every agent number the pool member names', () => {
    expect(context('agent-pool')).toContain('exten => _X!,1,AgentRequest(${EXTEN})');
    expect(poolAgentOf('Local/1001@agent-pool/n')).toBe('1001');
    expect(poolAgentOf('Local/1001@agent-phones/n')).toBeUndefined();
  });

  it('agents.conf defines the demo agents, without DTMF acknowledgement', () => {
    expect(agents).toMatch(/^ackcall=no$/m);
    for (const id of ['1001', '1002', '1003']) expect(agents).toContain(`[${id}](switchboard-agent)`);
  });
});
