// The tally of each section of a document: from a heading to the next heading of the same or a higher level,
// its passages (pieces of one passage once), its coverage and its most used tags. One pass over blocks and
// passages, so it stays cheap enough to redo on every keystroke.
import type { ParsedDocument } from './parse';
import { passageUnits } from './passage';
import { taggedPerBlock, unitTags } from './tally';

export interface SectionSummary {
  /** Offsets of the heading's text block, and of the whole section (heading included). */
  headingStart: number;
  headingEnd: number;
  start: number;
  end: number;
  level: number;
  passages: number;
  proseLength: number;
  taggedLength: number;
  coverage: number;
  /** Tags by passages in the section, most first (sub-tags rolled up), ties in codebook order. */
  tags: { dimension: string; tag: string; passages: number }[];
  /** Indexes (into doc.passages) of the first piece of each passage that starts in the section. */
  passageIndexes: number[];
}

const ATX = /^[ \t]*(?:>[ \t]?)*[ \t]*(#{1,6})(?=[ \t]|$)/;

function headingLevel(doc: ParsedDocument, start: number, end: number): number {
  const line = doc.lines.positionAt(start).line;
  const lineStart = doc.lines.lineStarts[line];
  const atx = ATX.exec(doc.text.slice(lineStart, Math.min(end, lineStart + 200)));
  if (atx) return atx[1].length;
  // Setext: the underline after the heading's text decides (=== level 1, --- level 2).
  const after = doc.text.slice(end, end + 400).split('\n', 3)[1] ?? '';
  return after.trim().startsWith('=') ? 1 : 2;
}

export function sectionSummaries(doc: ParsedDocument): SectionSummary[] {
  const { blocks, passages } = doc;
  const headings = blocks.map((block, index) => ({ block, index })).filter(({ block }) => block.heading);
  if (!headings.length) return [];
  const levels = headings.map(({ block }) => headingLevel(doc, block.start, block.end));
  const tagged = taggedPerBlock(passages, blocks);
  // Prefix sums over blocks, so any section's prose and tagged length is two subtractions.
  const prose = new Float64Array(blocks.length + 1);
  const covered = new Float64Array(blocks.length + 1);
  blocks.forEach((block, b) => {
    prose[b + 1] = prose[b] + block.proseLength;
    covered[b + 1] = covered[b] + Math.max(0, tagged[b]);
  });
  // Each passage unit by where its first piece starts, with its tags.
  // Tags as written serve when there is nothing to roll up (the common case): no copy per passage.
  const plain = !doc.lookup.hasHierarchy;
  const units = passageUnits(passages).map((unit) => ({ first: unit[0], start: passages[unit[0]].start, tags: plain && unit.length === 1 ? passages[unit[0]].tags : unitTags(unit, passages, doc) }));
  units.sort((a, b) => a.start - b.start);
  const order = new Map<string, number>();
  doc.lookup.codebook.dimensions.forEach((d, i) => d.tags.forEach((t, j) => order.set(`${d.id}\u0000${t.id}`, i * 10000 + j)));

  const out: SectionSummary[] = [];
  // A stack of open sections: a heading closes every open section of its level or deeper.
  const open: number[] = [];
  const close = (k: number, endBlock: number, end: number) => {
    const section = out[k];
    section.end = end;
    const first = headings[k].index;
    section.proseLength = prose[endBlock] - prose[first];
    section.taggedLength = covered[endBlock] - covered[first];
    section.coverage = section.proseLength ? section.taggedLength / section.proseLength : 0;
  };
  headings.forEach(({ block, index }, k) => {
    while (open.length && levels[open[open.length - 1]] >= levels[k]) close(open.pop()!, index, block.start);
    out.push({ headingStart: block.start, headingEnd: block.end, start: block.start, end: doc.text.length, level: levels[k], passages: 0, proseLength: 0, taggedLength: 0, coverage: 0, tags: [], passageIndexes: [] });
    open.push(k);
  });
  while (open.length) close(open.pop()!, blocks.length, doc.text.length);

  // Passages into every section that holds them (nested sections too): a sweep with the open sections,
  // a handful deep. Tags are numbered once, so counting is array arithmetic.
  const tagIndex = new Map<string, Map<string, number>>();
  const tagKeys: string[] = [];
  const unitTagIndexes = units.map((unit) => {
    const indexes: number[] = [];
    for (const dimension in unit.tags) {
      let byId = tagIndex.get(dimension);
      if (!byId) tagIndex.set(dimension, (byId = new Map()));
      for (const id of unit.tags[dimension]) {
        let index = byId.get(id);
        if (index === undefined) byId.set(id, (index = tagKeys.push(`${dimension}\u0000${id}`) - 1));
        indexes.push(index);
      }
    }
    return indexes;
  });
  const width = tagKeys.length;
  const counts = new Int32Array(out.length * width);
  const active: number[] = [];
  let next = 0;
  units.forEach((unit, u) => {
    while (next < out.length && out[next].start <= unit.start) active.push(next++);
    for (let a = active.length - 1; a >= 0; a--) if (out[active[a]].end <= unit.start) active.splice(a, 1);
    for (const k of active) {
      out[k].passages++;
      out[k].passageIndexes.push(unit.first);
      for (const index of unitTagIndexes[u]) counts[k * width + index]++;
    }
  });
  out.forEach((section, k) => {
    const tags: { key: string; passages: number }[] = [];
    for (let index = 0; index < width; index++) if (counts[k * width + index]) tags.push({ key: tagKeys[index], passages: counts[k * width + index] });
    section.tags = tags
      .sort((a, b) => b.passages - a.passages || (order.get(a.key) ?? 1e9) - (order.get(b.key) ?? 1e9))
      .map(({ key, passages }) => ({ dimension: key.split('\u0000')[0], tag: key.split('\u0000')[1], passages }));
  });
  return out;
}

/** "7 passages · 42% tagged · research 4, practice 3": the CodeLens title of a section. */
export function sectionTitle(section: SectionSummary, topTags = 3): string {
  const parts = [`${section.passages} passage${section.passages === 1 ? '' : 's'}`, `${Math.round(section.coverage * 100)}% tagged`];
  if (section.tags.length) parts.push(section.tags.slice(0, topTags).map((t) => `${t.tag} ${t.passages}`).join(', '));
  return parts.join(' · ');
}
