import autocannon from 'autocannon';
import { createRequire } from 'node:module';

/**
 * autocannon appends every response body to a string (for `expectBody`/`verifyBody`, which these
 * benches do not use). For a 100 KB PDF that UTF-8 decoding was 68% of the load generator's CPU
 * (0.65 ms per download, more than the gateway's 0.56 ms) on a machine where the generator shares
 * the two cores with the system under test. The bodies are dropped instead; bytes are still
 * counted. If autocannon's internals move, this fails loudly rather than silently measuring less.
 */
const queue = createRequire(__filename)('autocannon/lib/pipelinedRequestsQueue') as {
  prototype: { addBody?: (data: Buffer) => void };
};
if (typeof queue.prototype.addBody !== 'function') {
  throw new Error('autocannon no longer has PipelinedRequestsQueue#addBody: revisit http-load.ts');
}
queue.prototype.addBody = () => undefined;

export interface Measured {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** autocannon over `paths` in turn, with p95 computed from every response time. */
export async function load(
  url: string,
  headers: Record<string, string>,
  paths: string[],
  { connections, duration }: { connections: number; duration: number },
): Promise<Measured> {
  const times: number[] = [];
  let next = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url,
        connections,
        duration,
        headers,
        requests: [
          { setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  // autocannon reports p97.5 and p99, not p95: keep every response time to compute it exactly.
  instance!.on(
    'response',
    (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
    },
  );
  const result = await finished;
  times.sort((a, b) => a - b);
  return {
    requestsPerSecond: result.requests.average,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
