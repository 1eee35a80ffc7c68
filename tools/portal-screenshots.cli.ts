// Screenshots of the portal's main states in English and Arabic, for the README:
//   npm run docs:screenshots      (its own stack on free ports, seeded with the demo data)
// Writes docs/screenshots/*.png. CHROMIUM_PATH chooses the browser (default /usr/bin/chromium).
//   npm run docs:screenshots -- account   only the shots whose file name contains "account"
import {
  DemoHostProcess,
  PorticoStack,
  freePort,
  launchBrowser,
  type JsonResponse,
} from '@portico/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { seedDemo } from './demo/seed-demo';

const OUT = join(__dirname, '../../docs/screenshots');

// with-infra.mjs provisions a broker and a database; the test harness reads them from here.
process.env.PORTICO_TEST_AMQP_URL ??= process.env.AMQP_URL;
process.env.PORTICO_TEST_MONGODB_URI ??= process.env.MONGODB_URI;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Shot {
  file: string;
  url: string;
  width?: number;
  /** Through the demo host (the portal in its iframe) rather than the portal on its own. */
  embedded?: boolean;
  /** For pages that know no customer (the error page): the browser's language. */
  acceptLanguage?: string;
}

async function capture(browser: Browser, shot: Shot): Promise<void> {
  const page = await browser.newPage();
  if (shot.acceptLanguage)
    await page.setExtraHTTPHeaders({ 'accept-language': shot.acceptLanguage });
  await page.setViewport({ width: shot.width ?? 1100, height: 800, deviceScaleFactor: 1 });
  await page.goto(shot.url, { waitUntil: 'networkidle0' });
  if (shot.embedded) {
    const frame = await (await page.waitForSelector('#portico-portal iframe'))!.contentFrame();
    await frame!.waitForSelector('main#portico', { timeout: 15_000 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the resize message lands
  }
  // Puppeteer's fullPage capture shifts right-to-left pages sideways: size the viewport instead.
  // Phone shots keep a phone's screen (812 px), the rest show the whole page.
  const height = shot.width
    ? 812
    : Math.ceil(Number(await page.evaluate('document.documentElement.scrollHeight')));
  await page.setViewport({ width: shot.width ?? 1100, height, deviceScaleFactor: 1 });
  await page.screenshot({ path: join(OUT, shot.file) });
  await page.close();
  console.log(`  docs/screenshots/${shot.file}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const stack = await PorticoStack.start({}, { servePublicUrl: true });
  const hostPort = await freePort();
  let host: DemoHostProcess | undefined;
  let browser: Browser | undefined;
  try {
    const demo = await seedDemo({
      porticoUrl: stack.url,
      adminToken: stack.adminToken,
      embedOrigins: [`http://127.0.0.1:${hostPort}`],
    });
    host = await DemoHostProcess.start({
      porticoUrl: stack.url,
      apiKey: demo.apiKey,
      port: hostPort,
    });
    const portal = async (customer: string) => {
      const response: JsonResponse<{ customer: { portal_url: string } }> = await stack.request(
        'GET',
        `/api/v1/customers/${customer}/portal_url`,
        { token: demo.apiKey },
      );
      return response.body.customer.portal_url;
    };
    const en = await portal('northwind');
    const ar = await portal('dar-al-nour');
    // An invoice's own page: the customer's newest invoice.
    const newest = async (customer: string) => {
      const response: JsonResponse<{ invoices: { lago_id: string }[] }> = await stack.request(
        'GET',
        `/api/v1/invoices?external_customer_id=${customer}&per_page=1`,
        { token: demo.apiKey },
      );
      return encodeURIComponent(response.body.invoices[0]!.lago_id);
    };
    const enInvoice = `${en}/invoices/${await newest('northwind')}`;
    const arInvoice = `${ar}/invoices/${await newest('dar-al-nour')}`;
    browser = await launchBrowser(chromium);
    const shots: Shot[] = [
      { file: 'demo-host-en.png', url: `${host.url}/?customer=northwind`, embedded: true },
      { file: 'demo-host-ar.png', url: `${host.url}/?customer=dar-al-nour`, embedded: true },
      { file: 'list-en.png', url: en },
      { file: 'list-ar.png', url: ar },
      { file: 'filtered-en.png', url: `${en}?filter=unpaid` },
      { file: 'filtered-ar.png', url: `${ar}?filter=unpaid` },
      { file: 'no-match-en.png', url: `${en}?search=NO-SUCH-INVOICE` },
      { file: 'no-match-ar.png', url: `${ar}?search=NO-SUCH-INVOICE` },
      { file: 'error-en.png', url: `${stack.url}/customer-portal/expired.link.example` },
      {
        file: 'error-ar.png',
        url: `${stack.url}/customer-portal/expired.link.example`,
        acceptLanguage: 'ar',
      },
      { file: 'phone-en.png', url: en, width: 375 },
      { file: 'phone-ar.png', url: ar, width: 375 },
      // "Your details": the information section and the edit form (the demo lets customers edit).
      { file: 'account-en.png', url: `${en}/account` },
      { file: 'account-ar.png', url: `${ar}/account` },
      { file: 'account-phone-en.png', url: `${en}/account`, width: 375 },
      { file: 'usage-en.png', url: `${en}/subscriptions/northwind-growth/usage` },
      { file: 'usage-ar.png', url: `${ar}/subscriptions/dar-al-nour-growth/usage` },
      { file: 'wallet-en.png', url: `${en}/wallets/demo_wallet_northwind` },
      { file: 'wallet-ar.png', url: `${ar}/wallets/demo_wallet_dar-al-nour` },
      // An invoice's page: line items, credits, amount due, Pay now when it has a payment page.
      { file: 'invoice-details-en.png', url: enInvoice },
      { file: 'invoice-details-ar.png', url: arInvoice },
      { file: 'invoice-details-phone-en.png', url: enInvoice, width: 375 },
    ];
    const only = process.argv.slice(2);
    console.log('screenshots:');
    for (const shot of shots)
      if (only.length === 0 || only.some((part) => shot.file.includes(part)))
        await capture(browser, shot);
  } finally {
    await browser?.close();
    await host?.stop();
    await stack.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
