// Codebook refactorings in the real extension host: F2 on a tag id renames it in every document and in the
// codebook file; Merge and Delete Tag from the command (as the Tally view's context menu calls them); each
// goes through VS Code's refactor preview.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, cursorAt, eventually, EXTENSION_ID, openDocument, workspaceUri } from './helpers';

const codebookUri = () => workspaceUri('evidence-codebook.json');
const write = (path: string, text: string) => vscode.workspace.fs.writeFile(workspaceUri(path), new TextEncoder().encode(text));
/** Applies what the refactor preview holds, as its Apply button does, once it is showing. */
const applyPreview = (done: () => Promise<void>) =>
  eventually(async () => {
    await vscode.commands.executeCommand('refactorPreview.apply');
    await done();
  }, 20000);

/** Saves everything, then waits until the codebook is reloaded (no unknown tags left) and the index is current. */
async function settle(): Promise<void> {
  await vscode.workspace.saveAll();
  await eventually(() => {
    for (const path of ['refactor/a.md', 'refactor/b.md']) assert.deepEqual(vscode.languages.getDiagnostics(workspaceUri(path)).map((d) => d.message), [], path);
  }, 20000);
  await eventually(async () => assert.ok((await vscode.commands.executeCommand<{ done: boolean }>('evidenceTagger._rescanForTest')).done), 20000);
}

const CODEBOOK = {
  name: 'Themes',
  dimensions: [{ id: 'theme', label: 'Theme', tags: [{ id: 'trust', label: 'Trust', definition: 'Trust.', aliases: ['faith'] }, { id: 'care', label: 'Care', definition: 'Care.' }, { id: 'doubt', label: 'Doubt', definition: 'Doubt.' }] }],
};

