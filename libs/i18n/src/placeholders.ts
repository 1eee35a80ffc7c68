/**
 * Fills `{name}` placeholders in a translated template in one pass; `{{` and `}}` are literal
 * braces. Values are data: what they contain — `$t(…)`, `{…}`, `{{…}}` — is inserted as it is
 * and never read again. nestjs-i18n, given `args`, formats the template and then expands any
 * `$t(key)` it finds in the result, values included: a customer named
 * `$t(portal.error.expired_title)` would have made the portal say "This link has expired". So
 * every translation is looked up without args (no expansion) and filled here.
 */
export function fillPlaceholders(template: string, args: Record<string, unknown> = {}): string {
  return template.replace(/\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (match, name?: string) => {
    if (name === undefined) return match[0]!;
    return Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : match;
  });
}

/** The one way Portico translates: a lookup that never expands, then `fillPlaceholders`. */
export function translateLiterally(
  lookup: (key: string, lang: string) => string,
  key: string,
  lang: string,
  args?: Record<string, unknown>,
): string {
  const template = lookup(key, lang);
  return args && Object.keys(args).length > 0 ? fillPlaceholders(template, args) : template;
}
