// `npm run k8s:validate [-- <kustomization dir>…]`: renders each kustomization (default: the base
// and every overlay under deploy/k8s) and validates the result with kubeconform in strict mode
// (unknown fields are errors) against the schemas vendored in deploy/k8s/schemas/.
// `--render <dir>` only prints what kustomize renders (tests read it).
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureK8sTool } from './lib/k8s-tools.mjs';
import { log, ProvisionError } from './lib/log.mjs';
import { projectRoot } from './lib/paths.mjs';

const k8s = join(projectRoot, 'deploy', 'k8s');
const schemas = join(k8s, 'schemas', '{{ .ResourceKind }}{{ .KindSuffix }}.json');

function defaultTargets() {
  const overlays = join(k8s, 'overlays');
  return [
    join(k8s, 'base'),
    ...readdirSync(overlays, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => join(overlays, entry.name)),
  ];
}

let failed = false;
try {
  const kustomize = ensureK8sTool('kustomize');
  const kubeconform = ensureK8sTool('kubeconform');
  const targets = process.argv.slice(2);
  if (targets[0] === '--render') {
    process.stdout.write(execFileSync(kustomize, ['build', targets[1]], { encoding: 'utf8' }));
    process.exit(0);
  }
  for (const target of targets.length > 0 ? targets : defaultTargets()) {
    const rendered = execFileSync(kustomize, ['build', target], { encoding: 'utf8' });
    try {
      const out = execFileSync(
        kubeconform,
        ['-strict', '-summary', '-schema-location', schemas, '-'],
        { input: rendered, encoding: 'utf8' },
      );
      log.ok(`${target}: ${out.trim().split('\n').at(-1)}`);
    } catch (error) {
      failed = true;
      log.fail(`${target}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
    }
  }
} catch (error) {
  failed = true;
  log.fail(error instanceof ProvisionError ? error.message : error.stack);
}
process.exit(failed ? 1 : 0);
