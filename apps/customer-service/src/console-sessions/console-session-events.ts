import { Injectable } from '@nestjs/common';
import { PorticoConsoleSessionsChanged } from '@portico/contracts';
import { EventPublisher } from '@portico/messaging';
import { newId } from '../common/new-id';

/** Tells every console instance to forget what it cached of an operator's sessions. */
@Injectable()
export class ConsoleSessionEvents {
  constructor(private readonly publisher: EventPublisher) {}

  async changed(organizationId: string, operatorId: string, sessionId?: string): Promise<void> {
    await this.publisher.publish(PorticoConsoleSessionsChanged, {
      id: newId('evt'),
      organization_id: organizationId,
      occurred_at: new Date().toISOString(),
      data: { operator_id: operatorId, ...(sessionId && { session_id: sessionId }) },
    });
  }
}
