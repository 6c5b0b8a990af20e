// Keeps the workspace index current: a background scan after activation (progress shown, cancellable,
// time-sliced so the extension host never blocks for long), then file-system events and live edits.
import * as vscode from 'vscode';
import { indexDocument, parseSafely, WorkspaceIndex, type FileFacts } from '../core';
import { fileFacts, StoredIndex } from './storedIndex';
import { log } from './output';
import type { EvidenceServices } from './context';
import { documentLabel, findEvidenceFiles, readDocumentText } from './documentSource';
import { listAgainstStore, listingContext } from './quickListing';
import type { IndexStats } from './indexStats';
import { SLICE_MS, slicer, yielded, yieldTurn } from './slices';
import { indexFromStore, readOrReuse, type StoreCheckHost } from './storeCheck';
import { affectsSettings, readSettings, type Settings } from './settings';

/** A document whose parse takes longer than this is logged (the parser is linear: it means a huge file). */
const PARSE_BUDGET_MS = 250;

const READ_BATCH = 32;
const FLUSH_EVERY_MS = 300;
/** Show a cancellable notification only for workspaces large enough to take a while. */
const NOTIFY_ABOVE_FILES = 300;

export class IndexService implements vscode.Disposable {
  readonly index = new WorkspaceIndex();
  private settings: Settings = readSettings();
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private scanToken: vscode.CancellationTokenSource | undefined;
  private touchedDuringScan: Set<string> | undefined;
  stats: IndexStats = { findMs: 0, files: 0, passages: 0, ms: 0, maxSliceMs: 0, skippedLarge: 0, reused: 0, parsed: 0, done: false };
  /** What each document is on disk, as last read: the index the next session starts from. */
  readonly stored: StoredIndex;
  /** Documents read and parsed since activation (the bench counts what a change costs). */
  totalParsed = 0;
  private readonly scanned = new vscode.EventEmitter<IndexStats>();
  readonly onDidFinishScan = this.scanned.event;