describe('tag refactorings', function () {
  this.timeout(60000);
  before(async () => {
    await write('evidence-codebook.json', '{\n  // the team codebook\n' + JSON.stringify(CODEBOOK, null, 2).slice(2));
    await write('refactor/b.md', 'Also [y]{theme=faith note="n"} and [w]{theme=doubt}.\n');
    const editor = await openDocument('refactor/a.md', 'A [x]{theme=trust} and [z]{theme="trust care"}.\n');
    await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, cursorAt(editor, 'x]'));
      assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join(' '), /Trust/);
    }, 20000);
    await eventually(async () => assert.ok((await vscode.commands.executeCommand<{ done: boolean }>('evidenceTagger._rescanForTest')).done), 20000);
  });
  after(async () => {
    await closeAll();
    await vscode.workspace.fs.delete(codebookUri()).then(undefined, () => undefined);
    // The tests after these expect the built-in codebook again: wait until it is back in force.
    // (No diagnostics would prove nothing: under the test's codebook `evidence` is no dimension at all.)
    const probe = await openDocument('refactor/probe.md', '[x]{evidence=research}\n');
    await eventually(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', probe.document.uri, cursorAt(probe, 'x]'));
      assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join(' '), /Research evidence/);
    }, 20000);
    await closeAll();
  });

  it('F2 on a tag id renames it everywhere (aliases too) and in the codebook, which keeps its comment and the old id as an alias', async () => {
    const editor = await openDocument('refactor/a.md', 'A [x]{theme=trust} and [z]{theme="trust care"}.\n');
    const position = cursorAt(editor, 'trust}', 2);
    const prepared = await vscode.commands.executeCommand<{ range: vscode.Range; placeholder: string }>('vscode.prepareRename', editor.document.uri, position);
    assert.equal(prepared.placeholder, 'trust');
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', editor.document.uri, position, 'confidence');
    const applying = vscode.workspace.applyEdit(edit);
    await applyPreview(async () => assert.equal(editor.document.getText(), 'A [x]{theme=confidence} and [z]{theme="confidence care"}.\n'));
    await applying;
    const b = await vscode.workspace.openTextDocument(workspaceUri('refactor/b.md'));
    assert.equal(b.getText(), 'Also [y]{theme=confidence note="n"} and [w]{theme=doubt}.\n');
    const codebook = (await vscode.workspace.openTextDocument(codebookUri())).getText();
    assert.ok(codebook.includes('// the team codebook'));
    assert.match(codebook, /"id": "confidence"[\s\S]*"aliases": \[\s*"faith",\s*"trust"\s*\]/);
  });

  it('Merge Tag and Delete Tag (as the Tally context menu runs them) change documents and codebook through the preview', async () => {
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string }[];
    for (const id of ['renameTag', 'mergeTag', 'moveTag', 'splitTag', 'deleteTag']) assert.ok(menus.some((m) => m.command === `evidenceTagger.${id}`), id);
    await settle();
    const editor = await openDocument('refactor/a.md', 'A [x]{theme=confidence} and [z]{theme="confidence care"}.\n');
    const merging = vscode.commands.executeCommand('evidenceTagger.mergeTag', { kind: 'tag', dimension: 'theme', tag: 'care' }, 'confidence');
    await applyPreview(async () => assert.equal(editor.document.getText(), 'A [x]{theme=confidence} and [z]{theme=confidence}.\n'));
    await merging;
    await settle();
    const deleting = vscode.commands.executeCommand('evidenceTagger.deleteTag', { kind: 'tag', dimension: 'theme', tag: 'doubt' });
    await applyPreview(async () => assert.equal((await vscode.workspace.openTextDocument(workspaceUri('refactor/b.md'))).getText(), 'Also [y]{theme=confidence note="n"} and w.\n'));
    await deleting;
    const codebook = JSON.parse((await vscode.workspace.openTextDocument(codebookUri())).getText().replace(/^\s*\/\/.*$/m, ''));
    assert.deepEqual(codebook.dimensions[0].tags.map((t: { id: string }) => t.id), ['confidence']);
  });

  it('Split Tag moves the ticked passages to a new sub-tag; the Tally view nests it and rolls its count up', async () => {
    await settle();
    const editor = await openDocument('refactor/a.md', 'A [x]{theme=confidence} and [z]{theme=confidence}.\n');
    const z = editor.document.getText().indexOf('z]');
    const splitting = vscode.commands.executeCommand('evidenceTagger.splitTag', { kind: 'tag', dimension: 'theme', tag: 'confidence' }, { to: 'self-trust', asSubTag: true, passages: [{ uri: editor.document.uri.toString(), contentStart: z }] });
    await applyPreview(async () => assert.equal(editor.document.getText(), 'A [x]{theme=confidence} and [z]{theme=self-trust}.\n'));
    await splitting;
    assert.equal((await vscode.workspace.openTextDocument(workspaceUri('refactor/b.md'))).getText(), 'Also [y]{theme=confidence note="n"} and w.\n', 'passages not ticked keep their tag');
    const codebook = JSON.parse((await vscode.workspace.openTextDocument(codebookUri())).getText().replace(/^\s*\/\/.*$/m, ''));
    assert.deepEqual(codebook.dimensions[0].tags.map((t: { id: string; parent?: string }) => [t.id, t.parent]), [['confidence', undefined], ['self-trust', 'confidence']]);
    await settle();
    type Snapshot = { label: string; description?: string; children?: Snapshot[] };
    await eventually(async () => {
      const tree = await vscode.commands.executeCommand<Snapshot[]>('evidenceTagger._tallyTreeForTest');
      const theme = tree.find((n) => n.label === 'Theme')!;
      // (Another suite's document also carries theme=trust: counts are checked against the tree itself.)
      assert.deepEqual(theme.children!.map((n) => n.label), ['Trust'], 'only the top-level tag at the top');
      const under = theme.children![0].children!;
      assert.equal(under[0].label, 'Trust (self-trust)', 'a renamed tag keeps its label');
      assert.match(under[0].description!, /^1 · /);
      const files = under.slice(1);
      assert.ok(['refactor/a.md', 'refactor/b.md'].every((f) => files.some((n) => n.label === f && n.description === '1')), 'files of the passages tagged with the parent itself');
      const direct = files.reduce((sum, n) => sum + Number(n.description), 0);
      assert.equal(Number(/^\d+/.exec(theme.children![0].description!)![0]), direct + 1, "the parent's count includes its sub-tag's passage");
    }, 20000);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, cursorAt(editor, 'self-trust}', 2));
    assert.match(hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join(' '), /Sub-tag of:\* Trust/);
  });
});
