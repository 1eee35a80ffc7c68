import { z } from 'zod';

/** Thrown at boot when the environment does not describe a valid configuration. */
export class ConfigError extends Error {
  constructor(
    readonly app: string,
    readonly problems: string[],
  ) {
    super(
      `${app}: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'See README.md, "Configuration".',
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables with a zod schema and reports every problem at once,
 * each with the variable's name, so an operator fixes a broken deployment in one pass.
 */
export function parseConfig<S extends z.ZodType>(
  app: string,
  schema: S,
  env: Record<string, string | undefined>,
): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${issue.message}`;
  });
  throw new ConfigError(app, problems);
}
