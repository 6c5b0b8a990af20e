// Hover on a passage or on a tag id: what the tags mean, where they come from, the passage's note.
// Plain, untrusted Markdown: text from the document is escaped, never rendered as HTML or commands.
import * as vscode from 'vscode';
import type { CodebookLookup, Dimension, Passage, Tag } from '../core';
import type { EvidenceServices } from './context';
import { toRange } from './documents';

export function registerHover(services: EvidenceServices, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerHoverProvider(selector, {
    provideHover(document, position) {
      const entry = services.documents.get(document);
      if (!entry) return undefined;
      const offset = document.offsetAt(position);
      const passage = services.documents.passageAt(entry, offset);
      if (!passage) return undefined;
      const lookup = services.codebooks.lookupFor(document.uri);
      const onTag = tagUnder(entry.parsed.text, passage, offset, lookup);
      if (onTag) return new vscode.Hover(onTag.markdown, toRange(entry.parsed, onTag.start, onTag.end));
      const markdown = passageHover(passage, lookup);
      return markdown && new vscode.Hover(markdown, toRange(entry.parsed, passage.start, passage.end));
    },
  });
}

/** When the offset is on a dimension key or one of its tag ids inside the attributes: that tag's card. */
function tagUnder(text: string, passage: Passage, offset: number, lookup: CodebookLookup): { markdown: vscode.MarkdownString; start: number; end: number } | undefined {
  for (const pair of passage.attributes.pairs) {
    if (offset < pair.start || offset >= pair.end) continue;
    const dimension = lookup.dimension(pair.key);
    if (!dimension) return undefined;
    if (offset < pair.valueStart) {
      const markdown = markdownOf();
      markdown.appendMarkdown(`**${escape(dimension.label)}** \`${dimension.id}\`\n\n`);
      if (dimension.description) markdown.appendMarkdown(escape(dimension.description) + '\n\n');
      markdown.appendMarkdown(lookup.tree(dimension.id).map(({ tag: t, depth }) => `${'  '.repeat(depth)}- \`${t.id}\` ${escape(t.label)}`).join('\n'));
      return { markdown, start: pair.start, end: pair.valueStart - 1 };
    }
    // The id under the offset: tokens of the value as written, quotes aside.
    const token = tokenAt(text, pair.valueStart, pair.valueEnd, offset);
    if (!token) return undefined;
    const tag = lookup.tag(dimension.id, token.id);
    const markdown = markdownOf();
    if (!tag) {
      markdown.appendMarkdown(`\`${token.id.replace(/`/g, '')}\` is not a tag of ${escape(dimension.label)}. Known: ${dimension.tags.map((t) => `\`${t.id}\``).join(', ')}`);
      return { markdown, start: token.start, end: token.end };
    }
    tagCard(markdown, dimension, tag);
    return { markdown, start: token.start, end: token.end };
  }
  return undefined;
}

function tokenAt(text: string, start: number, end: number, offset: number): { id: string; start: number; end: number } | undefined {
  const pattern = /[^\s"']+/g;
  const raw = text.slice(start, end);
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    const from = start + match.index;
    const to = from + match[0].length;
    if (offset >= from && offset <= to) return { id: match[0], start: from, end: to };
  }
  return undefined;
}

function passageHover(passage: Passage, lookup: CodebookLookup): vscode.MarkdownString | undefined {
  const markdown = markdownOf();
  let any = false;
  for (const dimension of lookup.codebook.dimensions) {
    for (const id of passage.tags[dimension.id] ?? []) {
      const tag = lookup.tag(dimension.id, id);
      if (any) markdown.appendMarkdown('\n\n---\n\n');
      any = true;
      if (tag) tagCard(markdown, dimension, tag);
      else markdown.appendMarkdown(`**${escape(dimension.label)}:** \`${escape(id)}\` — not in the codebook`);
    }
  }
  if (passage.note) {
    markdown.appendMarkdown('\n\n---\n\n**Note:** ' + escape(passage.note));
    any = true;
  }
  const others = otherAttributes(passage, lookup);
  if (others) {
    markdown.appendMarkdown('\n\n**Other attributes:** ' + escape(others));
  }
  return any ? markdown : undefined;
}

function tagCard(markdown: vscode.MarkdownString, dimension: Dimension, tag: Tag): void {
  markdown.appendMarkdown(`**${escape(tag.label)}** · ${escape(dimension.label)} \`${dimension.id}=${tag.id}\`\n\n`);
  markdown.appendMarkdown(escape(tag.definition));
  if (tag.level) markdown.appendMarkdown(`\n\n*Typical level:* ${escape(tag.level)}`);
  if (tag.example) markdown.appendMarkdown(`\n\n*Example:* ${escape(tag.example)}`);
  if (tag.source) markdown.appendMarkdown(`\n\n*Source:* ${escape(tag.source)}`);
  const parent = tag.parent === undefined ? undefined : dimension.tags.find((t) => t.id === tag.parent);
  if (parent) markdown.appendMarkdown(`\n\n*Sub-tag of:* ${escape(parent.label)} \`${parent.id}\` (counted there too)`);
  const children = dimension.tags.filter((t) => t.parent === tag.id);
  if (children.length) markdown.appendMarkdown(`\n\n*Sub-tags:* ${children.map((t) => `${escape(t.label)} \`${t.id}\``).join(', ')}`);
}

function otherAttributes(passage: Passage, lookup: CodebookLookup): string {
  const { id, classes, pairs } = passage.attributes;
  return [id && `#${id}`, ...classes.map((c) => `.${c}`), ...pairs.filter((p) => p.key !== 'note' && !lookup.isDimension(p.key)).map((p) => `${p.key}=${p.value}`)].filter(Boolean).join(' ');
}

function markdownOf(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString('', false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}

/** Escapes Markdown so codebook text shows as written. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}\[\]()#+\-.!|<>~]/g, '\\$&');
}