  constructor(private readonly services: EvidenceServices, storage?: vscode.Uri) {
    this.stored = new StoredIndex(storage, SLICE_MS);
    this.disposables.push(
      this.scanned,
      // Open documents are indexed from the editor's parse, which decorations share: parsed once per edit.
      services.documents.onDidChange((document) => this.indexOpen(document)),
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) {
          this.touchedDuringScan?.add(newUri.toString());
          this.index.rename(oldUri.toString(), newUri.toString(), documentLabel(newUri));
          this.stored.forget(oldUri.toString());
        }
      }),
      // Changes made through VS Code come as workspace events at once; the watchers cover changes made outside.
      vscode.workspace.onDidCreateFiles((event) => event.files.forEach((uri) => this.matches(uri) && void this.indexFile(uri))),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.forget(uri))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.restart()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSettings(event) || event.affectsConfiguration('files.exclude')) this.restart();
      }),
    );
  }

  /** Starts the first scan on the next turn of the event loop, so activation and first paint never wait. */
  start(): void {
    setTimeout(() => this.restart(), 0);
  }

  restart(): void {
    this.settings = readSettings();
    this.scanToken?.cancel();
    this.watch();
    void this.scan();
  }

  private watch(): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = this.settings.files.map((pattern) => {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      watcher.onDidCreate((uri) => void this.indexFile(uri));
      watcher.onDidChange((uri) => void this.indexFile(uri));
      watcher.onDidDelete((uri) => this.forget(uri));
      return watcher;
    });
  }

  /** Drops documents as one change: the views hear of it once, not once per document (a folder of thousands). Returns how many. */
  private deleteWhere(matches: (key: string) => boolean): number {
    let deleted = 0;
    this.index.hold();
    try {
      for (const key of this.index.keys()) {
        if (!matches(key)) continue;
        this.index.delete(key);
        deleted++;
      }
    } finally {
      this.index.release();
    }
    return deleted;
  }

  private forget(uri: vscode.Uri): void {
    this.touchedDuringScan?.add(uri.toString());
    this.bump(uri.toString());
    // A deleted folder takes its documents with it.
    const prefix = uri.toString() + '/';
    this.deleteWhere((key) => key === uri.toString() || key.startsWith(prefix));
    this.stored.forget(uri.toString());
  }

  private matches(uri: vscode.Uri): boolean {
    return this.settings.files.some((pattern) => vscode.languages.match({ pattern }, { uri, languageId: '' } as vscode.TextDocument) > 0);
  }

  private async scan(): Promise<void> {
    const source = (this.scanToken = new vscode.CancellationTokenSource());
    const token = source.token;
    const started = performance.now();
    yielded.ms = 0;
    yielded.longestSliceMs = 0;
    // Loading, checking and listing follow one another on one clock: no slice runs on from one step into the next.
    const startup = slicer();
    this.stats = { findMs: 0, files: 0, passages: 0, ms: 0, maxSliceMs: 0, skippedLarge: 0, reused: 0, parsed: 0, done: false };
    // Documents that file events or edits update during the scan are newer than what the scan reads.
    this.touchedDuringScan = new Set();
    const context = listingContext(this.settings);
    this.stored.context = context ?? '';
    // Without a quick listing, the search runs (in another process) while the stored index is loaded and checked.
    const search = context === undefined ? findEvidenceFiles(this.settings, token) : undefined;
    await this.stored.load(startup);
    const phases: Record<string, number> = (this.stats.phases = { read: this.stored.readMs, load: performance.now() - started });
    // A workspace opened for the first time (nothing stored) is walked too: its figures need not wait for the search.
    const quick = !search && (this.stored.size === 0 || this.stored.loadedContext === context);
    const host = this.storeCheckHost();
    const fromStore = await indexFromStore(host, token, started, quick, startup);
    phases.check = performance.now() - started;
    let found: Set<string>;
    let uris: vscode.Uri[];
    if (quick) {
      let listing;
      ({ found, toRead: uris, listing } = await listAgainstStore(this.settings, this.stored, fromStore, (uri) => this.matches(uri), startup, token));
      this.stored.folders = new Map(listing.folders.map((folder) => [folder.path, folder]));
      this.stats.folders = { read: listing.foldersRead, unread: listing.folders.length - listing.foldersRead };
    } else {
      // Folders listed by the search are not known to the next session.
      this.stored.folders = new Map();
      const listed = await (search ?? findEvidenceFiles(this.settings, token));
      found = new Set(listed.map((u) => u.toString()));
      uris = listed.filter((uri) => !fromStore.has(uri.toString()));
    }
    // A newer scan has started: this one must not touch the index (a cancelled listing is empty).
    if (token.isCancellationRequested) return;
    this.stats.findMs = phases.list = performance.now() - started;
    this.stats.quickListing = quick;
    const scanAll = async (progress: vscode.Progress<{ message?: string; increment?: number }> | undefined, cancel: vscode.CancellationToken | undefined, flushIfDue: () => void) => {
      // Documents indexed before that the scan no longer finds (excluded, deleted while closed) go.
      if (token.isCancellationRequested) return;
      this.deleteWhere((key) => !found.has(key) && !this.touchedDuringScan?.has(key));
      let sliceStart = performance.now();
      const yieldIfDue = async () => {
        const now = performance.now();
        if (now - sliceStart < SLICE_MS) return;
        this.stats.maxSliceMs = Math.max(this.stats.maxSliceMs, now - sliceStart);
        sliceStart = await yieldTurn();
      };
      // Reading the next batch overlaps parsing this one.
      const readBatch = (at: number) => Promise.all(uris.slice(at, at + READ_BATCH).map((uri) => readOrReuse(host, uri, (u) => this.read(u))));
      let next = readBatch(0);
      for (let at = 0; at < uris.length; at += READ_BATCH) {
        if (token.isCancellationRequested || cancel?.isCancellationRequested) return;
        const batch = uris.slice(at, at + READ_BATCH);
        const contents = await next;
        next = readBatch(at + READ_BATCH);
        sliceStart = performance.now();
        for (let i = 0; i < batch.length; i++) {
          const { text, facts, reused } = contents[i];
          const key = batch[i].toString();
          if (this.touchedDuringScan?.has(key)) continue;
          if (reused) {
            this.index.set(reused);
            this.stats.reused++;
          } else if (text !== undefined) this.indexText(batch[i], text, facts);
          flushIfDue();
          await yieldIfDue();
        }
        this.stats.maxSliceMs = Math.max(this.stats.maxSliceMs, performance.now() - sliceStart);
        progress?.report({ message: `${Math.min(at + READ_BATCH, uris.length)} of ${uris.length} documents`, increment: (100 * batch.length) / uris.length });
      }
    };
    const run = async (progress?: vscode.Progress<{ message?: string; increment?: number }>, cancel?: vscode.CancellationToken) => {
      // Views refresh a few times a second while the scan runs, not once per document.
      this.index.hold();
      let lastFlush = performance.now();
      try {
        await scanAll(progress, cancel, () => {
          if (performance.now() - lastFlush > FLUSH_EVERY_MS) {
            this.index.flush();
            lastFlush = performance.now();
          }
        });
      } finally {
        this.index.release();
      }
    };
    const location = uris.length > NOTIFY_ABOVE_FILES ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    await vscode.window.withProgress({ location, title: 'Indexing evidence', cancellable: location === vscode.ProgressLocation.Notification }, (progress, cancel) => run(progress, cancel));
    if (token.isCancellationRequested) return;
    if (this.stats.phases) Object.assign(this.stats.phases, { waited: yielded.ms, longestStartupSlice: yielded.longestSliceMs });
    this.stats = { ...this.stats, files: this.index.size, passages: this.index.passageCount, ms: performance.now() - started, done: true };
    if (this.stats.skippedLarge) void vscode.window.showInformationMessage(`Evidence Tagger skipped ${this.stats.skippedLarge} documents larger than the evidenceTagger.maxFileSize setting.`);
    this.scanned.fire(this.stats);
    if (quick) found = await this.reconcile(token);
    if (token.isCancellationRequested) return;
    this.touchedDuringScan = undefined;
    this.stored.keepOnly(found);
    void this.stored.save();
  }

  /**
   * VS Code's search, after a quick listing: what it finds that the listing did not (a document behind a
   * symbolic link, say) is added, what it does not find is dropped, and any difference is logged.
   */
  private async reconcile(token: vscode.CancellationToken): Promise<Set<string>> {
    const listed = await findEvidenceFiles(this.settings, token);
    if (token.isCancellationRequested) return new Set();
    const keys = new Set(listed.map((uri) => uri.toString()));
    const missing = listed.filter((uri) => !this.index.get(uri.toString()) && !this.touchedDuringScan?.has(uri.toString()));
    const dropped = this.deleteWhere((key) => !keys.has(key) && !this.touchedDuringScan?.has(key));
    await Promise.all(missing.map((uri) => this.indexFile(uri)));
    this.stats = { ...this.stats, files: this.index.size, passages: this.index.passageCount, reconciled: { added: missing.length, dropped } };
    if (missing.length || dropped) log(`The quick listing of the workspace differed from VS Code's search: ${missing.length} documents added, ${dropped} dropped.`);
    return keys;
  }

  /** Per document, a count of events: a read that finishes after a newer event (a delete) is dropped. */
  private readonly eventCount = new Map<string, number>();

  private bump(key: string): number {
    const n = (this.eventCount.get(key) ?? 0) + 1;
    this.eventCount.set(key, n);
    return n;
  }

  private read(uri: vscode.Uri): Promise<string | undefined> {
    return readDocumentText(uri, this.settings.maxFileSize, () => this.stats.skippedLarge++);
  }

  private async indexFile(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    this.touchedDuringScan?.add(key);
    const event = this.bump(key);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open?.isDirty) return; // the editor's version wins until it is saved
    const facts = await fileFacts(uri);
    const text = facts ? await this.read(uri) : undefined;
    if (this.eventCount.get(key) !== event) return;
    if (text === undefined) {
      this.index.delete(key);
      this.stored.forget(key);
    } else this.indexText(uri, text, facts);
  }

  /** Indexes one document's text; a document that cannot be read is logged and indexed as untagged, and the scan goes on. */
  private indexText(uri: vscode.Uri, text: string, facts?: FileFacts): void {
    try {
      this.stats.parsed++;
      this.totalParsed++;
      const started = performance.now();
      const parsed = parseSafely(text, this.services.codebooks.lookupFor(uri));
      const ms = performance.now() - started;
      if (ms > PARSE_BUDGET_MS) log(`Indexing ${vscode.workspace.asRelativePath(uri)} took ${ms.toFixed(0)} ms (${text.length} characters).`);
      const failure = parsed.problems.find((p) => p.code === 'parse-failed');
      if (failure) log(`${vscode.workspace.asRelativePath(uri)}: ${failure.message}`);
      const document = indexDocument(uri.toString(), documentLabel(uri), parsed);
      this.index.set(document);
      if (facts) this.stored.record(document, facts, this.services.codebooks.lookupFor(uri).codebook, uri.scheme === 'file' ? uri.fsPath : undefined);
    } catch (error) {
      log(`Skipped ${vscode.workspace.asRelativePath(uri)} while indexing: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** What the stored-index check needs of this service (this scan's stats object included). */
  private storeCheckHost(): StoreCheckHost {
    return {
      index: this.index,
      stored: this.stored,
      stats: this.stats,
      touched: (key) => !!this.touchedDuringScan?.has(key),
      matches: (uri) => this.matches(uri),
      codebookFor: (uri) => this.services.codebooks.lookupFor(uri).codebook,
    };
  }

  /** Forgets the index in memory and scans again from the stored one (what a new session does), or from nothing. */
  reload(cold = false): void {
    this.scanToken?.cancel();
    this.index.clear();
    this.stored.reset(cold);
    // On the next turn: dropping thousands of documents and the start of the scan are two turns of the event loop, not one long one.
    setTimeout(() => this.restart(), 0);
  }

  private indexOpen(document: vscode.TextDocument): void {
    if (document.uri.scheme !== 'file' && document.uri.scheme !== 'vscode-vfs' && document.uri.scheme !== 'vscode-remote') return;
    if (!vscode.workspace.getWorkspaceFolder(document.uri)) return;
    const entry = this.services.documents.get(document);
    this.touchedDuringScan?.add(document.uri.toString());
    if (entry) this.index.set(indexDocument(document.uri.toString(), documentLabel(document.uri), entry.parsed, this.services.documents.summary(document)));
  }

  dispose(): void {
    if (this.stored.savePending) void this.stored.save();
    this.scanToken?.cancel();
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}
