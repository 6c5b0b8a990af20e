// The index kept between sessions, in the workspace's storage folder: what each document is on disk, as last
// read. Loaded and saved in time slices; saved a few seconds after a change; a crash leaves the old file or
// the new one, never half of one. See src/core/indexStore.ts for the format.
import * as vscode from 'vscode';
import { statSync, type Stats } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { addCounts, addPairCounts, codebookFingerprint, IndexStoreWriter, noTotals, openIndexStore, reuseDocument, storeDocument, type Codebook, type CountTotals, type FileFacts, type FolderRecord, type IndexedDocument, type PendingDocument, type StoredDocument } from '../core';
import { log } from './output';
import { slicer } from './slices';

const STORE_FILE = 'index-v4.bin';
const SAVE_AFTER_MS = 5000;

/** Size and time of a file, or undefined when it is gone. Local files are asked of the disk directly (much cheaper by the thousand). */
export function fileFacts(uri: vscode.Uri): Promise<FileFacts | undefined> {
  if (uri.scheme === 'file') return stat(uri.fsPath).then(factsOf, () => undefined);
  return Promise.resolve(vscode.workspace.fs.stat(uri)).then((s) => ({ size: s.size, mtime: s.mtime }), () => undefined);
}

/** Size and time of a local file, taken synchronously (a thousand of these cost less than a thousand promises). */
export function localFacts(path: string): FileFacts | undefined {
  return factsOf(statSync(path, { throwIfNoEntry: false }));
}

/** What the store keeps of a stat: one conversion for both ways of taking it, so they always agree. */
function factsOf(stats: Stats | undefined): FileFacts | undefined {
  return stats?.isFile() ? { size: stats.size, mtime: Math.trunc(stats.mtimeMs) } : undefined;
}

/**
 * A file in one read into a buffer of its size: fs.readFile goes in 512 KB chunks, each a turn of the event
 * loop, which a busy extension host (a new session) makes wait.
 */
async function readWhole(path: string): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const bytes = Buffer.allocUnsafe(size);
    let at = 0;
    while (at < size) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return bytes.subarray(0, at);
  } finally {
    await file.close();
  }
}

export class StoredIndex {
  private entries = new Map<string, StoredDocument | PendingDocument>();
  private loaded = false;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<vscode.Uri | undefined> = Promise.resolve(undefined);
  private saves = 0;
  private readonly fingerprints = new WeakMap<Codebook, string>();
  /** What the stored entries were listed under (folders, globs, excludes), as loaded; and as the next save writes it. */
  loadedContext = '';
  context = '';
  /** The folders of the listing the store was written after (see quickListing.ts), by path: valid under `loadedContext`. */
  folders = new Map<string, FolderRecord>();
  /** How long the last load took to read the file (the rest is decoding). */
  readMs = 0;
  /** The entries as loaded, and their counts together (see adoptLoaded). */
  private loadedEntries = new Set<StoredDocument>();
  private loadedTotals: CountTotals = noTotals();

  constructor(private readonly storage: vscode.Uri | undefined, private readonly sliceMs: number) {}

