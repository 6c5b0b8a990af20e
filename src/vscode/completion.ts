// Completion inside `{...}` after `]` or on a `:::` fence: dimension keys, then tag ids, with definitions.
import * as vscode from 'vscode';
import { attributeContext, type CodebookLookup } from '../core';
import type { EvidenceServices } from './context';

export function registerCompletion(services: EvidenceServices, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider(
    selector,
    {
      provideCompletionItems(document, position) {
        if (!services.documents.isEvidenceDocument(document)) return undefined;
        const before = document.lineAt(position.line).text.slice(0, position.character);
        const context = attributeContext(before);
        if (!context) return undefined;
        const lookup = services.codebooks.lookupFor(document.uri);
        return context.key === undefined ? keyItems(lookup, position, context.partial) : valueItems(lookup, context.key, context.partial, position);
      },
    },
    '{',
    ' ',
    '=',
    '"',
  );
}

function keyItems(lookup: CodebookLookup, position: vscode.Position, partial: string): vscode.CompletionItem[] {
  const range = new vscode.Range(position.translate(0, -partial.length), position);
  const items = lookup.codebook.dimensions.map((dimension, index) => {
    const item = new vscode.CompletionItem({ label: dimension.id, description: dimension.label }, vscode.CompletionItemKind.Property);
    item.insertText = `${dimension.id}=`;
    item.range = range;
    item.sortText = String(index).padStart(3, '0');
    item.documentation = `${dimension.description}\n\nTags: ${dimension.tags.map((t) => t.id).join(', ')}`;
    item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest tags' };
    return item;
  });
  const note = new vscode.CompletionItem({ label: 'note', description: 'Your memo for this passage' }, vscode.CompletionItemKind.Property);
  note.insertText = new vscode.SnippetString('note="$1"');
  note.range = range;
  note.sortText = '999';
  return [...items, note];
}

function valueItems(lookup: CodebookLookup, key: string, partial: string, position: vscode.Position): vscode.CompletionItem[] | undefined {
  const dimension = lookup.dimension(key);
  if (!dimension) return undefined;
  const range = new vscode.Range(position.translate(0, -partial.length), position);
  return dimension.tags.map((tag, index) => {
    const item = new vscode.CompletionItem({ label: tag.id, description: tag.label }, vscode.CompletionItemKind.EnumMember);
    item.range = range;
    item.sortText = String(index).padStart(3, '0');
    item.filterText = [tag.id, ...tag.aliases].join(' ');
    item.detail = `${dimension.label}: ${tag.label}`;
    item.documentation = tag.definition + (tag.example ? `\n\nExample: ${tag.example}` : '');
    return item;
  });
}
