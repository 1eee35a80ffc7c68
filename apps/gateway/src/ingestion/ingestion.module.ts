import { Module } from '@nestjs/common';
import { EventIngestor } from './event-ingestor';

@Module({ providers: [EventIngestor], exports: [EventIngestor] })
export class IngestionModule {}
