// Parser problems as diagnostics on open evidence documents, with "did you mean" quick fixes.
import * as vscode from 'vscode';
import type { Problem } from '../core';
import type { EvidenceServices } from './context';
import { toRange } from './documents';

const SEVERITY: Record<Problem['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export function registerDiagnostics(services: EvidenceServices, selector: vscode.DocumentSelector): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('evidence');
  const update = (document: vscode.TextDocument) => {
    const entry = services.documents.get(document);
    if (!entry) return collection.delete(document.uri);
    collection.set(
      document.uri,
      entry.parsed.problems.map((problem) => {
        const diagnostic = new vscode.Diagnostic(toRange(entry.parsed, problem.start, problem.end), problem.message, SEVERITY[problem.severity]);
        diagnostic.source = 'Evidence Tagger';
        diagnostic.code = problem.code;
        return diagnostic;
      }),
    );
  };
  vscode.workspace.textDocuments.forEach(update);
  return vscode.Disposable.from(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidCloseTextDocument((document) => collection.delete(document.uri)),
    services.documents.onDidChange(update),
    vscode.languages.registerCodeActionsProvider(selector, new DidYouMean(services), { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
  );
}

class DidYouMean implements vscode.CodeActionProvider {
  constructor(private readonly services: EvidenceServices) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const entry = this.services.documents.get(document);
    if (!entry) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.code !== 'unknown-tag') continue;
      const start = document.offsetAt(diagnostic.range.start);
      const problem = entry.parsed.problems.find((p) => p.code === 'unknown-tag' && p.start === start);
      if (!problem?.suggestion) continue;
      const action = new vscode.CodeAction(`Change to "${problem.suggestion}"`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, diagnostic.range, problem.suggestion);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      actions.push(action);
    }
    return actions;
  }
}
