import { Module } from '@nestjs/common';
import { HealthRpcHandler } from './health.rpc-handler';

@Module({ controllers: [HealthRpcHandler] })
export class HealthModule {}
