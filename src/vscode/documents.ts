// Which documents are evidence documents, and their parses, cached per document version.
import * as vscode from 'vscode';
import { parseSafely, reparseDocument, summarizeDocument, type CodebookLookup, type DocumentSummary, type ParsedDocument, type Passage } from '../core';
import { log } from './output';
import type { Codebooks } from './codebooks';
import { readSettings, type Settings } from './settings';

export interface ParsedEditorDocument {
  document: vscode.TextDocument;
  version: number;
  parsed: ParsedDocument;
}

/** A full parse slower than this is logged: the parser is linear, so this means a huge or pathological file. */
const PARSE_BUDGET_MS = 250;

export class ParsedDocuments implements vscode.Disposable {
  private readonly cache = new Map<string, ParsedEditorDocument & { summary?: DocumentSummary }>();
  private settings: Settings = readSettings();
  private readonly tooLargeNoticeShown = new Set<string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  /** A document's parse changed (an edit, or a codebook or settings change). */
  readonly onDidChange = this.changed.event;

  /** How long each edit took to bring parse, decorations and index up to date (ms), for the benchmark. */
  readonly keystrokeMs: number[] = [];

  constructor(private readonly codebooks: Codebooks) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidCloseTextDocument((document) => this.cache.delete(document.uri.toString())),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!event.contentChanges.length || !this.isEvidenceDocument(event.document)) return;
        const started = performance.now();
        this.reparse(event);
        // Decorations, diagnostics and the index update synchronously in these listeners.
        this.changed.fire(event.document);
        this.keystrokeMs.push(performance.now() - started);
        if (this.keystrokeMs.length > 500) this.keystrokeMs.splice(0, this.keystrokeMs.length - 500);
      }),
      codebooks.onDidChange(() => this.invalidateAll()),
    );
  }

  reloadSettings(): void {
    this.settings = readSettings();
    this.invalidateAll();
  }

  private invalidateAll(): void {
    this.cache.clear();
    for (const document of vscode.workspace.textDocuments) if (this.isEvidenceDocument(document)) this.changed.fire(document);
  }

  isEvidenceDocument(document: vscode.TextDocument): boolean {
    if (document.uri.scheme === 'output' || document.uri.scheme === 'vscode-settings') return false;
    if (this.settings.languages.includes(document.languageId)) return true;
    return this.settings.files.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  /** After one change, re-parse only around it (a long document stays fast); otherwise parse on demand. */
  private reparse(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const cached = this.cache.get(key);
    if (!cached || event.contentChanges.length !== 1 || cached.version !== event.document.version - 1) return;
    const change = event.contentChanges[0];
    if (cached.parsed.lines.length - change.rangeLength + change.text.length > this.settings.maxFileSize) return;
    const lookup = this.codebooks.lookupFor(event.document.uri);
    let parsed: ParsedDocument;
    try {
      // The new text is not joined for this: the re-parse reads the lines around the change (core/editedText.ts).
      parsed = reparseDocument(cached.parsed, { start: change.rangeOffset, removed: change.rangeLength, text: change.text }, lookup);
    } catch (error) {
      // The incremental path failed: a full parse of the new text (which cannot throw) takes over.
      this.reportFailure(event.document, error);
      parsed = this.parseTimed(event.document, event.document.getText(), lookup);
    }
    this.cache.set(key, { document: event.document, version: event.document.version, parsed });
  }

  /** The parse of an evidence document (undefined for other documents and for ones over the size limit). */
  get(document: vscode.TextDocument): ParsedEditorDocument | undefined {
    if (!this.isEvidenceDocument(document)) return undefined;
    const key = document.uri.toString();
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached;
    const text = document.getText();
    if (text.length > this.settings.maxFileSize) {
      this.noticeTooLarge(document);
      return undefined;
    }
    const entry = { document, version: document.version, parsed: this.parseTimed(document, text, this.codebooks.lookupFor(document.uri)) };
    this.cache.set(key, entry);
    return entry;
  }

  private readonly reported = new Set<string>();

  /** A full parse that never throws; a failure or a parse over the time budget is reported once per document. */
  private parseTimed(document: vscode.TextDocument, text: string, lookup: CodebookLookup): ParsedDocument {
    const started = performance.now();
    const parsed = parseSafely(text, lookup);
    const failure = parsed.problems.find((p) => p.code === 'parse-failed');
    if (failure) this.reportFailure(document, failure.message);
    const ms = performance.now() - started;
    if (ms > PARSE_BUDGET_MS) log(`Reading the tags of ${vscode.workspace.asRelativePath(document.uri)} took ${ms.toFixed(0)} ms (${text.length} characters).`);
    return parsed;
  }

  private reportFailure(document: vscode.TextDocument, error: unknown): void {
    const where = vscode.workspace.asRelativePath(document.uri);
    log(`Could not read the tags of ${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (this.reported.has(document.uri.toString())) return;
    this.reported.add(document.uri.toString());
    void vscode.window.showWarningMessage(`Evidence Tagger could not read the tags of ${where}; it is shown as untagged text. Details are in the "Evidence Tagger" output.`);
  }

  summary(document: vscode.TextDocument): DocumentSummary | undefined {
    const entry = this.get(document);
    if (!entry) return undefined;
    const cached = this.cache.get(document.uri.toString())!;
    return (cached.summary ??= summarizeDocument(entry.parsed));
  }

  /** The innermost passage containing the offset (markup included). */
  passageAt(entry: ParsedEditorDocument, offset: number): Passage | undefined {
    let found: Passage | undefined;
    for (const passage of entry.parsed.passages) {
      if (passage.start > offset) break;
      if (offset >= passage.start && offset <= passage.end) found = passage;
    }
    return found;
  }

  private noticeTooLarge(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (this.tooLargeNoticeShown.has(key)) return;
    this.tooLargeNoticeShown.add(key);
    void vscode.window.showInformationMessage(
      `Evidence Tagger skips ${vscode.workspace.asRelativePath(document.uri)}: it is larger than the evidenceTagger.maxFileSize setting (${this.settings.maxFileSize} bytes).`,
    );
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

export const toRange = (parsed: ParsedDocument, start: number, end: number) => {
  const a = parsed.lines.positionAt(start);
  const b = parsed.lines.positionAt(end);
  return new vscode.Range(a.line, a.character, b.line, b.character);
};
