import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import { mayActOnAgent, type Principal } from './principal';

/** 403 forbidden unless the caller is this agent, or a supervisor or admin. */
export function assertMayActOnAgent(principal: Principal, agentId: string): void {
  if (!mayActOnAgent(principal, agentId))
    throw new ApiError('forbidden', `agent ${principal.agentId ?? principal.subject} may act only on itself`, HttpStatus.FORBIDDEN);
}