  get uri(): vscode.Uri | undefined {
    return this.storage && vscode.Uri.joinPath(this.storage, STORE_FILE);
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  fingerprint(codebook: Codebook): string {
    let found = this.fingerprints.get(codebook);
    if (found === undefined) this.fingerprints.set(codebook, (found = codebookFingerprint(codebook)));
    return found;
  }

  /** The stored entry (its path and facts), for a caller that checks many files in one go. */
  entry(key: string): StoredDocument | PendingDocument | undefined {
    return this.entries.get(key);
  }

  /** The stored document, when the file and the codebook are still those it was stored with. */
  reuse(key: string, facts: FileFacts, codebook: Codebook): IndexedDocument | undefined {
    return reuseDocument(this.entries.get(key), facts, this.fingerprint(codebook));
  }

  /** The same, with the codebook's fingerprint already at hand. */
  reuseByFingerprint(key: string, facts: FileFacts, fingerprint: string): IndexedDocument | undefined {
    return reuseDocument(this.entries.get(key), facts, fingerprint);
  }

  /** Whether a reused document came from an entry as loaded (its counts are in the loaded totals). */
  isLoaded(entry: StoredDocument | PendingDocument | undefined): entry is StoredDocument {
    return entry !== undefined && this.loadedEntries.has(entry as StoredDocument);
  }

  /**
   * The counts of the given loaded entries together: the loaded totals less every other loaded entry's
   * (decoded one by one: after a quiet break, few). The loaded set is then used up.
   */
  totalsOf(adopted: Set<StoredDocument>): CountTotals {
    const totals = this.loadedTotals;
    for (const entry of this.loadedEntries) {
      if (adopted.has(entry)) continue;
      totals.passages -= entry.light.summary.passageCount;
      addCounts(totals.dimensionCounts, entry.light.dimensionCounts, -1);
      addCounts(totals.tagCounts, entry.light.tagCounts, -1);
      addPairCounts(totals.pairCounts, entry.light.summary.pairs, -1);
    }
    this.loadedEntries = new Set();
    this.loadedTotals = noTotals();
    return totals;
  }

  /** A document just read from disk (its facts taken before the read). */
  record(document: IndexedDocument, facts: FileFacts, codebook: Codebook, path?: string): void {
    if (!this.storage) return;
    this.entries.set(document.key, storeDocument(document, facts, this.fingerprint(codebook), Date.now(), path));
    this.scheduleSave();
  }

  /** Forgets a document, or every document under a folder. */
  forget(key: string): void {
    const prefix = key + '/';
    for (const stored of this.entries.keys()) if (stored === key || stored.startsWith(prefix)) this.entries.delete(stored);
  }

  /** Keeps only the documents a scan found. */
  keepOnly(found: Set<string>): void {
    for (const key of this.entries.keys()) if (!found.has(key)) this.entries.delete(key);
  }

  /** Reads the store once per session (again after reset); a damaged or other-version store is no store. */
  async load(yieldIfDue = slicer(this.sliceMs)): Promise<void> {
    if (this.loaded || !this.storage) return;
    this.loaded = true;
    const started = performance.now();
    const read = this.storage.scheme === 'file' ? readWhole(this.uri!.fsPath) : vscode.workspace.fs.readFile(this.uri!);
    const bytes: Uint8Array | undefined = await Promise.resolve(read).then((b) => b, () => undefined);
    this.readMs = performance.now() - started;
    const entries = new Map<string, StoredDocument>();
    const store = openIndexStore(bytes);
    for (const entry of store?.entries ?? []) {
      if (!entry) return void (this.entries = new Map());
      entries.set(entry.key, entry);
      await yieldIfDue();
    }
    this.entries = entries;
    this.loadedContext = store?.context ?? '';
    this.folders = new Map((store?.folders ?? []).map((folder) => [folder.path, folder]));
    this.loadedEntries = new Set(entries.values());
    this.loadedTotals = store ? store.totals() : noTotals();
  }

  /** The next load() reads the file again (a new session); `forget` also drops what is known now. */
  reset(forget: boolean): void {
    this.loaded = forget;
    if (forget) {
      this.entries.clear();
      this.folders.clear();
      this.loadedContext = '';
      this.loadedEntries = new Set();
      this.loadedTotals = noTotals();
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), SAVE_AFTER_MS);
  }

  get savePending(): boolean {
    return this.saveTimer !== undefined;
  }

  /** Written to a temporary file, then renamed over the old store; saves run one at a time. */
  save(): Promise<vscode.Uri | undefined> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.saving = this.saving.then(() => this.write());
    return this.saving;
  }

  private async write(): Promise<vscode.Uri | undefined> {
    if (!this.storage) return undefined;
    try {
      const target = this.uri!;
      const temporary = vscode.Uri.joinPath(this.storage, `${STORE_FILE}.${process.pid}-${++this.saves}.tmp`);
      // Serializing every document's passages takes a while: in slices, so the extension host stays responsive.
      const writer = new IndexStoreWriter(this.context, this.folders.values());
      const yieldIfDue = slicer(this.sliceMs);
      for (const entry of [...this.entries.values()]) {
        writer.add(entry);
        await yieldIfDue();
      }
      const parts = writer.parts();
      if (this.storage.scheme === 'file') {
        // Part by part: one buffer of the whole store would be copied (and the host held) on the way out.
        await mkdir(this.storage.fsPath, { recursive: true });
        const file = await open(temporary.fsPath, 'w');
        try {
          for (let at = 0; at < parts.length; at += 512) await file.writev(parts.slice(at, at + 512));
        } finally {
          await file.close();
        }
        await rename(temporary.fsPath, target.fsPath);
      } else {
        await vscode.workspace.fs.createDirectory(this.storage);
        await vscode.workspace.fs.writeFile(temporary, Buffer.concat(parts));
        await vscode.workspace.fs.rename(temporary, target, { overwrite: true });
      }
      return target;
    } catch (error) {
      log(`Could not save the index for next time: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
}
