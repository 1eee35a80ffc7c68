// `npm stop`: stops what `npm start` started in this checkout, and nothing else.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from './lib/log.mjs';
import { runDir } from './lib/paths.mjs';
import { isRunning, ProcessRegistry } from './lib/processes.mjs';
import { runOnSupportedNode } from './lib/node-runtime.mjs';

// Node 24 or newer, provisioned into the cache when the system's is older (DESIGN.md).
await runOnSupportedNode();

const dir = runDir('stack');
const supervisorFile = join(dir, 'supervisor.pid');

if (existsSync(supervisorFile)) {
  const pid = Number(readFileSync(supervisorFile, 'utf8'));
  if (isRunning(pid)) {
    log.step(`asking npm start (pid ${pid}) to stop`);
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (isRunning(pid) && Date.now() < deadline) await sleep(200);
  }
  rmSync(supervisorFile, { force: true });
}
// Whatever a killed supervisor left behind.
if (existsSync(dir)) await new ProcessRegistry(dir).stopAll();
log.ok('nothing started by npm start is running');
