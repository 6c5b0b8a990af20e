// The workspace index: per document, the passages and the summary the views need, without the text.
// Documents are replaced one at a time; the tally is recomputed lazily from the per-document summaries.
import type { Codebook } from './codebook/schema';
import type { ParsedDocument } from './parse';
import type { PassageKind } from './passage';
import { lineOfOffset } from './text';
import { passageUnits } from './passage';
import { buildMatrix, summarizeDocument, type DocumentSummary, type Matrix } from './tally';
import { CodebookLookup } from './codebook/lookup';

export interface IndexedPassage {
  kind: PassageKind;
  /** Offsets of the content; positionIn() turns them into line and character. */
  contentStart: number;
  contentEnd: number;
  tags: Record<string, string[]>;
  note: string | null;
}

export interface IndexedParagraph {
  start: number;
  end: number;
}

/** The index keeps no text: views read a document's text when they show its passages (see excerptOf). */
export interface IndexedDocument {
  key: string;
  /** Path shown to the user (relative to the workspace). */
  label: string;
  passages: IndexedPassage[];
  /** Where each line starts (a compact copy), to place passages without keeping the text. */
  lineStarts: Int32Array;
  summary: Omit<DocumentSummary, 'untaggedBlocks'>;
  /** dimension → passages with at least one tag of it; `dimension\u0000tag` → passages with that tag or a sub-tag of it. */
  dimensionCounts: Map<string, number>;
  tagCounts: Map<string, number>;
  untagged: IndexedParagraph[];
  /** untagged.length, known without decoding a stored document's paragraphs. */
  untaggedCount: number;
  /** Why the document could not be read (its parse failed); it then counts as untagged text. */
  readFailure?: string;
}

const EXCERPT_LENGTH = 80;

/** A flat copy of the start of a stretch of text, white space folded. */
export function excerptOf(text: string, start: number, end: number): string {
  const raw = text.slice(start, Math.min(end, start + EXCERPT_LENGTH + 20)).replace(/\s+/g, ' ').trim();
  const cut = raw.length > EXCERPT_LENGTH ? raw.slice(0, EXCERPT_LENGTH - 1) + '…' : raw;
  return flat(cut);
}

