import { strict as assert } from 'node:assert';
import { DEFAULT_CODEBOOK, parseDocument, summarizeDocument, tallyDocuments } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const summary = (text: string) => summarizeDocument(parseDocument(text, lookup));

describe('tally and coverage', () => {
  it('counts passages and characters per tag', () => {
    const s = summary('[abc]{evidence="research practice" use=embedded} x [de]{evidence=research}');
    assert.equal(s.passageCount, 2);
    assert.deepEqual(s.counts.get('evidence')?.get('research'), { passages: 2, characters: 5 });
    assert.deepEqual(s.counts.get('evidence')?.get('practice'), { passages: 1, characters: 3 });
    assert.deepEqual(s.counts.get('use')?.get('embedded'), { passages: 1, characters: 3 });
  });

  it('computes coverage as tagged prose over all prose, markup excluded, and lists untagged blocks', () => {
    const text = '[aaaa]{evidence=research} bbbb\n\nuntagged para\n\n::: {use=embedded}\ncccc [dd]{level=system}\n:::\n';
    const s = summary(text);
    // Blocks: "aaaa bbbb" (9 prose chars), "untagged para" (13), "cccc dd" (7).
    assert.equal(s.proseLength, 9 + 13 + 7);
    assert.equal(s.taggedLength, 4 + 7);
    assert.equal(s.untaggedBlocks.length, 1);
    assert.equal(text.slice(s.untaggedBlocks[0].start, s.untaggedBlocks[0].end), 'untagged para');
    assert.ok(Math.abs(s.coverage - 11 / 29) < 1e-9);
  });

  it('counts the same prose however the markup wraps, in block quotes and CRLF documents too', () => {
    const oneLine = summary('a [bb]{evidence=research use=embedded} c\n');
    for (const wrapped of ['a [bb]{evidence=research\nuse=embedded} c\n', 'a [bb]{evidence=research\r\n   use=embedded} c\r\n', 'a [bb]{evidence=research note="x\ny"\nuse=embedded} c\n']) {
      assert.deepEqual([summary(wrapped).proseLength, summary(wrapped).taggedLength], [oneLine.proseLength, oneLine.taggedLength], JSON.stringify(wrapped));
    }
    const quoted = summary('> a [bb]{evidence=research use=embedded} c\n');
    const quotedWrapped = summary('> a [bb]{evidence=research\n> use=embedded} c\n');
    assert.equal(quotedWrapped.passageCount, 1);
    assert.deepEqual([quotedWrapped.proseLength, quotedWrapped.taggedLength], [quoted.proseLength, quoted.taggedLength]);
    assert.equal(quoted.proseLength, 6);
  });

  it('aggregates files, shares, unknown tags and the evidence × use matrix', () => {
    const tally = tallyDocuments(
      [
        { file: 'a.md', summary: summary('[x]{evidence=research use="transparent embedded"} [y]{evidence=practice use=embedded}') },
        { file: 'b.md', summary: summary('[z]{evidence="research practice" use=instrumental} [w]{evidence=reserch}') },
      ],
      DEFAULT_CODEBOOK,
    );
    assert.equal(tally.passages, 4);
    const research = tally.dimensions[0].tags.find((t) => t.id === 'research')!;
    assert.deepEqual([research.passages, research.files, research.share], [2, 2, 0.5]);
    const unknown = tally.dimensions[0].tags.find((t) => t.id === 'reserch')!;
    assert.equal(unknown.known, false);
    const cell = (e: string, u: string) => tally.matrix.counts[tally.matrix.rows.findIndex((r) => r.id === e)][tally.matrix.columns.findIndex((c) => c.id === u)];
    assert.equal(cell('research', 'transparent'), 1);
    assert.equal(cell('research', 'embedded'), 1);
    assert.equal(cell('research', 'instrumental'), 1);
    assert.equal(cell('practice', 'embedded'), 1);
    assert.equal(cell('practice', 'instrumental'), 1);
    assert.equal(cell('sector-data', 'embedded'), 0);
    assert.deepEqual(tally.coverage.files.map((f) => f.file), ['a.md', 'b.md']);
  });
});
