// The text of an edited document kept as pieces must read exactly as the edited string would.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { EditedText } from '../../src/core/editedText';
import { LineIndex, lineStartsOf } from '../../src/core/text';

const edit = fc.tuple(fc.nat(), fc.nat(40), fc.string({ unit: fc.constantFrom('a', 'b', '\n', '\r', 'é', '😀'), maxLength: 300 }));

describe('edited text', () => {
  it('reads as the string edited the same way, in whole, in slices and by character', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.array(edit, { maxLength: 400 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }), (initial, edits, probes) => {
        let expected = initial;
        let text = EditedText.of(initial);
        for (const [at, length, inserted] of edits) {
          const start = at % (expected.length + 1);
          const removed = Math.min(length, expected.length - start);
          const before = text;
          text = text.edit(start, removed, inserted);
          expected = expected.slice(0, start) + inserted + expected.slice(start + removed);
          assert.equal(text.length, expected.length);
          // The text an edit started from is left as it was.
          if (before.length !== text.length || removed > 0) assert.equal(before.slice(0, before.length).length, before.length);
          for (const [a, b] of probes) {
            const from = a % (expected.length + 1);
            const to = from + (b % (expected.length - from + 1));
            assert.equal(text.slice(from, to), expected.slice(from, to));
            assert.deepEqual(text.charCodeAt(from), expected.charCodeAt(from));
          }
        }
        assert.equal(text.toString(), expected);
        assert.equal(text.slice(0), expected);
      }),
      { numRuns: 300 },
    );
  });

  it('an edit outside the text is refused, not applied somewhere else', () => {
    const text = EditedText.of('abc');
    assert.throws(() => text.edit(2, 5, 'x'), RangeError);
    assert.throws(() => text.edit(-1, 0, 'x'), RangeError);
    assert.equal(text.toString(), 'abc');
  });

  it('typing in one place keeps one piece for what was typed, and an earlier version stays readable', () => {
    const start = EditedText.of('x'.repeat(100_000));
    let text = start;
    for (let i = 0; i < 1000; i++) text = text.edit(50_000 + i, 0, 'y');
    assert.equal(text.slice(49_999, 51_001), 'x' + 'y'.repeat(1000) + 'x');
    assert.equal(start.toString(), 'x'.repeat(100_000));
    assert.equal(text.toString(), 'x'.repeat(50_000) + 'y'.repeat(1000) + 'x'.repeat(50_000));
  });
});

describe('line starts', () => {
  it('are the offsets after each line feed, with 0 first, as splitting the text gives them', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '\n', '\r', '😀', ' '), maxLength: 400 });
    fc.assert(
      fc.property(text, (source) => {
        const expected = [0];
        for (const line of source.split('\n').slice(0, -1)) expected.push(expected[expected.length - 1] + line.length + 1);
        assert.deepEqual(lineStartsOf(source), expected);
        assert.deepEqual(new LineIndex(source).lineStarts, expected);
      }),
      { numRuns: 2000 },
    );
  });
});
