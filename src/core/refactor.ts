// Codebook refactorings across documents: rename, merge, move and delete tags, and split passages off to a
// new tag. Edits come from the parse (never a regex over the text): only the values of the affected
// `key=value` pairs change, a passage left with no codebook key loses its markup exactly as Remove Tags
// does, and each document's result is proved by parsing it again with the new codebook.
import { formatValue, type KeyValue } from './attributes';
import type { CodebookLookup } from './codebook/lookup';
import { applyEdits, untagEdits, type TextEdit } from './edits';
import { parseDocument, type ParsedDocument } from './parse';
import type { Passage } from './passage';

export type TagChange =
  | { kind: 'rename'; dimension: string; tag: string; to: string }
  | { kind: 'merge'; dimension: string; tag: string; into: string }
  | { kind: 'move'; dimension: string; tag: string; toDimension: string }
  | { kind: 'delete'; dimension: string; tag: string }
  /**
   * `passages`: content starts of the passages (in this document) that move from `tag` to the new tag `to`,
   * which becomes a sub-tag of `tag` with `asSubTag`, else a sibling (same parent).
   */
  | { kind: 'split'; dimension: string; tag: string; to: string; passages: number[]; asSubTag?: boolean };

export type RefactorPlan = { ok: true; edits: TextEdit[]; changed: number; untagged: number } | { ok: false; reason: string };

/** What a passage's tags become under the change (ids, aliases resolved by `lookup`). */
export function changedTags(passage: Passage, change: TagChange, lookup: CodebookLookup): Record<string, string[]> {
  const tags: Record<string, string[]> = {};
  for (const [dimension, ids] of Object.entries(passage.tags)) tags[dimension] = [...ids];
  const ids = tags[change.dimension];
  if (!ids?.includes(change.tag)) return tags;
  const without = ids.filter((id) => id !== change.tag);
  const add = (list: string[], id: string) => (list.includes(id) ? list : [...list, id]);
  switch (change.kind) {
    case 'rename':
      tags[change.dimension] = ids.map((id) => (id === change.tag ? change.to : id));
      break;
    case 'merge':
      tags[change.dimension] = ids.includes(change.into) ? without : ids.map((id) => (id === change.tag ? change.into : id));
      break;
    case 'delete':
      tags[change.dimension] = without;
      break;
    case 'move': {
      tags[change.dimension] = without;
      const single = lookup.dimension(change.toDimension)?.multiple === false;
      tags[change.toDimension] = single ? [change.tag] : add(tags[change.toDimension] ?? [], change.tag);
      break;
    }
    case 'split':
      if (change.passages.includes(passage.contentStart)) tags[change.dimension] = ids.map((id) => (id === change.tag ? change.to : id));
      break;
  }
  for (const key of Object.keys(tags)) if (tags[key].length === 0) delete tags[key];
  return tags;
}

/**
 * The edits for one document. `afterLookup` reads the codebook once changed (the proof parses with it; made
 * once per refactoring, not per document); `lookup` resolves the document as it is now.
 */
export function planRefactor(doc: ParsedDocument, change: TagChange, lookup: CodebookLookup, afterLookup: CodebookLookup): RefactorPlan {
  const edits: TextEdit[] = [];
  /** The tags each passage must read back with, in order (untagged ones drop out). */
  const expected: Record<string, string[]>[] = [];
  let changed = 0;
  let untagged = 0;
  for (const passage of doc.passages) {
    const tags = changedTags(passage, change, lookup);
    if (sameTags(tags, passage.tags)) {
      expected.push(tags);
      continue;
    }
    changed++;
    if (!Object.keys(tags).some((key) => afterLookup.isDimension(key))) {
      untagged++;
      edits.push(...untagEdits(passage));
      continue;
    }
    expected.push(tags);
    edits.push(...pairEdits(doc.text, passage, tags, lookup));
  }
  if (changed === 0) return { ok: true, edits: [], changed: 0, untagged: 0 };
  edits.sort((a, b) => a.start - b.start);
  if (edits.some((e, i) => i > 0 && e.start < edits[i - 1].end)) return { ok: false, reason: 'edits would overlap' };
  const text = applyEdits(doc.text, edits);
  const reparsed = parseDocument(text, afterLookup);
  if (reparsed.passages.length !== expected.length) return { ok: false, reason: 'the markup would be read differently afterwards (passages would appear or disappear)' };
  for (const [i, tags] of expected.entries()) {
    if (!sameTags(reparsed.passages[i].tags, tags)) return { ok: false, reason: `a passage would not read back with the expected tags (line ${reparsed.lines.positionAt(reparsed.passages[i].start).line + 1})` };
  }
  if (markupFree(doc) !== markupFree(reparsed)) return { ok: false, reason: 'text outside the markup would change' };
  return { ok: true, edits, changed, untagged };
}

