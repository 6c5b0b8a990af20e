// The workspace index on disk, so a workspace opened again reads only what changed. Per document: the file's
// size and modification time, the codebook's fingerprint, what the tally and the views' lists need (small,
// decoded at once), and its passages, line starts and untagged paragraphs (large, decoded the first time a
// view asks for them). Layout and checks: indexStoreCodec.ts. Anything unexpected: no store.
import { deserialize } from 'node:v8';
import type { IndexedDocument, IndexedPassage, IndexedParagraph } from './workspaceIndex';
import { RACY_MS } from './summaryCache';
import { asKeyedRecord } from './passage';

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
  /** v8-serialized { passages, lineStarts, untagged }. */
  heavy: Uint8Array;
}

/** An entry not yet written: its passages are serialized when the store is saved, not kept twice meanwhile. */
export interface PendingDocument extends Omit<StoredDocument, 'heavy'> {
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

interface HeavyParts {
  passages: IndexedPassage[];
  lineStarts: Int32Array;
  untagged: IndexedParagraph[];
}

/** The document with its passages, line starts and untagged paragraphs decoded on first use, once. */
function lazyDocument(entry: StoredDocument): IndexedDocument {
  let heavy: HeavyParts | undefined;
  const load = () => {
    if (heavy) return heavy;
    heavy = deserialize(entry.heavy) as HeavyParts;
    // Tags are keyed by what documents say ("constructor" too): they live in objects with no prototype.
    for (const passage of heavy.passages) asKeyedRecord(passage.tags);
    return heavy;
  };
  const document = { key: entry.key, ...entry.light } as IndexedDocument;
  Object.defineProperty(document, 'passages', { get: () => load().passages, enumerable: true });
  Object.defineProperty(document, 'lineStarts', { get: () => load().lineStarts, enumerable: true });
  Object.defineProperty(document, 'untagged', { get: () => load().untagged, enumerable: true });
  return document;
}
