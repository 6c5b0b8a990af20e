// Edits that are proved before they are made: tagging, retagging and notes are planned, applied to a copy
// of the text, parsed again, and accepted only if the result is exactly what the user asked for (a new
// passage over each selection, every other passage as it was). Otherwise the answer says why, and the
// text is never touched: no stray `[`…`]{…}` that Remove Tags could not remove.
import type { CodebookLookup } from './codebook/lookup';
import { applyEdits, retagEdits, tagEdits, type TagValues, type TextEdit } from './edits';
import { parseDocument, type ParsedDocument } from './parse';
import type { Passage } from './passage';
import { planTag } from './tagPlan';
import { opaqueRanges } from './inline';

export type SafeEdit = { ok: true; edits: TextEdit[] } | { ok: false; reason: string };

interface Range {
  start: number;
  end: number;
}

/** Where an offset of the old text lands in the new one, after edits sorted by start. */
function mapOffset(edits: TextEdit[], offset: number, after: boolean): number {
  let shift = 0;
  for (const edit of edits) {
    if (edit.start > offset || (edit.start === offset && !after)) break;
    shift += edit.newText.length - (Math.min(edit.end, offset) - edit.start);
  }
  return offset + shift;
}

/** Tags each selection; every selection must become a passage of exactly its text. */
export function planTagging(doc: ParsedDocument, selections: Range[], values: TagValues, lookup: CodebookLookup, spanOnly = false): SafeEdit {
  const edits: TextEdit[] = [];
  const targets: Range[] = [];
  for (const selection of selections) {
    const plan = planTag(doc, selection.start, selection.end, spanOnly);
    if (!plan.ok) return plan;
    if (splitsSurrogatePair(doc.text, plan.start) || splitsSurrogatePair(doc.text, plan.end)) return { ok: false, reason: 'The selection splits a character (an emoji or other symbol) in two.' };
    if (!plan.block) {
      const block = doc.blocks.find((b) => b.start <= plan.start && plan.end <= b.end);
      const inside = block && opaqueRanges(doc.text, block.start, block.end).find(([from, to]) => (from < plan.start && plan.start < to) || (from < plan.end && plan.end < to));
      if (inside) return { ok: false, reason: `The selection starts or ends inside ${describeOpaque(doc.text, inside[0])}, where pandoc reads no tags. Select all of it, or text outside it.` };
    }
    targets.push({ start: plan.start, end: plan.end });
    edits.push(...tagEdits(doc.text, plan.start, plan.end, values, plan.block));
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  if (edits.some((edit, i) => i > 0 && edit.start < edits[i - 1].end) || overlappingTargets(targets)) return { ok: false, reason: 'The selections overlap; tag them one at a time.' };
  const text = applyEdits(doc.text, edits);
  const after = parseDocument(text, lookup);
  // Each selection's text must now be the content of a passage carrying the chosen tags.
  for (const target of targets) {
    const contentStart = mapOffset(edits, target.start, true);
    const contentEnd = mapOffset(edits, target.end, false);
    // The passage must span exactly the markup inserted, so that Remove Tags deletes exactly that.
    const made = after.passages.find((p) => p.contentStart === contentStart && p.contentEnd === contentEnd && p.start === mapOffset(edits, target.start, false) && p.end === mapOffset(edits, target.end, true) && sameTags(p, values));
    if (!made) return { ok: false, reason: whyNoPassage(doc, target) };
  }
  // …and nothing else may change: every passage there was is still there, over the same text, as it was.
  for (const passage of doc.passages) {
    const contentStart = mapOffset(edits, passage.contentStart, false);
    const contentEnd = mapOffset(edits, passage.contentEnd, true);
    const kept = after.passages.some((p) => p.kind === passage.kind && p.contentStart === contentStart && p.contentEnd === contentEnd && tagKey(p.tags) === tagKey(passage.tags) && p.note === passage.note);
    if (!kept) return { ok: false, reason: 'Tagging here would change how an existing passage is read (brackets would pair differently). Select a little more or less.' };
  }
  if (after.passages.length !== doc.passages.length + targets.length) return { ok: false, reason: 'Tagging here would create other passages too (brackets nearby would pair with the new ones). Select a little more or less.' };
  return { ok: true, edits };
}

/** Retags (or re-notes) passages; accepted only if each keeps its place and text and gets exactly the new values. */
export function planRetagging(doc: ParsedDocument, passages: Passage[], valuesFor: (p: Passage) => TagValues, lookup: CodebookLookup): SafeEdit {
  const edits = passages.flatMap((p) => retagEdits(doc.text, p, valuesFor(p), (key) => lookup.isDimension(key)));
  edits.sort((a, b) => a.start - b.start);
  const text = applyEdits(doc.text, edits);
  const after = parseDocument(text, lookup);
  if (after.passages.length !== doc.passages.length) return { ok: false, reason: 'The new tags would change how the passage is read; nothing was changed.' };
  for (const passage of passages) {
    const contentStart = mapOffset(edits, passage.contentStart, true);
    const contentEnd = mapOffset(edits, passage.contentEnd, false);
    const values = valuesFor(passage);
    const now = after.passages.find((p) => p.contentStart === contentStart && p.contentEnd === contentEnd);
    if (!now || !sameTags(now, values) || (now.note ?? null) !== (values.note || null)) return { ok: false, reason: 'The new tags would not be read back as written; nothing was changed.' };
  }
  return { ok: true, edits };
}

function sameTags(passage: Passage, values: TagValues): boolean {
  const wanted = Object.entries(values.tags).filter(([, ids]) => ids.length);
  if (Object.keys(passage.tags).length !== wanted.length) return false;
  return wanted.every(([key, ids]) => {
    const got = passage.tags[key];
    return !!got && got.length === ids.length && ids.every((id) => got.includes(id));
  });
}

function describeOpaque(text: string, at: number): string {
  const c = text[at];
  if (c === '`') return 'a code span';
  if (c === '$') return 'math';
  if (c === '\\') return 'a TeX command';
  if (c === '(') return 'a link address';
  if (text.startsWith('<!--', at)) return 'an HTML comment';
  return 'an HTML tag or autolink';
}

function splitsSurrogatePair(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function tagKey(tags: Record<string, string[]>): string {
  return Object.keys(tags).sort().map((key) => `${key}=${[...tags[key]].sort().join(' ')}`).join(';');
}

function overlappingTargets(targets: Range[]): boolean {
  const sorted = [...targets].sort((a, b) => a.start - b.start);
  return sorted.some((t, i) => i > 0 && t.start < sorted[i - 1].end);
}

/** Why a span over `target` would not be read as one, in terms a writer understands. */
function whyNoPassage(doc: ParsedDocument, target: Range): string {
  const selected = doc.text.slice(target.start, target.end);
  let depth = 0;
  for (let i = 0; i < selected.length; i++) {
    const c = selected[i];
    if (c === '\\') i++;
    else if (c === '[') depth++;
    else if (c === ']' && --depth < 0) break;
  }
  if (depth !== 0) return `The selection has an unmatched "${depth > 0 ? '[' : ']'}", which pandoc would pair with the tag's own brackets. Include its partner in the selection, or leave it out.`;
  const before = doc.text[target.start - 1];
  if (before === '!' || before === '^' || before === '\\') return `The "${before}" just before the selection would turn the tag into ${before === '!' ? 'an image' : before === '^' ? 'a footnote' : 'an escaped bracket'}. Start the selection one character earlier or later.`;
  if (/`|\$|<!--|-->|\]\(|<[a-z/]/i.test(doc.text.slice(Math.max(0, target.start - 200), target.end + 200)))
    return 'The selection is inside code, math, an HTML comment or tag, or a link address, where pandoc does not read tags. Select the whole construct, or text outside it.';
  return 'Pandoc would not read a tag over exactly this selection. Select whole words or a whole paragraph.';
}
