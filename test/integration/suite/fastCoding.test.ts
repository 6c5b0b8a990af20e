// Fast coding in the real extension host: typed filter + Enter in the picks, Tag Selection Again and recent
// sets, Add to Selection from the Tally view, the suggestion lightbulb, the Coverage view's hints, Tag All
// Occurrences through VS Code's refactor preview, and a codebook from a preset.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, cursorAt, eventually, openDocument, select, workspaceUri, EXTENSION_ID } from './helpers';

interface PickState {
  title: string;
  items: string[];
  active: string[];
}
const pick = (input?: { value?: string; accept?: boolean }) => vscode.commands.executeCommand<PickState | undefined>('evidenceTagger._quickPickForTest', input);
/** Waits for the next pick whose title matches, types `value` and presses Enter; returns what the pick showed. */
async function answer(title: RegExp, value: string): Promise<PickState> {
  const state = await eventually(async () => {
    const open = await pick();
    assert.ok(open && title.test(open.title), `a pick titled ${title} (open: ${open?.title})`);
    return open;
  }, 10000);
  await pick({ value });
  await new Promise((r) => setTimeout(r, 100)); // the filter runs before Enter, as when typing
  await pick({ accept: true });
  return state;
}

const DOC = 'Mentors visit the new teachers each week and share advice.\n\nTeachers kept attendance registers and the EMIS data on enrolment rates.\n\nThe ministry looked at attendance registers again.\n';

