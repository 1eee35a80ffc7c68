import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Starts processes in their own process group and records them, so that stopping kills exactly
 * what we started (and its children), never anything else.
 */
export class ProcessRegistry {
  constructor(dir) {
    this.dir = dir;
    this.file = join(dir, 'pids.json');
    mkdirSync(join(dir, 'logs'), { recursive: true });
  }

  read() {
    if (!existsSync(this.file)) return [];
    try {
      return JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return [];
    }
  }

  write(entries) {
    if (entries.length === 0) rmSync(this.file, { force: true });
    else writeFileSync(this.file, JSON.stringify(entries, null, 2));
  }

  logPath(name) {
    return join(this.dir, 'logs', `${name}.log`);
  }

  /** `output: 'file'` writes to the log only; 'pipe' also hands back the streams. */
  start(name, command, args, { env = {}, cwd, output = 'file' } = {}) {
    const logFd = openSync(this.logPath(name), 'a');
    const stdio = output === 'pipe' ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd];
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      detached: true,
      stdio,
    });
    closeSync(logFd);
    if (!child.pid) throw new Error(`could not start ${name} (${command})`);
    this.write([...this.read().filter((e) => e.name !== name), { name, pid: child.pid, command }]);
    child.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    child.isAlive = () => child.exitCode === null && child.signalCode === null;
    return child;
  }

  /** Stops everything recorded, newest first (services before the infrastructure they use). */
  async stopAll({ graceMs = 15_000 } = {}) {
    const entries = this.read();
    for (const entry of entries.reverse()) {
      await stopGroup(entry, graceMs);
      this.write(this.read().filter((e) => e.pid !== entry.pid));
    }
  }

  async stop(name, graceMs = 15_000) {
    const entry = this.read().find((e) => e.name === name);
    if (!entry) return;
    await stopGroup(entry, graceMs);
    this.write(this.read().filter((e) => e.pid !== entry.pid));
  }
}

export function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Guards against a recycled PID: only touch a group whose leader still runs our command. */
function isOurs(entry) {
  try {
    const cmdline = readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8');
    return cmdline.includes(entry.command);
  } catch {
    return groupAlive(entry.pid); // leader gone (or no /proc): its group may still hold children
  }
}

async function stopGroup(entry, graceMs) {
  const { pid } = entry;
  if (!groupAlive(pid) || !isOurs(entry)) return;
  const signal = (sig) => {
    try {
      process.kill(-pid, sig);
    } catch {
      /* already gone */
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && groupAlive(pid)) await sleep(100);
  if (groupAlive(pid)) signal('SIGKILL');
}
