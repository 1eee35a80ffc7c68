import { spawn } from 'node:child_process';

/**
 * Runs a command in the foreground and resolves with its exit code. SIGINT/SIGTERM sent to us
 * (Ctrl-C, `timeout`, CI cancelling) are passed on to it, so the caller regains control and can
 * stop the infrastructure it started instead of dying with it still running.
 */
export function runForwardingSignals(command, args, options) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', ...options });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
