// The stretch an incremental re-parse reads, in document offsets: parsed from the whole text, or from a
// window of lines around the change. The window is what keeps a keystroke in a long document from joining
// its whole text (see editedText.ts); it is trusted only where it cannot differ from the whole text's parse.
import type { DivChain, OpenDiv } from './blocks';
import type { CodebookLookup } from './codebook/lookup';
import type { EditedText } from './editedText';
import { parseRegion, unique } from './parse';
import type { Passage, Problem, TextBlock } from './passage';
import { LineIndex } from './text';

/** What a region parse found, every offset and line in the document's terms. */
export interface Region {
  passages: Passage[];
  blocks: TextBlock[];
  problems: Problem[];
  /** The line the parse stopped at (a sync line where the previous parse holds again), or the line count. */
  endLine: number;
  /** Divs still open where it stopped: their handle, and where their opening fence line starts and ends. */
  openAtStop: { handle: number; start: number; fenceEnd: number }[];
  syncOffsets: number[];
  syncStacks: (DivChain | null)[];
  /** Openers (fence, div, comment, metadata) that found no closer. */
  unclosed: number[];
}

export interface RegionRequest {
  lines: LineIndex;
  lookup: CodebookLookup;
  /** Undefined for the top of the document (where a metadata block may come first). */
  fromLine: number | undefined;
  /** Whether the parse may stop at this line with these divs open. */
  stopAt: (line: number, open: DivChain | null) => boolean;
  /** The divs open at fromLine (lines and offsets in the document), and their passages. */
  divs: OpenDiv[];
  external: Passage[];
}

/** The region parsed from the whole text. */
export function parseRegionWhole(text: string, request: RegionRequest): Region {
  const { lines } = request;
  return regionFrom(parseRegion(text, lines, request.lookup, request.fromLine, request.stopAt, { divs: request.divs, passages: request.external }), lines, lines, 0);
}

/**
 * A region parse's findings in document terms: `parsed` lines are those of the text parsed, which starts at
 * line `firstLine` of the document (`lines`). Passages, blocks and problems are already in document offsets.
 */
function regionFrom({ parser, collector, endLine }: ReturnType<typeof parseRegion>, parsed: LineIndex, lines: LineIndex, firstLine: number): Region {
  const base = lines.lineStarts[firstLine];
  return {
    passages: collector.passages,
    blocks: collector.blocks,
    problems: collector.problems,
    endLine: endLine + firstLine,
    openAtStop: parser.openAtStop.map((div) => ({ handle: div.handle, start: lines.lineStarts[div.line + firstLine], fenceEnd: lines.lineEnd(div.line + firstLine) })),
    syncOffsets: parser.syncLines.map((line) => parsed.lineStarts[line] + base),
    syncStacks: parser.syncStacks,
    unclosed: unique(parser.unclosedLines).map((line) => parsed.lineStarts[line] + base),
  };
}

/** Lines at the end of a window where the parse may not stop: a block before them may look a line or two ahead. */
const WINDOW_MARGIN_LINES = 3;

/**
 * The region parsed from a window of the text: the line before `fromLine` (the line break a closing fence
 * takes) to whole lines `after` characters past `changeEnd`. Undefined, and nothing changed, when the window's
 * parse could differ from the whole text's: it did not stop before the window's last lines, or an opener
 * found no closer in it (one might lie beyond). Then the caller parses from the whole text.
 */
export function parseRegionInWindow(source: EditedText, request: RegionRequest, changeEnd: number, after: number): Region | undefined {
  const { lines, external } = request;
  const firstLine = Math.max(0, (request.fromLine ?? 0) - 1);
  const base = lines.lineStarts[firstLine];
  const lastLine = lines.lineAt(Math.min(source.length, changeEnd + after));
  if (lastLine + 1 >= lines.lineCount) return undefined;
  const windowLines = new LineIndex(source.slice(base, lines.lineStarts[lastLine + 1]));
  const lastStop = windowLines.lineCount - 1 - WINDOW_MARGIN_LINES;
  const stopAt = (line: number, open: DivChain | null) => line <= lastStop && request.stopAt(line + firstLine, open);

  // The passages of divs open at the start take window offsets while it is parsed; their content starts
  // (before the window) are given. What the parse sets on them is undone if the window is not trusted.
  const saved = external.map((p) => [p.end, p.contentStart, p.contentEnd]);
  const contentStarts = external.map((p) => lines.lineStarts[Math.min(lines.lineCount - 1, lines.lineAt(p.start) + 1)] - base);
  for (const p of external) shiftPassage(p, -base);
  const divs = request.divs.map((div) => ({ ...div, line: div.line - firstLine }));
  let region;
  try {
    region = parseRegion(windowLines.text, windowLines, request.lookup, request.fromLine === undefined ? undefined : request.fromLine - firstLine, stopAt, { divs, passages: external, contentStarts }, base);
  } finally {
    for (const p of external) shiftPassage(p, base);
  }
  const { parser, collector } = region;
  if (region.endLine >= windowLines.lineCount || parser.unclosedLines.length > 0) {
    external.forEach((p, i) => ([p.end, p.contentStart, p.contentEnd] = saved[i]));
    return undefined;
  }
  for (const p of collector.passages) shiftPassage(p, base);
  for (const b of collector.blocks) {
    b.start += base;
    b.end += base;
    b.firstLine += firstLine;
    b.lastLine += firstLine;
  }
  for (const p of collector.problems) {
    p.start += base;
    p.end += base;
  }
  return regionFrom(region, windowLines, lines, firstLine);
}

export function shiftPassage(p: Passage, delta: number): void {
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
