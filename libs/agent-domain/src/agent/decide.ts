import { assertNever, type AgentCommand } from '@switchboard/contracts';
import type { AgentState } from './agent-state';
import { decideAgentPoolLogin, decideAgentPoolLogoff, decideAgentPoolResync } from './decide-agent-pool';
import { decideDisposeCall } from './decide-dispose-call';
import { decideLogOutEverywhere } from './decide-log-out-everywhere';
import { decideFlagUnconfirmed, decideRecordPbxMembership } from './decide-pbx-membership';
import { decideEndExpiredPauses, decidePause, decideUnpause } from './decide-pause';
import { decideQueueCallOffer } from './decide-queue-call-offer';
import { decideQueueLogin } from './decide-queue-login';
import { decideReconcile } from './decide-reconcile';
import { decideReleaseDeferred } from './decide-release-deferred';
import type { Decision } from './decision';
import { validateCommonFields } from './validate-command';

/**
 * decide(command, state) → decision. Pure: time and ids come in on the command, the state is
 * folded from the agent's stream. Throws AgentDomainError (stable code) for a command it refuses.
 */
export function decide(command: AgentCommand, state: AgentState): Decision {
  validateCommonFields(command, state);
  switch (command.type) {
    case 'ChangeQueueLogin':
      return decideQueueLogin(command, state);
    case 'Pause':
      return decidePause(command, state);
    case 'Unpause':
      return decideUnpause(command, state);
    case 'EndExpiredPauses':
      return decideEndExpiredPauses(command, state);
    case 'RecordQueueCallOffer':
      return decideQueueCallOffer(command, state);
    case 'ReleaseDeferred':
      return decideReleaseDeferred(command, state);
    case 'DisposeCall':
      return decideDisposeCall(command);
    case 'LogOutEverywhere':
      return decideLogOutEverywhere(command, state);
    case 'RecordPbxMembership':
      return decideRecordPbxMembership(command, state);
    case 'FlagUnconfirmed':
      return decideFlagUnconfirmed(command, state);
    case 'Reconcile':
      return decideReconcile(command, state);
    case 'RecordAgentPoolLogin':
      return decideAgentPoolLogin(command, state);
    case 'RecordAgentPoolLogoff':
      return decideAgentPoolLogoff(command, state);
    case 'ResyncAgentPool':
      return decideAgentPoolResync(command, state);
    default:
      return assertNever(command, 'agent command');
  }
}
