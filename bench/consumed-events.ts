import { waitFor } from '@portico/testing';

/** The samples of a counter for one service and event type, as `labels value` lines. */
function counterLines(metrics: string, counter: string, service: string, type: string): string[] {
  return metrics
    .split('\n')
    .filter(
      (l) =>
        l.startsWith(`${counter}{`) &&
        l.includes(`service="${service}"`) &&
        l.includes(`type="${type}"`),
    );
}

function sum(lines: string[]): number {
  return lines.reduce((total, line) => total + Number(line.split(' ').at(-1)), 0);
}

/**
 * Waits until a service has handled and acked `expected` events of a type, by its own /metrics counter
 * (`portico_events_consumed_total`, counted after the ack, and the ack after the write). Polling
 * it costs the service one metrics rendering per poll (~1 ms) — unlike counting documents, which
 * on FerretDB scans the collection (14 s at 50,000) and competes with the writes it measures.
 */
export async function waitForConsumed(
  opsUrl: string,
  service: string,
  type: string,
  expected: number,
  timeoutMs = 600_000,
): Promise<void> {
  const outcome = await waitFor(
    `${expected} ${type} events acked by ${service}`,
    async () => {
      const metrics = await (await fetch(`${opsUrl}/metrics`)).text();
      const deadLettered = counterLines(
        metrics,
        'portico_events_dead_lettered_total',
        service,
        type,
      );
      // A dead-lettered event is never counted as consumed: waiting on would only time out.
      if (deadLettered.length > 0) return { deadLettered };
      const consumed = sum(counterLines(metrics, 'portico_events_consumed_total', service, type));
      return consumed >= expected ? { deadLettered: [] } : undefined;
    },
    { timeoutMs, intervalMs: 100 },
  );
  if (outcome.deadLettered.length > 0) {
    throw new Error(
      `${type} events dead-lettered by ${service}: ${outcome.deadLettered.join('; ')}`,
    );
  }
}
