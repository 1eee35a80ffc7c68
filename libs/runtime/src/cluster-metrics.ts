import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry } from 'prom-client';

const REQUEST = 'portico:cluster-metrics';
const REPLY = 'portico:cluster-metrics-reply';

interface MetricsReply {
  type: typeof REPLY;
  id: string;
  body?: string;
  error?: string;
}

let askPrimary = false;
let aggregator: { clusterMetrics(): Promise<string> } | undefined;
const waiting = new Map<string, (reply: MetricsReply) => void>();

/**
 * Cluster primary: a worker asked for `/metrics` gets every worker's metrics merged by prom-client
 * (counters and histograms summed, process gauges per prom-client's aggregators), so whichever
 * worker the scrape lands on, Prometheus sees the whole process group.
 */
export function aggregateWorkerMetrics(): void {
  if (aggregator) return;
  const merged = new AggregatorRegistry();
  aggregator = merged;
  cluster.on('message', (worker, message: { type?: string; id?: string }) => {
    if (message?.type !== REQUEST) return;
    const reply = (fields: Partial<MetricsReply>) => {
      if (worker.isConnected()) worker.send({ type: REPLY, id: message.id, ...fields });
    };
    merged.clusterMetrics().then(
      (body) => reply({ body }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}

/** Cluster worker: `renderMetrics()` answers for the whole cluster, through the primary. */
export function metricsFromPrimary(): void {
  if (!cluster.isWorker || askPrimary) return;
  askPrimary = true;
  // Constructing it makes prom-client answer the primary's requests for this worker's metrics.
  new AggregatorRegistry();
  process.on('message', (message: Partial<MetricsReply>) => {
    if (message?.type === REPLY && message.id) waiting.get(message.id)?.(message as MetricsReply);
  });
}

export function metricsComeFromPrimary(): boolean {
  return askPrimary;
}

/**
 * Cluster primary: every worker's metrics merged, for an ops listener the primary serves itself;
 * undefined in any process that does not aggregate.
 */
export function aggregatedWorkerMetrics(): Promise<string> | undefined {
  return aggregator?.clusterMetrics();
}

export function clusterMetrics(timeoutMs = 6_000): Promise<string> {
  const id = randomUUID();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      reject(new Error('the cluster primary did not answer with metrics'));
    }, timeoutMs);
    waiting.set(id, (reply) => {
      clearTimeout(timer);
      waiting.delete(id);
      if (reply.error !== undefined) reject(new Error(reply.error));
      else resolve(reply.body ?? '');
    });
    process.send!({ type: REQUEST, id });
  });
}
