import { Module } from '@nestjs/common';
import { GatewayService } from './gateway.service';

/** The AMI gateway: PBX events onto the bus, PBX actions from the bus. Needs PlatformModule. */
@Module({ providers: [GatewayService], exports: [GatewayService] })
export class GatewayModule {}
