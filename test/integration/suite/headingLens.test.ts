// The CodeLens over each heading: the section's tally as its title; a click goes to the section's passage;
// the setting evidenceTagger.codeLens.enabled turns it off.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, openDocument } from './helpers';

const TEXT = '# Findings\n\n[Alpha]{evidence=research use=embedded} text.\n\n## Detail\n\n[Beta]{evidence=practice} more.\n\n# Untagged\n\nNothing here.\n';

describe('heading CodeLens', function () {
  this.timeout(30000);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('evidenceTagger').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  const lenses = async (uri: vscode.Uri) => ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? []).filter((lens) => lens.command?.command === 'evidenceTagger.showSectionPassages');

  it('shows each section’s passages, coverage and top tags; a click goes to its passage', async () => {
    // Findings: prose 8 + 11 + 6 + 10 = 35, tagged Alpha 5 + Beta 4 = 9 (26%); Detail: 6 + 10, tagged 4 (25%).
    const editor = await openDocument('sections.md', TEXT);
    const found = await lenses(editor.document.uri);
    assert.deepEqual(found.map((lens) => [lens.range.start.line, lens.command!.title]), [
      [0, '2 passages · 26% tagged · research 1, practice 1, embedded 1'],
      [4, '1 passage · 25% tagged · practice 1'],
      [8, '0 passages · 0% tagged'],
    ]);
    await vscode.commands.executeCommand(found[1].command!.command, ...found[1].command!.arguments!);
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document.getText(active.selection), '[Beta]{evidence=practice}');
  });

  it('the setting turns it off', async () => {
    await vscode.workspace.getConfiguration('evidenceTagger').update('codeLens.enabled', false, vscode.ConfigurationTarget.Workspace);
    const editor = await openDocument('sections.md', TEXT);
    assert.deepEqual(await lenses(editor.document.uri), []);
  });
});
