// Open Codebook: the folder's evidence-codebook.json, created from the built-in codebook when missing.
import * as vscode from 'vscode';
import { DEFAULT_CODEBOOK } from '../core';
import { COMMANDS, type EvidenceServices } from './context';

export function registerOpenCodebook(services: EvidenceServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openCodebook, async () => {
    const folder = await chooseFolder();
    if (!folder) {
      const document = await vscode.workspace.openTextDocument({ language: 'json', content: codebookText() });
      await vscode.window.showTextDocument(document);
      void vscode.window.showInformationMessage('Evidence Tagger: open a folder to give it its own codebook; this is the built-in one.');
      return;
    }
    const uri = services.codebooks.codebookUri(folder);
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(codebookText()));
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });
}

function codebookText(): string {
  return JSON.stringify(DEFAULT_CODEBOOK, null, 2) + '\n';
}

async function chooseFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const active = vscode.window.activeTextEditor && vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri);
  if (active || folders.length <= 1) return active ?? folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: 'Which folder’s codebook?' });
}
