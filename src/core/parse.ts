// The parser of DESIGN §3: text → passages (spans and divs carrying codebook keys), text blocks, problems.
// It never throws: bad markup is text plus a problem, as pandoc would read it.
import type { AttributeBlock, LineContent } from './attributes';
import { AttributeReader, attributeMemoryFor } from './attributeReader';
import { BlockParser, MAX_CONTAINER_DEPTH, type BlockSink, type DivChain, type OpenDiv } from './blocks';
import { InlineScanner } from './inline';
import { LineIndex, lineOfOffset } from './text';
import { CodebookLookup } from './codebook/lookup';
import { markupLength, type Passage, type Problem, type TextBlock } from './passage';
import { isPassage, readFields, type PassageFields } from './passageFields';

export interface ParsedDocument {
  text: string;
  lines: LineIndex;
  passages: Passage[];
  blocks: TextBlock[];
  problems: Problem[];
  /**
   * For incremental re-parsing: offsets of lines where parsing can resume (no paragraph or container open,
   * only fenced divs, listed in `stacks`), and of the lines of openers that never closed.
   */
  sync: { offsets: number[]; stacks: (DivChain | null)[]; unclosed: number[] };
  /** The codebook the tags were read with: tallies roll sub-tags up into their parents through it. */
  lookup: CodebookLookup;
}

export function parseDocument(text: string, lookup: CodebookLookup): ParsedDocument {
  const lines = new LineIndex(text);
  const { collector, parser } = parseRegion(text, lines, lookup);
  return { text, lines, passages: collector.passages, blocks: collector.blocks, problems: collector.problems, sync: { offsets: parser.syncLines.map((l) => lines.lineStarts[l]), stacks: parser.syncStacks, unclosed: unique(parser.unclosedLines).map((l) => lines.lineStarts[l]) }, lookup };
}

/** Divs a region parse starts inside, with the passages (of the earlier parse) they belong to. */
export interface OpenDivs {
  divs: OpenDiv[];
  passages: Passage[];
  /** Where each one's content starts, when its opening fence lies before the text parsed (a window of the document). */
  contentStarts?: number[];
}

/** Parses from `fromLine` (or the start), inside `open` divs, until `stopAt` accepts a sync line (or the end). */
export function parseRegion(text: string, lines: LineIndex, lookup: CodebookLookup, fromLine?: number, stopAt?: (line: number, open: DivChain | null) => boolean, open?: OpenDivs, chainBase = 0) {
  const collector = new Collector(text, lookup, open?.passages ?? [], open?.contentStarts);
  const parser = new BlockParser(text, lines.lineStarts, collector, collector.attributeReader);
  parser.chainBase = chainBase;
  collector.setLines(parser.lineStart, parser.lineEnd, (line) => parser.contentStartOf(line));
  const endLine = parser.parse(fromLine, stopAt, open?.divs);
  collector.finish(parser);
  return { collector, parser, endLine };
}

export const UNCLOSED_DIV = 'This fenced div is never closed (add a line of ":::"): pandoc 3 runs it to the end of the document, list item or block quote it is in.';

