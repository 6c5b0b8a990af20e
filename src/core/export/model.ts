// What every exporter reads: the parsed documents and the codebook, and the derived records.
import type { Codebook } from '../codebook/schema';
import { CodebookLookup } from '../codebook/lookup';
import type { ParsedDocument } from '../parse';
import { markupOf, type Passage } from '../passage';
import { summarizeDocument, tallyDocuments, type WorkspaceTally } from '../tally';

export interface ExportDocument {
  /** Path as it should appear in the export (relative to the workspace or current folder). */
  file: string;
  parsed: ParsedDocument;
}

export interface ExportInput {
  documents: ExportDocument[];
  codebook: Codebook;
  /** Fixed in tests; defaults to now. */
  generated?: Date;
  projectName?: string;
}

/** A document with its markup removed, and the map from tagged offsets to offsets in that plain text. */
export interface PlainDocument {
  text: string;
  toPlain(offset: number): number;
}

export function plainDocument(parsed: ParsedDocument): PlainDocument {
  const removed = parsed.passages.flatMap((p) => markupOf(p)).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let text = '';
  let at = 0;
  const starts: number[] = [];
  const before: number[] = [];
  let total = 0;
  for (const [from, to] of removed) {
    text += parsed.text.slice(at, from);
    starts.push(from);
    before.push(total);
    total += to - from;
    at = to;
  }
  text += parsed.text.slice(at);
  const toPlain = (offset: number) => {
    // Binary search: markup ranges that start before the offset.
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (starts[mid] < offset) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return offset;
    const [from, to] = removed[low - 1];
    return offset >= to ? offset - before[low - 1] - (to - from) : from - before[low - 1];
  };
  return { text, toPlain };
}

/**
 * The plain text with CRLF (and lone CR) line breaks as LF, offsets mapped through: REFI-QDA sources are
 * exchanged with LF line ends, and positions are counted on that text.
 */
export function lfDocument(plain: PlainDocument): PlainDocument {
  if (!plain.text.includes('\r')) return plain;
  const dropped: number[] = [];
  let text = '';
  let at = 0;
  for (let i = plain.text.indexOf('\r'); i !== -1; i = plain.text.indexOf('\r', i + 1)) {
    if (plain.text.charCodeAt(i + 1) === 10) {
      text += plain.text.slice(at, i);
      dropped.push(i);
      at = i + 1;
    } else {
      text += plain.text.slice(at, i) + '\n';
      at = i + 1;
    }
  }
  text += plain.text.slice(at);
  const toLf = (offset: number) => {
    let low = 0;
    let high = dropped.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (dropped[mid] < offset) low = mid + 1;
      else high = mid;
    }
    return offset - low;
  };
  return { text, toPlain: (offset) => toLf(plain.toPlain(offset)) };
}

/** UTF-16 offsets → Unicode code point offsets (REFI-QDA counts code points). */
export function codePointOffsets(text: string, offsets: number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let points = 0;
  let i = 0;
  for (const target of sorted) {
    for (; i < target && i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) points++;
    }
    out.set(target, points);
  }
  return out;
}

export interface TagRef {
  dimension: string;
  tag: string;
  label: string;
  known: boolean;
}

/** The passage's tags in codebook order, unknown ids last within their dimension. */
export function tagsOf(passage: Passage, lookup: CodebookLookup): TagRef[] {
  const refs: TagRef[] = [];
  for (const dimension of lookup.codebook.dimensions) {
    for (const id of passage.tags[dimension.id] ?? []) {
      const tag = lookup.tag(dimension.id, id);
      refs.push({ dimension: dimension.id, tag: tag?.id ?? id, label: tag?.label ?? id, known: !!tag });
    }
  }
  return refs;
}

export function tallyOf(input: ExportInput): WorkspaceTally {
  return tallyDocuments(input.documents.map((d) => ({ file: d.file, summary: summarizeDocument(d.parsed) })), input.codebook);
}
