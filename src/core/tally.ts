// Counting what is tagged: per document (coverage, untagged blocks, counts per tag) and across documents.
import { CodebookLookup } from './codebook/lookup';
import type { Codebook } from './codebook/schema';
import type { ParsedDocument } from './parse';
import { markupLength, passageUnits, type Passage, type TextBlock } from './passage';

export interface TagCount {
  passages: number;
  /** Characters of tagged text, markup of nested passages excluded. */
  characters: number;
}

export interface DocumentSummary {
  passageCount: number;
  proseLength: number;
  taggedLength: number;
  /** taggedLength / proseLength, 0 for a document without prose. */
  coverage: number;
  untaggedBlocks: TextBlock[];
  /** dimension → tag id → counts, sub-tags rolled up into their parents. */
  counts: Map<string, Map<string, TagCount>>;
  /** Matrix cells: row tag → column tag → passages tagged with both. */
  pairs: Map<string, Map<string, number>>;
}

export const MATRIX_ROWS = 'evidence';
export const MATRIX_COLUMNS = 'use';

/** Characters inside a passage's content, less the markup of passages nested in it. */
export function passageCharacters(passages: Passage[]): number[] {
  const characters = passages.map((p) => p.contentEnd - p.contentStart);
  passages.forEach((passage) => {
    if (passage.parent === -1) return;
    const markup = markupLength(passage);
    for (let up = passage.parent; up !== -1; up = passages[up].parent) characters[up] -= markup;
  });
  return characters;
}

/** The tags a passage counts with: its pieces' tags together, sub-tags rolled up into their parents. */
export function unitTags(unit: number[], passages: Passage[], doc: ParsedDocument): Record<string, string[]> {
  if (unit.length === 1) return doc.lookup.rollUp(passages[unit[0]].tags);
  const merged: Record<string, string[]> = {};
  for (const index of unit) {
    for (const [dimension, ids] of Object.entries(passages[index].tags)) merged[dimension] = [...new Set([...(merged[dimension] ?? []), ...ids])];
  }
  return doc.lookup.rollUp(merged);
}

export function summarizeDocument(doc: ParsedDocument, rows = MATRIX_ROWS, columns = MATRIX_COLUMNS): DocumentSummary {
  const { passages, blocks } = doc;
  const characters = passageCharacters(passages);
  const counts = new Map<string, Map<string, TagCount>>();
  const pairs = new Map<string, Map<string, number>>();
  // Pieces of one passage (an imported coding split around an overlap) count once, their characters summed.
  const units = passageUnits(passages);
  // Passages with the same attribute list share one tags record: add those up first, then count each record
  // once (the maps fill in the same order, as a record's first unit is where its tags first appear).
  const byTags = new Map<Record<string, string[]>, TagCount>();
  for (const unit of units) {
    // Sub-tags count for their parents too, each passage once per tag.
    const tags = unitTags(unit, passages, doc);
    let unitCharacters = 0;
    for (const index of unit) unitCharacters += characters[index];
    const sum = byTags.get(tags);
    if (sum) {
      sum.passages++;
      sum.characters += unitCharacters;
    } else byTags.set(tags, { passages: 1, characters: unitCharacters });
  }
  for (const [tags, sum] of byTags) {
    for (const dimension of Object.keys(tags)) {
      let byTag = counts.get(dimension);
      if (!byTag) counts.set(dimension, (byTag = new Map()));
      for (const tag of tags[dimension]) {
        const count = byTag.get(tag);
        if (count) {
          count.passages += sum.passages;
          count.characters += sum.characters;
        } else byTag.set(tag, { passages: sum.passages, characters: sum.characters });
      }
    }
    const rowTags = tags[rows];
    const columnTags = tags[columns];
    if (rowTags && columnTags) {
      for (const r of rowTags) {
        let row = pairs.get(r);
        if (!row) pairs.set(r, (row = new Map()));
        for (const c of columnTags) row.set(c, (row.get(c) ?? 0) + sum.passages);
      }
    }
  }

  // Coverage: outermost passages' content intersected with text blocks, less nested span markup.
  let proseLength = 0;
  let taggedLength = 0;
  const untaggedBlocks: TextBlock[] = [];
  const tagged = taggedPerBlock(passages, blocks);
  blocks.forEach((block, b) => {
    proseLength += block.proseLength;
    if (tagged[b] < 0) untaggedBlocks.push(block);
    else taggedLength += tagged[b];
  });
  return { passageCount: units.length, proseLength, taggedLength, coverage: proseLength ? taggedLength / proseLength : 0, untaggedBlocks, counts, pairs };
}

export interface TagTally extends TagCount {
  id: string;
  label: string;
  /** The parent tag's id for a sub-tag; its counts include this tag's passages. */
  parent?: string;
  /** 0 for a top-level tag, 1 for its sub-tags, and so on. */
  depth: number;
  /** Share of all passages that carry this tag. */
  share: number;
  files: number;
  known: boolean;
}

export interface DimensionTally {
  id: string;
  label: string;
  /** Passages with at least one tag of this dimension. */
  tags: TagTally[];
}

