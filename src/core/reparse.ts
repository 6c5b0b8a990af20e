// Incremental re-parsing: after one change, only the stretch around it is parsed again. It resumes at a
// sync line before the change (inside the fenced divs open there, if any) and stops at the first line
// after it where the parse is in the same state as before (same divs open): from there on the previous
// parse holds, shifted. Property-tested to equal a full parse.
import type { DivChain, OpenDiv } from './blocks';
import type { CodebookLookup } from './codebook/lookup';
import { parseDocument, parseRegion, UNCLOSED_DIV, unique, type ParsedDocument } from './parse';
import type { Passage, Problem } from './passage';
import { LineIndex, upperBound } from './text';

export interface TextChange {
  /** Offset where the replaced text started, in the previous text. */
  start: number;
  /** Length of the replaced text in the previous text, and of the text that replaced it. */
  removed: number;
  inserted: number;
}

/**
 * Whether the changed lines could close an opener that found no closer before: a fence, `:::`, `---` or
 * `...` line, or `-->`. Only then must the re-parse start before such an opener; otherwise it stays local.
 */
function mayCloseSomething(text: string, lines: LineIndex, from: number, to: number): boolean {
  const start = lines.lineStarts[lines.lineAt(from)];
  const endLine = lines.lineAt(Math.min(text.length, to));
  const end = lines.lineEnd(endLine);
  const changed = text.slice(Math.max(0, start - 2), Math.min(text.length, end + 2));
  return changed.includes('-->') || /^[ \t]{0,3}(`{3,}|~{3,}|:{3,}|---|\.\.\.)[ \t]*\r?$/m.test(text.slice(start, end));
}

/**
 * The parse of `text` after one change to `previous.text`. `previous` is consumed: its passages and blocks
 * are reused and mutated.
 */
export function reparseDocument(previous: ParsedDocument, text: string, change: TextChange, lookup: CodebookLookup): ParsedDocument {
  const delta = change.inserted - change.removed;
  const full = () => parseDocument(text, lookup);
  // Another codebook reads the tags differently everywhere: only a full parse is right.
  if (previous.text.length + delta !== text.length || previous.sync.offsets.length === 0 || previous.lookup !== lookup) return full();
  const oldOffsets = previous.sync.offsets;
  const lines = LineIndex.afterEdit(previous.lines, text, change.start, change.removed, change.inserted);
  const changeEndNew = change.start + change.inserted;
  // Resume at the last sync line before the change's line (that line's text may join the previous one),
  // and before the first opener still waiting for a closer if the change could be that closer.
  const changeLineStart = previous.lines.lineStarts[previous.lines.lineAt(change.start)];
  const firstUnclosed = previous.sync.unclosed.length && mayCloseSomething(text, lines, change.start, changeEndNew) ? previous.sync.unclosed[0] : Infinity;
  const k = upperBound(oldOffsets, Math.min(changeLineStart - 1, firstUnclosed)) - 1;
  if (k < 0) return full();
  const resume = oldOffsets[k];
  const fromLine = lines.lineAt(resume);

  // The divs open at the resume line: their passages (from the previous parse) are closed by this parse.
  const openChain = chainToArray(previous.sync.stacks[k]);
  const external: Passage[] = [];
  const divs: OpenDiv[] = [];
  for (const node of openChain) {
    const passage = divAt(previous.passages, node.offset);
    if (!passage) return full();
    divs.push({ handle: -external.length - 2, line: lines.lineAt(node.offset), inList: false, attributes: passage.attributes, node });
    external.push(passage);
  }

  // New offsets in old coordinates; text the change inserted has none (-1 matches no old offset).
  const toOld = (offset: number) => (offset < change.start ? offset : offset >= changeEndNew ? offset - delta : -1);
  const stopAt = (line: number, open: DivChain | null) => {
    const offset = lines.lineStarts[line];
    if (offset <= changeEndNew) return false;
    const at = lowerBound(oldOffsets, offset - delta);
    return at < oldOffsets.length && oldOffsets[at] === offset - delta && sameChain(open, previous.sync.stacks[at], toOld);
  };
  const region = parseRegion(text, lines, lookup, fromLine, stopAt, { divs, passages: external });
  const stopped = region.endLine < lines.lineCount;
  const stopNew = stopped ? lines.lineStarts[region.endLine] : text.length + 1;
  const stopOld = stopNew - delta;

  // Divs still open where the parse stopped end where the previous parse ended them, shifted.
  if (stopped) {
    for (const div of region.parser.openAtStop) {
      const passage = div.handle < -1 ? external[-div.handle - 2] : div.handle >= 0 ? region.collector.passages[div.handle] : undefined;
      if (!passage) continue;
      const old = div.handle < -1 ? passage : divAt(previous.passages, toOld(passage.start));
      if (!old) return full();
      passage.end = old.end + delta;
      // As the parser would: an empty div's content is empty where its opening fence now ends.
      passage.contentStart = Math.min(passage.contentStart, passage.end);
      passage.contentEnd = Math.max(passage.contentStart, old.contentEnd + delta);
    }
  }

  const splice = <T extends { start: number }>(old: T[], fresh: T[], shift: (item: T) => void) => {
    const before = old.slice(0, lowerBoundBy(old, resume, (x) => x.start));
    const after = old.slice(lowerBoundBy(old, stopOld, (x) => x.start));
    for (const item of after) shift(item);
    return before.concat(fresh, after);
  };
  const passages = splice(previous.passages, region.collector.passages, (p) => shiftPassage(p, delta));
  linkParents(passages);
  const lineDelta = lines.lineCount - previous.lines.lineCount;
  const blocks = splice(previous.blocks, region.collector.blocks, (b) => {
    b.start += delta;
    b.end += delta;
    b.firstLine += lineDelta;
    b.lastLine += lineDelta;
  });

  // Divs opened before the region that it closed (with a fence, or at the end): their old reports go, the
  // region's stand. Those still open at the stop keep what the previous parse said of them.
  const stillOpen = new Set(stopped ? region.parser.openAtStop.filter((d) => d.handle < -1).map((d) => external[-d.handle - 2]) : []);
  const externalStarts = new Set(external.filter((p) => !stillOpen.has(p)).map((p) => p.start));
  const regionProblems = region.collector.problems.filter((p) => p.start < stopNew);
  // Divs the region opened that are still open at the stop close (or not) as the previous parse found.
  const carried: Problem[] = [];
  const carriedUnclosed: number[] = [];
  if (stopped) {
    for (const div of region.parser.openAtStop) {
      if (div.handle < -1) continue;
      const offset = lines.lineStarts[div.line];
      if (!previous.sync.unclosed.includes(toOld(offset))) continue;
      carriedUnclosed.push(offset);
      if (div.handle >= 0) carried.push({ severity: 'warning', code: 'unclosed-div', message: UNCLOSED_DIV, start: offset, end: region.parser.lineEnd[div.line] });
    }
  }
  // Each part is in order already: only reports of divs opened before the region need merging in.
  let before = previous.problems.slice(0, lowerBoundBy(previous.problems, resume, (p) => p.start));
  if (externalStarts.size) before = before.filter((p) => !(p.code === 'unclosed-div' && externalStarts.has(p.start)));
  before = mergeByStart(before, regionProblems.filter((p) => p.start < resume));
  const after = previous.problems.slice(lowerBoundBy(previous.problems, stopOld, (p) => p.start));
  for (const p of after) {
    p.start += delta;
    p.end += delta;
  }
  const problems = before.concat(mergeByStart(regionProblems.filter((p) => p.start >= resume), carried), after);

  // Sync lines: before the resume line, then the region's, then the previous ones after the stop (their
  // chains of open divs shifted once, where they lie after the change).
  const afterStop = lowerBound(oldOffsets, stopOld);
  const shifted = new Set<DivChain>();
  for (let i = afterStop; i < oldOffsets.length; i++) {
    for (let node = previous.sync.stacks[i]; node && !shifted.has(node); node = node.parent) {
      shifted.add(node);
      if (node.offset >= change.start) node.offset += delta;
    }
  }
  const offsets = oldOffsets.slice(0, k).concat(region.parser.syncLines.map((l) => lines.lineStarts[l]), oldOffsets.slice(afterStop).map((o) => o + delta));
  const stacks = previous.sync.stacks.slice(0, k).concat(region.parser.syncStacks, previous.sync.stacks.slice(afterStop));
  const regionUnclosed = unique(region.parser.unclosedLines).map((l) => lines.lineStarts[l]);
  const unclosed = unique(
    previous.sync.unclosed
      .filter((o) => o < resume && !externalStarts.has(o))
      .concat(regionUnclosed.filter((o) => o < resume), regionUnclosed.filter((o) => o >= resume && o < stopNew), carriedUnclosed, previous.sync.unclosed.filter((o) => o >= stopOld).map((o) => o + delta))
      .sort((a, b) => a - b),
  );
  return { text, lines, passages, blocks, problems, sync: { offsets, stacks, unclosed }, lookup };
}

function chainToArray(chain: DivChain | null): DivChain[] {
  const out: DivChain[] = [];
  for (let node = chain; node; node = node.parent) out.push(node);
  return out.reverse();
}

/** The same open divs: equal depth and openers, comparing the new chain's offsets in old coordinates. */
function sameChain(fresh: DivChain | null, old: DivChain | null, toOld: (offset: number) => number): boolean {
  while (fresh && old) {
    if (fresh === old) return true;
    if (fresh.depth !== old.depth || toOld(fresh.offset) !== old.offset) return false;
    fresh = fresh.parent;
    old = old.parent;
  }
  return fresh === old;
}

/** The div passage whose opening fence starts at `offset`. */
function divAt(passages: Passage[], offset: number): Passage | undefined {
  for (let i = lowerBoundBy(passages, offset, (p) => p.start); i < passages.length && passages[i].start === offset; i++) if (passages[i].kind === 'div') return passages[i];
  return undefined;
}

/** Parent and depth of every passage: passages come outer before inner, so a stack of open ends is enough. */
function linkParents(passages: Passage[]): void {
  const stack: number[] = [];
  for (let index = 0; index < passages.length; index++) {
    const passage = passages[index];
    while (stack.length && passages[stack[stack.length - 1]].end <= passage.start) stack.pop();
    passage.parent = stack.length ? stack[stack.length - 1] : -1;
    passage.depth = stack.length;
    stack.push(index);
  }
}

/** Two lists in order of start, merged in one pass (the first one's items first on ties). */
function mergeByStart(a: Problem[], b: Problem[]): Problem[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Problem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i].start <= b[j].start) ? a[i++] : b[j++]);
  return out;
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
