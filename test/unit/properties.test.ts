// Property tests: the parser never throws, its ranges are sane, and tag → untag gives back the exact text.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, parseDocument, planTagging, tagEdits, untagEdits } from '../../src/core';
import { assertSaneParse, lookup } from './helpers';

const MARKUP_CHARS = ['[', ']', '{', '}', ':', '`', '\\', '$', '<', '>', '"', "'", '=', '#', '.', '-', '*', '!', '^', '~', '|', ' ', '\n', '\r\n', '\t', 'é', '😀', 'ع'];
const anyMarkdown = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 300 }),
  fc.array(fc.oneof(fc.constantFrom(...MARKUP_CHARS), fc.constantFrom('evidence=research', 'use=embedded', 'k=v', ':::', '::: {k=v}\n', '```\n', '> ', '- ', 'note="a b"', 'word')), { maxLength: 120 }).map((parts) => parts.join('')),
);

/** Plain prose without any markup character: paragraphs of words. */
const word = fc.stringMatching(/^[A-Za-zé😀]{1,8}$/);
const paragraph = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => words.join(' '));
const plainDocument = fc.tuple(fc.array(paragraph, { minLength: 1, maxLength: 6 }), fc.constantFrom('\n', '\r\n')).map(([paragraphs, eol]) => paragraphs.join(eol + eol));
const tagValues = fc.record({
  tags: fc.record({ evidence: fc.subarray(['research', 'sector-data', 'pedagogical', 'practice'], { minLength: 1 }), use: fc.subarray(['transparent', 'instrumental', 'embedded']) }),
  note: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
});

