import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, cursorAt, eventually, openDocument, workspaceUri } from './helpers';

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');

describe('codebook file', () => {
  const uri = () => workspaceUri('evidence-codebook.json');
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(uri()).then(undefined, () => undefined);
  });

  it('Open Codebook creates evidence-codebook.json from the built-in codebook', async () => {
    await vscode.workspace.fs.delete(uri()).then(undefined, () => undefined);
    await openDocument('codebook-user.md', 'A [x]{evidence=research}.\n');
    await vscode.commands.executeCommand('evidenceTagger.openCodebook');
    const active = vscode.window.activeTextEditor;
    assert.equal(active?.document.uri.toString(), uri().toString());
    const json = JSON.parse(active!.document.getText());
    assert.deepEqual(json.dimensions.map((d: { id: string }) => d.id), ['evidence', 'use', 'level']);
  });

  it('shows errors in the file at their place, keeps the last valid codebook, reloads on save', async () => {
    const custom = { name: 'Mine', dimensions: [{ id: 'theme', label: 'Theme', tags: [{ id: 'trust', label: 'Trust between peers', definition: 'Passages about trust.' }] }] };
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(JSON.stringify(custom, null, 2)));
    const editor = await openDocument('codebook-custom.md', 'A [x]{theme=trust} here.\n');
    const hoverAt = async () => hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, cursorAt(editor, 'x]')));
    await eventually(async () => assert.match(await hoverAt(), /Trust between peers/));

    // Break the file: an id that is not an identifier.
    const broken = JSON.stringify({ ...custom, dimensions: [{ ...custom.dimensions[0], tags: [{ ...custom.dimensions[0].tags[0], id: '9trust' }] }] }, null, 2);
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(broken));
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(uri());
      assert.equal(found.length, 1);
      return found;
    });
    const line = broken.split('\n').findIndex((l) => l.includes('"9trust"'));
    assert.equal(diagnostics[0].range.start.line, line);
    assert.match(diagnostics[0].message, /must start with a letter/);
    // The last valid codebook is still in force.
    assert.match(await hoverAt(), /Trust between peers/);

    // Fix it with a new label: reloaded.
    const fixed = JSON.stringify({ ...custom, dimensions: [{ ...custom.dimensions[0], tags: [{ ...custom.dimensions[0].tags[0], label: 'Trust (renamed)' }] }] }, null, 2);
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(fixed));
    await eventually(async () => assert.match(await hoverAt(), /Trust \(renamed\)/));
    await eventually(() => assert.equal(vscode.languages.getDiagnostics(uri()).length, 0));
  });
});
