// The lightbulb on an untagged paragraph: "Tag as Sector-generated data · Instrumental use (suggested)", from
// the codebook's cues. Offered, never applied unasked; the edit is planned (and proved) only when chosen.
import * as vscode from 'vscode';
import { describeSuggestions, planTagging, suggesterFor, type Suggestion } from '../core';
import type { EvidenceServices } from './context';

class SuggestedTagging extends vscode.CodeAction {
  constructor(readonly document: vscode.TextDocument, readonly version: number, readonly block: { start: number; end: number }, readonly suggestions: Suggestion[]) {
    super(`Tag as ${describeSuggestions(suggestions)} (suggested)`, vscode.CodeActionKind.QuickFix);
  }
}

export function registerSuggestionActions(services: EvidenceServices, selector: vscode.DocumentSelector): vscode.Disposable {
  const provider: vscode.CodeActionProvider<SuggestedTagging> = {
    provideCodeActions(document, range) {
      const entry = services.documents.get(document);
      const blocks = entry && services.documents.summary(document)?.untaggedBlocks;
      if (!entry || !blocks) return [];
      const offset = document.offsetAt(range.start);
      const block = blocks.find((b) => b.start <= offset && offset <= b.end && !b.heading);
      if (!block) return [];
      const codebook = services.codebooks.lookupFor(document.uri).codebook;
      const top = suggesterFor(codebook).top(entry.parsed.text, {}, block.start, block.end);
      if (!top.length) return [];
      const actions = [new SuggestedTagging(document, document.version, block, top)];
      if (top.length > 1) for (const one of top) actions.push(new SuggestedTagging(document, document.version, block, [one]));
      actions[0].isPreferred = true;
      for (const action of actions) action.diagnostics = [];
      return actions;
    },
    resolveCodeAction(action) {
      const entry = services.documents.get(action.document);
      if (!entry || action.document.version !== action.version) return action;
      const lookup = services.codebooks.lookupFor(action.document.uri);
      const tags: Record<string, string[]> = {};
      for (const s of action.suggestions) tags[s.dimension] = [s.tag];
      const planned = planTagging(entry.parsed, [action.block], { tags }, lookup);
      if (!planned.ok) {
        action.disabled = { reason: planned.reason };
        return action;
      }
      const edit = new vscode.WorkspaceEdit();
      for (const e of planned.edits) edit.replace(action.document.uri, new vscode.Range(action.document.positionAt(e.start), action.document.positionAt(e.end)), e.newText);
      action.edit = edit;
      return action;
    },
  };
  return vscode.languages.registerCodeActionsProvider(selector, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] });
}
