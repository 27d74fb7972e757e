import { Inject, Injectable } from '@nestjs/common';
import { NoRespondersError, RequestTimeoutError, type Bus } from '@switchboard/bus';
import {
  subjects,
  type PbxAction,
  type PbxActionReply,
  type PbxActionRequest,
} from '@switchboard/contracts';
import { APP_CONFIG, BUS, type AppConfig } from '@switchboard/platform';

/** Asks the gateway that owns a PBX to run an action. Agent-session never speaks AMI itself. */
@Injectable()
export class PbxClient {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(pbxId: string, action: PbxAction, correlationId?: string): Promise<PbxActionReply> {
    const request: PbxActionRequest = { pbxId, action, correlationId };
    try {
      // The gateway answers within its own AMI timeout; allow for the bus hop on top.
      return await this.bus.request<PbxActionRequest, PbxActionReply>(
        subjects.pbxAction(pbxId),
        request,
        this.config.actionTimeoutMs + 1000,
      );
    } catch (error) {
      if (error instanceof NoRespondersError) return failed('no_owner', `No gateway serves PBX ${pbxId}`);
      if (error instanceof RequestTimeoutError) return failed('timeout', error.message);
      throw error;
    }
  }
}

function failed(code: 'no_owner' | 'timeout', message: string): PbxActionReply {
  return { ok: false, response: 'Error', message, fields: {}, error: { code, message } };
}
