// Screenshots of the operator console for the README: the customer details view and its
// Settings tab (English and Arabic), and the customer list.
//   npm run docs:console-screenshots   (its own stack on free ports, seeded with the demo data)
// Writes docs/screenshots/console-*.png. CHROMIUM_PATH chooses the browser (default /usr/bin/chromium).
import { PorticoStack, launchBrowser } from '@portico/testing';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { seedDemo } from './demo/seed-demo';
import { seedDemoOperator } from './demo/seed-demo-operator';

const OUT = join(__dirname, '../../docs/screenshots');
const EMAIL = 'admin@lumen.example';
const PASSWORD = 'screenshot operator password';

process.env.PORTICO_TEST_AMQP_URL ??= process.env.AMQP_URL;
process.env.PORTICO_TEST_MONGODB_URI ??= process.env.MONGODB_URI;
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function capture(
  browser: Browser,
  consoleUrl: string,
  lang: string,
  path: string,
  file: string,
) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setExtraHTTPHeaders({ 'accept-language': lang });
  await page.setViewport({ width: 1100, height: 800, deviceScaleFactor: 1 });
  await page.goto(`${consoleUrl}/login`);
  await page.type('#email', EMAIL);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('[data-testid="login-form"] button')]);
  await page.goto(`${consoleUrl}${path}`, { waitUntil: 'networkidle0' });
  const height = Math.ceil(Number(await page.evaluate('document.documentElement.scrollHeight')));
  await page.setViewport({ width: 1100, height, deviceScaleFactor: 1 });
  await page.screenshot({ path: join(OUT, file) });
  await context.close();
  console.log(`  docs/screenshots/${file}`);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const stack = await PorticoStack.start({}, { servePublicUrl: true, console: true });
  let browser: Browser | undefined;
  try {
    const demo = await seedDemo({
      porticoUrl: stack.url,
      adminToken: stack.adminToken,
      embedOrigins: [],
    });
    await seedDemoOperator({
      porticoUrl: stack.url,
      adminToken: stack.adminToken,
      organizationId: demo.organizationId,
      email: EMAIL,
      password: PASSWORD,
    });
    browser = await launchBrowser(chromium);
    console.log('screenshots:');
    const shots: [string, string, string][] = [
      ['en', '/customers', 'console-customers-en.png'],
      ['en', '/customers/northwind?tab=overview', 'console-customer-en.png'],
      ['en', '/customers/northwind?tab=settings&edit=language', 'console-settings-en.png'],
      ['ar', '/customers/dar-al-nour?tab=overview', 'console-customer-ar.png'],
      ['ar', '/customers/dar-al-nour?tab=settings', 'console-settings-ar.png'],
    ];
    for (const [lang, path, file] of shots)
      await capture(browser, stack.consoleUrl, lang, path, file);
  } finally {
    await browser?.close();
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
