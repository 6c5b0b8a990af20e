// A markdown-it plugin that shows tagged passages in VS Code's Markdown preview as the editor shows them. It
// never guesses at the syntax: the core parser reads the source, and its passages are carried onto
// markdown-it's output. Spans are rewritten in the source as inline HTML before markdown-it reads it (line
// breaks and container prefixes kept, so source maps and scroll sync stay right); divs become block tokens
// on their fence lines. What the core does not see as a passage, the preview shows as text.
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from './export/html';
import { parseDocument } from './parse';
import type { CodebookLookup } from './codebook/lookup';
import type { Passage } from './passage';

export interface PreviewOptions {
  /** The codebook for the document being rendered (markdown-it's env holds VS Code's currentDocument). */
  lookupFor(env: unknown): CodebookLookup;
  enabled(): boolean;
}

/** An attribute value that keeps its line breaks (a tooltip's lines). */
const escapeAttribute = (text: string) => escapeHtml(text).replace(/\r?\n/g, '&#10;');

/** class, title and colour variables of a passage's element. */
export function passageAttributes(passage: Passage, lookup: CodebookLookup): [string, string][] {
  const classes = ['evidence-passage', `evidence-${passage.kind}`];
  const lines: string[] = [];
  const style: string[] = [];
  let unknown = false;
  const data: [string, string][] = [];
  for (const [dimension, ids] of Object.entries(passage.tags)) {
    const labels = ids.map((id) => {
      const tag = lookup.tag(dimension, id);
      if (!tag) unknown = true;
      return tag ? tag.label : `${id} (not in the codebook)`;
    });
    lines.push(`${lookup.dimension(dimension)?.label ?? dimension}: ${labels.join(', ')}`);
    data.push([`data-${dimension.replace(/[^A-Za-z0-9_-]/g, '_')}`, ids.join(' ')]);
    const colour = ids.map((id) => lookup.colourOf(dimension, id)).find(Boolean);
    // The first dimension tints the background, the second draws the underline (left bar for a div).
    const role = style.length === 0 ? 'tint' : style.length === 2 ? 'line' : undefined;
    if (role && colour) style.push(`--evidence-${role}-light:${colour.light}`, `--evidence-${role}-dark:${colour.dark}`);
    else if (role) style.push(`--evidence-${role}-light:#808080`, `--evidence-${role}-dark:#a0a0a0`);
  }
  if (unknown) classes.push('evidence-unknown');
  if (passage.note) lines.push(`Note: ${passage.note}`);
  return [['class', classes.join(' ')], ['title', lines.join('\n')], ['style', style.join(';')], ...data];
}

/**
 * The source with each span's `[` and `]{…}` replaced by `<span data-et="N" …>` and `</span><!--et:N-->`,
 * line breaks kept; `originals` maps N back to the markup, for the places markdown-it reads as code.
 */
function rewriteSpans(src: string, passages: Passage[], lookup: CodebookLookup, originals: Map<number, [string, string]>): string {
  const edits: [number, number, string][] = [];
  passages.forEach((p, n) => {
    if (p.kind !== 'span') return;
    const attributes = passageAttributes(p, lookup).map(([k, v]) => `${k}="${escapeAttribute(v)}"`).join(' ');
    edits.push([p.start, p.contentStart, keepLayout(src, p.start, p.contentStart, `<span data-et="${n}" ${attributes}>`)]);
    edits.push([p.contentEnd, p.end, keepLayout(src, p.contentEnd, p.end, `</span><!--et:${n}-->`)]);
    originals.set(n, [src.slice(p.start, p.contentStart), src.slice(p.contentEnd, p.end)]);
  });
  edits.sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  let at = 0;
  for (const [from, to, text] of edits) {
    parts.push(src.slice(at, from), text);
    at = to;
  }
  parts.push(src.slice(at));
  return parts.join('');
}

const INJECTED = /<span data-et="(\d+)"[^>]*>|<\/span><!--et:(\d+)-->(?:<span class="evidence-wrap" data-lines="[^"]*"><\/span>)?/g;

/** Text markdown-it reads as code (or as plain text) gets the original markup back: never worse than no plugin. */
function restore(text: string, originals: Map<number, [string, string]>): string {
  if (!text.includes('data-et="') && !text.includes('<!--et:')) return text;
  return text.replace(INJECTED, (whole, open?: string, close?: string) => {
    const original = originals.get(Number(open ?? close));
    if (!original) return whole;
    // In code inside a block quote the container prefixes are gone from the lines: take them off here too.
    return (open !== undefined ? original[0] : original[1]).replace(/\n[ \t]*>[ \t]?/g, '\n');
  });
}

