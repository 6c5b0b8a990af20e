import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, openDocument } from './helpers';

describe('status bar coverage', () => {
  afterEach(closeAll);

  it('Show Coverage lists the untagged paragraphs and picking one goes there', async () => {
    const editor = await openDocument('coverage.md', '[Tagged]{evidence=research} paragraph.\n\nUntagged paragraph.\n');
    const done = vscode.commands.executeCommand('evidenceTagger.showCoverage');
    await new Promise((r) => setTimeout(r, 400));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await done;
    assert.equal(editor.selection.active.line, 2);
  });
});
