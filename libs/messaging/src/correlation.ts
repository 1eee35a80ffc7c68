import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<string>();

/**
 * The correlation id of the work in progress: an HTTP request's id at the gateway, the
 * `x-correlation-id` header of an RPC or event in a service. RPCs and events sent while handling
 * it carry it on, and log lines name it, so one id follows a request from the gateway through
 * RabbitMQ into the service that answered it.
 */
export const correlation = {
  run<T>(id: string | undefined, work: () => T): T {
    return id ? storage.run(id, work) : work();
  },
  current(): string | undefined {
    return storage.getStore();
  },
};
