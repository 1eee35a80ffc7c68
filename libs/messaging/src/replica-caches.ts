import { Injectable } from '@nestjs/common';
import { AmqpConnection } from './amqp-connection';
import { ReplicaCache, type ReplicaCacheOptions } from './replica-cache';

/**
 * Every replica cache of an app instance, so that one call invalidates a tag everywhere: the
 * instance's change-announcement consumer calls it for each announcement, and a controller calls
 * it after its own write (read-your-writes before the announcement comes back). After a broker
 * reconnect announcements may have been missed, so every cache is cleared.
 */
@Injectable()
export class ReplicaCaches {
  private readonly caches: ReplicaCache<never>[] = [];

  constructor(connection: AmqpConnection) {
    connection.on('connected', () => this.clear());
  }

  create<V extends object | string | number | boolean>(
    options: ReplicaCacheOptions<V>,
  ): ReplicaCache<V> {
    const cache = new ReplicaCache<V>(options);
    this.caches.push(cache as unknown as ReplicaCache<never>);
    return cache;
  }

  invalidate(...tags: string[]): void {
    for (const cache of this.caches) for (const tag of tags) cache.invalidate(tag);
  }

  clear(): void {
    for (const cache of this.caches) cache.clear();
  }
}
