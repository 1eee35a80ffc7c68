import { waitFor } from '@portico/testing';

/**
 * How many events of a type a service has handled and acked, from its own /metrics counter
 * (`portico_events_consumed_total`, counted after the ack, and the ack after the write). Polling
 * it costs the service one metrics rendering per poll (~1 ms) — unlike counting documents, which
 * on FerretDB scans the collection (14 s at 50,000) and competes with the writes it measures.
 */
export async function consumedEvents(
  opsUrl: string,
  service: string,
  type: string,
): Promise<number> {
  const text = await (await fetch(`${opsUrl}/metrics`)).text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('portico_events_consumed_total{') &&
        l.includes(`service="${service}"`) &&
        l.includes(`type="${type}"`),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
}

export async function waitForConsumed(
  opsUrl: string,
  service: string,
  type: string,
  expected: number,
  timeoutMs = 600_000,
): Promise<void> {
  await waitFor(
    `${expected} ${type} events acked by ${service}`,
    async () => (await consumedEvents(opsUrl, service, type)) >= expected,
    { timeoutMs, intervalMs: 100 },
  );
}
