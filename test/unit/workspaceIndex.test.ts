import { strict as assert } from 'node:assert';
import { DEFAULT_CODEBOOK, WorkspaceIndex, excerptOf, failedParse, indexDocument, parseDocument, positionIn, tagKey, tallyDocuments } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const doc = (key: string, text: string) => indexDocument(key, key, parseDocument(text, lookup));

describe('workspace index', () => {
  it('keeps totals and the tally current as documents are set, replaced, renamed and deleted', () => {
    const index = new WorkspaceIndex();
    const changes: string[][] = [];
    index.onDidChange((keys) => changes.push(keys));
    index.set(doc('a.md', '[x]{evidence="research practice" use=embedded}\n\n[y]{evidence=research}\n'));
    index.set(doc('b.md', '[z]{use=embedded}\n\nUntagged.\n'));
    assert.equal(index.passageCount, 3);
    assert.equal(index.dimensionCounts.get('evidence'), 2);
    assert.equal(index.tagCounts.get(tagKey('evidence', 'research')), 2);
    assert.equal(index.tagCounts.get(tagKey('use', 'embedded')), 2);
    assert.deepEqual(index.matrix(DEFAULT_CODEBOOK), tallyDocuments(index.all().map((d) => ({ file: d.label, summary: { ...d.summary, untaggedBlocks: [] } })), DEFAULT_CODEBOOK).matrix);
    assert.equal(index.matrix(DEFAULT_CODEBOOK).counts.flat().reduce((a, b) => a + b), 2, 'two passages carry both an evidence and a use tag');

    index.set(doc('a.md', '[only]{evidence=practice}\n'));
    assert.equal(index.passageCount, 2);
    assert.equal(index.tagCounts.get(tagKey('evidence', 'research')), 0);
    assert.equal(index.tagCounts.get(tagKey('evidence', 'practice')), 1);
    assert.equal(index.matrix(DEFAULT_CODEBOOK).counts.flat().reduce((a, b) => a + b), 0, 'no passage left with both');

    index.rename('b.md', 'c.md', 'c.md');
    assert.deepEqual(index.all().map((d) => d.label), ['a.md', 'c.md']);
    assert.deepEqual(changes.slice(-2), [['b.md'], ['c.md']]);
    index.delete('c.md');
    assert.equal(index.passageCount, 1);
    assert.equal(index.tagCounts.get(tagKey('use', 'embedded')), 0);
    assert.deepEqual(changes[changes.length - 1], ['c.md']);
  });

  it('clears every document as one change, its totals back to nothing', () => {
    const index = new WorkspaceIndex();
    index.set(doc('a.md', '[x]{evidence=research use=embedded}\n'));
    index.set(doc('b.md', '[y]{evidence=practice}\n'));
    const changes: string[][] = [];
    index.onDidChange((keys) => changes.push(keys));
    index.clear();
    assert.deepEqual(changes.map((keys) => keys.sort()), [['a.md', 'b.md']]);
    assert.equal(index.size, 0);
    assert.equal(index.passageCount, 0);
    assert.equal(index.tagCounts.size + index.dimensionCounts.size + index.pairCounts.size, 0);
    index.set(doc('a.md', '[x]{evidence=research use=embedded}\n'));
    assert.equal(index.pairCounts.get(tagKey('research', 'embedded')), 1);
  });

  it('holds change reports while held, and reports them once on release', () => {
    const index = new WorkspaceIndex();
    const changes: string[][] = [];
    index.onDidChange((keys) => changes.push(keys));
    index.hold();
    index.set(doc('a.md', '[x]{evidence=research}'));
    index.set(doc('b.md', '[y]{evidence=research}'));
    assert.equal(changes.length, 0);
    index.release();
    assert.deepEqual(changes, [['a.md', 'b.md']]);
  });

  it('places offsets without the text, and makes short flat excerpts', () => {
    const indexed = doc('a.md', 'line one\nline [two]{evidence=research}\n');
    assert.deepEqual(positionIn(indexed, indexed.passages[0].contentStart), { line: 1, character: 6 });
    assert.equal(excerptOf('  a\n  b   c  ', 0, 13), 'a b c');
    assert.equal(excerptOf('x'.repeat(200), 0, 200).length, 80);
  });
});

describe('workspace index: documents that cannot be read', () => {
  it('records the failure, so the Coverage view can show it, and counts the document as untagged', () => {
    const failed = indexDocument('file:///bad.md', 'bad.md', failedParse('[a]{evidence=research}\n', new RangeError('boom'), lookup));
    assert.match(failed.readFailure!, /boom/);
    assert.equal(failed.passages.length, 0);
    assert.equal(indexDocument('file:///ok.md', 'ok.md', parseDocument('[a]{evidence=research}\n', lookup)).readFailure, undefined);
  });
});
