import { Logger } from '@nestjs/common';
import { aggregateWorkerMetrics } from '@portico/runtime';
import cluster, { type Worker } from 'node:cluster';
import { SHUTDOWN_MESSAGE } from './worker-shutdown';

export interface PrimaryOptions {
  workers: number;
  /** How long the workers get to finish in-flight work after SIGTERM before they are killed. */
  shutdownTimeoutMs: number;
}

const RESTART_DELAY_MS = 1_000;

/**
 * The cluster primary serves no HTTP API itself (only the ops listener, when METRICS_PORT is
 * set: see main.ts). It forks the workers (each a whole gateway on the
 * shared port — node:cluster hands connections out round-robin), merges their metrics, replaces a
 * worker that dies after it started listening, and on SIGTERM/SIGINT asks every worker to drain
 * and exits when all have (0 if all closed cleanly). A second signal kills them at once.
 *
 * A worker that dies before it ever listened is a start-up failure (broker away, port taken): the
 * primary stops everything and exits 1 rather than fork in a loop, as a single gateway would.
 */
export interface GatewayPrimary {
  /** Workers that are serving HTTP now (the ops listener's readiness). */
  listeningWorkers(): number;
}

export function runGatewayPrimary(options: PrimaryOptions): GatewayPrimary {
  const logger = new Logger('GatewayPrimary');
  const live = new Set<Worker>();
  const listening = new WeakSet<Worker>();
  let stopping = false;
  let exitCode = 0;

  const fork = () => live.add(cluster.fork());
  const stop = (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${reason}: draining ${live.size} worker(s)`);
    if (live.size === 0) process.exit(exitCode);
    for (const worker of live) {
      if (worker.isConnected()) worker.send(SHUTDOWN_MESSAGE);
      else worker.process.kill('SIGTERM');
    }
    // Past the workers' own shutdown budget something hangs: do not hang the orchestrator too.
    setTimeout(() => {
      logger.error('workers did not finish in time: killing them');
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.shutdownTimeoutMs + 5_000).unref();
  };

  aggregateWorkerMetrics();
  cluster.on('listening', (worker) => listening.add(worker));
  cluster.on('exit', (worker, code, signal) => {
    live.delete(worker);
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (stopping) {
      if (code !== 0) exitCode = 1;
      if (live.size === 0) process.exit(exitCode);
    } else if (!listening.has(worker)) {
      logger.error(`worker ${worker.process.pid} exited (${how}) before it listened: stopping`);
      exitCode = 1;
      stop('a worker failed to start');
    } else {
      logger.warn(`worker ${worker.process.pid} exited (${how}); starting another`);
      setTimeout(() => stopping || fork(), RESTART_DELAY_MS).unref();
    }
  });
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      for (const worker of live) worker.process.kill('SIGKILL');
      process.exit(130);
    }
    stop(`${signal} received`);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  logger.log(`starting ${options.workers} gateway workers`);
  for (let i = 0; i < options.workers; i++) fork();
  return { listeningWorkers: () => [...live].filter((worker) => listening.has(worker)).length };
}
