import type { PbxAction } from '@switchboard/contracts';

/** The custom device a BLF key watches for one agent in one queue: Custom:agent-1001-helpdesk. */
export function blfDevice(agentId: string, queue: string): string {
  return `Custom:agent-${agentId}-${queue}`;
}

/** Sets the agent's queue key: lit (INUSE) while logged in, dark (NOT_INUSE) otherwise. */
export function blfAction(agentId: string, queue: string, loggedIn: boolean): PbxAction {
  return {
    action: 'Setvar',
    variable: `DEVICE_STATE(${blfDevice(agentId, queue)})`,
    value: loggedIn ? 'INUSE' : 'NOT_INUSE',
  };
}