/** The text with every passage's markup removed: what must stay byte-identical. */
export function markupFree(doc: ParsedDocument): string {
  return applyEdits(doc.text, doc.passages.flatMap(untagEdits));
}

/** Edits that rewrite only the values of the pairs whose tags change, and add a pair a move needs. */
function pairEdits(text: string, passage: Passage, tags: Record<string, string[]>, lookup: CodebookLookup): TextEdit[] {
  const edits: TextEdit[] = [];
  const written = new Set<string>();
  const { pairs } = passage.attributes;
  // With a repeated key the last pair wins (as pandoc reads it); earlier ones are left as they are.
  const lastOf = new Map(pairs.map((pair, i) => [pair.key, i]));
  const removed: KeyValue[] = [];
  pairs.forEach((pair, i) => {
    if (lastOf.get(pair.key) !== i || !lookup.isDimension(pair.key)) return;
    written.add(pair.key);
    const before = passage.tags[pair.key] ?? [];
    const now = tags[pair.key] ?? [];
    if (sameList(before, now)) return;
    if (now.length === 0) removed.push(pair);
    else {
      // Keep each value as written (an alias stays an alias) unless its tag changed; a new id takes the
      // place of the one it replaces, so "trust care" renamed reads "confidence care".
      const tokens = pair.value.split(/\s+/).filter(Boolean);
      const idOf = (token: string) => lookup.tag(pair.key, token)?.id ?? token;
      const keptIds = new Set(tokens.map(idOf).filter((id) => now.includes(id)));
      const incoming = now.filter((id) => !keptIds.has(id));
      const value: string[] = [];
      for (const token of tokens) {
        if (now.includes(idOf(token))) value.push(token);
        else if (incoming.length) value.push(incoming.shift()!);
      }
      value.push(...incoming);
      edits.push({ start: pair.valueStart, end: pair.valueEnd, newText: formatValue(value.join(' ')) });
    }
  });
  const added = Object.entries(tags)
    .filter(([key, ids]) => !written.has(key) && ids.length > 0)
    .map(([key, ids]) => `${key}=${formatValue(ids.join(' '))}`);
  // A pair that goes makes room for one that comes (a move), in its place; the rest are appended.
  while (removed.length && added.length) {
    const pair = removed.shift()!;
    edits.push({ start: pair.start, end: pair.end, newText: added.shift()! });
  }
  for (const pair of removed) {
    // Drop the pair with the white space before it (or after it, when it opens the list).
    const before = leadingSpace(text, pair.start);
    edits.push(before ? { start: pair.start - before, end: pair.end, newText: '' } : { start: pair.start, end: pair.end + trailingSpace(text, pair.end), newText: '' });
  }
  const close = passage.attributes.end - 1;
  const empty = /^\{\s*$/.test(text.slice(passage.attributes.start, close));
  if (added.length) edits.push({ start: close, end: close, newText: `${empty ? '' : ' '}${added.join(' ')}` });
  return edits;
}

const leadingSpace = (text: string, at: number) => {
  let n = 0;
  while (at - n - 1 >= 0 && /[ \t]/.test(text[at - n - 1])) n++;
  return n;
};
const trailingSpace = (text: string, at: number) => {
  let n = 0;
  while (/[ \t]/.test(text[at + n] ?? '')) n++;
  return n;
};

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

function sameTags(a: Record<string, string[]>, b: Record<string, string[]>): boolean {
  const keys = (t: Record<string, string[]>) => Object.keys(t).filter((k) => t[k].length > 0);
  const ka = keys(a);
  return ka.length === keys(b).length && ka.every((k) => !!b[k] && sameList(a[k], b[k]));
}
