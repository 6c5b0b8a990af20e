// Agreement between two codings of the same documents: aligned on the markup-free text, figures per tag,
// dimension and overall equal to the coefficients on the hand-made character tables, disagreements
// located in both versions, edits to the text itself reported and left out.
import { strict as assert } from 'node:assert';
import { AgreementTable, compareCoding, DEFAULT_CODEBOOK, parseDocument } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const compare = (a: string, b: string) => compareCoding([{ file: 'doc.md', a: parseDocument(a, lookup), b: parseDocument(b, lookup) }], DEFAULT_CODEBOOK);
const tagOf = (result: ReturnType<typeof compare>, dimension: string, tag: string) => result.dimensions.find((d) => d.dimension === dimension)!.tags.find((t) => t.tag === tag)!;

describe('inter-coder agreement', () => {
  it('identical codings agree perfectly whatever the markup looks like (span or div, quotes, order)', () => {
    const a = 'Intro line here.\n\n[The whole paragraph is coded.]{evidence=research use=embedded}\n\nUncoded tail.\n';
    const b = 'Intro line here.\n\n::: {use="embedded" evidence=research}\nThe whole paragraph is coded.\n:::\n\nUncoded tail.\n';
    const result = compare(a, b);
    assert.equal(result.characters, 'Intro line here.The whole paragraph is coded.Uncoded tail.'.length);
    assert.deepEqual(result.overall, { percentage: 1, kappa: 1, alpha: 1 });
    assert.deepEqual(result.disagreements, []);
    assert.deepEqual(result.textDifferences, []);
    assert.deepEqual(tagOf(result, 'evidence', 'research'), { dimension: 'evidence', tag: 'research', passagesA: 1, passagesB: 1, charactersA: 29, charactersB: 29, both: 29, percentage: 1, kappa: 1, alpha: 1 });
  });

  it('per-tag figures are those of the character table; the disagreement is located in both versions', () => {
    const text = 'abcdefghijklmnopqrst';
    const a = `[${text.slice(0, 10)}]{evidence=research}${text.slice(10)}\n`;
    const b = `${text.slice(0, 5)}[${text.slice(5, 15)}]{evidence=research}${text.slice(15)}\n`;
    const result = compare(a, b);
    const research = tagOf(result, 'evidence', 'research');
    const table = new AgreementTable();
    table.add('1', '1', 5);
    table.add('1', '0', 5);
    table.add('0', '1', 5);
    table.add('0', '0', 5);
    assert.equal(research.percentage, table.percentage());
    assert.equal(research.kappa, table.kappa());
    assert.equal(research.both, 5);
    assert.ok(research.alpha !== null && research.alpha < 0.5);
    assert.deepEqual(result.disagreements.map((d) => [d.tagsA, d.tagsB, a.slice(d.a.start, d.a.end), b.slice(d.b.start, d.b.end)]), [
      [['research'], [], 'abcde', 'abcde'],
      [[], ['research'], 'klmno', 'klmno'],
    ]);
  });

  it('a passage coded with different tags is one disagreement naming both; the dimension’s kappa is nominal', () => {
    const result = compare('One [two three]{evidence=research} four.\n', 'One [two three]{evidence=practice} four.\n');
    assert.equal(result.disagreements.length, 1);
    assert.deepEqual([result.disagreements[0].tagsA, result.disagreements[0].tagsB, result.disagreements[0].text], [['research'], ['practice'], 'two three']);
    const evidence = result.dimensions.find((d) => d.dimension === 'evidence')!;
    // 19 characters, 9 coded differently: agreement 10/19; labels A research 9 / none 10, B practice 9 / none 10.
    assert.equal(evidence.percentage, 10 / 19);
    const pe = (10 / 19) ** 2;
    assert.ok(Math.abs(evidence.kappa! - (10 / 19 - pe) / (1 - pe)) < 1e-12);
    assert.equal(tagOf(result, 'evidence', 'research').passagesB, 0);
  });

  it('pieces sharing a passage key are one passage; nested passages with one tag are one unit', () => {
    const a = '[one [two]{evidence=research passage=p1} three]{use=embedded} [four]{evidence=research passage=p1}.\n';
    const b = '[one two three four]{evidence=research}.\n';
    const result = compare(a, b);
    assert.equal(tagOf(result, 'evidence', 'research').passagesA, 1);
    assert.equal(tagOf(result, 'evidence', 'research').passagesB, 1);
  });

  it('text edited by one coder: aligned on the common text, the edit reported and left out of the figures', () => {
    const a = 'First paragraph [coded]{evidence=research} here.\n\nSecond paragraph with a typpo in it.\n\nThird.\n';
    const b = 'First paragraph [coded]{evidence=research} here.\n\nSecond paragraph with a typo in it.\n\nThird.\n';
    const result = compare(a, b);
    assert.deepEqual(result.overall.percentage, 1);
    assert.deepEqual(result.textDifferences.map((d) => [a.slice(d.a.start, d.a.end), b.slice(d.b.start, d.b.end)]), [['p', '']]);
    assert.equal(result.characters, 'First paragraph coded here.Second paragraph with a typo in it.Third.'.length);
  });

  it('several files make one continuum; disagreements name their file', () => {
    const pairs = [
      { file: 'x.md', a: parseDocument('[Alpha]{evidence=research} beta.\n', lookup), b: parseDocument('[Alpha]{evidence=research} beta.\n', lookup) },
      { file: 'y.md', a: parseDocument('Gamma delta.\n', lookup), b: parseDocument('[Gamma]{use=embedded} delta.\n', lookup) },
    ];
    const result = compareCoding(pairs, DEFAULT_CODEBOOK);
    assert.equal(result.files, 2);
    assert.deepEqual(result.disagreements.map((d) => [d.file, d.dimension, d.text]), [['y.md', 'use', 'Gamma']]);
    assert.equal(tagOf(result, 'evidence', 'research').percentage, 1);
  });

  it('nothing coded in either version: figures undefined, not perfect', () => {
    const result = compare('Plain text.\n', 'Plain text.\n');
    assert.deepEqual(result.dimensions, []);
    assert.equal(result.overall.alpha, null);
    assert.equal(result.overall.kappa, null);
  });
});
