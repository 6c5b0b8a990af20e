// Writes codings made elsewhere (REFI-QDA selections) into a plain text as tags: a span inside one
// paragraph, a fenced div around whole paragraphs. Codings that cross without nesting are split into
// pieces sharing `passage="pN"`; one that crosses a paragraph break becomes a div around the paragraphs
// it touches. The result is parsed again and every coding checked; nothing is dropped without a reason.
import type { CodebookLookup } from '../codebook/lookup';
import { formatAttributes, type TagValues } from '../edits';
import { parseDocument, type ParsedDocument } from '../parse';
import { PIECE_KEY, type TextBlock } from '../passage';

export interface Coding {
  /** UTF-16 offsets into the text. */
  start: number;
  end: number;
  tags: Record<string, string[]>;
  note: string | null;
  /** How the report names it, e.g. `selection 12 (line 4)`. */
  label: string;
}

export interface CodedDocument {
  text: string;
  /** Passages written (a split coding counts once). */
  passages: number;
  /** What was changed to fit, and what could not be written, each with its reason. */
  approximations: string[];
  dropped: string[];
}

interface Item {
  start: number;
  end: number;
  div: boolean;
  values: TagValues;
  group?: string;
  source: Coding;
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

export function writeCodings(text: string, codings: Coding[], lookup: CodebookLookup): CodedDocument {
  const doc = parseDocument(text, lookup);
  const approximations: string[] = [];
  const dropped: string[] = [];
  const line = (offset: number) => doc.lines.positionAt(offset).line + 1;

  // Codings over the same text are one passage with all their tags.
  const merged = new Map<string, Coding>();
  for (const coding of codings) {
    let { start, end } = coding;
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    if (start >= end) {
      dropped.push(`${coding.label}: selects no text (only white space), not written`);
      continue;
    }
    const key = `${start}:${end}`;
    const same = merged.get(key);
    if (!same) merged.set(key, { ...coding, start, end, tags: copyTags(coding.tags) });
    else {
      for (const [dimension, ids] of Object.entries(coding.tags)) same.tags[dimension] = [...new Set([...(same.tags[dimension] ?? []), ...ids])];
      if (coding.note && coding.note !== same.note) same.note = same.note ? `${same.note}\n\n${coding.note}` : coding.note;
    }
  }

  // Each coding as a span in its paragraph, or a div around the paragraphs it touches.
  const items: Item[] = [];
  for (const coding of merged.values()) {
    const touched = doc.blocks.filter((b) => b.start < coding.end && b.end > coding.start);
    if (touched.length === 0) {
      dropped.push(`${coding.label} (line ${line(coding.start)}): selects no prose (markup or a blank line), not written`);
      continue;
    }
    const values: TagValues = { tags: coding.tags, note: coding.note };
    const whole = coding.start <= touched[0].start && coding.end >= touched[touched.length - 1].end;
    if (touched.length === 1 && !whole) {
      const block = touched[0];
      items.push({ start: Math.max(coding.start, block.start), end: Math.min(coding.end, block.end), div: false, values, source: coding });
      continue;
    }
    if (!whole) approximations.push(`${coding.label} (lines ${line(coding.start)}–${line(coding.end)}) crosses a paragraph break: tagged as a block around the ${touched.length} paragraphs it touches`);
    items.push(divItem(doc, touched, values, coding));
  }

  // Crossings: a coding that starts inside another and ends after it is cut where the other ends.
  items.sort((a, b) => a.start - b.start || b.end - a.end || Number(b.div) - Number(a.div));
  const placed: Item[] = [];
  let groups = 0;
  for (const item of items) {
    const cuts = [...new Set(placed.filter((p) => p.start < item.start && item.start < p.end && p.end < item.end).map((p) => p.end))].sort((a, b) => a - b);
    if (cuts.length === 0) {
      placed.push(item);
      continue;
    }
    const group = `p${++groups}`;
    const pieces = cutItem(doc, item, cuts).map((piece, i) => ({ ...piece, group, values: { tags: item.values.tags, note: i === 0 ? item.values.note : null } }));
    approximations.push(`${item.source.label} (line ${line(item.start)}) overlaps another coding without nesting: written as ${pieces.length} pieces with ${PIECE_KEY}="${group}", counted as one passage`);
    placed.push(...pieces);
  }

  // Proved by parsing the result: each item must be a passage over exactly its text with exactly its tags.
  let current = placed;
  for (let round = 0; round < 3; round++) {
    const written = render(text, current, lookup);
    const after = parseDocument(written.text, lookup);
    const failed = new Set(current.filter((item, i) => !after.passages.some((p) => p.contentStart === written.contents[i][0] && p.contentEnd === written.contents[i][1] && sameTags(p.tags, item.values.tags))));
    if (failed.size === 0 && after.passages.length === doc.passages.length + current.length) {
      return { text: written.text, passages: new Set(current.map((p, i) => p.group ?? `#${i}`)).size, approximations, dropped };
    }
    if (failed.size === 0) break;
    const next: Item[] = [];
    for (const item of current) {
      if (!failed.has(item)) next.push(item);
      else if (item.div) {
        // A div cannot stand here (inside a list, say): a span per paragraph, joined as one passage.
        const group = item.group ?? `p${++groups}`;
        const blocks = doc.blocks.filter((b) => b.start < item.end && b.end > item.start);
        blocks.forEach((b, i) => next.push({ start: b.start, end: b.end, div: false, group: blocks.length > 1 ? group : item.group, values: { tags: item.values.tags, note: i === 0 ? item.values.note : null }, source: item.source }));
        approximations.push(`${item.source.label} (line ${line(item.start)}): its paragraphs cannot be wrapped in a block here, so each is a span${blocks.length > 1 ? ` with ${PIECE_KEY}="${group}"` : ''}`);
      } else dropped.push(`${item.source.label} (line ${line(item.start)}): the text around it would read differently with tags (brackets or markup in it), not written`);
    }
    current = next.sort((a, b) => a.start - b.start || b.end - a.end);
  }
  dropped.push(`all ${merged.size} codings of this source: the tagged text did not read back as coded, so it is written without tags`);
  return { text, passages: 0, approximations, dropped };
}

function copyTags(tags: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(tags).map(([d, ids]) => [d, [...ids]]));
}

