// Document summaries that outlive a run: what the tally needs of each document, keyed by its size, its
// modification time, the codebook's fingerprint and the parser's version, so an unchanged file is not read
// again. The store is plain JSON; anything unexpected in it (another version, a corrupt file) means "no
// store", never a wrong figure.
import type { Codebook } from './codebook/schema';
import type { TextBlock } from './passage';
import type { DocumentSummary, TagCount } from './tally';

/** Bumped whenever the parser or the summary could read the same text differently. */
export const SUMMARY_STORE_VERSION = 'evidence-tagger-summaries-3';

/** Within this many milliseconds of being cached a file's time cannot prove it unchanged ("racy git"). */
export const RACY_MS = 2000;

export interface StoredSummary {
  size: number;
  /** Modification time in nanoseconds, as a decimal string (more digits than a double holds). */
  mtimeNs: string;
  /** When the entry was made (ms since the epoch). */
  cachedAt: number;
  codebook: string;
  passageCount: number;
  proseLength: number;
  taggedLength: number;
  untaggedBlocks: number;
  /** [dimension, [tag, passages, characters]...] */
  counts: [string, [string, number, number][]][];
  pairs: [string, [string, number][]][];
}

export interface SummaryStoreFile {
  version: string;
  entries: Record<string, StoredSummary>;
}

/** A short, stable fingerprint of a codebook (of its JSON): a changed codebook invalidates the store. */
export function codebookFingerprint(codebook: Codebook): string {
  return textFingerprint(JSON.stringify(codebook));
}

/** cyrb53 of a text, in base 36: a cache key, not a security measure. */
export function textFingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function storeSummary(summary: DocumentSummary, file: { size: number; mtimeNs: string }, codebook: string, now = Date.now()): StoredSummary {
  return {
    size: file.size,
    mtimeNs: file.mtimeNs,
    cachedAt: now,
    codebook,
    passageCount: summary.passageCount,
    proseLength: summary.proseLength,
    taggedLength: summary.taggedLength,
    untaggedBlocks: summary.untaggedBlocks.length,
    counts: [...summary.counts].map(([dimension, tags]) => [dimension, [...tags].map(([tag, c]) => [tag, c.passages, c.characters])]),
    pairs: [...summary.pairs].map(([row, columns]) => [row, [...columns]]),
  };
}

/** A frozen stand-in: a stored summary keeps how many blocks are untagged, which is all the tally reads. */
const UNTAGGED: TextBlock = Object.freeze({ start: 0, end: 0, firstLine: 0, lastLine: 0, heading: false, proseLength: 0 });

/** The summary, when the entry still describes this file under this codebook; else undefined. */
export function reuseSummary(entry: StoredSummary | undefined, file: { size: number; mtimeNs: string; mtimeMs: number }, codebook: string): DocumentSummary | undefined {
  if (!entry || entry.size !== file.size || entry.mtimeNs !== file.mtimeNs || entry.codebook !== codebook) return undefined;
  if (entry.cachedAt - file.mtimeMs < RACY_MS) return undefined;
  try {
    const counts = new Map<string, Map<string, TagCount>>(entry.counts.map(([dimension, tags]) => [dimension, new Map(tags.map(([tag, passages, characters]) => [tag, { passages, characters }]))]));
    const pairs = new Map<string, Map<string, number>>(entry.pairs.map(([row, columns]) => [row, new Map(columns)]));
    return {
      passageCount: entry.passageCount,
      proseLength: entry.proseLength,
      taggedLength: entry.taggedLength,
      coverage: entry.proseLength ? entry.taggedLength / entry.proseLength : 0,
      untaggedBlocks: new Array<TextBlock>(entry.untaggedBlocks).fill(UNTAGGED),
      counts,
      pairs,
    };
  } catch {
    return undefined;
  }
}

/** The store's entries, or an empty store for anything that is not this version's store. */
export function readSummaryStore(text: string | undefined): SummaryStoreFile {
  if (text === undefined) return { version: SUMMARY_STORE_VERSION, entries: {} };
  try {
    const parsed = JSON.parse(text) as Partial<SummaryStoreFile>;
    if (parsed?.version === SUMMARY_STORE_VERSION && parsed.entries && typeof parsed.entries === 'object' && !Array.isArray(parsed.entries)) return { version: SUMMARY_STORE_VERSION, entries: parsed.entries };
  } catch {
    // A corrupt store is no store.
  }
  return { version: SUMMARY_STORE_VERSION, entries: {} };
}
