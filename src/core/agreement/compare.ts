// Inter-coder agreement between two versions of the same documents: per tag and per dimension, over the
// characters of prose both versions share, with every disagreement located in both versions.
import type { Codebook } from '../codebook/schema';
import type { ParsedDocument } from '../parse';
import { alignTexts, codedVersion, type CodedVersion, type TextDifference } from './align';
import { AgreementTable, alphaOf, normalizeUnits, unitizedDisagreement, type Unit, type UnitizedDisagreement } from './coefficients';

export interface VersionPair {
  file: string;
  a: ParsedDocument;
  b: ParsedDocument;
}

export interface Figures {
  /** Share of characters both versions code alike; null without characters. */
  percentage: number | null;
  /** Cohen's kappa over characters; null when undefined (one label everywhere in both). */
  kappa: number | null;
  /** Krippendorff's unitized alpha (_uα); null when nobody coded anything. */
  alpha: number | null;
}

export interface TagAgreement extends Figures {
  dimension: string;
  tag: string;
  passagesA: number;
  passagesB: number;
  charactersA: number;
  charactersB: number;
  /** Characters both versions code with this tag. */
  both: number;
}

export interface DimensionAgreement extends Figures {
  dimension: string;
  tags: TagAgreement[];
}

/** Offsets in each version's document text. */
export interface Located {
  start: number;
  end: number;
}

export interface Disagreement {
  file: string;
  dimension: string;
  tagsA: string[];
  tagsB: string[];
  a: Located;
  b: Located;
  /** The text in question (version A's), shortened. */
  text: string;
}

export interface FileTextDifference {
  file: string;
  a: Located;
  b: Located;
}

export interface CodingComparison {
  /** Characters of prose on the shared continuum. */
  characters: number;
  files: number;
  dimensions: DimensionAgreement[];
  overall: Figures;
  disagreements: Disagreement[];
  /** Where the texts themselves differ: left out of every figure. */
  textDifferences: FileTextDifference[];
}

/** One document pair on the continuum: positions in A and B of each shared prose character. */
interface Continuum {
  file: string;
  a: CodedVersion;
  b: CodedVersion;
  atA: Int32Array;
  atB: Int32Array;
  /** Plain index of A (or B) → continuum index of the first shared character at or after it. */
  fromA: Int32Array;
  fromB: Int32Array;
}

function continuumOf(pair: VersionPair): { continuum: Continuum; differences: TextDifference[] } {
  const a = codedVersion(pair.a);
  const b = codedVersion(pair.b);
  const { runs, differences } = alignTexts(a.text, b.text);
  const atA: number[] = [];
  const atB: number[] = [];
  for (const run of runs) {
    for (let k = 0; k < run.length; k++) {
      if (a.prose[run.a + k] && b.prose[run.b + k]) {
        atA.push(run.a + k);
        atB.push(run.b + k);
      }
    }
  }
  const index = (positions: number[], length: number) => {
    const out = new Int32Array(length + 1);
    let c = 0;
    for (let p = 0; p <= length; p++) {
      while (c < positions.length && positions[c] < p) c++;
      out[p] = c;
    }
    return out;
  };
  return { continuum: { file: pair.file, a, b, atA: Int32Array.from(atA), atB: Int32Array.from(atB), fromA: index(atA, a.text.length), fromB: index(atB, b.text.length) }, differences };
}

/** A version's passages of one tag as units on the joint continuum (pieces of a passage joined). */
function unitsOn(passages: Unit[][] | undefined, from: Int32Array, offset: number): { units: Unit[]; count: number } {
  const units: Unit[] = [];
  for (const pieces of passages ?? []) {
    for (const piece of pieces) {
      const start = from[piece.start];
      const end = from[piece.end];
      if (end > start) units.push({ start: start + offset, end: end + offset });
    }
  }
  return { units, count: passages?.length ?? 0 };
}

const figures = (table: AgreementTable, parts: UnitizedDisagreement[]): Figures => ({ percentage: table.percentage(), kappa: table.kappa(), alpha: alphaOf(parts) });

