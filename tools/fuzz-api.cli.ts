/**
 * `npm run fuzz:api`: schemathesis (from PyPI, in a venv under ~/.cache/portico) fuzzes the
 * /api/v1 operations of the OpenAPI document against a real stack (broker, database, services),
 * bounded in time. It fails on any 5xx, and on any status or body the document does not declare.
 * Kept out of `npm test`: it takes minutes. Run through deploy/local/with-infra.mjs.
 */
import { billingEvent, invoiceCreated, waitFor } from '@portico/testing';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startBenchStack } from '../bench/bench-stack';

const SCHEMATHESIS_VERSION = '4.32.5';
const seconds = Number(process.env.FUZZ_SECONDS ?? 240);
const maxExamples = Number(process.env.FUZZ_MAX_EXAMPLES ?? 25);
const cache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'portico');
const venv = join(cache, `schemathesis-${SCHEMATHESIS_VERSION}`);

function ensureSchemathesis(): string {
  const st = join(venv, 'bin', 'st');
  if (existsSync(st)) return st;
  console.log(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    join(venv, 'bin', 'pip'),
    ['install', '-q', `schemathesis==${SCHEMATHESIS_VERSION}`],
    {
      stdio: 'inherit',
    },
  );
  return st;
}

async function json<T>(url: string, init: RequestInit & { token: string; body?: string }) {
  const response = await fetch(url, {
    ...init,
    headers: { authorization: `Bearer ${init.token}`, 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function main(): Promise<number> {
  const st = ensureSchemathesis();
  const { adminToken, base, apps } = await startBenchStack();
  try {
    await waitFor('the gateway', async () => (await fetch(`${base}/health/ready`)).ok, {
      timeoutMs: 60_000,
    });
    const { organization, api_key: apiKey } = await json<{
      organization: { id: string };
      api_key: string;
    }>(`${base}/admin/v1/organizations`, {
      method: 'POST',
      token: adminToken,
      body: JSON.stringify({ name: 'Fuzz' }),
    });
    // Some data, so that reads find something and the document's shapes are checked on it.
    await json(`${base}/api/v1/customers`, {
      method: 'POST',
      token: apiKey,
      body: JSON.stringify({ customer: { external_id: 'cus_a', name: 'Fuzz customer' } }),
    });
    const invoice = invoiceCreated();
    await json(`${base}/api/v1/events`, {
      method: 'POST',
      token: apiKey,
      body: JSON.stringify(billingEvent('invoice.created', organization.id, invoice)),
    });

    const args = [
      'run',
      `${base}/api/docs/json`,
      '--url',
      base,
      '--header',
      `Authorization: Bearer ${apiKey}`,
      '--include-path-regex',
      '^/api/v1/',
      '--checks',
      'not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance',
      '--max-examples',
      String(maxExamples),
      // One worker: schemathesis's generators are not thread-safe on CPython 3.11 ("AST
      // constructor recursion depth mismatch" errors with more).
      '--workers',
      '1',
      '--request-timeout',
      '10',
      '--no-color',
    ];
    console.log(`schemathesis ${args.join(' ').replace(apiKey, 'ptk_…')} (at most ${seconds}s)`);
    // Its cwd: schemathesis keeps a cache of what it found there, which is no part of the project.
    const workDir = join(cache, 'schemathesis-work');
    mkdirSync(workDir, { recursive: true });
    const child = spawn(st, args, { stdio: 'inherit', cwd: workDir });
    const timer = setTimeout(() => child.kill('SIGINT'), seconds * 1_000);
    const code = await new Promise<number>((resolve) =>
      child.on('exit', (exitCode, signal) => resolve(signal ? 0 : (exitCode ?? 1))),
    );
    clearTimeout(timer);
    return code;
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error.stack);
    process.exit(1);
  },
);
