import { AGENT, AT, metaOf } from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';

describe('Agent decider: disposition', () => {
  const dispose = (fields: { callId?: string; code?: string; note?: string } = {}) => ({
    type: 'DisposeCall' as const,
    commandId: 'd',
    agentId: AGENT,
    at: AT,
    via: 'desktop' as const,
    callId: fields.callId ?? '1795335069.14',
    code: fields.code ?? 'sale',
    ...(fields.note !== undefined ? { note: fields.note } : {}),
  });

  it('records the disposition of a call, whatever the agent’s queues', () => {
    given()
      .when(dispose({ note: 'upsell' }))
      .then([
        {
          type: 'CallDisposed',
          data: { agentId: AGENT, callId: '1795335069.14', code: 'sale', note: 'upsell', at: AT },
          metadata: metaOf('d'),
        },
      ]);
  });

  it('records the PBX the call is on when the command names it', () => {
    given()
      .when({ ...dispose(), pbxId: 'pbx2' })
      .then([
        {
          type: 'CallDisposed',
          data: { agentId: AGENT, callId: '1795335069.14', pbxId: 'pbx2', code: 'sale', at: AT },
          metadata: metaOf('d'),
        },
      ]);
  });

  it('leaves out a note that was not given', () => {
    given()
      .when(dispose())
      .then([
        {
          type: 'CallDisposed',
          data: { agentId: AGENT, callId: '1795335069.14', code: 'sale', at: AT },
          metadata: metaOf('d'),
        },
      ]);
  });

  it.each([
    ['a code', { code: '' }],
    ['a call id', { callId: ' ' }],
  ])('refuses a disposition without %s', (_what, fields) => {
    given().when(dispose(fields)).thenThrows('invalid_input');
  });
});
