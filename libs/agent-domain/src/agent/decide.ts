import { assertNever, type AgentCommand } from '@switchboard/contracts';
import type { AgentState } from './agent-state';
import { decideDisposeCall } from './decide-dispose-call';
import { decidePause, decideUnpause } from './decide-pause';
import { decideQueueLogin } from './decide-queue-login';
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
    case 'DisposeCall':
      return decideDisposeCall(command);
    default:
      return assertNever(command, 'agent command');
  }
}
