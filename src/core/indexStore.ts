// The workspace index on disk, so a workspace opened again reads only what changed. Per document: the file's
// size and modification time, the codebook's fingerprint, what the tally and the views' lists need (small,
// decoded at once), and its passages and line starts (large, decoded the first time a view asks for them).
// V8's structured serialization keeps Maps and typed arrays as they are. Anything unexpected: no store.
import { deserialize, serialize } from 'node:v8';
import type { IndexedDocument, IndexedPassage } from './workspaceIndex';
import { RACY_MS } from './summaryCache';
import { asKeyedRecord } from './passage';

/** Bumped whenever the parser, the summary or this layout could read the same text differently. */
export const INDEX_STORE_VERSION = 'evidence-tagger-index-1';

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

/** The entry for a document read from disk now (its facts as stat gave them before the read). */
export function storeDocument(document: IndexedDocument, facts: FileFacts, codebook: string, now = Date.now()): StoredDocument {
  const { passages, lineStarts, key, ...light } = document;
  return { key, size: facts.size, mtime: facts.mtime, codebook, cachedAt: now, light, heavy: serialize({ passages, lineStarts }) };
}

/** The indexed document, when the entry still describes the file under this codebook. */
export function reuseDocument(entry: StoredDocument | undefined, facts: FileFacts, codebook: string): IndexedDocument | undefined {
  if (!entry || entry.size !== facts.size || entry.mtime !== facts.mtime || entry.codebook !== codebook) return undefined;
  // A file changed within the clock's reach of being stored cannot be told apart from the stored one.
  if (entry.cachedAt - facts.mtime < RACY_MS) return undefined;
  return lazyDocument(entry);
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

export function encodeIndexStore(entries: Iterable<StoredDocument>): Uint8Array {
  return serialize({ version: INDEX_STORE_VERSION, entries: [...entries] });
}

/** The stored entries by key, or none for anything that is not a store of this version. */
export function decodeIndexStore(bytes: Uint8Array | undefined): Map<string, StoredDocument> {
  const out = new Map<string, StoredDocument>();
  if (!bytes?.length) return out;
  try {
    const store = deserialize(bytes) as { version?: unknown; entries?: unknown };
    if (store?.version !== INDEX_STORE_VERSION || !Array.isArray(store.entries)) return out;
    for (const entry of store.entries as StoredDocument[]) {
      const valid = entry && typeof entry.key === 'string' && typeof entry.size === 'number' && typeof entry.mtime === 'number' && typeof entry.codebook === 'string' && typeof entry.cachedAt === 'number' && entry.heavy instanceof Uint8Array && entry.light?.summary && entry.light.tagCounts instanceof Map && entry.light.dimensionCounts instanceof Map && Array.isArray(entry.light.untagged);
      if (valid) out.set(entry.key, entry);
    }
  } catch {
    // A corrupt store is no store.
  }
  return out;
}
