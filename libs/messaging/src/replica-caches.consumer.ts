import { Controller, Inject, type Type } from '@nestjs/common';
import type { EventContract, EventData, EventEnvelope } from '@portico/contracts';
import { HandleEvent } from './handler.decorators';
import { ReplicaCaches } from './replica-caches';

/** One change announcement, and the tags it makes stale in every replica cache of the instance. */
export interface ForgetOn {
  readonly event: EventContract;
  readonly tags: (event: EventEnvelope<never>) => readonly string[];
}

/** `tags` names what `event` makes stale (e.g. the organization of `portico.organization.changed`). */
export function forgetOn<C extends EventContract>(
  event: C,
  tags: (event: EventEnvelope<EventData<C>>) => readonly string[],
): ForgetOn {
  return { event, tags: tags as ForgetOn['tags'] };
}

/**
 * The controller through which an app instance's replica caches hear the announcements listed:
 * every instance gets its own copy of each (a per-instance queue, best effort) and invalidates
 * the tags it names in all of ReplicaCaches. List the class under a module's controllers; an
 * app may list several (one per feature), each with its own announcements.
 */
export function replicaCachesConsumer(...rules: readonly ForgetOn[]): Type<unknown> {
  @Controller()
  class ReplicaCachesConsumer {
    constructor(@Inject(ReplicaCaches) readonly caches: ReplicaCaches) {}
  }
  const byType = new Map<string, ForgetOn[]>();
  for (const rule of rules)
    byType.set(rule.event.type, [...(byType.get(rule.event.type) ?? []), rule]);
  for (const [type, same] of byType) {
    const forget = function (this: ReplicaCachesConsumer, event: EventEnvelope<never>) {
      this.caches.invalidate(...same.flatMap((rule) => rule.tags(event)));
      return Promise.resolve();
    };
    const descriptor = { value: forget, writable: true, configurable: true, enumerable: false };
    HandleEvent(same[0]!.event, { scope: 'instance' })(
      ReplicaCachesConsumer.prototype,
      type,
      descriptor,
    );
    Object.defineProperty(ReplicaCachesConsumer.prototype, type, descriptor);
  }
  return ReplicaCachesConsumer;
}
