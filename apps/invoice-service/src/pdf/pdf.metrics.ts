import { Counter, Histogram } from 'prom-client';

/** What an operator watches of PDF production; served on the service's /metrics. */
export const pdfMetrics = {
  renders: new Counter({
    name: 'portico_pdf_renders_total',
    help: 'PDFs rendered by Chromium, by outcome (ok, error)',
    labelNames: ['outcome'] as const,
  }),
  renderSeconds: new Histogram({
    name: 'portico_pdf_render_seconds',
    help: 'Time to render one PDF, waiting for a Chromium page included',
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
  }),
  served: new Counter({
    name: 'portico_pdf_served_total',
    help: 'PDFs served, by source (caller: its own copy confirmed current; memory; database cache; render)',
    labelNames: ['source'] as const,
  }),
  browserStarts: new Counter({
    name: 'portico_pdf_browser_starts_total',
    help: 'Chromium launches: 1 at warm-up, each further one is a restart after a crash or a hang',
  }),
};
