import { test } from '@jest/globals';
import Handlebars from 'handlebars';
import assert from 'node:assert/strict';
import { compileWithLabels, inlineStaticTranslations } from './static-translations';

// Labels with what must stay text: markup, mustaches, the translation syntax, a trailing newline.
const LABELS: Record<string, string> = {
  'a.title': 'Tom & <b>"Jerry"</b>',
  'a.braces': '{{name}} $t(a.title) `x`=1',
  'a.newline': 'first\n  ',
  'a.with_arg': 'Hello {name}',
};
const translate = (key: string) => LABELS[key] ?? key;

const TEMPLATE = [
  '<h1>{{t "a.title"}}</h1>',
  '{{#if rows.length}}',
  '{{t "a.newline"}}',
  '  {{#each rows}}',
  '  <p title="{{t "a.braces"}}">{{t label}} {{t "a.with_arg" name=name}}</p>',
  '  {{/each}}',
  '{{else}}{{t "a.title"}}',
  '{{/if}}',
  '{{#each rows}}{{t "a.newline"}}{{/each}}',
  '{{t "missing.key"}}',
  // A standalone block before a line of blanks: a second whitespace pass would eat the blanks.
  '{{#if rows.length}}',
  '   ',
  '<i>{{t "a.title"}}</i>',
  '{{/if}}',
  '',
].join('\n');

function withHelper(): typeof Handlebars {
  const handlebars = Handlebars.create();
  handlebars.registerHelper('t', (key: string, options: Handlebars.HelperOptions) =>
    Object.keys(options.hash).length > 0
      ? translate(key).replace(/\{(\w+)\}/g, (_, name: string) => String(options.hash[name]))
      : translate(key),
  );
  return handlebars;
}

const views = [
  {
    rows: [
      { label: 'a.title', name: '<i>$t(a.title)</i>' },
      { label: 'a.braces', name: '{{x}}' },
    ],
  },
  { rows: [] },
];

test('inlined labels render exactly what the helper renders, escaping and whitespace included', () => {
  const options = { strict: false, preventIndent: true };
  const reference = withHelper().compile(TEMPLATE, options);
  const inlined = compileWithLabels(withHelper(), TEMPLATE, options, translate);
  const helperOnly = compileWithLabels(withHelper(), TEMPLATE, options, null);
  for (const view of views) {
    assert.equal(inlined(view), reference(view));
    assert.equal(helperOnly(view), reference(view));
  }
  assert.match(inlined(views[0]), /Tom &amp; &lt;b&gt;&quot;Jerry&quot;&lt;\/b&gt;/);
  assert.match(inlined(views[0]), /\{\{name\}\} \$t\(a\.title\) &#x60;x&#x60;&#x3D;1/);
});

test('only fixed keys without arguments are put in; keys from data and arguments stay calls', () => {
  const program = Handlebars.parseWithoutProcessing(TEMPLATE);
  const asked: string[] = [];
  inlineStaticTranslations(program, (key) => {
    asked.push(key);
    return translate(key);
  });
  assert.deepEqual(
    [...new Set(asked)].sort(),
    ['a.braces', 'a.newline', 'a.title', 'missing.key'].sort(),
  );
  const calls = JSON.stringify(program).match(/"original":"t"/g) ?? [];
  // {{t label}} and {{t "a.with_arg" name=name}} remain helper calls.
  assert.equal(calls.length, 2);
});
