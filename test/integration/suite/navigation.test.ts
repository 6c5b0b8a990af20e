import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, openDocument } from './helpers';

const DOC = 'Untagged one.\n\n[First]{evidence=research} passage.\n\nUntagged two.\n\n::: {use=embedded}\nSecond passage.\n:::\n';

describe('navigation', () => {
  afterEach(closeAll);

  it('Next and Previous Tagged Passage move the cursor, wrapping around', async () => {
    const editor = await openDocument('navigate.md', DOC);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await vscode.commands.executeCommand('evidenceTagger.nextPassage');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [2, 1]);
    await vscode.commands.executeCommand('evidenceTagger.nextPassage');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [7, 0]);
    await vscode.commands.executeCommand('evidenceTagger.nextPassage');
    assert.equal(editor.selection.active.line, 2);
    await vscode.commands.executeCommand('evidenceTagger.previousPassage');
    assert.equal(editor.selection.active.line, 7);
  });

  it('Next Untagged Paragraph skips tagged ones', async () => {
    const editor = await openDocument('untagged.md', DOC);
    editor.selection = new vscode.Selection(0, 3, 0, 3);
    await vscode.commands.executeCommand('evidenceTagger.nextUntaggedParagraph');
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [4, 0]);
  });
});
