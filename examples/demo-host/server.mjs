// A stand-in for an operator's product: a "Billing" settings page that embeds the Portico portal
// from another origin, the way a SaaS company would. It plays the operator's backend too: the API
// key stays here, and the browser only ever receives short-lived portal URLs.
//   PORTICO_API_KEY=ptk_… PORTICO_URL=http://localhost:3000 node examples/demo-host/server.mjs
// DEMO_HOST_PORT (default 4000) and DEMO_HOST_BIND (default 127.0.0.1) choose where it listens.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const porticoUrl = (process.env.PORTICO_URL || 'http://localhost:3000').replace(/\/$/, '');
const apiKey = process.env.PORTICO_API_KEY;
const port = Number(process.env.DEMO_HOST_PORT || 4000);
const bind = process.env.DEMO_HOST_BIND || '127.0.0.1';
if (!apiKey) {
  console.error('PORTICO_API_KEY is required (npm start prints the demo key)');
  process.exit(2);
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language' });

async function portico(path) {
  const response = await fetch(`${porticoUrl}${path}`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(`Portico answered ${response.status} for ${path}`);
    error.status = response.status;
    throw error;
  }
  return body;
}

/** Oldest first: the order the operator created them in. */
async function listCustomers() {
  const { customers } = await portico('/api/v1/customers?per_page=100');
  return customers.reverse();
}

async function mintPortalUrl(externalId) {
  const { customer } = await portico(
    `/api/v1/customers/${encodeURIComponent(externalId)}/portal_url`,
  );
  return customer.portal_url;
}

const escapeHtml = (value) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
  );
/** JSON inside a <script>: no "</script>" can close it early. */
const scriptJson = (value) => JSON.stringify(value).replace(/</g, '\\u003c');

function languageOf(customer) {
  const code = customer.billing_configuration?.document_locale;
  return code ? `${LANGUAGE_NAMES.of(code)} (${code})` : 'organization default';
}

