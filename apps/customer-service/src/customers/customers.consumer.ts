import { Controller } from '@nestjs/common';
import {
  CustomerCreated,
  CustomerUpdated,
  type EventData,
  type EventEnvelope,
} from '@portico/contracts';
import { HandleEvent, type EventContext } from '@portico/messaging';
import { Ctx, Payload } from '@nestjs/microservices';
import { CustomersService } from './customers.service';

/** Customers from upstream billing systems, via `billing.events`. */
@Controller()
export class CustomersConsumer {
  constructor(private readonly customers: CustomersService) {}

  @HandleEvent(CustomerCreated)
  created(
    @Payload() event: EventEnvelope<EventData<typeof CustomerCreated>>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    return this.apply(event, context);
  }

  // Created and updated carry the same state; "newer wins" makes their order irrelevant.
  @HandleEvent(CustomerUpdated)
  updated(
    @Payload() event: EventEnvelope<EventData<typeof CustomerUpdated>>,
    @Ctx() context: EventContext,
  ): Promise<void> {
    return this.apply(event, context);
  }

  private apply(
    event: EventEnvelope<EventData<typeof CustomerCreated>>,
    context: EventContext,
  ): Promise<void> {
    // Seen before (redelivered or retried): the service republishes its change event.
    return this.customers.applyUpstream(
      event.organization_id,
      event.data,
      context.redelivered || context.attempt > 1,
    );
  }
}