export function compareCoding(pairs: VersionPair[], codebook: Codebook): CodingComparison {
  const built = pairs.map(continuumOf);
  const continua = built.map((b) => b.continuum);
  const offsets: number[] = [];
  let length = 0;
  for (const c of continua) {
    offsets.push(length);
    length += c.atA.length;
  }
  // Dimensions of the codebook first, then any other key either version uses; tags likewise.
  const dimensionIds = [...codebook.dimensions.map((d) => d.id)];
  for (const c of continua) for (const version of [c.a, c.b]) for (const id of version.passages.keys()) if (!dimensionIds.includes(id)) dimensionIds.push(id);

  const labelsA = new Map<string, Int32Array>();
  const labelsB = new Map<string, Int32Array>();
  const dimensions: DimensionAgreement[] = [];
  const allParts: UnitizedDisagreement[] = [];
  const tagNames = new Map<string, string[]>();
  for (const dimension of dimensionIds) {
    const known = codebook.dimensions.find((d) => d.id === dimension)?.tags.map((t) => t.id) ?? [];
    const tags = [...known];
    for (const c of continua) for (const version of [c.a, c.b]) for (const tag of version.passages.get(dimension)?.keys() ?? []) if (!tags.includes(tag)) tags.push(tag);
    const used = tags.filter((tag) => continua.some((c) => c.a.passages.get(dimension)?.has(tag) || c.b.passages.get(dimension)?.has(tag)));
    if (!used.length) continue;
    tagNames.set(dimension, used);
    // Per character, the set of tags of this dimension as bits (a dimension with over 31 tags in use wraps; rare).
    const la = new Int32Array(length);
    const lb = new Int32Array(length);
    const parts: UnitizedDisagreement[] = [];
    const tagResults: TagAgreement[] = [];
    used.forEach((tag, bit) => {
      const unitsA: Unit[] = [];
      const unitsB: Unit[] = [];
      let passagesA = 0;
      let passagesB = 0;
      continua.forEach((c, k) => {
        const fa = unitsOn(c.a.passages.get(dimension)?.get(tag), c.fromA, offsets[k]);
        const fb = unitsOn(c.b.passages.get(dimension)?.get(tag), c.fromB, offsets[k]);
        unitsA.push(...fa.units);
        unitsB.push(...fb.units);
        passagesA += fa.count;
        passagesB += fb.count;
      });
      const na = normalizeUnits(unitsA);
      const nb = normalizeUnits(unitsB);
      const mask = 1 << bit % 31;
      for (const u of na) for (let p = u.start; p < u.end; p++) la[p] |= mask;
      for (const u of nb) for (let p = u.start; p < u.end; p++) lb[p] |= mask;
      const table = binaryTable(na, nb, length);
      const part = unitizedDisagreement([na, nb], length);
      parts.push(part);
      const charactersA = na.reduce((s, u) => s + u.end - u.start, 0);
      const charactersB = nb.reduce((s, u) => s + u.end - u.start, 0);
      tagResults.push({ dimension, tag, passagesA, passagesB, charactersA, charactersB, both: table.both, ...figures(table.table, [part]) });
    });
    labelsA.set(dimension, la);
    labelsB.set(dimension, lb);
    allParts.push(...parts);
    dimensions.push({ dimension, tags: tagResults, ...figures(runTable([la], [lb], length), parts) });
  }
  const overall = figures(runTable([...labelsA.values()], [...labelsB.values()], length), allParts);
  const textDifferences = built.flatMap((b) => b.differences.map((d) => ({ file: b.continuum.file, a: locate(b.continuum.a, d.a), b: locate(b.continuum.b, d.b) })));
  return { characters: length, files: pairs.length, dimensions, overall, disagreements: disagreementsOf(continua, offsets, labelsA, labelsB, tagNames), textDifferences };
}

function binaryTable(a: Unit[], b: Unit[], length: number): { table: AgreementTable; both: number } {
  const inA = a.reduce((s, u) => s + u.end - u.start, 0);
  const inB = b.reduce((s, u) => s + u.end - u.start, 0);
  let both = 0;
  for (let x = 0, y = 0; x < a.length && y < b.length; ) {
    both += Math.max(0, Math.min(a[x].end, b[y].end) - Math.max(a[x].start, b[y].start));
    if (a[x].end <= b[y].end) x++;
    else y++;
  }
  const table = new AgreementTable();
  table.add('1', '1', both);
  table.add('1', '0', inA - both);
  table.add('0', '1', inB - both);
  table.add('0', '0', length - inA - inB + both);
  return { table, both };
}

/** A nominal table whose label per character is the tuple of every listed label array, counted in runs. */
function runTable(a: Int32Array[], b: Int32Array[], length: number): AgreementTable {
  const table = new AgreementTable();
  const key = (arrays: Int32Array[], p: number) => arrays.map((l) => l[p]).join(',');
  let runStart = 0;
  for (let p = 1; p <= length; p++) {
    if (p < length && a.every((l) => l[p] === l[p - 1]) && b.every((l) => l[p] === l[p - 1])) continue;
    table.add(key(a, runStart), key(b, runStart), p - runStart);
    runStart = p;
  }
  return table;
}

function locate(version: CodedVersion, range: Unit): Located {
  const start = range.start < version.original.length ? version.original[range.start] : (version.original[version.original.length - 1] ?? -1) + 1;
  const end = range.end > range.start ? version.original[range.end - 1] + 1 : start;
  return { start, end };
}

/** Per file, in document order (dimensions in codebook order where they start together). */
function disagreementsOf(continua: Continuum[], offsets: number[], labelsA: Map<string, Int32Array>, labelsB: Map<string, Int32Array>, tagNames: Map<string, string[]>): Disagreement[] {
  return continua.flatMap((c, k) => disagreementsIn(c, offsets[k], labelsA, labelsB, tagNames).sort((x, y) => x.a.start - y.a.start));
}

function disagreementsIn(c: Continuum, from: number, labelsA: Map<string, Int32Array>, labelsB: Map<string, Int32Array>, tagNames: Map<string, string[]>): Disagreement[] {
  const out: Disagreement[] = [];
  {
    const to = from + c.atA.length;
    for (const [dimension, la] of labelsA) {
      const lb = labelsB.get(dimension)!;
      const names = tagNames.get(dimension)!;
      const tagsOf = (bits: number) => names.filter((_, bit) => bits & (1 << bit % 31));
      for (let p = from; p < to; ) {
        if (la[p] === lb[p]) {
          p++;
          continue;
        }
        let q = p + 1;
        while (q < to && la[q] === la[p] && lb[q] === lb[p]) q++;
        const a = locate(c.a, { start: c.atA[p - from], end: c.atA[q - 1 - from] + 1 });
        const b = locate(c.b, { start: c.atB[p - from], end: c.atB[q - 1 - from] + 1 });
        const text = c.a.text.slice(c.atA[p - from], c.atA[q - 1 - from] + 1).replace(/\s+/g, ' ');
        out.push({ file: c.file, dimension, tagsA: tagsOf(la[p]), tagsB: tagsOf(lb[p]), a, b, text: text.length > 120 ? `${text.slice(0, 117)}…` : text });
        p = q;
      }
    }
  }
  return out;
}
