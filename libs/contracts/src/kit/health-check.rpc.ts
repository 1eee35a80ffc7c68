import { z } from 'zod';
import { defineRpc } from './rpc-contract';
import type { ServiceName } from './service-name';

const dependencyStatus = z.object({
  status: z.enum(['up', 'down']),
  message: z.string().optional(),
});

export const healthCheckResponseSchema = z.object({
  service: z.string(),
  status: z.enum(['up', 'down']),
  dependencies: z.record(z.string(), dependencyStatus),
});

const contracts = new Map<ServiceName, ReturnType<typeof build>>();

function build(service: ServiceName) {
  return defineRpc({
    name: `${service}.health.check.v1`,
    service,
    request: z.object({}),
    response: healthCheckResponseSchema,
  });
}

/** Every service answers this so the gateway's readiness probe can see it and its database. */
export function healthCheckRpc(service: ServiceName) {
  let contract = contracts.get(service);
  if (!contract) {
    contract = build(service);
    contracts.set(service, contract);
  }
  return contract;
}
