// The stored index: a document comes back equal (its passages and line starts decoded on first use), and
// only while its size, time and codebook are those it was stored with, and not when stored within two
// seconds of its last change; anything but this version's store is no store.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { asKeyedRecord, codebookFingerprint, DEFAULT_CODEBOOK, decodeIndexStore, encodeIndexStore, indexDocument, INDEX_STORE_VERSION, IndexStoreWriter, openIndexStore, type FolderRecord, parseDocument, reuseDocument, storeDocument, tagKey, tallyDocuments, WorkspaceIndex } from '../../src/core';
import { decodeHeavy, encodeHeavy } from '../../src/core/indexStoreHeavy';
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
    malformed.fill(0xff, 4 + INDEX_STORE_VERSION.length + 8 + 4, 4 + INDEX_STORE_VERSION.length + 8 + 40);
    assert.equal(decodeIndexStore(malformed).size, 0, 'a damaged entry');
  });
});

describe('stored index: the folders of the last listing', () => {
  const folders: FolderRecord[] = [
    { path: '/w', ctime: 1_700_000_000_123.4567, listedAt: 1_700_000_100_000, subfolders: ['/w/a', '/w/b'] },
    { path: '/w/a', ctime: 1_700_000_000_001, listedAt: 1_700_000_100_000, subfolders: [] },
    { path: '/w/b', ctime: 1_700_000_000_002.5, listedAt: 1_700_000_100_000, subfolders: ['/w/a'] },
  ];
  const document = indexDocument('file:///w/a/d.md', 'd.md', parseDocument('[x]{evidence=research}\n', defaultLookup));

  it('come back as written, before the entries, which read as without them', () => {
    const writer = new IndexStoreWriter('ctx', folders);
    writer.add(storeDocument(document, facts, codebook, facts.mtime + 10_000, '/w/a/d.md'));
    const bytes = Buffer.concat(writer.parts());
    const opened = openIndexStore(bytes)!;
    assert.deepEqual(opened.folders, folders);
    assert.deepEqual([...opened.entries].map((e) => e!.path), ['/w/a/d.md']);
    assert.deepEqual(openIndexStore(encodeIndexStore([]))!.folders, []);
  });

  it('a folder section that does not add up is no store', () => {
    const bytes = new Uint8Array(Buffer.concat(new IndexStoreWriter('ctx', folders).parts()));
    const view = new DataView(bytes.buffer);
    const at = bytes.length - countNumbers(bytes) * 8;
    for (const [index, value] of [[0, 1e9], [1, 99], [4, 1e6], [5, 7.5]]) {
      const damaged = bytes.slice();
      new DataView(damaged.buffer).setFloat64(at + index * 8, value, true);
      assert.equal(openIndexStore(damaged), undefined, `number ${index} set to ${value}`);
    }
    assert.equal(view.getFloat64(at, true), 3);
  });
});

