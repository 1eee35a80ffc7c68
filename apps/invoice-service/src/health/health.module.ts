import { Module } from '@nestjs/common';
import { HealthRpcHandler } from './health.rpc-handler';

@Module({ providers: [HealthRpcHandler] })
export class HealthModule {}
