import { parseDirectory } from './parse-directory';
import { DirectoryError } from './directory-error';
import { DEFAULT_PIN_POLICY, pinPolicyOf } from './directory';
import { agentByLine, phoneById, phoneByLine } from './lines';
import { bindingForTarget, isMobileNumber } from './ring-target';
import { defaultSite } from '../testing/default-site';

const phones = [
  { id: 'desk-1', line: 'SIP/1010', name: 'Desk by the window' },
  { id: 'desk-2', line: 'SIP/1011' },
];
const hotDesker = { id: '1004', name: 'Agent Four', hotDesk: true, queues: ['helpdesk'] };

describe('parseDirectory: shared phones and hot-desk agents', () => {
  const directory = parseDirectory({ ...defaultSite, phones, agents: [...defaultSite.agents, hotDesker] });

  it('keeps phones, and a hot-desk agent without a line', () => {
    expect(directory.phones).toEqual(phones);
    expect(directory.agents[3]).toEqual(hotDesker);
  });

  it('finds a phone by id, by device and by the bare extension, and never takes it for an agent', () => {
    expect(phoneById(directory, 'desk-2')?.line).toBe('SIP/1011');
    expect(phoneByLine(directory, 'SIP/1010')?.id).toBe('desk-1');
    expect(phoneByLine(directory, '1011')?.id).toBe('desk-2');
    expect(phoneByLine(directory, 'SIP/1001')).toBeUndefined();
    expect(agentByLine(directory, 'SIP/1010')).toBeUndefined();
  });

  it('lets a hot-desk agent keep a line of its own too', () => {
    const d = parseDirectory({ ...defaultSite, agents: [{ ...defaultSite.agents[0], hotDesk: true }] });
    expect(d.agents[0]).toMatchObject({ line: 'SIP/1001', hotDesk: true });
  });

  it('keeps the hot-desk policy', () => {
    const d = parseDirectory({ ...defaultSite, hotDeskPolicy: { releaseStaleAfterMinutes: 30 } });
    expect(d.hotDeskPolicy).toEqual({ releaseStaleAfterMinutes: 30 });
  });

  it('takes the PIN policy as given, IP Office’s 4 tries and 90 s otherwise', () => {
    expect(pinPolicyOf(directory)).toEqual(DEFAULT_PIN_POLICY);
    expect(DEFAULT_PIN_POLICY).toEqual({ maxAttempts: 4, lockoutSeconds: 90 });
    const strict = parseDirectory({ ...defaultSite, pinPolicy: { maxAttempts: 3, lockoutSeconds: 600 } });
    expect(pinPolicyOf(strict)).toEqual({ maxAttempts: 3, lockoutSeconds: 600 });
  });
});

