// Tag All Occurrences: every match of a phrase or pattern in a document's prose becomes a span (even a whole
// paragraph: these are phrases) with the
// given tags. Matches inside code, math, HTML or a link address, across markup or a paragraph break, or
// already inside a passage carrying every one of the tags are skipped with a reason. Each match is proved
// like a selection (planTagging); the whole set is proved again together, so a file is never left with
// markup that reads differently from what was asked.
import { parseAttributes } from './attributes';
import type { CodebookLookup } from './codebook/lookup';
import { tagEdits, type TagValues, type TextEdit } from './edits';
import { opaqueRanges } from './inline';
import type { ParsedDocument } from './parse';
import { markupOf } from './passage';
import { planTagging } from './safeEdit';

export interface Occurrence {
  start: number;
  end: number;
  /** The edit that tags this occurrence alone: replace [start, end) with `[text]{…}`. */
  edit: TextEdit;
}

export interface SkippedOccurrence {
  start: number;
  end: number;
  reason: string;
}

export interface TagAllPlan {
  occurrences: Occurrence[];
  skipped: SkippedOccurrence[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A phrase matches case-insensitively, any run of white space matching any other, whole words only where
 * the phrase begins or ends with a letter or digit. `/pattern/flags` is a regular expression instead.
 */
export function occurrencePattern(query: string): RegExp {
  const literal = /^\/(.+)\/([a-z]*)$/s.exec(query);
  if (literal) {
    const flags = [...new Set([...literal[2].replace(/[gy]/g, ''), 'g'])].join('');
    return new RegExp(literal[1], flags.includes('u') || flags.includes('v') ? flags : flags + 'u');
  }
  return phrasePattern(query);
}

export function phrasePattern(phrase: string): RegExp {
  const trimmed = phrase.trim();
  if (!trimmed) throw new SyntaxError('the phrase is empty');
  const body = trimmed.split(/\s+/).map(escapeRegExp).join('\\s+');
  const before = /^[\p{L}\p{N}]/u.test(trimmed) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = /[\p{L}\p{N}]$/u.test(trimmed) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${body}${after}`, 'giu');
}

/** `evidence=research use="instrumental embedded"` → tag values, every key a dimension of the codebook. */
export function parseTagList(text: string, lookup: CodebookLookup): { ok: true; values: TagValues } | { ok: false; reason: string } {
  const wrapped = `{${text.trim()}}`;
  const block = parseAttributes(wrapped, 0, wrapped.length);
  if (!block || block.end !== wrapped.length || block.id || block.classes.length) return { ok: false, reason: `cannot read "${text}" as tags; write them as key=value pairs, e.g. evidence=research use=instrumental` };
  const tags: Record<string, string[]> = {};
  let note: string | undefined;
  for (const pair of block.pairs) {
    if (pair.key === 'note') note = pair.value;
    else if (!lookup.isDimension(pair.key) || pair.key === '__proto__') return { ok: false, reason: `"${pair.key}" is not a dimension of the codebook (${lookup.codebook.dimensions.map((d) => d.id).join(', ')})` };
    else {
      const ids = pair.value.split(/\s+/).filter(Boolean);
      const unknown = ids.find((id) => !lookup.tag(pair.key, id));
      if (unknown) return { ok: false, reason: `"${unknown}" is not a tag of ${pair.key}` };
      tags[pair.key] = ids.map((id) => lookup.tag(pair.key, id)!.id);
    }
  }
  if (!Object.values(tags).some((ids) => ids.length)) return { ok: false, reason: 'give at least one tag, e.g. evidence=research' };
  return { ok: true, values: note ? { tags, note } : { tags } };
}

export function planTagAll(doc: ParsedDocument, pattern: RegExp, values: TagValues, lookup: CodebookLookup): TagAllPlan {
  const { text, blocks } = doc;
  const found: { start: number; end: number }[] = [];
  const skipped: SkippedOccurrence[] = [];
  const regex = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  for (let match = regex.exec(text); match; match = regex.exec(text)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    // White space at either end is not part of what is tagged (as with a selection).
    const start = match.index + (match[0].length - match[0].trimStart().length);
    const end = match.index + match[0].trimEnd().length;
    if (start < end) found.push({ start, end });
  }
  const markup = doc.passages.flatMap(markupOf);
  const candidates: { start: number; end: number }[] = [];
  let b = 0;
  for (const range of found) {
    while (b < blocks.length && blocks[b].end <= range.start) b++;
    const block = blocks[b];
    const skip = (reason: string) => skipped.push({ ...range, reason });
    if (!block || block.start > range.start || block.end < range.end) skip('not inside one paragraph of prose');
    else if (opaqueRanges(text, block.start, block.end).some(([from, to]) => from < range.end && range.start < to)) skip('inside code, math, HTML or a link address');
    else if (markup.some(([from, to]) => from < range.end && range.start < to)) skip('overlaps tag markup');
    else if (alreadyTagged(doc, range, values)) skip('already inside a passage with these tags');
    else candidates.push(range);
  }
  // Proved together first (one re-parse); only if that fails, one by one to find the culprits.
  let accepted = candidates;
  if (candidates.length && !planTagging(doc, candidates, values, lookup, true).ok) {
    accepted = [];
    for (const range of candidates) {
      const plan = planTagging(doc, [range], values, lookup, true);
      if (plan.ok) accepted.push(range);
      else skipped.push({ ...range, reason: plan.reason });
    }
    while (accepted.length && !planTagging(doc, accepted, values, lookup, true).ok) skipped.push({ ...accepted.pop()!, reason: 'would change how a neighbouring match is read' });
  }
  const occurrences = accepted.map((range) => {
    const [open, close] = tagEdits(text, range.start, range.end, values, false);
    return { ...range, edit: { start: range.start, end: range.end, newText: open.newText + text.slice(range.start, range.end) + close.newText } };
  });
  skipped.sort((x, y) => x.start - y.start);
  return { occurrences, skipped };
}

function alreadyTagged(doc: ParsedDocument, range: { start: number; end: number }, values: TagValues): boolean {
  return doc.passages.some(
    (p) => p.contentStart <= range.start && range.end <= p.contentEnd && Object.entries(values.tags).every(([dimension, ids]) => ids.every((id) => p.tags[dimension]?.includes(id))),
  );
}