function divItem(doc: ParsedDocument, blocks: TextBlock[], values: TagValues, source: Coding): Item {
  return { start: doc.lines.lineStarts[blocks[0].firstLine], end: doc.lines.lineEnd(blocks[blocks.length - 1].lastLine), div: true, values, source };
}

/** The item cut at each offset: spans at the offsets themselves, divs at the paragraphs on either side. */
function cutItem(doc: ParsedDocument, item: Item, cuts: number[]): Item[] {
  if (item.div) {
    const blocks = doc.blocks.filter((b) => b.start < item.end && b.end > item.start);
    const runs: TextBlock[][] = [[]];
    for (const block of blocks) {
      if (runs[runs.length - 1].length && cuts.some((c) => c > runs[runs.length - 1][0].start && c <= block.start)) runs.push([]);
      runs[runs.length - 1].push(block);
    }
    return runs.filter((r) => r.length).map((run) => divItem(doc, run, item.values, item.source));
  }
  const bounds = [item.start, ...cuts, item.end];
  const pieces: Item[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    let start = bounds[i];
    let end = bounds[i + 1];
    while (start < end && isSpace(doc.text[start])) start++;
    while (end > start && isSpace(doc.text[end - 1])) end--;
    if (start < end) pieces.push({ ...item, start, end });
  }
  return pieces;
}

interface Insertion {
  at: number;
  closes: boolean;
  item: number;
  text: string;
}

/** The text with every item's markup; `contents[i]` is where item i's content lies in it. */
function render(text: string, items: Item[], lookup: CodebookLookup): { text: string; contents: [number, number][] } {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const insertions: Insertion[] = [];
  items.forEach((item, i) => {
    const order = lookup.codebook.dimensions.map((d) => d.id);
    const tags = Object.fromEntries(Object.entries(item.values.tags).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)));
    const attributes = formatAttributes({ tags, note: item.values.note }, item.group ? [`${PIECE_KEY}=${item.group}`] : []);
    insertions.push({ at: item.start, closes: false, item: i, text: item.div ? `::: ${attributes}${eol}` : '[' });
    insertions.push({ at: item.end, closes: true, item: i, text: item.div ? `${eol}:::` : `]${attributes}` });
  });
  // At one offset: what closes before what opens; inner closes first, outer opens first.
  const size = (i: number) => items[i].end - items[i].start + (items[i].div ? 0.5 : 0);
  insertions.sort((a, b) => a.at - b.at || Number(b.closes) - Number(a.closes) || (a.closes ? size(a.item) - size(b.item) : size(b.item) - size(a.item)));
  const contents: [number, number][] = items.map(() => [0, 0]);
  let out = '';
  let at = 0;
  for (const insertion of insertions) {
    out += text.slice(at, insertion.at);
    at = insertion.at;
    if (insertion.closes) contents[insertion.item][1] = out.length;
    out += insertion.text;
    if (!insertion.closes) contents[insertion.item][0] = out.length;
  }
  return { text: out + text.slice(at), contents };
}

function sameTags(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const keys = Object.keys(b).filter((k) => b[k].length);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k]?.length === b[k].length && b[k].every((id) => a[k].includes(id)));
}
