// The stored index: a document comes back equal (its passages and line starts decoded on first use), and
// only while its size, time and codebook are those it was stored with, and not when stored within two
// seconds of its last change; anything but this version's store is no store.
import { strict as assert } from 'node:assert';
import { codebookFingerprint, DEFAULT_CODEBOOK, decodeIndexStore, encodeIndexStore, indexDocument, parseDocument, reuseDocument, storeDocument } from '../../src/core';
import { defaultLookup, TEST_CODEBOOK } from './helpers';

const text = '# Title\n\n[One]{evidence=research use=embedded note="n"} two.\n\nUntagged.\n';
const document = indexDocument('file:///a.md', 'a.md', parseDocument(text, defaultLookup));
const facts = { size: 80, mtime: 1_700_000_000_000 };
const codebook = codebookFingerprint(DEFAULT_CODEBOOK);

describe('stored index', () => {
  it('a stored document comes back equal, and its heavy parts only when asked for', () => {
    const stores = decodeIndexStore(encodeIndexStore([storeDocument(document, facts, codebook, facts.mtime + 10_000)]));
    const back = reuseDocument(stores.get('file:///a.md'), facts, codebook);
    assert.ok(back);
    assert.deepEqual({ ...back }, { ...document });
    assert.deepEqual(back.passages, document.passages);
    assert.deepEqual([...back.lineStarts], [...document.lineStarts]);
  });

  it('another size, time or codebook, or a racy entry, is not reused', () => {
    const entry = storeDocument(document, facts, codebook, facts.mtime + 10_000);
    assert.equal(reuseDocument(entry, { ...facts, size: 81 }, codebook), undefined);
    assert.equal(reuseDocument(entry, { ...facts, mtime: facts.mtime + 1 }, codebook), undefined);
    assert.equal(reuseDocument(entry, facts, codebookFingerprint(TEST_CODEBOOK)), undefined);
    assert.equal(reuseDocument(storeDocument(document, facts, codebook, facts.mtime + 500), facts, codebook), undefined);
    assert.notEqual(codebookFingerprint(DEFAULT_CODEBOOK), codebookFingerprint({ ...DEFAULT_CODEBOOK, name: 'x' }));
  });

  it('garbage, another version or malformed entries give no store', () => {
    assert.equal(decodeIndexStore(new TextEncoder().encode('not a store')).size, 0);
    assert.equal(decodeIndexStore(undefined).size, 0);
    const good = encodeIndexStore([storeDocument(document, facts, codebook, facts.mtime + 10_000)]);
    assert.equal(decodeIndexStore(good).size, 1);
    const otherVersion = good.slice();
    otherVersion[4 + 'evidence-tagger-index-'.length] = '0'.charCodeAt(0);
    assert.equal(decodeIndexStore(otherVersion).size, 0, 'another version');
    assert.equal(decodeIndexStore(good.subarray(0, good.length - 3)).size, 0, 'cut short');
    const malformed = good.slice();
    malformed.fill(0xff, 4 + 'evidence-tagger-index-2'.length + 8 + 4, 4 + 'evidence-tagger-index-2'.length + 8 + 40);
    assert.equal(decodeIndexStore(malformed).size, 0, 'a damaged entry');
  });
});
