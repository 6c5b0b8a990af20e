// Where tagging a selection puts the markup: a span inside one paragraph, a fenced div around whole
// paragraphs, or a clear refusal (never a half-tagged passage).
import type { ParsedDocument } from './parse';
import type { TextBlock } from './passage';

export type TagPlan = { ok: true; start: number; end: number; block: boolean } | { ok: false; reason: string };

const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** `spanOnly`: a selection of a whole paragraph becomes a span, not a div (Tag All Occurrences tags phrases). */
export function planTag(doc: ParsedDocument, selectionStart: number, selectionEnd: number, spanOnly = false): TagPlan {
  const { text, blocks } = doc;
  let start = Math.min(selectionStart, selectionEnd);
  let end = Math.max(selectionStart, selectionEnd);
  if (start === end) {
    const block = blocks.find((b) => b.start <= start && start <= b.end);
    if (!block) return { ok: false, reason: 'Put the cursor in a paragraph, or select the text to tag.' };
    start = block.start;
    end = block.end;
  }
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  if (start === end) return { ok: false, reason: 'The selection is only white space.' };

  const touched = blocks.filter((b) => b.start < end && b.end > start);
  if (touched.length === 0) return { ok: false, reason: 'The selection has no prose to tag (it is markup, code or a blank line).' };
  const first = touched[0];
  const last = touched[touched.length - 1];
  const whole = start <= first.start && end >= last.end;

  let plan: TagPlan;
  if (whole && !spanOnly && canWrapInDiv(doc, first, last)) {
    plan = { ok: true, start: doc.lines.lineStarts[first.firstLine], end: doc.lines.lineEnd(last.lastLine), block: true };
  } else if (touched.length === 1) {
    plan = { ok: true, start: Math.max(start, first.start), end: Math.min(end, first.end), block: false };
  } else {
    return { ok: false, reason: 'A span cannot cross a paragraph break. Select whole paragraphs to tag them together as a block.' };
  }
  const cut = doc.passages.find((p) => plan.ok && cutsAcross(plan.start, plan.end, p.start, p.end, p.contentStart, p.contentEnd));
  if (cut) {
    const line = doc.lines.positionAt(cut.start).line + 1;
    return { ok: false, reason: `The selection cuts across the tagged passage on line ${line}. Select text inside it, or all of it.` };
  }
  return plan;
}

/** A div needs its fences on lines of their own, outside any block quote or list item prefix. */
function canWrapInDiv(doc: ParsedDocument, first: TextBlock, last: TextBlock): boolean {
  const lineStart = doc.lines.lineStarts[first.firstLine];
  const prefix = doc.text.slice(lineStart, first.start);
  if (!/^(#{1,6}[ \t]+)?$/.test(prefix)) return false;
  const lastLineStart = doc.lines.lineStarts[last.lastLine];
  return !/^[ \t]*(>|[-+*][ \t]|\d+[.)][ \t])/.test(doc.text.slice(lastLineStart, last.end));
}

function cutsAcross(start: number, end: number, pStart: number, pEnd: number, contentStart: number, contentEnd: number): boolean {
  const overlaps = start < pEnd && end > pStart;
  const inside = start >= contentStart && end <= contentEnd;
  const around = start <= pStart && end >= pEnd;
  return overlaps && !inside && !around;
}
