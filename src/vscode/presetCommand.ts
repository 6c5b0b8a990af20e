// "Evidence: New Codebook From Preset…": writes evidence-codebook.json into a workspace folder from one of the
// built-in presets (asking before it replaces a file), then opens it.
import * as vscode from 'vscode';
import { CODEBOOK_PRESETS, findPreset, presetFileText } from '../core';
import { COMMANDS } from './context';
import { readSettings } from './settings';

export function registerPresetCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.newCodebookFromPreset, async (name?: string, folderUri?: vscode.Uri, overwrite?: boolean) => {
    const preset = name
      ? findPreset(name)
      : (await vscode.window.showQuickPick(CODEBOOK_PRESETS.map((p) => ({ label: p.label, description: p.name, detail: p.description, preset: p })), { title: 'New Codebook From Preset', placeHolder: 'The framework to code with in this folder' }))?.preset;
    if (!preset) return;
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length && !folderUri) return void vscode.window.showInformationMessage('Evidence Tagger: open a folder first; the codebook file goes at its root.');
    const folder = folderUri ?? (folders.length === 1 ? folders[0].uri : (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for evidence-codebook.json' }))?.uri);
    if (!folder) return;
    const target = vscode.Uri.joinPath(folder, readSettings().codebookPath);
    const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    if (exists && !overwrite) {
      const choice = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(target)} exists. Replace it with the preset "${preset.label}"?`, { modal: true }, 'Replace');
      if (choice !== 'Replace') return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(presetFileText(preset)));
    await vscode.window.showTextDocument(target, { preview: false });
  });
}