/**
 * `tag` standing for src[from, to), followed, when that range held line breaks, by an empty element whose
 * attribute value carries each line break and the container prefix after it (`> `, indentation): the lines
 * stay as they were, and no line starts with `>` or is left blank, which would end the paragraph.
 */
function keepLayout(src: string, from: number, to: number, tag: string): string {
  let layout = '';
  for (let i = src.indexOf('\n', from); i !== -1 && i < to; i = src.indexOf('\n', i + 1)) {
    let j = i + 1;
    while (j < to && (src[j] === ' ' || src[j] === '\t' || src[j] === '>')) j++;
    layout += src.slice(i, j);
  }
  return layout ? `${tag}<span class="evidence-wrap" data-lines="${layout}"></span>` : tag;
}

export function evidencePreviewPlugin(md: MarkdownIt, options: PreviewOptions): void {
  // Lines of div fences (0-based), found by the core on the same source markdown-it reads.
  let fences = new Map<number, { open: boolean; passage: Passage; lookup: CodebookLookup }>();
  let opened = new Set<Passage>();
  let originals = new Map<number, [string, string]>();

  md.core.ruler.after('normalize', 'evidence_passages', (state) => {
    fences = new Map();
    opened = new Set();
    originals = new Map();
    if (!options.enabled()) return;
    const lookup = options.lookupFor(state.env);
    const doc = parseDocument(state.src, lookup);
    if (!doc.passages.length) return;
    for (const passage of doc.passages) {
      if (passage.kind !== 'div') continue;
      const first = doc.lines.positionAt(passage.start).line;
      fences.set(first, { open: true, passage, lookup });
      // An unclosed div runs to its container's end, as in pandoc: the browser closes it with the container.
      const closing = doc.lines.positionAt(passage.end).line;
      if (closing !== first && passage.contentEnd !== passage.end) fences.set(closing, { open: false, passage, lookup });
    }
    state.src = rewriteSpans(state.src, doc.passages, lookup, originals);
  });

  // Where markdown-it reads code (CommonMark and pandoc differ on some fences) or fails to read a tag.
  md.core.ruler.after('block', 'evidence_code', (state) => {
    if (!originals.size) return;
    for (const token of state.tokens) if (token.type === 'fence' || token.type === 'code_block') token.content = restore(token.content, originals);
  });
  md.core.ruler.after('inline', 'evidence_inline_code', (state) => {
    if (!originals.size) return;
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type === 'code_inline' || child.type === 'text') child.content = restore(child.content, originals);
        // An image's description is plain text (its alt attribute): the passage's markup goes, its words stay.
        if (child.type === 'image') {
          const parts = child.children ?? [];
          parts.forEach((part, k) => {
            if (part.type !== 'html_inline') return;
            const closes = part.content === '</span>' && /^<!--et:\d+-->$/.test(parts[k + 1]?.content ?? '');
            if (closes || /^<!--et:\d+-->$|^<span (data-et="\d+"|class="evidence-wrap")/.test(part.content)) part.content = '';
          });
        }
      }
    }
  });

  type BlockRule = Parameters<typeof md.block.ruler.before>[2];
  md.block.ruler.before(
    'fence',
    'evidence_div',
    ((state, startLine, _endLine, silent) => {
      const fence = fences.get(startLine);
      if (!fence) return false;
      // Only where markdown-it's line really starts with the fence (not inside a construct it lacks).
      const at = state.bMarks[startLine] + state.tShift[startLine];
      if (!state.src.startsWith(':::', at) || (!fence.open && !opened.has(fence.passage))) return false;
      if (silent) return true;
      const token = state.push(fence.open ? 'evidence_div_open' : 'evidence_div_close', 'div', fence.open ? 1 : -1);
      // A source map on the opening fence only: VS Code writes data-line on every mapped token, closers too.
      if (fence.open) token.map = [startLine, startLine + 1];
      token.block = true;
      if (fence.open) {
        token.attrs = passageAttributes(fence.passage, fence.lookup);
        opened.add(fence.passage);
      }
      state.line = startLine + 1;
      return true;
    }) satisfies BlockRule,
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
}
