// The Markdown preview plugin finds exactly the passages the core parser finds: on the samples and on every
// tricky document of the differential tests, the elements it renders (in order: kind, tags, text) are the
// core's passages, the markup is gone from the page, and lines keep their source maps.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import MarkdownIt from 'markdown-it';
import { parseDocument } from '../../src/core';
import { evidencePreviewPlugin } from '../../src/core/preview';
import { ourElements } from './compare';
import { lettersOf } from './pandocOracle';
import { defaultLookup, lookup } from './helpers';
import { TRICKY_DOCUMENTS } from './trickyDocuments';

interface Rendered {
  kind: string;
  tags: Record<string, string>;
  text: string;
}

const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n))).replace(/&amp;/g, '&');

/** The evidence elements of rendered HTML, in document order, with the text inside each. */
function renderedPassages(html: string): Rendered[] {
  const found: Rendered[] = [];
  const open: { element: string; passage?: Rendered }[] = [];
  for (const match of html.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>"]|"[^"]*")*)>|([^<]+)/g)) {
    const [, closing, name, attributes, text] = match;
    if (text !== undefined) {
      for (const o of open) if (o.passage) o.passage.text += decode(text);
      continue;
    }
    if (closing) {
      const at = open.map((o) => o.element).lastIndexOf(name);
      if (at !== -1) open.splice(at);
      continue;
    }
    if (/^(br|hr|img|input)$/i.test(name) || attributes.endsWith('/')) continue;
    const classes = /class="([^"]*)"/.exec(attributes)?.[1].split(' ') ?? [];
    let passage: Rendered | undefined;
    if (classes.includes('evidence-passage')) {
      const tags: Record<string, string> = {};
      for (const [, key, value] of attributes.matchAll(/data-([\w-]+)="([^"]*)"/g)) if (key !== 'et') tags[key] = decode(value);
      passage = { kind: classes.includes('evidence-div') ? 'div' : 'span', tags, text: '' };
      found.push(passage);
    }
    open.push({ element: name, passage });
  }
  return found;
}

const markdownIt = (codebook = lookup) => new MarkdownIt({ html: true }).use(evidencePreviewPlugin, { lookupFor: () => codebook, enabled: () => true });

/**
 * Where markdown-it (CommonMark) and pandoc read a document differently, the preview cannot show a passage
 * the core finds: text markdown-it reads as code (an unclosed fence, pandoc's definition lists, which
 * markdown-it lacks) or as an image's description. There the original markup is shown as written. Each
 * such passage is listed here by its text, so any other difference fails the test.
 */
const NOT_SHOWN: Record<string, string[]> = {
  'links and images': ['f'],
  'reference-style brackets swallow what follows': ['w'],
  'fenced code blocks': ['c'],
  'indented and unclosed code fences': ['d'],
  'definition lists': ['inside', 'c'],
};

describe('Markdown preview plugin', () => {
  for (const [name, text] of TRICKY_DOCUMENTS) {
    it(`shows the core's passages: ${name}`, () => {
      const html = markdownIt().render(text);
      const rendered = renderedPassages(html);
      const ours = parseDocument(text, lookup).passages;
      const letters = ourElements(text).map((e) => e.letters);
      const expected = ours
        .map((p, i) => ({ kind: p.kind, tags: Object.fromEntries(Object.entries(p.tags).map(([k, v]) => [k, v.join(' ')])), letters: letters[i] }))
        .filter((p) => !(NOT_SHOWN[name] ?? []).includes(p.letters));
      assert.deepEqual(rendered.map((r) => ({ kind: r.kind, tags: r.tags, letters: lettersOf(r.text) })), expected);
      assert.equal(ours.length - expected.length, (NOT_SHOWN[name] ?? []).length, 'each listed exception is a passage of the core');
      assert.doesNotMatch(html, /&lt;span data-et|&lt;!--et:|data-et="\d+"[^>]*>[^<]*<\/code>/, 'no injected tag shows as text');
    });
  }

  it('on the samples: every passage, markup hidden, notes and labels in the tooltip, lines mapped', () => {
    const folder = resolve(__dirname, '../../samples');
    for (const file of readdirSync(folder).filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(join(folder, file), 'utf8');
      const md = markdownIt(defaultLookup);
      const html = md.render(text);
      const ours = parseDocument(text, defaultLookup).passages;
      assert.equal(renderedPassages(html).length, ours.length, file);
      assert.doesNotMatch(html.replace(/<code[\s\S]*?<\/code>/g, ''), /\]\{(evidence|use|level)=|^::: \{/m, `${file}: no markup left`);
      // Source lines as markdown-it maps them are those of the source, span rewriting notwithstanding.
      const plain = new MarkdownIt({ html: true }).parse(text, {}).filter((t) => t.map && t.type !== 'evidence_div_open').map((t) => `${t.type}:${t.map}`);
      const withPlugin = md.parse(text, {}).filter((t) => t.map && !t.type.startsWith('evidence_div')).map((t) => `${t.type}:${t.map}`);
      if (!ours.some((p) => p.kind === 'div')) assert.deepEqual(withPlugin, plain, `${file}: source maps`);
    }
    const html = markdownIt(defaultLookup).render('[x]{evidence=research use=embedded note="Said twice & \\"quoted\\""} [y]{evidence=reserch}\n');
    assert.match(html, /title="Type of evidence: Research evidence&#10;Form of evidence use: Embedded \(process\) use&#10;Note: Said twice &amp; &quot;quoted&quot;"/);
    assert.match(html, /class="evidence-passage evidence-span evidence-unknown"[^>]*>y<\/span>/);
    assert.match(html, /style="--evidence-tint-light:#1f6fb2;--evidence-tint-dark:#5aa9e6;--evidence-line-light:#[0-9a-f]{6};/);
  });

  it('a span whose attributes wrap inside a block quote keeps the quote whole', () => {
    const html = markdownIt(defaultLookup).render('> a [b]{evidence=research\n> use=embedded} c\n> d\n');
    assert.match(html, /^<blockquote>\n<p>a <span [^>]*>b<\/span><!--et:0--><span class="evidence-wrap" data-lines="\n"><\/span> c\nd<\/p>\n<\/blockquote>\n$/);
  });

  it('turned off, it leaves markdown-it alone', () => {
    const text = '[a]{evidence=research}\n';
    const off = new MarkdownIt({ html: true }).use(evidencePreviewPlugin, { lookupFor: () => defaultLookup, enabled: () => false });
    assert.equal(off.render(text), new MarkdownIt({ html: true }).render(text));
  });
});