describe('parser properties', () => {
  it('never throws, and every range lies inside the text and inside its parent', () => {
    fc.assert(
      fc.property(anyMarkdown, (text) => {
        assertSaneParse(parseDocument(text, lookup));
      }),
      { numRuns: 3000 },
    );
  });

  it('passages never overlap without nesting', () => {
    fc.assert(
      fc.property(anyMarkdown, (text) => {
        const { passages } = parseDocument(text, lookup);
        for (let i = 0; i < passages.length; i++) {
          for (let j = i + 1; j < passages.length; j++) {
            const [a, b] = [passages[i], passages[j]];
            assert.ok(b.start >= a.end || (b.start >= a.contentStart && b.end <= a.contentEnd), 'disjoint or nested');
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('tagging a stretch of a paragraph, then removing the markup, restores the exact text', () => {
    fc.assert(
      fc.property(plainDocument, fc.nat(), fc.nat(), tagValues, (text, a, b, values) => {
        const blocks = parseDocument(text, lookup).blocks;
        const block = blocks[a % blocks.length];
        const cut = (n: number) => {
          let at = block.start + (n % (block.end - block.start + 1));
          if (at > block.start && at < block.end && /[\uDC00-\uDFFF]/.test(text[at])) at--; // not inside a surrogate pair
          return at;
        };
        let [start, end] = [cut(a), cut(b)].sort((x, y) => x - y);
        if (start === end) end = block.end;
        const tagged = applyEdits(text, tagEdits(text, start, end, values, false));
        const doc = parseDocument(tagged, lookup);
        assert.equal(doc.passages.length, 1, tagged);
        const [passage] = doc.passages;
        assert.equal(tagged.slice(passage.contentStart, passage.contentEnd), text.slice(start, end));
        assert.deepEqual({ ...passage.tags }, Object.fromEntries(Object.entries(values.tags).filter(([, ids]) => ids.length)));
        assert.equal(passage.note, values.note || null);
        assert.equal(applyEdits(tagged, untagEdits(passage)), text);
      }),
      { numRuns: 1000 },
    );
  });

  it('wrapping whole paragraphs in a div, then removing the markup, restores the exact text', () => {
    fc.assert(
      fc.property(plainDocument, fc.nat(), fc.nat(), (text, a, b) => {
        const blocks = parseDocument(text, lookup).blocks;
        const [first, last] = [a % blocks.length, b % blocks.length].sort((x, y) => x - y);
        const tagged = applyEdits(text, tagEdits(text, blocks[first].start, blocks[last].end, { tags: { evidence: ['research'] } }, true));
        const doc = parseDocument(tagged, lookup);
        assert.equal(doc.passages.length, 1, JSON.stringify(tagged));
        assert.equal(doc.passages[0].kind, 'div');
        assert.equal(applyEdits(tagged, untagEdits(doc.passages[0])), text);
      }),
      { numRuns: 1000 },
    );
  });

  it('removing the markup of every passage leaves exactly the text without the markup', () => {
    fc.assert(
      fc.property(plainDocument, fc.array(fc.tuple(fc.nat(), fc.nat(), tagValues), { maxLength: 5 }), (text, cuts) => {
        // Tag several disjoint stretches (right to left, so earlier offsets stay valid), then strip all markup at once.
        const blocks = parseDocument(text, lookup).blocks;
        const chosen = new Map<number, [number, number, (typeof cuts)[number][2]]>();
        for (const [n, m, values] of cuts) {
          const block = blocks[n % blocks.length];
          chosen.set(block.start, [block.start, block.start + 1 + (m % (block.end - block.start)), values]);
        }
        let tagged = text;
        for (const [start, end, values] of [...chosen.values()].sort((x, y) => y[0] - x[0])) {
          if (/[\uDC00-\uDFFF]/.test(text[end] ?? '')) continue;
          tagged = applyEdits(tagged, tagEdits(tagged, start, end, values, false));
        }
        const doc = parseDocument(tagged, lookup);
        assert.equal(applyEdits(tagged, doc.passages.flatMap(untagEdits)), text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('safe tagging (planTagging)', () => {
  // Prose with every construct that hides or changes markup, CRLF, and characters outside the BMP.
  const pieces = ['word ', 'more words ', '`code [x] here` ', '$x_1$ ', '<!-- note -->', '[link](http://x.org/a_(b)) ', '![img](p.png) ', '\\[', '^', '!', '[', ']', '[1] ', '(', ')', '"q" ', 'é', '😀', '\n', '\r\n', '\n\n', '> ', '- ', '::: {evidence=practice}\n', '\n:::\n', '[in]{evidence=research} ', '{', '}'];
  const document = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }).map((parts) => parts.join(''));
  const values = { tags: { evidence: ['research'], use: ['transparent'] } };

  it('accepted tagging makes exactly the selected passage, and untagging gives back the exact text', () => {
    let accepted = 0;
    fc.assert(
      fc.property(document, fc.nat(), fc.nat(), (text, a, b) => {
        const doc = parseDocument(text, lookup);
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.min(text.length, start + (Math.max(a, b) % 40));
        const planned = planTagging(doc, [{ start, end }], values, lookup);
        if (!planned.ok) return;
        accepted++;
        const tagged = applyEdits(text, planned.edits);
        const after = parseDocument(tagged, lookup);
        const made = after.passages.filter((p) => p.tags.use?.[0] === 'transparent' && p.tags.evidence?.[0] === 'research' && !doc.passages.some((q) => text.slice(q.contentStart, q.contentEnd) === tagged.slice(p.contentStart, p.contentEnd) && q.tags.use));
        assert.equal(made.length, 1, 'a passage was produced');
        assert.equal(applyEdits(tagged, untagEdits(made[0])), text, 'untag restores the text byte for byte');
        assert.equal(after.passages.length, doc.passages.length + 1);
      }),
      { numRuns: 4000 },
    );
    assert.ok(accepted > 500, `${accepted} of 4000 selections were tagged`);
  });

  it('refuses the selections that used to corrupt text, saying why', () => {
    const cases: [string, string, RegExp][] = [
      ['As noted [1 in the report.', 'noted [1', /unmatched "\["/],
      ['Run `git log [x]` now.', 'git log', /inside a code span/],
      ['See [the site](http://example.org/page) here.', 'example', /inside a link address/],
      ['Math $a+b$ here.', 'a+b', /inside math/],
      ['A <!-- hidden remark --> here.', 'hidden', /inside an HTML comment/],
      ['A \\emph{stressed} word.', 'stressed', /inside a TeX command/],
      ['An image !caption here.', 'caption', /image/],
      ['😀 face', '\ud83d', /splits a character/],
    ];
    for (const [text, selected, reason] of cases) {
      const start = text.indexOf(selected);
      const planned = planTagging(parseDocument(text, lookup), [{ start, end: start + selected.length }], values, lookup);
      assert.ok(!planned.ok, `${text}: refused`);
      assert.match(planned.reason, reason, text);
    }
  });
});
