// Incremental re-parsing: after one change, only the top-level stretch around it is parsed again.
import type { CodebookLookup } from './codebook/lookup';
import { parseDocument, parseRegion, unique, type ParsedDocument } from './parse';
import type { Passage } from './passage';
import { LineIndex } from './text';

export interface TextChange {
  /** Offset where the replaced text started, in the previous text. */
  start: number;
  /** Length of the replaced text in the previous text, and of the text that replaced it. */
  removed: number;
  inserted: number;
}

/**
 * The parse of `text` after one change to `previous.text`: only the top-level stretch around the change is
 * parsed again; what comes before is kept and what comes after is shifted. The stretch starts early enough
 * to include any opener still waiting for a closer (the change may add it); a change inside front matter
 * parses everything. `previous` is consumed: its passages and blocks are reused and mutated.
 */
export function reparseDocument(previous: ParsedDocument, text: string, change: TextChange, lookup: CodebookLookup): ParsedDocument {
  const delta = change.inserted - change.removed;
  const full = () => parseDocument(text, lookup);
  if (previous.text.length + delta !== text.length || previous.sync.offsets.length === 0) return full();
  const oldOffsets = previous.sync.offsets;
  // Resume at the last sync point on a line before the change's line (that line's text may join the previous),
  // and no later than the first opener without a closer.
  const changeLineStart = previous.lines.lineStarts[previous.lines.lineAt(change.start)];
  const lines = new LineIndex(text);
  // Any change after an opener without a closer may close it (directly, or by freeing a closer another
  // opener had taken), so the stretch starts before the first such opener.
  const firstUnclosed = previous.sync.unclosed.length ? previous.sync.unclosed[0] : Infinity;
  const k = upperBound(oldOffsets, Math.min(changeLineStart - 1, firstUnclosed)) - 1;
  if (k < 0) return full();
  const resume = oldOffsets[k];
  const fromLine = lines.lineAt(resume);
  const changeEndNew = change.start + change.inserted;
  const stopAt = (line: number) => {
    const offset = lines.lineStarts[line];
    if (offset <= changeEndNew) return false;
    const old = offset - delta;
    const at = lowerBound(oldOffsets, old);
    return at < oldOffsets.length && oldOffsets[at] === old;
  };
  const region = parseRegion(text, lines, lookup, fromLine, stopAt);
  const stopNew = region.endLine < lines.lineCount ? lines.lineStarts[region.endLine] : text.length + 1;
  const stopOld = stopNew - delta;
  const lineDelta = lines.lineCount - previous.lines.lineCount;

  const splice = <T extends { start: number }>(old: T[], fresh: T[], shift: (item: T) => void) => {
    const before = old.slice(0, lowerBoundBy(old, resume, (x) => x.start));
    const afterStart = lowerBoundBy(old, stopOld, (x) => x.start);
    const after = old.slice(afterStart);
    for (const item of after) shift(item);
    return { items: before.concat(fresh, after), before: before.length, afterStart };
  };
  const passages = splice(previous.passages, region.collector.passages, (p) => shiftPassage(p, delta));
  const freshCount = region.collector.passages.length;
  passages.items.forEach((p, i) => {
    if (p.parent === -1) return;
    if (i >= passages.before && i < passages.before + freshCount) p.parent += passages.before;
    else if (i >= passages.before + freshCount) p.parent += passages.before + freshCount - passages.afterStart;
  });
  const blocks = splice(previous.blocks, region.collector.blocks, (b) => {
    b.start += delta;
    b.end += delta;
    b.firstLine += lineDelta;
    b.lastLine += lineDelta;
  }).items;
  // Attempts inside the stretch may have looked past its end (an unclosed div searches to the end of the
  // text); what lies past the end is the previous parse's, shifted.
  const problems = splice(previous.problems, region.collector.problems.filter((p) => p.start < stopNew), (p) => {
    p.start += delta;
    p.end += delta;
  }).items;
  const offsets = oldOffsets
    .slice(0, k)
    .concat(
      region.parser.syncLines.map((l) => lines.lineStarts[l]),
      oldOffsets.slice(lowerBound(oldOffsets, stopOld)).map((o) => o + delta),
    );
  const unclosed = previous.sync.unclosed
    .filter((o) => o < resume)
    .concat(
      unique(region.parser.unclosedLines)
        .map((l) => lines.lineStarts[l])
        .filter((o) => o >= resume && o < stopNew),
      previous.sync.unclosed.filter((o) => o >= stopOld).map((o) => o + delta),
    );
  return { text, lines, passages: passages.items, blocks, problems, sync: { offsets, unclosed } };
}


function shiftPassage(p: Passage, delta: number): void {
  p.start += delta;
  p.end += delta;
  p.contentStart += delta;
  p.contentEnd += delta;
  const a = p.attributes;
  a.start += delta;
  a.end += delta;
  for (const pair of a.pairs) {
    pair.start += delta;
    pair.end += delta;
    pair.valueStart += delta;
    pair.valueEnd += delta;
  }
}

/** First index whose value is >= target. */
function lowerBound(sorted: number[], target: number): number {
  return lowerBoundBy(sorted, target, (x) => x);
}

function upperBound(sorted: number[], target: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] <= target) low = mid + 1;
    else high = mid;
  }
  return low;
}

function lowerBoundBy<T>(sorted: T[], target: number, key: (item: T) => number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (key(sorted[mid]) < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
