// Incremental re-parsing: after one change, only the stretch around it is parsed again. It resumes at a
// sync line before the change (inside the fenced divs open there, if any) and stops at the first line
// after it where the parse is in the same state as before (same divs open): from there on the previous
// parse holds, shifted. The stretch is read from a window of lines around the change, so the whole new
// text is never joined for it (regionParse.ts). Property-tested to equal a full parse.
import type { DivChain, OpenDiv } from './blocks';
import type { CodebookLookup } from './codebook/lookup';
import { EditedText } from './editedText';
import { parseDocument, UNCLOSED_DIV, unique, type ParsedDocument } from './parse';
import type { Passage, Problem } from './passage';
import { parseRegionInWindow, parseRegionWhole, shiftPassage, type Region, type RegionRequest } from './regionParse';
import { LineIndex, upperBound } from './text';

export interface ReparseEdit {
  /** Offset where the replaced text started, in the previous text. */
  start: number;
  /** Length of the replaced text in the previous text. */
  removed: number;
  /** The text that replaced it. */
  text: string;
}

export interface ReparseOptions {
  /** How far past the change the window of text read for the re-parse reaches (characters). */
  windowAfter?: number;
}

const WINDOW_AFTER = 8192;

/**
 * Whether the changed lines could close an opener that found no closer before: a fence, `:::`, `---` or
 * `...` line, or `-->`. Only then must the re-parse start before such an opener; otherwise it stays local.
 */
