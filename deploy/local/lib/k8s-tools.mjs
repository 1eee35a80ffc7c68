// kustomize and kubeconform for validating deploy/k8s, built with `go install` once per machine
// into the same cache as FerretDB (no prebuilt binaries are downloaded).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { commandExists } from './apt.mjs';
import { log, ProvisionError } from './log.mjs';
import { cacheDir } from './paths.mjs';

const TOOLS = {
  kubeconform: { module: 'github.com/yannh/kubeconform/cmd/kubeconform', version: 'v0.7.0' },
  // v5.5.0 builds with the Go on these machines; later ones want a newer toolchain.
  kustomize: { module: 'sigs.k8s.io/kustomize/kustomize/v5', version: 'v5.5.0' },
};

/** Path of the tool's binary, built first if this machine has not got it yet. */
export function ensureK8sTool(name) {
  const { module, version } = TOOLS[name];
  const dir = join(cacheDir, `${name}-${version}`);
  const binary = join(dir, name);
  if (existsSync(binary)) return binary;
  if (!commandExists('go')) {
    throw new ProvisionError(`${name} is needed to validate deploy/k8s, and Go is not installed`);
  }
  log.step(`${name}: building ${version} with Go (once)`);
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('go', ['install', `${module}@${version}`], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, GOBIN: dir, CGO_ENABLED: '0' },
    });
  } catch (error) {
    throw new ProvisionError(`building ${name} ${version} failed: ${error.message}`, {
      cause: error,
    });
  }
  log.ok(`${name}: built at ${binary}`);
  return binary;
}
