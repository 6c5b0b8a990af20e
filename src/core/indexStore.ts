// The workspace index on disk, so a workspace opened again reads only what changed. Per document: the file's
// size and modification time, the codebook's fingerprint, what the tally and the views' lists need (small,
// decoded at once), and its passages and line starts (large, decoded the first time a view asks for them).
// V8's structured serialization keeps Maps and typed arrays as they are. Anything unexpected: no store.
import { deserialize, serialize } from 'node:v8';
import type { IndexedDocument, IndexedPassage } from './workspaceIndex';
import { RACY_MS } from './summaryCache';
import { asKeyedRecord } from './passage';

/** Bumped whenever the parser, the summary or this layout could read the same text differently. */
export const INDEX_STORE_VERSION = 'evidence-tagger-index-2';

export interface FileFacts {
  size: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

export interface StoredDocument extends FileFacts {
  key: string;
  codebook: string;
  cachedAt: number;
  light: Omit<IndexedDocument, 'passages' | 'lineStarts' | 'key'>;
  heavy: Uint8Array;
}

/** An entry not yet written: its passages are serialized when the store is saved, not kept twice meanwhile. */
export interface PendingDocument extends Omit<StoredDocument, 'heavy'> {
  document: IndexedDocument;
}

/** The entry for a document read from disk now (its facts as stat gave them before the read). */
export function storeDocument(document: IndexedDocument, facts: FileFacts, codebook: string, now = Date.now()): PendingDocument {
  const { passages: _passages, lineStarts: _lineStarts, key, ...light } = document;
  return { key, size: facts.size, mtime: facts.mtime, codebook, cachedAt: now, light, document };
}

/** A pending entry made ready to write (the expensive step: callers spread these over time slices). */
export function completeEntry(entry: StoredDocument | PendingDocument): StoredDocument {
  if (!('document' in entry)) return entry;
  const { document, ...rest } = entry;
  return { ...rest, heavy: serialize({ passages: document.passages, lineStarts: document.lineStarts }) };
}

/** The indexed document, when the entry still describes the file under this codebook. */
export function reuseDocument(entry: StoredDocument | PendingDocument | undefined, facts: FileFacts, codebook: string): IndexedDocument | undefined {
  if (!entry || entry.size !== facts.size || entry.mtime !== facts.mtime || entry.codebook !== codebook) return undefined;
  // A file changed within the clock's reach of being stored cannot be told apart from the stored one.
  if (entry.cachedAt - facts.mtime < RACY_MS) return undefined;
  return 'document' in entry ? entry.document : lazyDocument(entry);
}

/** The document with its passages and line starts decoded on first use, once. */
function lazyDocument(entry: StoredDocument): IndexedDocument {
  let heavy: { passages: IndexedPassage[]; lineStarts: Int32Array } | undefined;
  const load = () => {
    if (heavy) return heavy;
    heavy = deserialize(entry.heavy) as { passages: IndexedPassage[]; lineStarts: Int32Array };
    // Tags are keyed by what documents say ("constructor" too): they live in objects with no prototype.
    for (const passage of heavy.passages) asKeyedRecord(passage.tags);
    return heavy;
  };
  const document = { key: entry.key, ...entry.light } as IndexedDocument;
  Object.defineProperty(document, 'passages', { get: () => load().passages, enumerable: true });
  Object.defineProperty(document, 'lineStarts', { get: () => load().lineStarts, enumerable: true });
  return document;
}

const MAGIC = new TextEncoder().encode(INDEX_STORE_VERSION);

/**
 * One entry as bytes: its small part and its passages, each length-prefixed. Entries are encoded one by one
 * (callers can spread them over time slices) and read back without copying the passages' bytes.
 */
export function encodeEntry(entry: StoredDocument | PendingDocument): Uint8Array[] {
  const { heavy, ...meta } = completeEntry(entry);
  const light = serialize(meta);
  const lengths = new Uint8Array(8);
  new DataView(lengths.buffer).setUint32(0, light.length, true);
  new DataView(lengths.buffer).setUint32(4, heavy.length, true);
  return [lengths, light, heavy];
}

/** The whole store: the version, then every entry's parts. */
export function joinStore(parts: Uint8Array[][]): Uint8Array {
  const header = new Uint8Array(4 + MAGIC.length);
  new DataView(header.buffer).setUint32(0, MAGIC.length, true);
  header.set(MAGIC, 4);
  const all = [header, ...parts.flat()];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of all) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export function encodeIndexStore(entries: Iterable<StoredDocument | PendingDocument>): Uint8Array {
  return joinStore([...entries].map(encodeEntry));
}

/** The stored entries by key, or none for anything that is not a store of this version. */
export function decodeIndexStore(bytes: Uint8Array | undefined): Map<string, StoredDocument> {
  const out = new Map<string, StoredDocument>();
  for (const entry of storeEntries(bytes)) {
    if (!entry) return new Map();
    out.set(entry.key, entry);
  }
  return out;
}

/**
 * The entries one at a time (so a caller can spread the work over time slices); `undefined` once means the
 * store is damaged and none of it may be used.
 */
export function* storeEntries(bytes: Uint8Array | undefined): Generator<StoredDocument | undefined> {
  if (!bytes || bytes.length < 4) return;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magicLength = view.getUint32(0, true);
  if (magicLength !== MAGIC.length || new TextDecoder().decode(bytes.subarray(4, 4 + magicLength)) !== INDEX_STORE_VERSION) return;
  let at = 4 + magicLength;
  while (at + 8 <= bytes.length) {
    const lightLength = view.getUint32(at, true);
    const heavyLength = view.getUint32(at + 4, true);
    const lightStart = at + 8;
    const heavyStart = lightStart + lightLength;
    const end = heavyStart + heavyLength;
    if (end > bytes.length) return yield undefined;
    let entry: StoredDocument;
    try {
      entry = { ...(deserialize(bytes.subarray(lightStart, heavyStart)) as Omit<StoredDocument, 'heavy'>), heavy: bytes.subarray(heavyStart, end) } as StoredDocument;
    } catch {
      return yield undefined;
    }
    const valid = typeof entry.key === 'string' && typeof entry.size === 'number' && typeof entry.mtime === 'number' && typeof entry.codebook === 'string' && typeof entry.cachedAt === 'number' && entry.light?.summary && entry.light.tagCounts instanceof Map && entry.light.dimensionCounts instanceof Map && Array.isArray(entry.light.untagged);
    if (!valid) return yield undefined;
    yield entry;
    at = end;
  }
  if (at !== bytes.length) yield undefined;
}
