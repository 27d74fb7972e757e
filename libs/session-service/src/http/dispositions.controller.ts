import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import type { Directory } from '@switchboard/agent-domain';
import { AMI_SAFE_TEXT, ApiBodyFrom, ApiError, CurrentPrincipal, assertMayActOnAgent, parseInput, type Principal } from '@switchboard/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AgentCommandService } from '../commands/agent-command.service';
import { DIRECTORY } from '../tokens';

const text = (max: number) => z.string().trim().min(1).max(max).regex(AMI_SAFE_TEXT, 'must not contain CR, LF or NUL');
const dispositionBody = z
  .object({
    // Asterisk's Linkedid: up to 150 characters (AST_MAX_UNIQUEID, with a systemname prefix).
    callId: text(150),
    agentId: text(64),
    code: text(64),
    note: z.string().max(2000).optional(),
  })
  .strict();

@Controller('api/dispositions')
export class DispositionsController {
  constructor(
    @Inject(DIRECTORY) private readonly directory: Directory,
    private readonly commands: AgentCommandService,
  ) {}

  /** The agent disposed a call in the desktop: recorded on the agent's stream; reporting then
   *  attributes the call to the agent. An agent disposes its own calls, a supervisor anyone's. */
  @Post()
  @ApiBodyFrom(dispositionBody)
  @HttpCode(HttpStatus.CREATED)
  async dispose(@Body() body: unknown, @CurrentPrincipal() principal: Principal): Promise<{ callId: string; agentId: string; code: string; at: string }> {
    const input = parseInput(dispositionBody, body);
    assertMayActOnAgent(principal, input.agentId);
    if (!this.directory.agents.some((a) => a.id === input.agentId)) {
      throw new ApiError('not_found', `agent ${input.agentId} is not in the directory`, HttpStatus.NOT_FOUND);
    }
    const at = new Date().toISOString();
    await this.commands.execute({
      type: 'DisposeCall',
      commandId: randomUUID(),
      agentId: input.agentId,
      at,
      via: 'desktop',
      callId: input.callId,
      // One PBX per directory: the call is on it.
      pbxId: this.directory.pbxId,
      code: input.code,
      note: input.note,
    });
    return { callId: input.callId, agentId: input.agentId, code: input.code, at };
  }
}
