const PLACEHOLDER = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Fills `{name}` placeholders in a translated template in one pass; `{{` and `}}` are literal
 * braces. Values are data: what they contain — `$t(…)`, `{…}`, `{{…}}` — is inserted as it is
 * and never read again. nestjs-i18n, given `args`, formats the template and then expands any
 * `$t(key)` it finds in the result, values included: a customer named
 * `$t(portal.error.expired_title)` would have made the portal say "This link has expired". So
 * every translation is looked up without args (no expansion) and filled here.
 */
export function fillPlaceholders(template: string, args: Record<string, unknown> = {}): string {
  return template.replace(PLACEHOLDER, (match, name?: string) => {
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

/**
 * `fillPlaceholders` for one template, read once: the function gives exactly what
 * `fillPlaceholders(template, args)` gives, without scanning the template again (a page fills
 * the same few labels on every row).
 */
export function compilePlaceholders(template: string): (args: Record<string, unknown>) => string {
  const literals: string[] = [];
  const slots: { name: string; text: string }[] = [];
  let literal = '';
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literal += template.slice(last, match.index);
    last = match.index + match[0].length;
    const name = match[1];
    if (name === undefined) {
      literal += match[0][0]!;
      continue;
    }
    literals.push(literal);
    slots.push({ name, text: match[0] });
    literal = '';
  }
  literals.push(literal + template.slice(last));
  if (slots.length === 0) return () => literals[0]!;
  return (args) => {
    let text = literals[0]!;
    for (let i = 0; i < slots.length; i++) {
      const { name, text: original } = slots[i]!;
      text += Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : original;
      text += literals[i + 1]!;
    }
    return text;
  };
}
