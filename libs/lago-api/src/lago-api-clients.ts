import type { FactoryProvider, InjectionToken, OnApplicationShutdown } from '@nestjs/common';
import type { LagoApiAccess } from '@portico/contracts';
import { OutboundGuard, type AllowList } from '@portico/outbound';
import { lagoClientFor, type LagoClient } from './lago-api-client';

export interface LagoApiClientsOptions {
  /** Each call's budget, connect to last byte read. */
  timeoutMs: number;
  /** Internal hosts a Lago API may be on (OUTBOUND_ALLOWED_HOSTS); public ones always. */
  allowList: AllowList;
  /** Plain http accepted (a self-hosted Lago on its network, a test's fake Lago). */
  allowHttp: boolean;
  /** Sockets kept open per Lago host (the guard's default when not given). */
  maxSockets?: number;
}

/**
 * Lago's official client for any organization's Lago API, every request through one outbound
 * guard: the operator chose the URL, so it is reached only if public or allow-listed, and each
 * call is bounded in time. Nest closes the guard's sockets at shutdown.
 */
export class LagoApiClients implements OnApplicationShutdown {
  private readonly guard: OutboundGuard;
  private readonly timeoutMs: number;

  constructor({ timeoutMs, allowList, allowHttp, maxSockets }: LagoApiClientsOptions) {
    this.timeoutMs = timeoutMs;
    this.guard = new OutboundGuard({ allowList, allowHttp, maxSockets });
  }

  for(access: LagoApiAccess): LagoClient {
    return lagoClientFor(access, this.guard, { timeoutMs: this.timeoutMs });
  }

  onApplicationShutdown(): void {
    this.guard.close();
  }
}

/** A module's LagoApiClients, its options read from the app's config (injected by `config`). */
export function lagoApiClientsProvider<C>(
  config: InjectionToken,
  optionsOf: (config: C) => LagoApiClientsOptions,
): FactoryProvider<LagoApiClients> {
  return {
    provide: LagoApiClients,
    inject: [config],
    useFactory: (loaded: C) => new LagoApiClients(optionsOf(loaded)),
  };
}
