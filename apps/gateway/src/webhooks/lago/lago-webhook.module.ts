import { Module } from '@nestjs/common';
import { IngestionModule } from '../../ingestion/ingestion.module';
import { LagoWebhookController } from './lago-webhook.controller';
import { LagoWebhookKeysConsumer } from './lago-webhook-keys.consumer';
import { LagoWebhookKeySource } from './lago-webhook-keys';

@Module({
  imports: [IngestionModule],
  controllers: [LagoWebhookController, LagoWebhookKeysConsumer],
  providers: [LagoWebhookKeySource],
  exports: [LagoWebhookKeySource],
})
export class LagoWebhookModule {}
