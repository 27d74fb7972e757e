import type { AgentCommand } from '@switchboard/contracts';
import { AGENT, AT, BINDING, metaOf, wasLoggedIn, wasLoggedOut, wasPaused } from '../testing/agent-fixtures';
import { given } from '../testing/given-when-then';
import {
  OTHER_INTERFACE,
  confirmed,
  flag,
  observe,
  wasConfirmed,
} from '../testing/membership-fixtures';

describe('Agent decider: the PBX confirms a decision', () => {
  it('records QueueMemberAdded of a logged-in session as confirmed', () => {
    given(wasLoggedIn('helpdesk'))
      .when(observe('helpdesk', 'present'))
      .then([confirmed('helpdesk', 'present')]);
  });

  it('records QueueMemberRemoved after a logout, and the pause of a paused session', () => {
    given(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'), wasLoggedOut('helpdesk'))
      .when(observe('helpdesk', 'absent'))
      .then([confirmed('helpdesk', 'absent')]);
    given(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'), wasPaused('helpdesk', 'Lunch'))
      .when(observe('helpdesk', 'present', true))
      .then([confirmed('helpdesk', 'present', true)]);
  });

  it('records a confirmation once: the same PBX event again changes nothing', () => {
    given(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'))
      .when(observe('helpdesk', 'present'))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'not-confirmed' }] });
  });

  it('does not confirm what the session does not want (left to reconciliation)', () => {
    given(wasLoggedIn('helpdesk')).when(observe('helpdesk', 'absent')).then([]);
    given(wasLoggedIn('helpdesk')).when(observe('helpdesk', 'present', true)).then([]);
    given().when(observe('helpdesk', 'present')).then([]);
    given(wasLoggedIn('helpdesk')).when(observe('helpdesk', 'present', false, OTHER_INTERFACE)).then([]);
  });

  it('refuses an observation without queue or interface', () => {
    given()
      .when({ ...observe('helpdesk', 'present'), queue: '' } as AgentCommand)
      .thenThrows('invalid_input');
    given().when(observe('helpdesk', 'present', false, ' ')).thenThrows('invalid_input');
  });
});

describe('Agent decider: a decision the PBX never confirmed is flagged', () => {
  it('flags the awaited membership with the attempts made', () => {
    given(wasLoggedIn('helpdesk'))
      .when(flag('helpdesk', 'present'))
      .then([
        {
          type: 'MembershipUnconfirmed',
          data: {
            agentId: AGENT,
            pbxId: 'pbx1',
            queue: 'helpdesk',
            interface: BINDING.interface,
            expected: { member: 'present', paused: false },
            attempts: 3,
            at: AT,
          },
          metadata: metaOf('flag'),
        },
      ]);
  });

  it('flags nothing once the PBX confirmed, or when a later decision replaced the awaited one', () => {
    given(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'))
      .when(flag('helpdesk', 'present'))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'confirmed' }] });
    given(wasLoggedIn('helpdesk'), wasLoggedOut('helpdesk'))
      .when(flag('helpdesk', 'present'))
      .then([]);
  });

  it('flags a logout the PBX never showed, even if it never showed the login either', () => {
    given(wasLoggedIn('helpdesk'), wasLoggedOut('helpdesk'))
      .when(flag('helpdesk', 'absent'))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'flagged' }] });
  });

  it('a forced logout still held by Asterisk is flagged (calls would still be delivered)', () => {
    given(wasLoggedIn('helpdesk'), wasConfirmed('helpdesk', 'present'), wasLoggedOut('helpdesk'))
      .when(flag('helpdesk', 'absent'))
      .thenOutcome({ outcomes: [{ queue: 'helpdesk', result: 'flagged' }] });
  });
});
