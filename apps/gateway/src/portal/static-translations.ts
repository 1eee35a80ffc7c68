import Handlebars from 'handlebars';

type Node = hbs.AST.Node;

/** `{{t "a.fixed.key"}}`: a fixed key, no arguments, escaped output. */
function isStaticTranslation(node: Node): node is hbs.AST.MustacheStatement {
  if (node.type !== 'MustacheStatement') return false;
  const mustache = node as hbs.AST.MustacheStatement;
  return (
    mustache.escaped &&
    mustache.path.type === 'PathExpression' &&
    (mustache.path as hbs.AST.PathExpression).original === 't' &&
    mustache.params.length === 1 &&
    mustache.params[0]!.type === 'StringLiteral' &&
    (mustache.hash?.pairs.length ?? 0) === 0 &&
    !mustache.strip?.open &&
    !mustache.strip?.close
  );
}

/**
 * Replaces, in a parsed template, every `{{t "a.fixed.key"}}` with its translation in one
 * language as literal content, escaped exactly as `{{…}}` escapes the helper's answer: the output
 * is the same, without a helper call and an escape per label per render (a page of 20 invoices
 * asked for some 200 such labels, a fifth of the gateway's time rendering it). Translations with
 * arguments or a key from data (`{{t label}}`, `{{t "k" n=count}}`) stay helper calls. Takes
 * the program as `parseWithoutProcessing` gives it and changes it in place: parse it afresh for
 * each language.
 */
export function inlineStaticTranslations(
  program: hbs.AST.Program,
  translate: (key: string) => unknown,
): hbs.AST.Program {
  const visit = (block: hbs.AST.Program | undefined) => {
    if (!block) return;
    block.body = block.body.map((node): hbs.AST.Statement => {
      if (isStaticTranslation(node)) {
        const key = (node.params[0] as hbs.AST.StringLiteral).value;
        const content: hbs.AST.ContentStatement = {
          type: 'ContentStatement',
          value: Handlebars.escapeExpression(translate(key) as string),
          // The whitespace control reads `original` (the source text) to find standalone
          // blocks beside it: the mustache's own text keeps its decisions what they were.
          original: `{{t ${JSON.stringify(key)}}}` as unknown as hbs.AST.StripFlags,
          loc: node.loc,
        };
        return content;
      }
      const nested = node as Partial<hbs.AST.BlockStatement>;
      visit(nested.program);
      visit(nested.inverse);
      return node;
    });
  };
  visit(program);
  return program;
}

/**
 * `handlebars.compile(source, options)`, with the fixed labels in place when `translate` is given
 * (in one language; null: none). The source is parsed without the whitespace control, which
 * `compile` then runs once over the changed program, as it would over the source.
 */
export function compileWithLabels(
  handlebars: typeof Handlebars,
  source: string,
  options: CompileOptions,
  translate: ((key: string) => unknown) | null,
): Handlebars.TemplateDelegate {
  const program = handlebars.parseWithoutProcessing(source);
  if (translate) inlineStaticTranslations(program, translate);
  return handlebars.compile(program, options);
}
