// Evidence: Import Codebook… — a REFI-QDA .qdc or .qdpx codebook becomes the folder's evidence-codebook.json.
import * as vscode from 'vscode';
import { importRefiCodebook } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { output } from './output';

export interface ImportArguments {
  source: vscode.Uri;
  /** Replace an existing codebook without asking. */
  overwrite?: boolean;
}

export function registerImport(services: EvidenceServices): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.importCodebook, async (args?: ImportArguments) => {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) return void vscode.window.showWarningMessage('Evidence Tagger: open a folder first; the codebook is saved in it.');
      const source = args?.source ?? (await vscode.window.showOpenDialog({ title: 'Import Codebook', canSelectMany: false, filters: { 'REFI-QDA codebook or project': ['qdc', 'qdpx'] } }))?.[0];
      if (!source) return;
      const result = importRefiCodebook(await vscode.workspace.fs.readFile(source), source.path.split('/').pop());
      if (!result.ok) return void vscode.window.showErrorMessage(`Evidence Tagger: ${result.error}`);
      const target = services.codebooks.codebookUri(folder);
      const exists = await vscode.workspace.fs.stat(target).then(() => true, () => false);
      if (exists && !args?.overwrite) {
        const answer = await vscode.window.showWarningMessage(`Replace ${vscode.workspace.asRelativePath(target)} with the imported codebook?`, { modal: true }, 'Replace');
        if (answer !== 'Replace') return;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(JSON.stringify(result.codebook, null, 2) + '\n'));
      const tags = result.codebook.dimensions.reduce((n, d) => n + d.tags.length, 0);
      output().appendLine(`Imported ${source.toString(true)}: ${result.codebook.dimensions.length} dimensions, ${tags} tags.`);
      result.messages.forEach((m) => output().appendLine(`  ${m}`));
      if (!args) {
        await vscode.window.showTextDocument(target);
        const more = result.messages.length ? `${result.messages.length} notes on what was renamed or flattened.` : '';
        const show = await vscode.window.showInformationMessage(`Imported ${result.codebook.dimensions.length} dimensions and ${tags} tags. ${more}`, ...(more ? ['Show Notes'] : []));
        if (show) output().show();
      }
    }),
  );
}
