import { execFileSync } from 'node:child_process';

/**
 * `psql` against the local server as its superuser (`psql` comes with Debian's postgresql
 * package); `input` goes to its stdin. Throws with psql's stderr on failure.
 */
export function runPsql({ port, database }, args, input) {
  execFileSync(
    'psql',
    [
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-U',
      'postgres',
      ...(database ? ['-d', database] : []),
      ...args,
    ],
    { input, stdio: [input === undefined ? 'ignore' : 'pipe', 'ignore', 'pipe'] },
  );
}