/** `{key=` at the start of an attribute list (sticky: never reads past the key). */
const STRAY_KEY = /\{[ \t]*([\p{L}][\p{L}\p{N}\-_:.]*)[ \t]*=/uy;

class Collector implements BlockSink {
  passages: Passage[] = [];
  blocks: TextBlock[] = [];
  problems: Problem[] = [];
  readonly attributeReader: AttributeReader;
  private readonly inline: InlineScanner;
  private lineStart: number[] = [];
  private lineEnd: number[] = [];

  /** Passages of an earlier parse for divs this region starts inside: handle -2 is the first, -3 the next… */
  constructor(
    private readonly text: string,
    private readonly lookup: CodebookLookup,
    private readonly external: Passage[] = [],
    private readonly externalContentStarts?: number[],
  ) {
    this.attributeReader = new AttributeReader(text, attributeMemoryFor(lookup));
    this.inline = new InlineScanner(
      text,
      {
        span: (open, close, attributes) => {
          const fields = this.fieldsOf(attributes);
          if (fields) this.passages.push(this.makePassage('span', open, attributes.end, open + 1, close, attributes, fields));
        },
        strayAttributes: (at, end, known) => this.strayAttributes(at, end, known),
      },
      this.attributeReader,
    );
  }

  /** The passage fields of an attribute list, or null when it names no dimension (then it is no passage). */
  private fieldsOf(attributes: AttributeBlock): PassageFields | null {
    const fields = this.attributeReader.derived(attributes, (block) => readFields(block, this.lookup, this.text), (read) => read === null || read.problems.length === 0);
    if (fields) for (const problem of fields.problems) this.problems.push(problem);
    return fields;
  }

  textBlock(start: number, end: number, firstLine: number, lastLine: number, heading: boolean): void {
    // Most prose has no brackets at all: skip the scan unless one is in the block.
    const bracket = this.nextBracketFrom(start);
    if (bracket !== -1 && bracket < end) {
      this.inline.lineContent = lastLine > firstLine ? this.lineContentFor(firstLine, lastLine) : undefined;
      this.inline.scan(start, end);
    }
    this.blocks.push({ start, end, firstLine, lastLine, heading, proseLength: 0 });
  }

  divOpened(line: number, attributes: AttributeBlock): number {
    const fields = this.fieldsOf(attributes);
    if (!fields) return -1;
    const start = this.lineStart[line];
    const fenceEnd = this.lineEnd[line];
    const next = line + 1 < this.lineStart.length ? this.lineStart[line + 1] : fenceEnd;
    this.passages.push(this.makePassage('div', start, -1, next, -1, attributes, fields));
    return this.passages.length - 1;
  }

  private passageOf(handle: number): Passage {
    return handle >= 0 ? this.passages[handle] : this.external[-handle - 2];
  }

  /** Where a div's content starts: the line after its opening fence (a re-parse may have clamped it). */
  private divContentStart(handle: number, passage: Passage): number {
    if (handle < -1 && this.externalContentStarts) return this.externalContentStarts[-handle - 2];
    const line = lineOfOffset(this.lineStart, passage.start);
    return line + 1 < this.lineStart.length ? this.lineStart[line + 1] : this.lineEnd[line];
  }

  divClosed(handle: number, closingLine: number): void {
    if (handle === -1) return;
    const passage = this.passageOf(handle);
    passage.contentStart = this.divContentStart(handle, passage);
    const closeStart = this.lineStart[closingLine];
    const closeEnd = this.lineEnd[closingLine];
    // The closing markup takes the line break before the fence, so untagging restores "text\n" exactly.
    const breakBefore = closeStart - (this.text.charCodeAt(closeStart - 2) === 13 ? 2 : 1);
    passage.end = closeEnd;
    passage.contentEnd = Math.max(passage.contentStart, breakBefore);
  }

  divUnclosed(handle: number, lastLine: number): void {
    if (handle === -1) return;
    const passage = this.passageOf(handle);
    passage.end = this.lineEnd[lastLine];
    passage.contentStart = Math.min(this.divContentStart(handle, passage), passage.end);
    passage.contentEnd = passage.end;
  }

  tooDeep(line: number): void {
    this.problem('warning', 'nesting-too-deep', `Block quotes, lists and notes nest more than ${MAX_CONTAINER_DEPTH} deep here; the deeper markers are read as plain text.`, this.lineStart[line], this.lineEnd[line]);
  }

  private nextBracket = -1;
  private nextBracketSearchedFrom = Infinity;
  /** The next `[` or `]` at or after `from`; cached because blocks mostly arrive in document order. */
  private nextBracketFrom(from: number): number {
    const cached = this.nextBracket;
    if (this.nextBracketSearchedFrom <= from && (cached === -1 || cached >= from)) return cached;
    const open = this.text.indexOf('[', from);
    const close = this.text.indexOf(']', from);
    this.nextBracket = open === -1 ? close : close === -1 ? open : Math.min(open, close);
    this.nextBracketSearchedFrom = from;
    return this.nextBracket;
  }

  setLines(starts: number[], ends: number[], contentStartOf: (line: number) => number) {
    this.lineStart = starts;
    this.lineEnd = ends;
    this.contentStartOf = contentStartOf;
  }

  private contentStartOf: (line: number) => number = (line) => this.lineStart[line];

  /** Pandoc reads a block's inlines with container prefixes removed: attribute lists that wrap skip them too. */
  private lineContentFor(firstLine: number, lastLine: number): LineContent | undefined {
    let line = firstLine + 1;
    while (line <= lastLine && this.contentStartOf(line) === this.lineStart[line]) line++;
    if (line > lastLine) return undefined;
    return (offset) => {
      const at = lineOfOffset(this.lineStart, offset);
      return this.lineStart[at] === offset && at > firstLine && at <= lastLine ? this.contentStartOf(at) : offset;
    };
  }

  private makePassage(kind: Passage['kind'], start: number, end: number, contentStart: number, contentEnd: number, attributes: AttributeBlock, fields: PassageFields): Passage {
    return { kind, start, end, contentStart, contentEnd, attributes, tags: fields.tags, note: fields.note, parent: -1, depth: 0 };
  }

  private problem(severity: Problem['severity'], code: Problem['code'], message: string, start: number, end: number) {
    this.problems.push({ severity, code, message, start, end });
  }

  /** `]{key=…}` naming a dimension that did not make a span: its `[` is missing or in another paragraph. */
  private strayAttributes(at: number, end: number, known?: AttributeBlock | null): void {
    const open = at + 1;
    STRAY_KEY.lastIndex = open;
    const found = STRAY_KEY.exec(this.text);
    if (!found || STRAY_KEY.lastIndex > end || !this.lookup.isDimension(found[1])) return;
    const attributes = known === undefined ? this.attributeReader.read(open, end, this.inline.lineContent) : known;
    const message = attributes
      ? 'These tags have no opening "[" in the same paragraph, so they tag nothing (a span cannot cross a blank line).'
      : 'These tags are not a valid attribute list (check quotes and the closing "}"), so they tag nothing.';
    this.problem('error', 'unmatched-span', message, at, attributes ? attributes.end : STRAY_KEY.lastIndex);
  }

  finish(parser: BlockParser): void {
    for (const [line, attributes] of parser.unclosedDivs) {
      if (!isPassage(attributes, this.lookup)) continue;
      const start = parser.lineStart[line];
      this.problem('warning', 'unclosed-div', UNCLOSED_DIV, start, parser.lineEnd[line]);
    }
    // Parents and depth: passages arrive outer before inner, so a stack of open ends is enough.
    const stack: number[] = [];
    this.passages.forEach((passage, index) => {
      while (stack.length && this.passages[stack[stack.length - 1]].end <= passage.start) stack.pop();
      passage.parent = stack.length ? stack[stack.length - 1] : -1;
      passage.depth = stack.length;
      stack.push(index);
    });
    this.computeProse(parser);
    this.problems.sort((a, b) => a.start - b.start);
  }

  /** Prose length per block: its lines' text less the markup of the spans in it. */
  private computeProse(parser: BlockParser): void {
    const { passages, blocks } = this;
    let p = 0;
    for (const block of blocks) {
      const { firstLine, lastLine } = block;
      let length = block.end - block.start;
      if (lastLine > firstLine) {
        length = parser.lineEnd[firstLine] - block.start + block.end - parser.contentStartOf(lastLine);
        for (let line = firstLine + 1; line < lastLine; line++) length += Math.max(0, parser.lineEnd[line] - parser.contentStartOf(line));
      }
      // Spans sit inside one block each and passages come in order of their start.
      while (p < passages.length && passages[p].start < block.start) p++;
      for (; p < passages.length && passages[p].start < block.end; p++) {
        const span = passages[p];
        if (span.kind !== 'span') continue;
        // Only markup that wraps onto another line holds layout (one-line blocks have none).
        length -= lastLine > firstLine ? markupLength(span) - this.layoutIn(span.start, span.contentStart) - this.layoutIn(span.contentEnd, span.end) : markupLength(span);
      }
      block.proseLength = Math.max(0, length);
    }
  }

  /**
   * Line breaks and container prefixes inside [from, to): not prose, and already left out of the block's
   * length, so markup that wraps onto a new line must not take them off twice. Markup ranges never overlap,
   * so scanning them stays linear in the document.
   */
  private layoutIn(from: number, to: number): number {
    let layout = 0;
    // The line breaks in [from, to) end the lines from the one holding `from`: found by binary search, not by
    // reading characters (a search for the next "\n" could run far past `to` in a long paragraph).
    for (let line = lineOfOffset(this.lineStart, from); line + 1 < this.lineStart.length && this.lineStart[line + 1] - 1 < to; line++) {
      layout += Math.max(0, Math.min(this.contentStartOf(line + 1), to) - Math.max(this.lineEnd[line], from));
    }
    return layout;
  }
}

/** A sorted list without repeats. */
export function unique(sorted: number[]): number[] {
  return sorted.filter((n, i) => i === 0 || sorted[i - 1] !== n);
}

/**
 * parseDocument that never throws: should the parser ever fail, the document reads as untagged text with
 * one warning at its start saying why, so every feature keeps working and nothing else is affected.
 */
export function parseSafely(text: string, lookup: CodebookLookup): ParsedDocument {
  try {
    return parseDocument(text, lookup);
  } catch (error) {
    return failedParse(text, error, lookup);
  }
}

export function failedParse(text: string, error: unknown, lookup: CodebookLookup): ParsedDocument {
  const reason = error instanceof Error ? error.message : String(error);
  const problem: Problem = {
    severity: 'warning',
    code: 'parse-failed',
    message: `Evidence Tagger could not read the tags of this document (${reason}); it is treated as untagged text. Please report this document.`,
    start: 0,
    end: 0,
  };
  return { text, lines: new LineIndex(text), passages: [], blocks: [], problems: [problem], sync: { offsets: [], stacks: [], unclosed: [] }, lookup };
}