export interface FileCoverage {
  file: string;
  passages: number;
  proseLength: number;
  taggedLength: number;
  coverage: number;
  untaggedBlocks: number;
}

export interface MatrixAxisTag {
  id: string;
  label: string;
  /** Sub-tags follow their parent, one level deeper; a parent's cells include its sub-tags' passages. */
  depth: number;
}

export interface Matrix {
  rows: MatrixAxisTag[];
  columns: MatrixAxisTag[];
  /** counts[row][column]: passages tagged with both. */
  counts: number[][];
}

export interface WorkspaceTally {
  files: number;
  passages: number;
  dimensions: DimensionTally[];
  matrix: Matrix;
  coverage: { files: FileCoverage[]; proseLength: number; taggedLength: number; coverage: number };
}

export function tallyDocuments(documents: { file: string; summary: DocumentSummary }[], codebook: Codebook, rows = MATRIX_ROWS, columns = MATRIX_COLUMNS): WorkspaceTally {
  const passages = documents.reduce((sum, d) => sum + d.summary.passageCount, 0);
  const lookup = new CodebookLookup(codebook);
  const dimensions: DimensionTally[] = codebook.dimensions.map((dimension) => {
    const totals = new Map<string, TagTally>();
    for (const { tag, depth } of lookup.tree(dimension.id)) {
      totals.set(tag.id, { id: tag.id, label: tag.label, ...(tag.parent ? { parent: tag.parent } : {}), depth, passages: 0, characters: 0, share: 0, files: 0, known: true });
    }
    for (const { summary } of documents) {
      for (const [tag, count] of summary.counts.get(dimension.id) ?? []) {
        let total = totals.get(tag);
        if (!total) totals.set(tag, (total = { id: tag, label: tag, depth: 0, passages: 0, characters: 0, share: 0, files: 0, known: false }));
        total.passages += count.passages;
        total.characters += count.characters;
        total.files++;
      }
    }
    const tags = [...totals.values()];
    for (const tag of tags) tag.share = passages ? tag.passages / passages : 0;
    return { id: dimension.id, label: dimension.label, tags };
  });

  const cells = new Map<string, Map<string, number>>();
  for (const { summary } of documents) {
    for (const [r, row] of summary.pairs) {
      let sums = cells.get(r);
      if (!sums) cells.set(r, (sums = new Map()));
      for (const [c, count] of row) sums.set(c, (sums.get(c) ?? 0) + count);
    }
  }
  const matrix = buildMatrix(lookup, (r, c) => cells.get(r)?.get(c) ?? 0, rows, columns);

  let proseLength = 0;
  let taggedLength = 0;
  const files = documents.map(({ file, summary }) => {
    proseLength += summary.proseLength;
    taggedLength += summary.taggedLength;
    return { file, passages: summary.passageCount, proseLength: summary.proseLength, taggedLength: summary.taggedLength, coverage: summary.coverage, untaggedBlocks: summary.untaggedBlocks.length };
  });
  return { files: documents.length, passages, dimensions, matrix, coverage: { files, proseLength, taggedLength, coverage: proseLength ? taggedLength / proseLength : 0 } };
}

/** The matrix: the codebook's row and column tags (in tree order) as axes, each cell as `cell` counts it. */
export function buildMatrix(lookup: CodebookLookup, cell: (row: string, column: string) => number, rows = MATRIX_ROWS, columns = MATRIX_COLUMNS): Matrix {
  const axis = (id: string): MatrixAxisTag[] => lookup.tree(id).map(({ tag, depth }) => ({ id: tag.id, label: tag.label, depth }));
  const rowTags = axis(rows);
  const columnTags = axis(columns);
  return { rows: rowTags, columns: columnTags, counts: rowTags.map((r) => columnTags.map((c) => cell(r.id, c.id))) };
}

/** Tagged prose characters per text block (outermost passages' content in it, less nested span markup); -1 for a block no passage touches. */
export function taggedPerBlock(passages: Passage[], blocks: TextBlock[]): Int32Array {
  const out = new Int32Array(blocks.length);
  const outer = passages.filter((p) => p.parent === -1);
  // Nested spans lie inside one block each, and arrive in order of their start.
  const nestedSpans = passages.filter((p) => p.parent !== -1 && p.kind === 'span');
  let o = 0;
  let m = 0;
  blocks.forEach((block, b) => {
    while (o < outer.length && outer[o].contentEnd <= block.start) o++;
    let covered = 0;
    for (let k = o; k < outer.length && outer[k].contentStart < block.end; k++) {
      covered += Math.max(0, Math.min(outer[k].contentEnd, block.end) - Math.max(outer[k].contentStart, block.start));
    }
    while (m < nestedSpans.length && nestedSpans[m].start < block.start) m++;
    for (; m < nestedSpans.length && nestedSpans[m].start < block.end; m++) covered -= markupLength(nestedSpans[m]);
    out[b] = covered <= 0 ? -1 : Math.min(covered, block.proseLength);
  });
  return out;
}
