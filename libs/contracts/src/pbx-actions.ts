/**
 * PBX actions: what other services ask the gateway to do on a PBX. One variant per AMI action
 * we use; the gateway encodes them (refusing CR/LF/NUL) and returns Asterisk's response.
 */
export type PbxAction =
  | {
      readonly action: 'QueueAdd';
      readonly queue: string;
      readonly interface: string;
      readonly memberName: string;
      readonly stateInterface: string;
      readonly paused: boolean;
      readonly reason?: string;
      readonly penalty?: number;
    }
  | { readonly action: 'QueueRemove'; readonly queue: string; readonly interface: string }
  | {
      readonly action: 'QueuePause';
      /** Omitted: the member is paused in every queue (AMI semantics). */
      readonly queue?: string;
      readonly interface: string;
      readonly paused: boolean;
      readonly reason?: string;
    }
  | { readonly action: 'QueueStatus'; readonly queue?: string; readonly member?: string }
  | {
      readonly action: 'Redirect';
      readonly channel: string;
      readonly context: string;
      readonly exten: string;
      readonly priority: number;
    }
  | { readonly action: 'Setvar'; readonly channel?: string; readonly variable: string; readonly value: string }
  | {
      readonly action: 'QueueLog';
      readonly queue: string;
      readonly event: string;
      readonly interface?: string;
      readonly uniqueId?: string;
      readonly message?: string;
    }
  | {
      readonly action: 'Originate';
      readonly channel: string;
      readonly context?: string;
      readonly exten?: string;
      readonly priority?: number;
      readonly application?: string;
      readonly data?: string;
      readonly callerId?: string;
      readonly timeoutMs?: number;
      readonly variables?: Readonly<Record<string, string>>;
    }
  /**
   * app_agent_pool's AgentLogoff: ends the agent's AgentLogin() call, so the pool stops giving it
   * calls. `soft`: wait for the current call to end instead of hanging it up.
   */
  | { readonly action: 'AgentLogoff'; readonly agent: string; readonly soft?: boolean }
  /** app_agent_pool's Agents: a list (one `Agents` event per agent of agents.conf, then AgentsComplete). */
  | { readonly action: 'Agents' }
  | { readonly action: 'Ping' };

export type PbxActionName = PbxAction['action'];

export interface PbxActionRequest {
  readonly pbxId: string;
  readonly action: PbxAction;
  readonly correlationId?: string;
}

/** Asterisk's answer, as it gave it. `items` holds the events of a list response. */
export interface PbxActionReply {
  readonly ok: boolean;
  readonly response: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly items?: ReadonlyArray<Readonly<Record<string, string>>>;
  /** Set when the gateway could not get an answer from Asterisk at all. */
  readonly error?: { readonly code: PbxActionErrorCode; readonly message: string };
}

export type PbxActionErrorCode =
  | 'invalid_action'
  | 'not_connected'
  | 'timeout'
  | 'no_owner'
  | 'unknown_pbx';
