// A session's first step: every document the stored index knows that is unchanged on disk goes into the index
// at once, unread, before any listing: a new session shows its figures in the time it takes to check files,
// not to find or read them. The listing then adds new documents and drops those gone or now excluded.
import * as vscode from 'vscode';
import type { Codebook, FileFacts, IndexedDocument, StoredDocument, WorkspaceIndex } from '../core';
import type { IndexStats } from './indexStats';
import { SLICE_MS, yieldTurn } from './slices';
import { fileFacts, localFacts, type StoredIndex } from './storedIndex';

/** Stats are cheap and wait on the disk: many at a time. */
const STAT_BATCH = 256;

export interface StoreCheckHost {
  readonly index: WorkspaceIndex;
  readonly stored: StoredIndex;
  readonly stats: IndexStats;
  /** A document an event or an edit updated since the scan began (newer than the store). */
  touched(key: string): boolean;
  matches(uri: vscode.Uri): boolean;
  codebookFor(uri: vscode.Uri): Codebook;
}

/**
 * The keys of the documents taken from the store. `local`: the store was listed under the same local folders,
 * globs and excludes (quickListing.ts), so each stored document still belongs and one synchronous stat per
 * file says whether it changed; otherwise each is asked about through its URI.
 */
export async function indexFromStore(host: StoreCheckHost, token: vscode.CancellationToken, started: number, local: boolean, yieldIfDue: () => Promise<void>): Promise<Set<string>> {
  const indexed = new Set<string>();
  if (!host.stored.size) return indexed;
  host.index.hold();
  try {
    await (local ? checkLocally(host, token, indexed, yieldIfDue) : checkThroughUris(host, token, indexed));
  } finally {
    if (host.stats.phases) host.stats.phases.statted = performance.now() - started;
    host.index.release();
  }
  host.stats.readyMs = performance.now() - started;
  return indexed;
}

async function checkLocally(host: StoreCheckHost, token: vscode.CancellationToken, indexed: Set<string>, yieldIfDue: () => Promise<void>): Promise<void> {
  const dirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  const codebooks = new Map<string, string>();
  // Documents from the store as loaded go into the index together, with the counts the store summed.
  const adopted = new Map<StoredDocument, IndexedDocument>();
  for (const key of host.stored.keys()) {
    if (token.isCancellationRequested) return;
    const entry = host.stored.entry(key);
    if (entry?.path === undefined || dirty.has(key) || host.touched(key)) continue;
    const facts = localFacts(entry.path);
    // A codebook applies to a folder: found once per folder.
    const folder = key.slice(0, key.lastIndexOf('/'));
    let codebook = codebooks.get(folder);
    if (codebook === undefined) codebooks.set(folder, (codebook = host.stored.fingerprint(host.codebookFor(vscode.Uri.parse(key)))));
    const reused = facts && host.stored.reuseByFingerprint(key, facts, codebook);
    if (reused) {
      if (host.stored.isLoaded(entry)) adopted.set(entry, reused);
      else host.index.set(reused);
      host.stats.reused++;
      indexed.add(key);
    }
    await yieldIfDue();
  }
  // An edit or a file event during the yields makes a document newer than the store: it is not adopted.
  for (const [entry, document] of adopted) {
    if (!host.touched(document.key)) continue;
    adopted.delete(entry);
    indexed.delete(document.key);
    host.stats.reused--;
  }
  host.index.adopt([...adopted.values()], host.stored.totalsOf(new Set(adopted.keys())));
}

async function checkThroughUris(host: StoreCheckHost, token: vscode.CancellationToken, indexed: Set<string>): Promise<void> {
  const keys = host.stored.keys();
  let sliceStart = performance.now();
  for (let at = 0; at < keys.length; at += STAT_BATCH) {
    if (token.isCancellationRequested) return;
    const batch = keys.slice(at, at + STAT_BATCH).map((key) => vscode.Uri.parse(key));
    const facts = await Promise.all(batch.map((uri) => fileFacts(uri)));
    batch.forEach((uri, i) => {
      const key = uri.toString();
      if (!facts[i] || host.touched(key) || !vscode.workspace.getWorkspaceFolder(uri) || !host.matches(uri)) return;
      if (vscode.workspace.textDocuments.some((d) => d.isDirty && d.uri.toString() === key)) return;
      const reused = host.stored.reuse(key, facts[i]!, host.codebookFor(uri));
      if (!reused) return;
      host.index.set(reused);
      host.stats.reused++;
      indexed.add(key);
    });
    if (performance.now() - sliceStart > SLICE_MS) {
      host.stats.maxSliceMs = Math.max(host.stats.maxSliceMs, performance.now() - sliceStart);
      sliceStart = await yieldTurn();
    }
  }
}

/** A document unchanged since it was stored comes from the store, unread; any other is read. */
export async function readOrReuse(host: StoreCheckHost, uri: vscode.Uri, read: (uri: vscode.Uri) => Promise<string | undefined>): Promise<{ text?: string; facts?: FileFacts; reused?: IndexedDocument }> {
  const facts = await fileFacts(uri);
  if (!facts) return {};
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const reused = open?.isDirty ? undefined : host.stored.reuse(uri.toString(), facts, host.codebookFor(uri));
  if (reused) return { reused, facts };
  return { text: await read(uri), facts };
}