/** A copy that does not share memory with the document (a slice would keep the whole text alive). */
function flat(text: string): string {
  // Slicing a concatenation makes V8 copy the characters into a fresh string of their own.
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** `summary`, when the caller already has it for this parse, saves summarising again. */
export function indexDocument(key: string, label: string, parsed: ParsedDocument, summary: DocumentSummary = summarizeDocument(parsed)): IndexedDocument {
  const { untaggedBlocks, ...totals } = summary;
  const failure = parsed.problems.find((p) => p.code === 'parse-failed');
  // Per tag: the summary's passage counts (sub-tags rolled up, each passage once). Per dimension: passages
  // with any tag of it, which rolling up cannot change, so the pieces' own tags tell.
  const tagCounts = new Map<string, number>();
  for (const [dimension, tags] of summary.counts) for (const [id, count] of tags) tagCounts.set(tagKey(dimension, id), count.passages);
  const dimensionCounts = new Map<string, number>();
  const { passages } = parsed;
  for (const unit of passageUnits(passages)) {
    if (unit.length === 1) {
      const tags = passages[unit[0]].tags;
      for (const dimension in tags) if (tags[dimension].length) dimensionCounts.set(dimension, (dimensionCounts.get(dimension) ?? 0) + 1);
      continue;
    }
    const tagged = new Set<string>();
    for (const index of unit) for (const dimension in passages[index].tags) if (passages[index].tags[dimension].length) tagged.add(dimension);
    for (const dimension of tagged) dimensionCounts.set(dimension, (dimensionCounts.get(dimension) ?? 0) + 1);
  }
  return {
    key,
    label,
    summary: totals,
    dimensionCounts,
    tagCounts,
    // new Int32Array(array) copies directly; Int32Array.from walks the array's iterator (ms on 100,000 lines).
    lineStarts: new Int32Array(parsed.lines.lineStarts),
    passages: parsed.passages.map((p) => ({ kind: p.kind, contentStart: p.contentStart, contentEnd: p.contentEnd, tags: p.tags, note: p.note === null ? null : flat(p.note) })),
    untagged: untaggedBlocks.map((b) => ({ start: b.start, end: b.end })),
    untaggedCount: untaggedBlocks.length,
    ...(failure ? { readFailure: failure.message } : {}),
  };
}

/** What the index counts over a set of documents: passages, passages per dimension and per tag key, and the matrix's cells (per tag key of a row tag and a column tag). */
export interface CountTotals {
  passages: number;
  dimensionCounts: Map<string, number>;
  tagCounts: Map<string, number>;
  pairCounts: Map<string, number>;
}

export const noTotals = (): CountTotals => ({ passages: 0, dimensionCounts: new Map(), tagCounts: new Map(), pairCounts: new Map() });

/** Adds `sign` times a document's matrix cells (its summary's pairs) to totals keyed by tagKey(row tag, column tag). */
export function addPairCounts(target: Map<string, number>, pairs: DocumentSummary['pairs'], sign = 1): void {
  for (const [row, columns] of pairs) {
    for (const [column, count] of columns) {
      const key = tagKey(row, column);
      target.set(key, (target.get(key) ?? 0) + sign * count);
    }
  }
}

export const tagKey = (dimension: string, tag: string) => `${dimension}\u0000${tag}`;

/** Adds `sign` times each count to the totals in `target` (the index's totals, a stored index's sums). */
export function addCounts(target: Map<string, number>, counts: Iterable<[string, number]>, sign = 1): void {
  for (const [key, n] of counts) target.set(key, (target.get(key) ?? 0) + sign * n);
}

/** Line and character (zero-based, UTF-16) of an offset in an indexed document. */
export function positionIn(document: IndexedDocument, offset: number): { line: number; character: number } {
  const line = lineOfOffset(document.lineStarts, offset);
  return { line, character: offset - document.lineStarts[line] };
}

/** Where to reveal a stretch of an indexed document. */
export function rangeIn(document: IndexedDocument, start: number, end: number) {
  const a = positionIn(document, start);
  const b = positionIn(document, end);
  return { line: a.line, character: a.character, endLine: b.line, endCharacter: b.character };
}

export class WorkspaceIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  private readonly listeners = new Set<(keys: string[]) => void>();
  private pending = new Set<string>();
  private batchDepth = 0;

  get size(): number {
    return this.documents.size;
  }

  private passages = 0;
  /** Totals over all documents, kept as documents come and go, so views never walk every passage. */
  readonly dimensionCounts = new Map<string, number>();
  readonly tagCounts = new Map<string, number>();
  /** The matrix's cells over all documents, by tagKey(row tag, column tag): the matrix never walks the documents. */
  readonly pairCounts = new Map<string, number>();

  get passageCount(): number {
    return this.passages;
  }

  private count(document: IndexedDocument | undefined, sign: 1 | -1): void {
    if (!document) return;
    this.passages += sign * document.summary.passageCount;
    addCounts(this.dimensionCounts, document.dimensionCounts, sign);
    addCounts(this.tagCounts, document.tagCounts, sign);
    addPairCounts(this.pairCounts, document.summary.pairs, sign);
  }

  get(key: string): IndexedDocument | undefined {
    return this.documents.get(key);
  }

  /** The documents' keys, in no particular order (for work that needs no order, like dropping many). */
  keys(): string[] {
    return [...this.documents.keys()];
  }

  /** Documents in label order. */
  all(): IndexedDocument[] {
    return [...this.documents.values()].sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
  }

  set(document: IndexedDocument): void {
    this.count(this.documents.get(document.key), -1);
    this.count(document, 1);
    this.documents.set(document.key, document);
    this.changed(document.key);
  }

  /**
   * Many documents at once whose counts together are known (a stored index sums them while it is checked):
   * no document's own counts are read, which for a stored document would mean decoding them.
   */
  adopt(documents: IndexedDocument[], totals: CountTotals): void {
    for (const document of documents) {
      this.count(this.documents.get(document.key), -1);
      this.documents.set(document.key, document);
    }
    this.passages += totals.passages;
    addCounts(this.dimensionCounts, totals.dimensionCounts);
    addCounts(this.tagCounts, totals.tagCounts);
    addCounts(this.pairCounts, totals.pairCounts);
    for (const document of documents) this.changed(document.key);
  }

  /** Drops every document as one change: the totals start again from nothing, no document's counts read. */
  clear(): void {
    this.hold();
    try {
      for (const key of this.documents.keys()) this.changed(key);
      this.documents.clear();
      this.passages = 0;
      for (const totals of [this.dimensionCounts, this.tagCounts, this.pairCounts]) totals.clear();
    } finally {
      this.release();
    }
  }

  delete(key: string): void {
    const document = this.documents.get(key);
    if (!document) return;
    this.count(document, -1);
    this.documents.delete(key);
    this.changed(key);
  }

  rename(oldKey: string, newKey: string, newLabel: string): void {
    const document = this.documents.get(oldKey);
    if (!document) return;
    this.documents.delete(oldKey);
    this.documents.set(newKey, { ...document, key: newKey, label: newLabel });
    this.changed(oldKey);
    this.changed(newKey);
  }


  /** Holds change reports (for work that spans awaits, like a scan) until release(); flush() reports early. */
  hold(): void {
    this.batchDepth++;
  }

  release(): void {
    this.batchDepth--;
    if (this.batchDepth === 0) this.flush();
  }

  /** The evidence × use matrix with the codebook's tags as axes, from the running cell totals. */
  matrix(codebook: Codebook): Matrix {
    return buildMatrix(new CodebookLookup(codebook), (row, column) => this.pairCounts.get(tagKey(row, column)) ?? 0);
  }

  onDidChange(listener: (keys: string[]) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(key: string): void {
    this.pending.add(key);
    if (this.batchDepth === 0) this.flush();
  }

  flush(): void {
    if (this.pending.size === 0) return;
    const keys = [...this.pending];
    this.pending = new Set();
    for (const listener of this.listeners) listener(keys);
  }
}
