// The image's HEALTHCHECK: readiness of whichever app APP runs. The gateway answers on PORT; the
// services have no HTTP API, only their ops listener on METRICS_PORT (0 = off: nothing to probe,
// so the check passes rather than marking a healthy service unhealthy).
const port = process.env.APP === 'gateway' ? process.env.PORT || '3000' : process.env.METRICS_PORT;
if (!port || port === '0') process.exit(0);
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(4000) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
