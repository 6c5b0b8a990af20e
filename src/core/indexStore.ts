// The workspace index on disk, so a workspace opened again reads only what changed. Per document: the file's
// size and modification time, the codebook's fingerprint, what the tally and the views' lists need (small,
// decoded at once), and its passages, line starts and untagged paragraphs (large, decoded the first time a
// view asks for them). Layout and checks: indexStoreCodec.ts and indexStoreHeavy.ts. Anything unexpected: no store.
import type { IndexedDocument } from './workspaceIndex';
import { RACY_MS } from './summaryCache';
import { decodeHeavy, type HeavyParts } from './indexStoreHeavy';

export interface FileFacts {
  size: number;
  /** Modification time, ms since the epoch. */
  mtime: number;
}

/** What is decoded at once: everything of an indexed document but its passages, line starts and untagged paragraphs. */
export type LightDocument = Omit<IndexedDocument, 'passages' | 'lineStarts' | 'untagged' | 'key'>;

export interface StoredDocument extends FileFacts {
  key: string;
  /** The file's path on disk, for a local file: checked with one stat, no URI parsed. */
  path?: string;
  codebook: string;
  cachedAt: number;
  light: LightDocument;
  /** Passages, line starts and untagged paragraphs, encoded by indexStoreHeavy.ts: bytes heavyStart to heavyEnd of `bytes` (no view made per document until it is read). */
  bytes: Uint8Array;
  heavyStart: number;
  heavyEnd: number;
}

/** An entry not yet written: its passages are serialized when the store is saved, not kept twice meanwhile. */
export interface PendingDocument extends Omit<StoredDocument, 'bytes' | 'heavyStart' | 'heavyEnd'> {
  document: IndexedDocument;
}

/** The entry for a document read from disk now (its facts as stat gave them before the read). */
export function storeDocument(document: IndexedDocument, facts: FileFacts, codebook: string, now = Date.now(), path?: string): PendingDocument {
  const { passages: _passages, lineStarts: _lineStarts, untagged: _untagged, key, ...light } = document;
  return { key, ...(path === undefined ? {} : { path }), size: facts.size, mtime: facts.mtime, codebook, cachedAt: now, light, document };
}

/** The indexed document, when the entry still describes the file under this codebook. */
export function reuseDocument(entry: StoredDocument | PendingDocument | undefined, facts: FileFacts, codebook: string): IndexedDocument | undefined {
  if (!entry || entry.size !== facts.size || entry.mtime !== facts.mtime || entry.codebook !== codebook) return undefined;
  // A file changed within the clock's reach of being stored cannot be told apart from the stored one.
  if (entry.cachedAt - facts.mtime < RACY_MS) return undefined;
  return 'document' in entry ? entry.document : lazyDocument(entry);
}

export function heavyBytes(entry: StoredDocument): Uint8Array {
  return entry.bytes.subarray(entry.heavyStart, entry.heavyEnd);
}

/** The document with its passages, line starts and untagged paragraphs decoded on first use, once. */
function lazyDocument(entry: StoredDocument): IndexedDocument {
  let heavy: HeavyParts | undefined;
  const load = () => {
    if (heavy) return heavy;
    try {
      heavy = decodeHeavy(heavyBytes(entry));
    } catch {
      // Damage the store's checks could not see: the document shows no passages until it is read again.
      heavy = { passages: [], lineStarts: new Int32Array(1), untagged: [] };
    }
    return heavy;
  };
  // Own, enumerable getters (a spread copy, as a rename makes, still has the passages), in the literal so the
  // object keeps V8's fast layout.
  // The light part's counts are getters too (decoded when first read): passed on as getters, not spread.
  const { light } = entry;
  const document: IndexedDocument = {
    key: entry.key,
    label: light.label,
    summary: light.summary,
    get dimensionCounts() {
      return light.dimensionCounts;
    },
    get tagCounts() {
      return light.tagCounts;
    },
    untaggedCount: light.untaggedCount,
    get passages() {
      return load().passages;
    },
    get lineStarts() {
      return load().lineStarts;
    },
    get untagged() {
      return load().untagged;
    },
  };
  if (light.readFailure !== undefined) document.readFailure = light.readFailure;
  return document;
}