describe('fast coding', function () {
  this.timeout(60000);
  afterEach(closeAll);

  it('picks: a typed filter and Enter take the highlighted tag, titles show the tags so far, "No tag" skips', async () => {
    const editor = await openDocument('fast/picks.md', DOC);
    select(editor, 'Mentors visit the new teachers');
    const running = vscode.commands.executeCommand('evidenceTagger.tagSelection');
    const first = await answer(/Tag Selection \(1\/3\): Type of evidence$/, 'practice');
    assert.ok(first.items.some((i) => /Practice-informed advice \| practice · suggested — cue: 'mentoring'$/.test(i)), `the suggested tag is marked: ${first.items.join('; ')}`);
    assert.match(first.items.find((i) => !i.startsWith('recent') && !i.startsWith('$(history)') && i !== ' | ' && !i.startsWith('Type'))!, /lightbulb/, 'suggested tags come first');
    const second = await answer(/\(2\/3\): Form of evidence use — so far: practice$/, 'instrumental');
    assert.ok(second.items.length > 3);
    await answer(/\(3\/3\): Level of use — so far: practice · instrumental$/, 'No tag');
    await running;
    assert.equal(editor.document.getText(), DOC.replace('Mentors visit the new teachers', '[Mentors visit the new teachers]{evidence=practice use=instrumental}'));
  });

  it('picks: a Tag Selection that ends with no tag changes nothing', async () => {
    const editor = await openDocument('fast/none.md', DOC);
    select(editor, 'share advice');
    const running = vscode.commands.executeCommand('evidenceTagger.tagSelection');
    await answer(/\(1\/3\)/, 'No tag');
    await answer(/\(2\/3\)/, 'No tag');
    await answer(/\(3\/3\)/, 'No tag');
    await running;
    assert.equal(editor.document.getText(), DOC);
  });

  it('Tag Selection Again repeats the last tag set; Tag Selection offers recent sets first, one Enter each', async () => {
    const editor = await openDocument('fast/again.md', DOC);
    select(editor, 'share advice');
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', { tags: { evidence: ['practice'], use: ['embedded'], level: ['individual'] } });
    select(editor, 'attendance registers');
    await vscode.commands.executeCommand('evidenceTagger.tagSelectionAgain');
    assert.match(editor.document.getText(), /\[attendance registers\]\{evidence=practice use=embedded level=individual\} and/);
    select(editor, 'The ministry looked');
    const running = vscode.commands.executeCommand('evidenceTagger.tagSelection');
    const first = await answer(/\(1\/3\)/, '');
    assert.equal(first.items[0], 'recent tag sets | ');
    assert.match(first.items[1], /^\$\(history\) practice · embedded · individual \| Practice-informed advice, Embedded \(process\) use, Individual \(micro\)$/);
    await running;
    assert.match(editor.document.getText(), /\[The ministry looked\]\{evidence=practice use=embedded level=individual\}/);
    const keybindings = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.keybindings as { command: string; key: string }[];
    assert.equal(keybindings.find((k) => k.command === 'evidenceTagger.tagSelectionAgain')?.key, 'ctrl+alt+e a');
  });

  it('Tally view: "Add to Selection" tags the selection in one click, and adds to a passage keeping the dimension\'s other tags', async () => {
    const editor = await openDocument('fast/sidebar.md', DOC);
    const menus = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.menus['view/item/context'] as { command: string; when: string; group: string }[];
    assert.ok(menus.some((m) => m.command === 'evidenceTagger.addTagToSelection' && m.group === 'inline' && /viewItem == tag/.test(m.when)));
    select(editor, 'EMIS data');
    await vscode.commands.executeCommand('evidenceTagger.addTagToSelection', { kind: 'tag', dimension: 'evidence', tag: 'sector-data' });
    assert.match(editor.document.getText(), /\[EMIS data\]\{evidence=sector-data\}/);
    cursorAt(editor, 'EMIS', 1);
    await vscode.commands.executeCommand('evidenceTagger.addTagToSelection', { kind: 'tag', dimension: 'evidence', tag: 'research' });
    await vscode.commands.executeCommand('evidenceTagger.addTagToSelection', { kind: 'tag', dimension: 'use', tag: 'instrumental' });
    assert.match(editor.document.getText(), /\[EMIS data\]\{evidence="sector-data research" use=instrumental\}/);
  });

  it('lightbulb: an untagged paragraph offers its suggested tags; choosing one tags the paragraph', async () => {
    const editor = await openDocument('fast/lightbulb.md', DOC);
    const line = 2;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(line, 3, line, 3), undefined, 10);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Tag as Sector-generated data (suggested)'), titles.join('; '));
    const chosen = actions.find((a) => a.title === 'Tag as Sector-generated data (suggested)')!;
    assert.ok(chosen.edit, 'resolved with an edit');
    assert.equal(editor.document.getText(), DOC, 'nothing changes until chosen');
    await vscode.workspace.applyEdit(chosen.edit!);
    assert.match(editor.document.getText(), /::: \{evidence=sector-data\}\nTeachers kept attendance registers and the EMIS data on enrolment rates.\n:::/);
    const none = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, new vscode.Range(4, 0, 4, 0));
    assert.ok(!none.some((a) => /suggested/.test(a.title)) || none.every((a) => !/Sector/.test(a.title)), 'a paragraph just tagged is no longer offered');
  });

  it('Coverage view: untagged paragraphs show their top suggestion', async () => {
    await openDocument('fast/coverage.md', DOC);
    await eventually(async () => {
      const tree = await vscode.commands.executeCommand<{ items: { label: string; children?: { label: string; description?: string }[] }[] }>('evidenceTagger._coverageTreeForTest');
      const file = tree.items.find((i) => i.label === 'fast/coverage.md');
      assert.ok(file?.children, 'the file is listed');
      assert.match(file.children.find((c) => c.label.startsWith('Teachers kept'))!.description!, /^line 3 · suggested: Sector-generated data$/);
      assert.match(file.children.find((c) => c.label.startsWith('Mentors'))!.description!, /suggested: Practice-informed advice/);
    }, 20000);
  });

  it('Tag All Occurrences: every match in the workspace, through the refactor preview, one undo', async () => {
    // A phrase only these two documents hold: the documents earlier tests changed stay out of the edit.
    const ALL = DOC.replace(/attendance registers/g, 'roll books');
    const a = await openDocument('fast/all-a.md', ALL);
    await vscode.workspace.fs.writeFile(workspaceUri('fast/all-b.md'), new TextEncoder().encode('More Roll Books here; `roll books` in code.\n'));
    // Tag All reads the workspace's documents from the index: wait until it lists both (new files arrive through a watcher).
    await eventually(async () => {
      const tree = await vscode.commands.executeCommand<{ items: { label: string }[] }>('evidenceTagger._coverageTreeForTest');
      for (const file of ['fast/all-a.md', 'fast/all-b.md']) assert.ok(tree.items.some((i) => i.label === file), file);
    }, 20000);
    const running = vscode.commands.executeCommand('evidenceTagger.tagAllOccurrences', { query: 'roll books', tags: { evidence: ['sector-data'] } });
    // The refactor preview holds the edit until it is applied, as a user would with its Apply button.
    await eventually(async () => {
      await vscode.commands.executeCommand('refactorPreview.focus');
      await vscode.commands.executeCommand('refactorPreview.apply');
      assert.match(a.document.getText(), /\[roll books\]\{evidence=sector-data\} and/);
    }, 20000);
    await running;
    assert.equal((a.document.getText().match(/\]\{evidence=sector-data\}/g) ?? []).length, 2);
    const b = await vscode.workspace.openTextDocument(workspaceUri('fast/all-b.md'));
    assert.equal(b.getText(), 'More [Roll Books]{evidence=sector-data} here; `roll books` in code.\n');
    await vscode.window.showTextDocument(a.document);
    await vscode.commands.executeCommand('undo');
    assert.equal(a.document.getText(), ALL, 'one undo takes the whole edit back');
  });

  it('New Codebook From Preset writes a codebook with the community type of evidence', async () => {
    const folder = workspaceUri('fast/preset');
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.commands.executeCommand('evidenceTagger.newCodebookFromPreset', 'clles-community', folder, true);
    const written = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'evidence-codebook.json'))));
    assert.deepEqual(written.dimensions[0].tags.map((t: { id: string }) => t.id), ['research', 'sector-data', 'pedagogical', 'practice', 'community']);
    assert.match(vscode.window.activeTextEditor!.document.uri.path, /fast\/preset\/evidence-codebook\.json$/);
  });
});