function mayCloseSomething(source: EditedText, lines: LineIndex, from: number, to: number): boolean {
  const start = lines.lineStarts[lines.lineAt(from)];
  const end = lines.lineEnd(lines.lineAt(Math.min(source.length, to)));
  const changed = source.slice(Math.max(0, start - 2), Math.min(source.length, end + 2));
  return changed.includes('-->') || /^[ \t]{0,3}(`{3,}|~{3,}|:{3,}|---|\.\.\.)[ \t]*\r?$/m.test(source.slice(start, end));
}

/**
 * The parse after one edit of `previous`'s text. `previous` is consumed: its passages, blocks and sync
 * lists are reused and changed in place. The result's text is joined only when somebody reads it.
 */
export function reparseDocument(previous: ParsedDocument, edit: ReparseEdit, lookup: CodebookLookup, options: ReparseOptions = {}): ParsedDocument {
  const previousSource = previous.lines.edited();
  const source = previousSource.edit(edit.start, edit.removed, edit.text);
  const change = { start: edit.start, removed: edit.removed, inserted: edit.text.length };
  const delta = change.inserted - change.removed;
  const full = () => parseDocument(source.toString(), lookup);
  // Another codebook reads the tags differently everywhere: only a full parse is right. So is a change to
  // a line that could close an opener: without its closer an opener is text, which a block quote or list
  // item above it may take in as a lazy line (so lines before the last sync line read differently).
  if (previous.sync.offsets.length === 0 || previous.lookup !== lookup || mayCloseSomething(previousSource, previous.lines, change.start, change.start + change.removed)) return full();
  const oldOffsets = previous.sync.offsets;
  const lines = LineIndex.afterEdit(previous.lines, source, change.start, change.removed, edit.text);
  const changeEndNew = change.start + change.inserted;
  // Resume at the last sync line before the change's line (that line's text may join the previous one),
  // and before the first opener still waiting for a closer if the change could be that closer.
  const changeLineStart = previous.lines.lineStarts[previous.lines.lineAt(change.start)];
  const firstUnclosed = previous.sync.unclosed.length && mayCloseSomething(source, lines, change.start, changeEndNew) ? previous.sync.unclosed[0] : Infinity;
  const k = upperBound(oldOffsets, Math.min(changeLineStart - 1, firstUnclosed)) - 1;
  if (k < 0) return full();
  const resume = oldOffsets[k];
  // From the top, a parse first looks for a metadata block (the change may have closed one).
  const fromLine = resume === 0 ? undefined : lines.lineAt(resume);

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
  const request: RegionRequest = { lines, lookup, fromLine, stopAt, divs, external };
  const region: Region = parseRegionInWindow(source, request, changeEndNew, options.windowAfter ?? WINDOW_AFTER) ?? parseRegionWhole(source.toString(), request);
  const stopped = region.endLine < lines.lineCount;
  const stopNew = stopped ? lines.lineStarts[region.endLine] : source.length + 1;
  const stopOld = stopNew - delta;

  // Divs still open where the parse stopped end where the previous parse ended them, shifted.
  if (stopped) {
    for (const div of region.openAtStop) {
      const passage = div.handle < -1 ? external[-div.handle - 2] : div.handle >= 0 ? region.passages[div.handle] : undefined;
      if (!passage) continue;
      const old = div.handle < -1 ? passage : divAt(previous.passages, toOld(passage.start));
      // One never closed ends at its last line that is not blank: if that lay before the stop, it may have changed.
      if (!old || old.end < stopOld) return full();
      passage.end = old.end + delta;
      // As the parser would: an empty div's content is empty where its opening fence now ends.
      passage.contentStart = Math.min(passage.contentStart, passage.end);
      passage.contentEnd = Math.max(passage.contentStart, old.contentEnd + delta);
    }
  }

  // The previous lists, with what the region replaces cut out and the new items put in (in place).
  const splice = <T extends { start: number }>(list: T[], fresh: T[], shift: (item: T) => void) => {
    const from = lowerBoundBy(list, resume, (x) => x.start);
    const to = lowerBoundBy(list, stopOld, (x) => x.start);
    for (let i = to; i < list.length; i++) shift(list[i]);
    spliceIn(list, from, to, fresh);
    return list;
  };
  const passages = splice(previous.passages, region.passages, (p) => shiftPassage(p, delta));
  linkParents(passages);
  const lineDelta = lines.lineCount - previous.lines.lineCount;
  const blocks = splice(previous.blocks, region.blocks, (b) => {
    b.start += delta;
    b.end += delta;
    b.firstLine += lineDelta;
    b.lastLine += lineDelta;
  });

  // Divs opened before the region that it closed (with a fence, or at the end): their old reports go, the
  // region's stand. Those still open at the stop keep what the previous parse said of them.
  const stillOpen = new Set(stopped ? region.openAtStop.filter((d) => d.handle < -1).map((d) => external[-d.handle - 2]) : []);
  const externalStarts = new Set(external.filter((p) => !stillOpen.has(p)).map((p) => p.start));
  const regionProblems = region.problems.filter((p) => p.start < stopNew);
  // Divs the region opened that are still open at the stop close (or not) as the previous parse found.
  const carried: Problem[] = [];
  const carriedUnclosed: number[] = [];
  if (stopped) {
    for (const div of region.openAtStop) {
      if (div.handle < -1) continue;
      if (!previous.sync.unclosed.includes(toOld(div.start))) continue;
      carriedUnclosed.push(div.start);
      if (div.handle >= 0) carried.push({ severity: 'warning', code: 'unclosed-div', message: UNCLOSED_DIV, start: div.start, end: div.fenceEnd });
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
  for (let i = afterStop; i < oldOffsets.length; i++) oldOffsets[i] += delta;
  const offsets = spliceIn(oldOffsets, k, afterStop, region.syncOffsets);
  const stacks = spliceIn(previous.sync.stacks, k, afterStop, region.syncStacks);
  const regionUnclosed = region.unclosed;
  const unclosed = unique(
    previous.sync.unclosed
      .filter((o) => o < resume && !externalStarts.has(o))
      .concat(regionUnclosed.filter((o) => o < resume), regionUnclosed.filter((o) => o >= resume && o < stopNew), carriedUnclosed, previous.sync.unclosed.filter((o) => o >= stopOld).map((o) => o + delta))
      .sort((a, b) => a - b),
  );
  return {
    get text() {
      return lines.text;
    },
    lines,
    passages,
    blocks,
    problems,
    sync: { offsets, stacks, unclosed },
    lookup,
  };
}

/** `list` with its items [from, to) replaced by `fresh`, changed in place (no copy of a long list). */
function spliceIn<T>(list: T[], from: number, to: number, fresh: T[]): T[] {
  const removed = to - from;
  if (fresh.length <= 10_000) list.splice(from, removed, ...fresh);
  else {
    const tail = list.splice(to);
    list.length = from;
    for (const item of fresh) list.push(item);
    for (const item of tail) list.push(item);
  }
  return list;
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
