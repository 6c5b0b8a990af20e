// The Pandoc Lua filter (and its copy in the Quarto extension), run by pandoc 3.10 (pandoc-wasm): HTML with
// every passage the core finds decorated, labels and notes as tooltips, a legend whose counts are the
// tally's; LaTeX with colours and margin marks; strip mode; a codebook file; the built-in codebook in the
// filter equal to the core's.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodebookLookup, DEFAULT_CODEBOOK, parseDocument, summarizeDocument, tallyDocuments } from '../../src/core';

const ROOT = resolve(__dirname, '../..');
const FILTER = readFileSync(resolve(ROOT, 'filters/evidence-tagger.lua'), 'utf8');
const lookup = new CodebookLookup(DEFAULT_CODEBOOK);

type Convert = (options: object, stdin: string, files: object) => Promise<{ stdout: string; stderr: string }>;
let convert: Promise<Convert> | undefined;
async function render(markdown: string, to: string, extra: object = {}, files: Record<string, string> = {}): Promise<string> {
  const importEsm = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<{ convert: Convert }>;
  convert ??= importEsm('pandoc-wasm').then((m) => m.convert);
  const result = await (await convert)({ from: 'markdown', to, standalone: true, filters: ['evidence-tagger.lua'], metadata: { title: 'Test' }, ...extra }, markdown, { 'evidence-tagger.lua': FILTER, ...files });
  assert.equal(result.stderr, '', result.stderr);
  return result.stdout;
}

describe('Pandoc Lua filter and Quarto extension', function () {
  this.timeout(60000);

  it('HTML: the samples’ passages decorated, with tooltips, styles and a legend counting as the tally does', async () => {
    for (const file of ['interview-transcript.md', 'report-excerpt.md', 'research-schools-leadership.md']) {
      const text = readFileSync(resolve(ROOT, 'samples', file), 'utf8');
      const html = await render(text, 'html');
      const parsed = parseDocument(text, lookup);
      assert.equal((html.match(/class="evidence-passage evidence-(span|div)/g) ?? []).length, parsed.passages.length, file);
      assert.match(html, /<style>\n\s*\.evidence-passage \{/);
      const tally = tallyDocuments([{ file, summary: summarizeDocument(parsed) }], DEFAULT_CODEBOOK);
      for (const dimension of tally.dimensions) {
        for (const tag of dimension.tags.filter((t) => t.passages > 0)) {
          const label = tag.known ? tag.label : `${tag.id} (not in the codebook)`;
          assert.match(html, new RegExp(`${dimension.label}: ${label.replace(/[()]/g, '\\$&')} <span class="evidence-count">\\(${tag.passages}\\)</span>`), `${file}: legend ${tag.id}`);
        }
      }
    }
    const html = await render('[a finding]{evidence=research use=embedded note="from the review"} and [b]{evidence=reserch}\n', 'html');
    assert.match(html, /<span class="evidence-passage evidence-span" data-evidence="research"\s+data-use="embedded" data-note="from the review"\s+title="Type of evidence: Research evidence\nForm of evidence use: Embedded \(process\) use\nNote: from the review"\s+style="--evidence-tint-light:#1f6fb2;--evidence-tint-dark:#5aa9e6;--evidence-line-light:#138d8d;--evidence-line-dark:#4fd1c5">a\sfinding<\/span>/);
    assert.match(html, /class="evidence-passage evidence-span evidence-unknown"/);
  });

  it('LaTeX: coloured passages with their tags in the margin; xcolor loaded', async () => {
    const latex = await render('Text [a finding]{evidence=research use=instrumental} here.\n\n::: {evidence=practice}\nA paragraph.\n:::\n', 'latex');
    assert.match(latex, /\\usepackage\{xcolor\}/);
    assert.match(latex, /\\marginpar\{\\raggedright\\footnotesize\\textcolor\[HTML\]\{1f6fb2\}\{Research evidence; Instrumental use\}\}\{\\color\[HTML\]\{1f6fb2\}a\sfinding\}/);
    assert.match(latex, /\{\\color\[HTML\]\{7b3fa0\}\\marginpar\{[^\n]*Practice-informed advice\}\}\n\nA paragraph\.\n\n\}/);
  });

  it('evidence-tags: strip leaves the text without any passage markup; evidence-legend: false drops the legend', async () => {
    const stripped = await render('Text [a finding]{evidence=research} here.\n', 'html', { metadata: { title: 'T', 'evidence-tags': 'strip' } });
    assert.match(stripped, /<p>Text a finding here\.<\/p>/);
    assert.doesNotMatch(stripped, /evidence-passage|data-evidence|evidence-legend/);
    const noLegend = await render('Text [a finding]{evidence=research} here.\n', 'html', { metadata: { title: 'T', 'evidence-legend': false } });
    assert.match(noLegend, /evidence-passage/);
    assert.doesNotMatch(noLegend, /<aside class="evidence-legend"/);
  });

  it('a codebook file gives its own dimensions, labels and colours', async () => {
    const codebook = { name: 'Team', dimensions: [{ id: 'theme', label: 'Theme', tags: [{ id: 'trust', label: 'Trust in data', color: { light: '#112233', dark: '#445566' } }] }] };
    const html = await render('[x]{theme=trust} [y]{evidence=research}\n', 'html', { metadata: { title: 'T', 'evidence-codebook': 'team.json' } }, { 'team.json': JSON.stringify(codebook) });
    assert.match(html, /title="Theme: Trust in data"\s+style="--evidence-tint-light:#112233;--evidence-tint-dark:#445566">x<\/span>/);
    assert.match(html, /<span data-evidence="research">y<\/span>/, 'not a dimension of that codebook: left as pandoc writes it');
  });

  it('the filter’s built-in codebook is the core’s default, and the Quarto extension ships the same filter', () => {
    const lua = [...FILTER.matchAll(/\{ id = "([^"]+)", label = "([^"]+)", color = \{ light = "([^"]+)", dark = "([^"]+)" \}, aliases = \{ ([^}]*) \} \}/g)].map(([, id, label, light, dark, aliases]) => ({ id, label, color: { light, dark }, aliases: [...aliases.matchAll(/"([^"]+)"/g)].map((m) => m[1]) }));
    const core = DEFAULT_CODEBOOK.dimensions.flatMap((d) => d.tags.map((t) => ({ id: t.id, label: t.label, color: t.color, aliases: t.aliases })));
    assert.deepEqual(lua, core);
    const dimensions = [...FILTER.matchAll(/\{ id = "([^"]+)", label = "([^"]+)", tags = \{/g)].map(([, id, label]) => ({ id, label }));
    assert.deepEqual(dimensions, DEFAULT_CODEBOOK.dimensions.map((d) => ({ id: d.id, label: d.label })));
    assert.equal(readFileSync(resolve(ROOT, '_extensions/evidence-tagger/evidence-tagger.lua'), 'utf8'), FILTER, 'the Quarto extension’s copy is the filter');
    assert.match(readFileSync(resolve(ROOT, '_extensions/evidence-tagger/_extension.yml'), 'utf8'), /contributes:\n  filters:\n    - evidence-tagger\.lua\n/);
  });
});
