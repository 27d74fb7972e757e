import type { MemberBinding, RequestChannel } from './agent-events';

/** Whether a login number toggles, or forces one direction (number + 1, number + 0). */
export type LoginMode = 'toggle' | 'login' | 'logout';

interface CommandBase {
  readonly commandId: string;
  readonly agentId: string;
  /** Time of the request; deciders never read a clock. */
  readonly at: string;
  readonly via: RequestChannel;
  readonly correlationId?: string;
}

export type AgentCommand =
  | (CommandBase & {
      readonly type: 'ChangeQueueLogin';
      readonly pbxId: string;
      readonly mode: LoginMode;
      /** The queues the login number covers (one queue, or all the agent's queues). */
      readonly queues: readonly string[];
      readonly binding: MemberBinding;
    })
  | (CommandBase & {
      readonly type: 'Pause';
      readonly queues?: readonly string[];
      readonly reason: string;
    })
  | (CommandBase & { readonly type: 'Unpause'; readonly queues?: readonly string[] })
  | (CommandBase & {
      readonly type: 'DisposeCall';
      readonly callId: string;
      readonly code: string;
      readonly note?: string;
    });

export type AgentCommandType = AgentCommand['type'];
