// The attribute reader remembers lists it has read: from memory it must answer exactly what a fresh read
// answers, wherever the list stands; the passages that share what was derived from a list must not differ.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseAttributes } from '../../src/core/attributes';
import { AttributeReader } from '../../src/core/attributeReader';
import { CodebookLookup, DEFAULT_CODEBOOK, parseDocument } from '../../src/core';
import { lookup } from './helpers';

// Lists that repeat, and look-alikes that must not be taken for them: a `}` inside quotes, a line break, an
// unclosed list or quote, escapes and entities, a tab in quotes (its width depends on the column).
const PIECES = [
  '{evidence=research}',
  '{evidence=research use=embedded}',
  '{ evidence=research  use=embedded }',
  '{note="a}b" evidence=practice}',
  '{note="a}',
  '{evidence=research\nuse=embedded}',
  '{evidence="sector\\"data"}',
  '{evidence=pedagogical note="x &amp; y"}',
  '{#id .class key=value}',
  '{.a .b}',
  '{evidence=}',
  '{evidence=research',
  '{-}',
  '{note="a\tb" evidence=research}',
  '\t',
  '}',
  '{',
  ' ',
  '\n',
  '"',
  'word',
];
const repetitiveText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('attribute reader', () => {
  it('reads every list as parseAttributes does, from memory or not, at any limit', () => {
    fc.assert(
      fc.property(repetitiveText, fc.array(fc.nat(), { maxLength: 8 }), (text, cuts) => {
        const reader = new AttributeReader(text);
        const opens = [...text.matchAll(/\{/g)].map((m) => m.index);
        // Twice over: the second pass reads every list from memory when it may.
        for (const open of [...opens, ...opens]) {
          const limit = cuts.length ? Math.min(text.length, open + 1 + (cuts[open % cuts.length] % (text.length - open))) : text.length;
          assert.deepStrictEqual(reader.read(open, limit), parseAttributes(text, open, limit), `list at ${open}, limit ${limit}`);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('past its size the memory starts again, and still reads every list right', () => {
    const lists = Array.from({ length: 5000 }, (_, i) => `{evidence=research k=v${i}}`);
    const text = [...lists, ...lists].join(' ');
    const reader = new AttributeReader(text);
    for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
      assert.deepStrictEqual(reader.read(open, text.length), parseAttributes(text, open, text.length));
    }
  });

  it('gives each read its own block, so shifting one passage moves no other', () => {
    const text = '{evidence=research} {evidence=research}';
    const reader = new AttributeReader(text);
    const first = reader.read(0, text.length)!;
    const second = reader.read(20, text.length)!;
    assert.notEqual(first, second);
    assert.notEqual(first.pairs[0], second.pairs[0]);
    assert.deepEqual([second.start, second.pairs[0].start, second.pairs[0].valueStart], [20, 21, 30]);
  });

  it('shares the tags of passages with the same list, frozen, and reports the problems of each where it stands', () => {
    const text = '[a]{evidence=research use=embedded} [b]{evidence=research use=embedded}\n\n[c]{evidence=reserch} [d]{evidence=reserch}';
    const { passages, problems } = parseDocument(text, lookup);
    assert.equal(passages.length, 4);
    assert.equal(passages[0].tags, passages[1].tags);
    assert.ok(Object.isFrozen(passages[0].tags) && Object.isFrozen(passages[0].tags.evidence));
    assert.deepEqual({ ...passages[1].tags }, { evidence: ['research'], use: ['embedded'] });
    assert.deepEqual(
      problems.map((p) => [p.code, text.slice(p.start, p.end)]),
      [['unknown-tag', 'reserch'], ['unknown-tag', 'reserch']],
    );
    assert.ok(problems[1].start > problems[0].start);
    assert.deepEqual(passages.map((p) => text.slice(p.attributes.start, p.attributes.end)), ['{evidence=research use=embedded}', '{evidence=research use=embedded}', '{evidence=reserch}', '{evidence=reserch}']);
  });
});

describe('attribute memory across documents', () => {
  it('is kept per codebook: the same list reads by the codebook each document is parsed with', () => {
    const withoutUse = new CodebookLookup({ ...DEFAULT_CODEBOOK, dimensions: DEFAULT_CODEBOOK.dimensions.filter((d) => d.id !== 'use') });
    const text = 'A [claim]{use=embedded} here.\n';
    assert.equal(parseDocument(text, lookup).passages.length, 1);
    assert.equal(parseDocument(text, withoutUse).passages.length, 0);
    assert.equal(parseDocument(`Other text. ${text}`, lookup).passages[0].tags.use[0], 'embedded');
  });

  it('reads a list the same in a later document, wherever it stands there', () => {
    const first = parseDocument('[a]{evidence=practice note="x"}\n', lookup);
    const later = parseDocument('Some words first, then [b]{evidence=practice note="x"}\n', lookup);
    assert.equal(later.passages[0].tags, first.passages[0].tags);
    assert.equal(later.passages[0].note, 'x');
    assert.equal(later.passages[0].attributes.start, 26);
    assert.deepEqual(later.passages[0].attributes.pairs.map((p) => [p.start, p.valueStart, p.valueEnd]), [[27, 36, 44], [45, 50, 53]]);
  });
});