describe('parseDirectory refuses, for phones and hot desk', () => {
  it.each<[string, unknown, string]>([
    ['phones that are no list', { ...defaultSite, phones: 'SIP/1010' }, 'phones: must be a list'],
    ['a phone without a line', { ...defaultSite, phones: [{ id: 'desk-1' }] }, 'phones[0].line: required'],
    ['a phone line that is no device', { ...defaultSite, phones: [{ id: 'd', line: '1010' }] }, 'phones[0].line: invalid value "1010"'],
    ['a phone id with a slash', { ...defaultSite, phones: [{ id: 'SIP/1010', line: 'SIP/1010' }] }, 'phones[0].id: invalid value "SIP/1010"'],
    ['a misspelt phone field', { ...defaultSite, phones: [{ id: 'd', line: 'SIP/1010', nmae: 'x' }] }, 'phones[0].nmae: unknown field'],
    [
      'two phone ids that share a stream',
      { ...defaultSite, phones: [{ id: 'Desk-1', line: 'SIP/1010' }, { id: 'desk_1', line: 'SIP/1011' }] },
      'phones[1].id: duplicate phone id phone-desk-1 (also phones[0].id)',
    ],
    [
      'a phone on an agent’s own line',
      { ...defaultSite, phones: [{ id: 'd', line: 'SIP/1002' }] },
      'phones[0].line: duplicate line SIP/1002 (also agents[1].line)',
    ],
    [
      'a phone on a listed line’s extension',
      { ...defaultSite, lines: [{ line: 'SIP/2001' }], phones: [{ id: 'd', line: 'IAX2/2001' }] },
      'phones[0].line: duplicate extension 2001',
    ],
    [
      'an agent without a line and without hot desk',
      { ...defaultSite, agents: [{ id: '1004', name: 'Four', queues: [] }] },
      'agents[0].line: required',
    ],
    ['hot desk that is no flag', { ...defaultSite, agents: [{ ...hotDesker, hotDesk: 'yes' }] }, 'agents[0].hotDesk: must be true or false'],
    [
      'a member interface without a line',
      { ...defaultSite, agents: [{ ...hotDesker, memberInterface: 'Local/1004@x/n' }] },
      'agents[0].memberInterface: needs a line',
    ],
    ['a PIN policy without tries', { ...defaultSite, pinPolicy: { lockoutSeconds: 90 } }, 'pinPolicy.maxAttempts: required'],
    ['zero tries', { ...defaultSite, pinPolicy: { maxAttempts: 0, lockoutSeconds: 90 } }, 'pinPolicy.maxAttempts: must be a whole number'],
    ['a stale policy of no minutes', { ...defaultSite, hotDeskPolicy: { releaseStaleAfterMinutes: 0 } }, 'hotDeskPolicy.releaseStaleAfterMinutes: must be a whole number'],
    ['a lockout in text', { ...defaultSite, pinPolicy: { maxAttempts: 4, lockoutSeconds: '90s' } }, 'pinPolicy.lockoutSeconds: must be a whole number'],
  ])('%s', (_what, raw, message) => {
    let thrown: unknown;
    try {
      parseDirectory(raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DirectoryError);
    expect((thrown as Error).message.startsWith(message)).toBe(true);
  });
});

describe('where calls ring: the member for each ring target', () => {
  const agent = { id: '1002', name: 'Agent Two', line: 'SIP/1002', queues: ['helpdesk'] };

  it('rings the own line as the captures show', () => {
    expect(bindingForTarget(agent, { kind: 'own-line' })).toEqual({
      interface: 'Local/1002@agent-phones/n',
      stateInterface: 'SIP/1002',
      memberName: 'Agent 1002',
    });
  });

  it('rings a shared phone through agent-phones, named after the agent', () => {
    expect(bindingForTarget(hotDesker, { kind: 'phone', phone: phones[0] })).toEqual({
      interface: 'Local/1010@agent-phones/n',
      stateInterface: 'SIP/1010',
      memberName: 'Agent 1004',
    });
  });

  it('rings the browser softphone and a mobile through agent-mobile', () => {
    expect(bindingForTarget(agent, { kind: 'internal' })).toEqual({
      interface: 'PJSIP/webrtc-1002',
      stateInterface: 'PJSIP/webrtc-1002',
      memberName: 'Agent 1002',
    });
    expect(bindingForTarget(agent, { kind: 'mobile', number: '+33612345678' })?.interface).toBe('Local/+33612345678@agent-mobile/n');
  });

  it('has no own line for a hot-desk agent without one, and no member for a number that is not digits', () => {
    expect(bindingForTarget(hotDesker, { kind: 'own-line' })).toBeUndefined();
    expect(bindingForTarget(agent, { kind: 'mobile', number: '06 12' })).toBeUndefined();
  });

  it.each(['0612345678', '+33612345678', '112'])('takes %s as a mobile number', (n) => {
    expect(isMobileNumber(n)).toBe(true);
  });
  it.each(['', '12', '06-12-34', '0612\r\nAction: Originate', '+', '1'.repeat(21), '061234567a'])('refuses %j as a mobile number', (n) => {
    expect(isMobileNumber(n)).toBe(false);
  });
});
