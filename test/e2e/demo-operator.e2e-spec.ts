import { ConsoleClient, DIST_DIR, PorticoStack } from '@portico/testing';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, test } from '@jest/globals';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = join(DIST_DIR, 'tools/seed-demo.cli.js');

let stack: PorticoStack;
const dir = mkdtempSync(join(tmpdir(), 'portico-demo-'));
beforeAll(async () => {
  stack = await PorticoStack.start({}, { console: true });
});
afterAll(async () => {
  await stack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const seed = async () => {
  const { stdout } = await run(process.execPath, [CLI], {
    env: {
      ...process.env,
      PORTICO_URL: stack.url,
      PORTICO_ADMIN_TOKEN: stack.adminToken,
      DEMO_API_KEY_FILE: join(dir, 'demo-api-key'),
      DEMO_CONSOLE_PASSWORD_FILE: join(dir, 'demo-console-password'),
    },
  });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as {
    console: { email: string; password: string };
  };
};

test('the demo seed creates a console admin with a generated password kept in the run directory', async () => {
  const first = await seed();
  const file = join(dir, 'demo-console-password');
  assert.equal(readFileSync(file, 'utf8'), first.console.password);
  assert.equal(statSync(file).mode & 0o777, 0o600, 'only its owner reads it');
  assert.ok(first.console.password.length >= 16);
  const client = new ConsoleClient(stack.consoleUrl);
  assert.equal((await client.login(first.console.email, first.console.password)).status, 303);
  const customers = await client.get('/customers');
  assert.match(customers.text, /data-customer="northwind"/);

  const second = await seed();
  assert.deepEqual(second.console, first.console, 'a second run keeps the same operator');
});