function billingPage({ customers, current, portalUrl, nonce }) {
  const portalOrigin = new URL(portalUrl).origin;
  const options = customers
    .map(
      (c) =>
        `<option value="${escapeHtml(c.external_id)}"${c.external_id === current.external_id ? ' selected' : ''}>${escapeHtml(c.name ?? c.external_id)} — ${escapeHtml(languageOf(c))}</option>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Billing · Settings · Lumen Analytics</title>
<style nonce="${nonce}">
  :root { --ink: #1d2433; --muted: #5b6478; --line: #e4e7ee; --bg: #f6f7fb; --accent: #4f46e5; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
  header { display: flex; align-items: center; gap: 12px; padding: 12px 24px; background: #fff; border-bottom: 1px solid var(--line); }
  .logo { width: 28px; height: 28px; border-radius: 8px; background: linear-gradient(135deg, #4f46e5, #06b6d4); }
  header strong { font-size: 16px; }
  header .user { margin-inline-start: auto; color: var(--muted); font-size: 14px; }
  .layout { display: grid; grid-template-columns: 220px 1fr; max-width: 1200px; margin: 0 auto; }
  nav.settings { padding: 24px 16px; }
  nav.settings h2 { font-size: 12px; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 0 0 8px 8px; }
  nav.settings a { display: block; padding: 7px 8px; border-radius: 6px; color: var(--ink); text-decoration: none; }
  nav.settings a[aria-current="page"] { background: #e9e8fd; color: var(--accent); font-weight: 600; }
  main { padding: 24px; min-width: 0; }
  h1 { font-size: 24px; margin: 0 0 4px; }
  .lead { color: var(--muted); margin: 0 0 20px; }
  .card h2 { font-size: 18px; margin: 0 0 12px; }
  .card { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 20px; margin-bottom: 20px; }
  .plan { display: flex; flex-wrap: wrap; gap: 24px; align-items: center; }
  .plan b { display: block; font-size: 18px; }
  .plan span { color: var(--muted); font-size: 13px; }
  form.switcher { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin-bottom: 16px; }
  select, button { font: inherit; padding: 6px 10px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
  .note { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
  @media (max-width: 720px) { .layout { grid-template-columns: 1fr; } nav.settings { display: none; } main { padding: 12px; } .card { padding: 12px; } }
</style>
</head>
<body data-portal-refreshes="0">
<header><span class="logo" aria-hidden="true"></span><strong>Lumen Analytics</strong><span class="user">Demo workspace</span></header>
<div class="layout">
  <nav class="settings" aria-label="Settings">
    <h2>Settings</h2>
    <a href="#">Profile</a><a href="#">Team</a><a href="#">Integrations</a>
    <a href="/" aria-current="page">Billing</a><a href="#">Security</a>
  </nav>
  <main>
    <h1>Billing</h1>
    <p class="lead">Your plan, payment status and every invoice we have sent you.</p>
    <section class="card plan" aria-label="Current plan">
      <div><b>Growth plan</b><span>Renews on the 1st of each month</span></div>
      <div><b>12 seats</b><span>3 available</span></div>
      <div><b>Card •••• 4242</b><span>Expires 08/28</span></div>
    </section>
    <section class="card" aria-labelledby="invoices-heading">
      <h2 id="invoices-heading">Invoices</h2>
      <form class="switcher" method="get" action="/">
        <label for="customer">Signed in as customer</label>
        <select id="customer" name="customer">${options}</select>
        <button type="submit">Switch</button>
      </form>
      <div id="portico-portal" data-customer="${escapeHtml(current.external_id)}"></div>
      <p class="note">Embedded from <code>${escapeHtml(portalOrigin)}</code> with <code>/embed.js</code>; this page never sees the Portico API key.</p>
    </section>
  </main>
</div>
<script src="${escapeHtml(portalOrigin)}/embed.js"></script>
<script nonce="${nonce}">
  (function () {
    var customer = ${scriptJson(current.external_id)};
    document.getElementById('customer').addEventListener('change', function (event) {
      event.target.form.submit();
    });
    window.porticoDemo = Portico.mount('#portico-portal', {
      url: ${scriptJson(portalUrl)},
      title: 'Invoices',
      onExpired: function () {
        return fetch('/portal-url?customer=' + encodeURIComponent(customer))
          .then(function (response) { return response.json(); })
          .then(function (body) {
            document.body.dataset.portalRefreshes = String(Number(document.body.dataset.portalRefreshes) + 1);
            return body.url;
          });
      },
    });
  })();
</script>
</body>
</html>
`;
}

function send(response, status, body, headers = {}) {
  response.writeHead(status, { 'cache-control': 'no-store', ...headers });
  response.end(body);
}

async function handle(request, response) {
  const url = new URL(request.url, `http://${request.headers.host ?? 'localhost'}`);
  if (request.method !== 'GET') return send(response, 405, 'method not allowed');
  // A real backend mints a URL for the signed-in user's own customer only; the demo lets you pick.
  if (url.pathname === '/portal-url') {
    const customer = url.searchParams.get('customer');
    if (!customer) return send(response, 400, JSON.stringify({ error: 'customer is required' }));
    const portalUrl = await mintPortalUrl(customer);
    return send(response, 200, JSON.stringify({ url: portalUrl }), {
      'content-type': 'application/json',
    });
  }
  if (url.pathname === '/') {
    const customers = await listCustomers();
    if (customers.length === 0)
      return send(response, 404, 'No customers yet: npm start seeds the demo ones.');
    const wanted = url.searchParams.get('customer');
    const current = customers.find((c) => c.external_id === wanted) ?? customers[0];
    const portalUrl = await mintPortalUrl(current.external_id);
    const portalOrigin = new URL(portalUrl).origin;
    const nonce = randomBytes(16).toString('base64');
    return send(response, 200, billingPage({ customers, current, portalUrl, nonce }), {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' ${portalOrigin}`,
        `style-src 'nonce-${nonce}'`,
        `frame-src ${portalOrigin}`,
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
      ].join('; '),
      'referrer-policy': 'no-referrer',
    });
  }
  if (url.pathname === '/health') return send(response, 200, 'ok');
  return send(response, 404, 'not found');
}

const server = createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(`[demo-host] ${request.method} ${request.url}: ${error.message}`);
    if (!response.headersSent) send(response, error.status === 404 ? 404 : 502, 'Portico error');
    else response.end();
  });
});
server.listen(port, bind, () => {
  console.log(
    `[demo-host] billing page on http://${bind === '127.0.0.1' ? 'localhost' : bind}:${port}`,
  );
});
for (const signal of ['SIGINT', 'SIGTERM'])
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
