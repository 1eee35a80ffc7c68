// Creates an organization from a terminal through a running gateway's admin API:
//   npm run org:create -- --name "Acme" [--id acme] [--locale fr] [--embed-origin https://app.acme.com]…
//     [--admin-email ana@acme.com]   (also answers the first console admin's one-time set-password link)
// Reads GATEWAY_URL (default http://localhost:3000) and PORTICO_ADMIN_TOKEN (default: development).
import { parseArgs } from 'node:util';
import { DEVELOPMENT_SECRETS } from '../config/gateway.config';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      id: { type: 'string' },
      locale: { type: 'string' },
      'display-name': { type: 'string' },
      'embed-origin': { type: 'string', multiple: true },
      'brand-color': { type: 'string' },
      'logo-url': { type: 'string' },
      'admin-email': { type: 'string' },
    },
  });
  if (!values.name) {
    console.error(
      'usage: npm run org:create -- --name "Acme" [--id acme] [--locale fr] [--embed-origin URL]…',
    );
    return 2;
  }
  const gateway = process.env.GATEWAY_URL ?? 'http://localhost:3000';
  const token = process.env.PORTICO_ADMIN_TOKEN ?? DEVELOPMENT_SECRETS.PORTICO_ADMIN_TOKEN;
  const body = {
    name: values.name,
    id: values.id,
    default_document_locale: values.locale,
    display_name: values['display-name'],
    embed_origins: values['embed-origin'],
    brand_color: values['brand-color'],
    logo_url: values['logo-url'],
  };
  let response: Response;
  try {
    response = await fetch(`${gateway}/admin/v1/organizations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  } catch (error) {
    console.error(
      `cannot reach the gateway at ${gateway} (${(error as Error).message}); is it running?`,
    );
    return 1;
  }
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    console.error(`${response.status} ${answer.code}: ${answer.message}`);
    if (answer.error_details) console.error(JSON.stringify(answer.error_details, null, 2));
    return 1;
  }
  const organization = answer.organization as { id: string; name: string };
  console.log(`organization ${organization.id} (${organization.name}) created`);
  console.log(`API key (shown once, store it now): ${String(answer.api_key)}`);
  if (!values['admin-email']) return 0;
  const invite = await fetch(`${gateway}/admin/v1/organizations/${organization.id}/operators`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email: values['admin-email'], role: 'admin' }),
  });
  const invited = (await invite.json()) as Record<string, unknown>;
  if (!invite.ok) {
    console.error(`console admin: ${invite.status} ${invited.code}: ${invited.message}`);
    return 1;
  }
  console.log(
    `console admin ${values['admin-email']}: set a password within 24 hours at ${String(invited.set_password_url)}`,
  );
  return 0;
}

main().then((code) => process.exit(code));
