// Context keys for menus and keybindings: is the active document an evidence document, is the cursor in a passage.
import * as vscode from 'vscode';
import type { EvidenceServices } from './context';

export function registerContextKeys(services: EvidenceServices): vscode.Disposable {
  let last: [boolean, boolean] | undefined;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const entry = editor && services.documents.get(editor.document);
    const inPassage = !!(editor && entry && services.documents.passageAt(entry, editor.document.offsetAt(editor.selection.active)));
    const next: [boolean, boolean] = [!!entry, inPassage];
    if (last && last[0] === next[0] && last[1] === next[1]) return;
    last = next;
    void vscode.commands.executeCommand('setContext', 'evidenceTagger.isEvidenceDocument', next[0]);
    void vscode.commands.executeCommand('setContext', 'evidenceTagger.inPassage', next[1]);
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection(update),
    services.documents.onDidChange(update),
  );
}
