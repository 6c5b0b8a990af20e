// What the parser produces: passages, text blocks and problems, with offsets in UTF-16 code units.
import type { AttributeBlock } from './attributes';

export type PassageKind = 'span' | 'div';

export interface Passage {
  kind: PassageKind;
  /** The whole passage, markup included: `[` to `}` for a span; opening fence line to closing fence line for a div. */
  start: number;
  end: number;
  /** The tagged text inside the markup. */
  contentStart: number;
  contentEnd: number;
  attributes: AttributeBlock;
  /** Tag ids per dimension, aliases resolved to ids; unknown values kept as written. */
  tags: Record<string, string[]>;
  note: string | null;
  /** Index of the innermost enclosing passage, -1 at top level; depth counts enclosing passages. */
  parent: number;
  depth: number;
}

/** Markup to dim, or to delete when untagging: before and after the content (a div's include one line break each). */
export function markupOf(passage: Passage): [[number, number], [number, number]] {
  return [
    [passage.start, passage.contentStart],
    [passage.contentEnd, passage.end],
  ];
}

/** Characters of markup the passage itself adds. */
export const markupLength = (passage: Passage) => passage.contentStart - passage.start + passage.end - passage.contentEnd;

export interface TextBlock {
  start: number;
  end: number;
  /** Lines the block spans (its text may sit behind container prefixes on the later ones). */
  firstLine: number;
  lastLine: number;
  heading: boolean;
  /** Characters of prose: the block's text less line breaks, container prefixes and passage markup. */
  proseLength: number;
}

export type Severity = 'error' | 'warning' | 'information';

export interface Problem {
  severity: Severity;
  code: 'unknown-tag' | 'unclosed-div' | 'unmatched-span' | 'repeated-key' | 'too-many-tags' | 'empty-tag' | 'nesting-too-deep' | 'parse-failed';
  message: string;
  start: number;
  end: number;
  /** For unknown tags: the dimension, the value as written, and the closest known id. */
  dimension?: string;
  value?: string;
  suggestion?: string;
}

/**
 * A map from keys found in documents (dimension ids, attribute keys) to values, with no Object.prototype
 * behind it, so `constructor` or `toString` is an ordinary key. Object.create(null) would do that too, but
 * V8 keeps such objects in slow dictionary mode; an empty prototype without a prototype keeps them fast.
 */
const KEYED_PROTOTYPE: object = Object.create(null);
export function keyedRecord<T>(): Record<string, T> {
  return Object.create(KEYED_PROTOTYPE) as Record<string, T>;
}

/** Gives a record read back from storage the same empty prototype (deserialising makes plain objects). */
export function asKeyedRecord<T>(record: Record<string, T>): Record<string, T> {
  return Object.setPrototypeOf(record, KEYED_PROTOTYPE) as Record<string, T>;
}

/**
 * The attribute that joins the pieces of one passage: a coding that crosses another cannot be one span, so
 * an import writes it as pieces with the same tags and `passage="p12"` (not `#id`, which must stay unique).
 */
export const PIECE_KEY = 'passage';

/** The group a passage is a piece of, or undefined for a passage that stands alone. */
export function pieceGroup(passage: Passage): string | undefined {
  const { pairs } = passage.attributes;
  for (let i = pairs.length - 1; i >= 0; i--) if (pairs[i].key === PIECE_KEY) return pairs[i].value || undefined;
  return undefined;
}

const unitsOf = new WeakMap<Passage[], number[][]>();

/** Passages as counted: indices of the pieces of each, in order of the first piece; most are one alone. */
export function passageUnits(passages: Passage[]): number[][] {
  // The summary and the index both ask, once per parse: worked out once.
  let units = unitsOf.get(passages);
  if (!units) unitsOf.set(passages, (units = groupUnits(passages)));
  return units;
}

function groupUnits(passages: Passage[]): number[][] {
  const units: number[][] = [];
  let groups: Map<string, number[]> | undefined;
  for (let index = 0; index < passages.length; index++) {
    const group = pieceGroup(passages[index]);
    if (group === undefined) {
      units.push([index]);
      continue;
    }
    const unit = (groups ??= new Map()).get(group);
    if (unit) unit.push(index);
    else {
      const created = [index];
      groups.set(group, created);
      units.push(created);
    }
  }
  return units;
}
