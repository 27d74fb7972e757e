import { Injectable, Logger } from '@nestjs/common';
import { extensionOf, type PhoneEntry } from '@switchboard/agent-domain';
import { PbxClient } from '../pbx/pbx-client';

/** The custom device that tells whether someone is logged in on a shared phone. */
export function phoneUserDevice(phone: PhoneEntry): string {
  return `Custom:phone-${extensionOf(phone.line)}-user`;
}

/**
 * Keeps a shared phone's user device state in step: INUSE while an agent is logged in on it,
 * NOT_INUSE after the logoff, so the phone (a hint on the device: infra/asterisk) shows no user.
 * Set through the gateway with Setvar DEVICE_STATE(...), the AMI way to drive a Custom device.
 */
@Injectable()
export class PhoneUserState {
  private readonly logger = new Logger(PhoneUserState.name);

  constructor(private readonly pbx: PbxClient) {}

  async show(pbxId: string, phone: PhoneEntry, occupied: boolean, correlationId?: string): Promise<boolean> {
    const device = phoneUserDevice(phone);
    const reply = await this.pbx.execute(
      pbxId,
      { action: 'Setvar', variable: `DEVICE_STATE(${device})`, value: occupied ? 'INUSE' : 'NOT_INUSE' },
      correlationId,
    );
    if (!reply.ok) this.logger.warn(`device state of ${device} not set: ${reply.message}`);
    return reply.ok;
  }
}
