// Screenshots for the README, taken by the harness from the live workbench (npm run screenshots).
import * as vscode from 'vscode';
import { activate, cursorAt, screenshot, workspaceUri } from './helpers';

describe('screenshots', function () {
  before(function () {
    if (!process.env.EVIDENCE_TAGGER_SCREENSHOTS) this.skip();
  });

  it('the editor with highlighted passages and an open hover', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    const document = await vscode.workspace.openTextDocument(workspaceUri('samples', 'interview-transcript.md'));
    await activate();
    const editor = await vscode.window.showTextDocument(document);
    cursorAt(editor, 'a teacher from another school', 10);
    editor.revealRange(new vscode.Range(editor.selection.active.translate(-6), editor.selection.active), vscode.TextEditorRevealType.AtTop);
    await new Promise((r) => setTimeout(r, 800));
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 1200));
    await screenshot('media/screenshot-editor.png');
  });

  it('the Evidence sidebar with the tally, coverage and matrix', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const document = await vscode.workspace.openTextDocument(workspaceUri('samples', 'report-excerpt.md'));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.view.extension.evidence');
    await vscode.commands.executeCommand('evidenceTagger.matrix.focus');
    await vscode.commands.executeCommand('evidenceTagger.tally.focus');
    await new Promise((r) => setTimeout(r, 2500));
    await screenshot('media/screenshot-sidebar.png');
  });
});
