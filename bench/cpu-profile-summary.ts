import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface HotFunction {
  name: string;
  where: string;
  selfPercent: number;
}

/**
 * The functions a V8 CPU profile (`--cpu-prof`) spent most self time in: what to look at first.
 * Self time by samples; `(idle)`, `(program)` and `(garbage collector)` are kept, they matter too.
 */
export function hottestFunctions(file: string, top = 20, root = process.cwd()): HotFunction[] {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as {
    nodes: ProfileNode[];
    samples: number[];
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfSamples = new Map<string, { name: string; where: string; samples: number }>();
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url
      ? `${relative(root, frame.url.replace(/^file:\/\//, ''))}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName}@${where}`;
    const entry = selfSamples.get(key) ?? {
      name: frame.functionName || '(anonymous)',
      where,
      samples: 0,
    };
    entry.samples++;
    selfSamples.set(key, entry);
  }
  const total = profile.samples.length || 1;
  return [...selfSamples.values()]
    .sort((a, b) => b.samples - a.samples)
    .slice(0, top)
    .map(({ name, where, samples }) => ({ name, where, selfPercent: (100 * samples) / total }));
}
