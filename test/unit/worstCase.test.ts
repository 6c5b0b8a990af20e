// The parser's worst case: work that grows linearly with the input (counted, not timed), no throw and
// no stack overflow at any depth, and sane ranges on large adversarial inputs.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { parseDocument, parseSafely } from '../../src/core';
import { workCounter } from '../../src/core/work';
import { ADVERSARIAL_FAMILIES } from '../adversarial';
import { assertSaneParse, lookup } from './helpers';

/**
 * The parser's counted work, plus the characters String.prototype.indexOf reads for it: a search inside a
 * builtin is work too (a search for a line break that ran past its markup to the end of a long paragraph
 * once made a family quadratic while the parser's own count stayed linear).
 */
function workFor(text: string): { own: number; all: number } {
  const indexOf = String.prototype.indexOf;
  let searched = 0;
  String.prototype.indexOf = function (this: string, search: string, from?: number) {
    const start = Math.max(0, from ?? 0);
    const found = indexOf.call(this, search, start);
    searched += (found === -1 ? this.length : found + search.length) - start;
    return found;
  };
  try {
    workCounter.visits = 0;
    parseDocument(text, lookup);
    return { own: workCounter.visits, all: workCounter.visits + searched };
  } finally {
    String.prototype.indexOf = indexOf;
  }
}

describe('parser worst case', () => {
  for (const [family, make] of Object.entries(ADVERSARIAL_FAMILIES)) {
    it(`${family}: work grows linearly with the input`, () => {
      const small = make(32_000);
      const large = make(256_000);
      const workSmall = workFor(small);
      const workLarge = workFor(large);
      // Eight times the text may cost eight times the work (plus slack for caches that fill once), never more;
      // with the characters indexOf searched counted in.
      const perByteSmall = workSmall.all / small.length;
      const perByteLarge = workLarge.all / large.length;
      assert.ok(perByteLarge <= perByteSmall * 1.25 + 0.05, `${family}: ${perByteSmall.toFixed(3)} steps per character at 32 KB, ${perByteLarge.toFixed(3)} at 256 KB`);
      assert.ok(workLarge.own / large.length < 12, `${family}: ${(workLarge.own / large.length).toFixed(2)} steps per character`);
    });
  }

  it('the work counter sees quadratic work when there is some (the test can fail)', () => {
    // A deliberately quadratic loop over the parser: parse every prefix. Its work per byte grows.
    const text = ADVERSARIAL_FAMILIES['unclosed brackets'](2000);
    const work = (n: number) => {
      workCounter.visits = 0;
      for (let i = 1; i <= n; i += 50) parseDocument(text.slice(0, i), lookup);
      return workCounter.visits / n;
    };
    assert.ok(work(2000) > 3 * work(500));
  });

  it('depth 100,000 neither throws nor loses the structure around it', () => {
    const depth = 100_000;
    const cases: [string, string][] = [
      ['nested spans', '['.repeat(depth) + 'x' + ']{evidence=research}'.repeat(depth)],
      ['nested divs', '::: {evidence=research}\n'.repeat(depth) + 'x\n' + ':::\n'.repeat(depth)],
      ['unclosed divs', '::: {evidence=research}\ntext\n\n'.repeat(depth)],
      ['block quotes', '> '.repeat(depth) + '[x]{evidence=research}\n'],
      ['lists', '- '.repeat(depth) + '[x]{evidence=research}\n'],
      ['links', '['.repeat(depth) + 'a' + '](u)'.repeat(depth)],
      ['notes', '^['.repeat(depth) + 'a' + ']'.repeat(depth)],
      ['footnote definitions', Array.from({ length: 2000 }, (_, i) => '    '.repeat(i) + `[^n${i}]: x`).join('\n')],
    ];
    for (const [name, text] of cases) {
      const doc = parseDocument(text, lookup);
      assertSaneParse(doc);
      if (name === 'nested spans') assert.equal(doc.passages.length, depth, 'every span is read');
      if (name === 'nested divs') {
        assert.equal(doc.passages.length, depth, 'every div is read');
        assert.equal(doc.passages[depth - 1].depth, depth - 1);
      }
      if (name === 'block quotes' || name === 'lists') assert.ok(doc.problems.some((p) => p.code === 'nesting-too-deep'), `${name}: the cap is reported`);
    }
  });

  it('never throws on large adversarial mixtures, and its ranges stay sane', () => {
    const pieces = ['[', ']', '{', '}', '(', ')', '"', "'", '`', '```', '~~~', '$', '$$', '<', '<!--', '-->', '>', '> ', '- ', '1. ', ':::', '::: {evidence=research}', ']{evidence=research}', ']{use="', '\\', '\\emph{', '\\begin{x}', '^', '^[', '![', '[^1]', '[^1]: ', '|', '---', '    ', '\n', '\n\n', '\r\n', 'word ', 'é', '😀'];
    const adversarial = fc.array(fc.constantFrom(...pieces), { minLength: 200, maxLength: 4000 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(adversarial, (text) => assertSaneParse(parseDocument(text, lookup))),
      { numRuns: 300 },
    );
  });
});

describe('parseSafely', () => {
  it('turns a parser failure into an untagged document with one warning', () => {
    const exploding = new Proxy(lookup, {
      get(target, property, receiver) {
        if (property === 'isDimension') return () => { throw new RangeError('Maximum call stack size exceeded'); };
        return Reflect.get(target, property, receiver);
      },
    });
    const text = '[a]{evidence=research}\n';
    assert.throws(() => parseDocument(text, exploding), RangeError);
    const parsed = parseSafely(text, exploding);
    assert.equal(parsed.passages.length, 0);
    assert.deepEqual(parsed.problems.map((p) => [p.code, p.severity]), [['parse-failed', 'warning']]);
    assert.match(parsed.problems[0].message, /Maximum call stack size exceeded/);
    assert.equal(parsed.lines.lineCount, 2);
  });
});
