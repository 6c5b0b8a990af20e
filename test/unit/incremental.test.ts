// Incremental re-parsing must give exactly what a full parse of the new text gives.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDocument, reparseDocument, type ParsedDocument } from '../../src/core';
import { lookup } from './helpers';
import { TRICKY_DOCUMENTS } from './trickyDocuments';

const PIECES = ['[', ']', '{', '}', ':::', '::: {k=v}', '\n', '\n\n', '`', '```', '> ', '- ', '    ', 'word ', 'evidence=research', 'k=v', '"', '<!--', '-->', '---', '#', '\\', '$', 'é😀', ': ', '~ ', '\t', '\r\n'];
const snippet = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((p) => p.join(''));
const base = fc.oneof(fc.constantFrom(...TRICKY_DOCUMENTS.map(([, t]) => t)), fc.array(fc.constantFrom(...PIECES, 'Some prose here. ', '[a span]{k=v} ', '\n\n::: {k=w}\ninside\n:::\n\n'), { maxLength: 60 }).map((p) => p.join('')));

/** The re-parse equals a full parse of the same text. */
function assertSameParse(incremental: ParsedDocument, text: string) {
  const full = parseDocument(text, lookup);
  assert.deepEqual(incremental.passages, full.passages, 'passages');
  assert.deepEqual(incremental.blocks, full.blocks, 'blocks');
  assert.deepEqual(incremental.problems, full.problems, 'problems');
  assert.deepEqual(incremental.sync, full.sync, 'sync points');
  // The line table is carried over from the previous one, not made from the text again.
  assert.deepEqual(incremental.lines.lineStarts, full.lines.lineStarts, 'line table');
}

function check(before: string, start: number, removed: number, inserted: string, windowAfter?: number) {
  const after = before.slice(0, start) + inserted + before.slice(start + removed);
  const incremental = reparseDocument(parseDocument(before, lookup), { start, removed, text: inserted }, lookup, { windowAfter });
  assertSameParse(incremental, after);
  assert.equal(incremental.lines.text, after);
}

describe('incremental re-parse', () => {
  it('equals a full parse after any single change', () => {
    fc.assert(
      fc.property(base, fc.nat(), fc.nat(8), snippet, (before, at, length, inserted) => {
        const start = at % (before.length + 1);
        check(before, start, Math.min(length, before.length - start), inserted);
      }),
      { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 4000) },
    );
  });

  it('equals a full parse when the window of text it reads ends close to the change', () => {
    // A window just past the change: its last lines, and openers whose closer lies beyond it, must not be trusted.
    fc.assert(
      fc.property(base, fc.nat(), fc.nat(8), snippet, fc.nat(120), (before, at, length, inserted, windowAfter) => {
        const start = at % (before.length + 1);
        check(before, start, Math.min(length, before.length - start), inserted, windowAfter);
      }),
      { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 4000) },
    );
  });

  it('equals a full parse after each of many edits, each re-parsing the last (the text never joined between)', () => {
    fc.assert(
      fc.property(base, fc.array(fc.tuple(fc.nat(), fc.nat(8), snippet), { minLength: 1, maxLength: 12 }), fc.nat(120), (initial, edits, windowAfter) => {
        let text = initial;
        let parsed = parseDocument(text, lookup);
        for (const [at, length, inserted] of edits) {
          const start = at % (text.length + 1);
          const removed = Math.min(length, text.length - start);
          parsed = reparseDocument(parsed, { start, removed, text: inserted }, lookup, { windowAfter });
          text = text.slice(0, start) + inserted + text.slice(start + removed);
          assertSameParse(parsed, text);
        }
        assert.equal(parsed.text, text);
      }),
      { numRuns: Number(process.env.INCREMENTAL_RUNS ?? 4000) / 4 },
    );
  });

  it('a div opener the change creates, at the offset an old opener shifts to, is a new div', () => {
    // Replacing the "}" of one opener with "\n\n::: {k=v}" puts a new opener exactly `delta` after the old one.
    const before = '::: {k=v}\n> [q\n> r]{k=w}\n:::\n\n::: {k=v}\n- a\n- [b]{k=w}\n:::\n\n::: {k=v}\n```\n:::\n```\n:::';
    check(before, 38, 1, '\n\n::: {k=v}');
  });

  it('after typing a character at every position of a tagged sample', () => {
    const text = TRICKY_DOCUMENTS.map(([, t]) => t).join('\n\n').replace(/\[\^1\]: note/g, '');
    for (let at = 0; at <= text.length; at += 7) for (const typed of ['x', '\n', ']', ':']) check(text, at, 0, typed);
  });
});