describe('stored index: the compact parts', () => {
  const tagsArbitrary = fc.dictionary(fc.constantFrom('evidence', 'use', 'constructor', '__proto__', 'x y'), fc.array(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 3 }), { maxKeys: 3 });
  const offset = fc.integer({ min: 0, max: 2 ** 31 - 1 });
  const heavyArbitrary = fc.record({
    passages: fc.array(fc.record({ kind: fc.constantFrom('span' as const, 'div' as const), contentStart: offset, contentEnd: offset, tags: tagsArbitrary, note: fc.option(fc.string({ maxLength: 8 }), { nil: null }) }), { maxLength: 30 }),
    lineStarts: fc.array(offset, { maxLength: 40 }).map((starts) => Int32Array.from(starts)),
    untagged: fc.array(fc.record({ start: offset, end: offset }), { maxLength: 10 }),
  });

  it('passages, line starts and untagged paragraphs come back equal, whatever the offsets and tags', () => {
    fc.assert(
      fc.property(heavyArbitrary, (parts) => {
        const back = decodeHeavy(encodeHeavy(parts));
        assert.deepEqual(back.passages.map((p) => ({ ...p, tags: { ...p.tags } })), parts.passages.map((p) => ({ ...p, tags: { ...p.tags } })));
        assert.deepEqual([...back.lineStarts], [...parts.lineStarts]);
        assert.deepEqual(back.untagged.map((u) => ({ ...u })), parts.untagged.map((u) => ({ ...u })));
        for (const passage of back.passages) assert.equal(Object.getPrototypeOf(passage.tags), Object.getPrototypeOf(asKeyedRecord({})));
      }),
      { numRuns: 300 },
    );
  });

  it('a damaged part throws (the document then shows no passages), never loops or invents', () => {
    const bytes = encodeHeavy({ passages: document.passages, lineStarts: document.lineStarts, untagged: document.untagged });
    assert.throws(() => decodeHeavy(bytes.subarray(0, 3)));
    assert.throws(() => decodeHeavy(new Uint8Array(20).fill(0xff)));
    const stores = decodeIndexStore(encodeIndexStore([storeDocument(document, facts, codebook, facts.mtime + 10_000)]));
    const entry = stores.get('file:///a.md')!;
    entry.bytes.fill(0xff, entry.heavyStart, entry.heavyEnd);
    const shown = reuseDocument(entry, facts, codebook)!;
    assert.deepEqual(shown.passages, []);
    assert.equal(shown.untaggedCount, document.untaggedCount, 'what the tally needs is still there');
  });

  it('a 5,000-document store is small: the heavy part of a typical document takes under 2 bytes a character of markup-free structure', () => {
    const big = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} [tagged ${i}]{evidence=research use=embedded} and text.\n\nUntagged ${i}.\n`).join('\n');
    const indexed = indexDocument('file:///big.md', 'big.md', parseDocument(big, defaultLookup));
    const compact = encodeHeavy(indexed).length;
    assert.ok(compact < 10 * indexed.passages.length + 3 * indexed.lineStarts.length + 6 * indexed.untagged.length, `${compact} bytes`);
  });

  it('the path, the context and the lazily read counts come back; string and count damage means no store', () => {
    const encoded = encodeIndexStore([storeDocument(document, facts, codebook, facts.mtime + 10_000, '/work/a.md')], 'the context');
    const opened = openIndexStore(encoded)!;
    assert.equal(opened.context, 'the context');
    const entry = [...opened.entries][0]!;
    assert.equal(entry.path, '/work/a.md');
    assert.deepEqual(entry.light.summary.counts, document.summary.counts);
    assert.deepEqual(entry.light.summary.pairs, document.summary.pairs);
    // The numbers section holds the string numbers: one pointing past the table is damage.
    const numbersAt = encoded.length - (entry.heavyEnd - entry.heavyStart) - 8 * countNumbers(encoded);
    const damaged = encoded.slice();
    new DataView(damaged.buffer).setFloat64(numbersAt, 1e6, true);
    assert.equal(decodeIndexStore(damaged).size, 0);
  });
});

/** How many numbers a store holds (the u32 before its padded Float64 section). */
function countNumbers(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0, true);
  const strings = view.getUint32(4 + magic, true);
  return view.getUint32(8 + magic + strings, true);
}

describe('stored index: counts summed while checking', () => {
  const texts = ['[a]{evidence=research use=embedded} [b]{evidence=practice}\n', '::: {evidence=research}\nx [y]{use=transparent}\n:::\n', 'Nothing tagged.\n', '[c]{evidence=unknown-tag level=x}\n', '[d]{evidence="research practice" use="embedded instrumental"} [e]{evidence=research use=embedded}\n'];
  const documents = texts.map((t, i) => indexDocument(`file:///d${i}.md`, `d${i}.md`, parseDocument(t, defaultLookup)));

  it('the store\'s totals equal the documents\' counts added up, and adopting equals setting one by one', () => {
    const opened = openIndexStore(encodeIndexStore(documents.map((d) => storeDocument(d, facts, codebook, facts.mtime + 10_000))))!;
    const entries = [...opened.entries].map((e) => e!);
    const oneByOne = new WorkspaceIndex();
    for (const document of documents) oneByOne.set(document);
    const totals = opened.totals();
    assert.equal(totals.passages, oneByOne.passageCount);
    assert.deepEqual(totals.dimensionCounts, oneByOne.dimensionCounts);
    assert.deepEqual(totals.tagCounts, oneByOne.tagCounts);
    assert.deepEqual(totals.pairCounts, oneByOne.pairCounts);
    assert.equal(oneByOne.pairCounts.get(tagKey('research', 'embedded')), 3);
    const adopted = new WorkspaceIndex();
    adopted.adopt(entries.map((e) => reuseDocument(e, facts, codebook)!), totals);
    assert.equal(adopted.passageCount, oneByOne.passageCount);
    assert.deepEqual(adopted.dimensionCounts, oneByOne.dimensionCounts);
    assert.deepEqual(adopted.tagCounts, oneByOne.tagCounts);
    // The matrix comes from the cell totals, as a tally over every document makes it.
    const viaTally = tallyDocuments(documents.map((d) => ({ file: d.label, summary: { ...d.summary, untaggedBlocks: [] } })), DEFAULT_CODEBOOK).matrix;
    assert.deepEqual(adopted.matrix(DEFAULT_CODEBOOK), viaTally);
    assert.deepEqual(oneByOne.matrix(DEFAULT_CODEBOOK), viaTally);
    // Replacing and deleting adopted documents reads their own counts, which agree with the totals.
    adopted.set(documents[4]);
    assert.deepEqual(adopted.matrix(DEFAULT_CODEBOOK), viaTally);
    for (const document of documents) adopted.delete(document.key);
    assert.equal(adopted.passageCount, 0);
    assert.ok([...adopted.tagCounts.values()].every((n) => n === 0) && [...adopted.dimensionCounts.values()].every((n) => n === 0));
    assert.ok([...adopted.pairCounts.values()].every((n) => n === 0));
  });

  it('a stored document\'s counts come back equal when read (decoded on first use)', () => {
    const [entry] = [...openIndexStore(encodeIndexStore([storeDocument(documents[0], facts, codebook, facts.mtime + 10_000)]))!.entries];
    const back = reuseDocument(entry!, facts, codebook)!;
    assert.deepEqual(back.dimensionCounts, documents[0].dimensionCounts);
    assert.deepEqual(back.tagCounts, documents[0].tagCounts);
    assert.deepEqual({ ...back, passages: [...back.passages] }, { ...documents[0] });
  });
});
