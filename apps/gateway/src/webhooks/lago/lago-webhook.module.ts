import { Module } from '@nestjs/common';
import { IngestionModule } from '../../ingestion/ingestion.module';
import { LagoWebhookController } from './lago-webhook.controller';
import { LagoWebhookKeySource } from './lago-webhook-keys';

@Module({
  imports: [IngestionModule],
  controllers: [LagoWebhookController],
  providers: [LagoWebhookKeySource],
})
export class LagoWebhookModule {}
