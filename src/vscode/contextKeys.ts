// Context keys for menus and keybindings: is the active document an evidence document, is the cursor in a
// passage, can a tag be added to the selection (text selected, or the cursor in a passage).
import * as vscode from 'vscode';
import type { EvidenceServices } from './context';

const KEYS = ['evidenceTagger.isEvidenceDocument', 'evidenceTagger.inPassage', 'evidenceTagger.canAddToSelection'] as const;

export function registerContextKeys(services: EvidenceServices): vscode.Disposable {
  let last: boolean[] | undefined;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const entry = editor && services.documents.get(editor.document);
    const inPassage = !!(editor && entry && services.documents.passageAt(entry, editor.document.offsetAt(editor.selection.active)));
    const canAddToSelection = !!entry && (inPassage || editor.selections.some((s) => !s.isEmpty));
    const next = [!!entry, inPassage, canAddToSelection];
    if (last && last.every((value, i) => value === next[i])) return;
    last = next;
    KEYS.forEach((key, i) => void vscode.commands.executeCommand('setContext', key, next[i]));
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection(update),
    services.documents.onDidChange(update),
  );
}
