// Two codings of one document, put on one continuum: each version's markup-free text, the characters of
// prose in it, and an alignment of the two texts (identical in the normal case; when a coder also edited
// the text, the longest common text, with the parts that differ reported).
import { diffChars, diffLines } from 'diff';
import type { ParsedDocument } from '../parse';
import { markupOf, passageUnits } from '../passage';
import { unitTags } from '../tally';
import type { Unit } from './coefficients';

/** One version's markup-free text, mapped back to the document, with its passages per dimension and tag. */
export interface CodedVersion {
  text: string;
  /** Plain index → offset in the document. */
  original: Int32Array;
  /** Document offset → plain index (of the first plain character at or after it). */
  toPlain: Int32Array;
  /** 1 where the plain character is prose: inside a text block, not a line break or container prefix. */
  prose: Uint8Array;
  /** dimension → tag → passages (pieces joined), as plain ranges; sub-tags rolled up as in the tally. */
  passages: Map<string, Map<string, Unit[][]>>;
}

export function codedVersion(doc: ParsedDocument): CodedVersion {
  const source = doc.text;
  const removed = doc.passages.flatMap(markupOf).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const keep = new Uint8Array(source.length).fill(1);
  for (const [from, to] of removed) keep.fill(0, from, to);
  const proseOriginal = new Uint8Array(source.length);
  for (const block of doc.blocks) {
    let lineStart = false;
    for (let k = block.start; k < block.end; k++) {
      const c = source.charCodeAt(k);
      if (c === 10 || c === 13) {
        lineStart = true;
        continue;
      }
      // After a line break inside a block, leading spaces and `>` are container prefixes, not prose.
      if (lineStart && (c === 32 || c === 9 || c === 62)) continue;
      lineStart = false;
      proseOriginal[k] = 1;
    }
  }
  const original = new Int32Array(source.length);
  const prose = new Uint8Array(source.length);
  const toPlain = new Int32Array(source.length + 1);
  let n = 0;
  for (let k = 0; k < source.length; k++) {
    toPlain[k] = n;
    if (!keep[k]) continue;
    original[n] = k;
    prose[n] = proseOriginal[k];
    n++;
  }
  toPlain[source.length] = n;
  const chars: string[] = [];
  for (let k = 0; k < n; k++) chars.push(source[original[k]]);

  const passages = new Map<string, Map<string, Unit[][]>>();
  for (const unit of passageUnits(doc.passages)) {
    const ranges = unit.map((index) => ({ start: toPlain[doc.passages[index].contentStart], end: toPlain[doc.passages[index].contentEnd] }));
    for (const [dimension, tags] of Object.entries(unitTags(unit, doc.passages, doc))) {
      let byTag = passages.get(dimension);
      if (!byTag) passages.set(dimension, (byTag = new Map()));
      for (const tag of tags) {
        const list = byTag.get(tag) ?? [];
        list.push(ranges);
        byTag.set(tag, list);
      }
    }
  }
  return { text: chars.join(''), original: original.subarray(0, n), toPlain, prose: prose.subarray(0, n), passages };
}

/** A run of text the two versions share: `length` characters from `a` in one and `b` in the other. */
export interface CommonRun {
  a: number;
  b: number;
  length: number;
}

/** Plain ranges of text only one version has (an edit to the text, not to the coding). */
export interface TextDifference {
  a: Unit;
  b: Unit;
}

/** Larger changed regions than this are not searched character by character (it would be quadratic). */
const MAX_CHAR_DIFF = 20_000;

export function alignTexts(a: string, b: string): { runs: CommonRun[]; differences: TextDifference[] } {
  if (a === b) return { runs: a.length ? [{ a: 0, b: 0, length: a.length }] : [], differences: [] };
  const runs: CommonRun[] = [];
  const differences: TextDifference[] = [];
  let pa = 0;
  let pb = 0;
  const changes = diffLines(a, b);
  for (let i = 0; i < changes.length; i++) {
    const change = changes[i];
    const length = change.value.length;
    if (!change.added && !change.removed) {
      runs.push({ a: pa, b: pb, length });
      pa += length;
      pb += length;
      continue;
    }
    // A removed block and the added one next to it: the same lines, edited; look inside for common text.
    const next = changes[i + 1];
    const removed = change.removed ? change.value : next?.removed ? next.value : '';
    const added = change.added ? change.value : next?.added ? next.value : '';
    if (next && (next.added || next.removed) && next.added !== change.added) i++;
    const inner = removed && added && removed.length + added.length <= MAX_CHAR_DIFF ? diffChars(removed, added) : undefined;
    let qa = pa;
    let qb = pb;
    let openA = qa;
    let openB = qb;
    const close = () => {
      if (qa > openA || qb > openB) differences.push({ a: { start: openA, end: qa }, b: { start: openB, end: qb } });
    };
    for (const part of inner ?? [{ removed: true, added: false, value: removed }, { added: true, removed: false, value: added }]) {
      if (part.added) qb += part.value.length;
      else if (part.removed) qa += part.value.length;
      else {
        close();
        runs.push({ a: qa, b: qb, length: part.value.length });
        qa += part.value.length;
        qb += part.value.length;
        openA = qa;
        openB = qb;
      }
    }
    close();
    pa += removed.length;
    pb += added.length;
  }
  return { runs: runs.filter((r) => r.length > 0), differences };
}
