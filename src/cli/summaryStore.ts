// The CLI's summary cache (--cache[=DIR]): per document what the tally needs, reused while the file's size and
// modification time, the codebook and the parser are unchanged. One JSON file, replaced atomically.
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codebookFingerprint, parseSafely, readSummaryStore, reuseSummary, storeSummary, summarizeDocument, type CodebookLookup, type SummaryStoreFile } from '../core';
import { readDocument, type FileSummary, type ReadOptions } from './documents';
import { replaceFile } from './outFile';
import type { FileFacts } from './storedTally';

/** Entries beyond this many are dropped, oldest first, so the store cannot grow without end. */
const MAX_ENTRIES = 200_000;

export class SummaryStore {
  private readonly file: string;
  private readonly store: SummaryStoreFile;
  private changed = false;
  private readonly fingerprint: string;
  reused = 0;
  parsed = 0;
  /** Each document's stat as taken before it was read (undefined when it could not be taken). */
  readonly facts = new Map<string, FileFacts | undefined>();

  constructor(dir: string, private readonly lookup: CodebookLookup) {
    this.file = join(dir, 'cli-summaries.json');
    let text: string | undefined;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      text = undefined;
    }
    this.store = readSummaryStore(text);
    this.fingerprint = codebookFingerprint(lookup.codebook);
  }

  /** One document's summary: from the store when it still holds, else read, parsed and stored. */
  summarize(file: string, options: ReadOptions): FileSummary | undefined {
    const key = resolve(file);
    let stats;
    try {
      stats = statSync(file, { bigint: true });
    } catch {
      stats = undefined;
    }
    const facts = stats && { size: Number(stats.size), mtimeNs: stats.mtimeNs.toString(), mtimeMs: Number(stats.mtimeMs) };
    this.facts.set(file, facts);
    const kept = facts && reuseSummary(this.store.entries[key], facts, this.fingerprint);
    if (kept) {
      this.reused++;
      return { file, summary: kept };
    }
    const text = readDocument(file, options);
    if (text === undefined) return undefined;
    this.parsed++;
    const summary = summarizeDocument(parseSafely(text, this.lookup));
    if (facts) {
      this.store.entries[key] = storeSummary(summary, facts, this.fingerprint);
      this.changed = true;
    }
    return { file, summary };
  }

  /** Writes the store if anything changed: to a temporary file, then renamed over the old one. */
  save(): void {
    if (!this.changed) return;
    const keys = Object.keys(this.store.entries);
    if (keys.length > MAX_ENTRIES) {
      keys.sort((a, b) => this.store.entries[a].cachedAt - this.store.entries[b].cachedAt);
      for (const key of keys.slice(0, keys.length - MAX_ENTRIES)) delete this.store.entries[key];
    }
    try {
      mkdirSync(resolve(this.file, '..'), { recursive: true });
      replaceFile(this.file, JSON.stringify(this.store));
    } catch (error) {
      process.stderr.write(`evidence-tagger: cannot write the cache ${this.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (results are not affected)\n`);
    }
  }
}
