import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, cursorAt, openDocument, select } from './helpers';

const DOC = 'First paragraph with a key finding here.\n\nSecond paragraph.\nStill second.\n\nThird one.\n';

describe('tagging commands', () => {
  afterEach(closeAll);

  it('Tag Selection wraps a stretch of a paragraph in a span, as one undo step', async () => {
    const editor = await openDocument('tag-span.md', DOC);
    select(editor, 'a key finding');
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', { tags: { evidence: ['research'], use: ['transparent'] } });
    assert.equal(editor.document.getText(), DOC.replace('a key finding', '[a key finding]{evidence=research use=transparent}'));
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), DOC);
  });

  it('Tag Selection wraps whole paragraphs in a fenced div', async () => {
    const editor = await openDocument('tag-div.md', DOC);
    select(editor, 'Second paragraph.', 'Third one.');
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', { tags: { evidence: ['practice', 'research'] }, note: 'two "quoted" words' });
    assert.equal(
      editor.document.getText(),
      'First paragraph with a key finding here.\n\n::: {evidence="practice research" note="two \\"quoted\\" words"}\nSecond paragraph.\nStill second.\n\nThird one.\n:::\n',
    );
  });

  it('tags several selections at once', async () => {
    const editor = await openDocument('tag-multi.md', DOC);
    const text = editor.document.getText();
    const range = (s: string) => new vscode.Range(editor.document.positionAt(text.indexOf(s)), editor.document.positionAt(text.indexOf(s) + s.length));
    editor.selections = [new vscode.Selection(range('First').start, range('First').end), new vscode.Selection(range('Third').start, range('Third').end)];
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', { tags: { use: ['embedded'] } });
    assert.equal(editor.document.getText(), DOC.replace('First', '[First]{use=embedded}').replace('Third', '[Third]{use=embedded}'));
  });

  it('refuses a selection that cuts across a passage, and changes nothing', async () => {
    const tagged = 'Some [tagged words]{evidence=research} and more.\n';
    const editor = await openDocument('tag-cut.md', tagged);
    select(editor, 'words]{evidence=research} and');
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', { tags: { evidence: ['practice'] } });
    assert.equal(editor.document.getText(), tagged);
  });

  it('refuses a span across a paragraph break', async () => {
    const editor = await openDocument('tag-break.md', DOC);
    select(editor, 'key finding', 'Second');
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', { tags: { evidence: ['practice'] } });
    assert.equal(editor.document.getText(), DOC);
  });

  it('Tag Selection asks one quick pick per dimension when called without arguments', async () => {
    const editor = await openDocument('tag-picker.md', DOC);
    select(editor, 'key finding');
    const done = vscode.commands.executeCommand('evidenceTagger.tagSelection');
    // Dimension 1 (evidence, multi-select): type a tag's name, Enter. Then skip use and level ("No tag").
    for (const value of ['Research evidence', 'No tag', 'No tag']) {
      await pause(400);
      await vscode.commands.executeCommand('evidenceTagger._quickPickForTest', { value });
      await pause(100);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    await done;
    assert.match(editor.document.getText(), /\[key finding\]\{evidence=research\}/);
  });

  it('Retag Passage replaces the tags and keeps other attributes and the note', async () => {
    const editor = await openDocument('retag.md', 'A [finding]{#f1 .key evidence=research use=transparent note="keep me" owner=ana} here.\n');
    cursorAt(editor, 'finding', 2);
    await vscode.commands.executeCommand('evidenceTagger.retagPassage', { tags: { evidence: ['sector-data'], use: ['instrumental'] } });
    assert.equal(editor.document.getText(), 'A [finding]{#f1 .key owner=ana evidence=sector-data use=instrumental note="keep me"} here.\n');
  });

  it('Add Note sets, then clears, the note', async () => {
    const editor = await openDocument('note.md', 'A [finding]{evidence=research} here.\n');
    cursorAt(editor, 'finding');
    await vscode.commands.executeCommand('evidenceTagger.addNote', 'Check the source');
    assert.equal(editor.document.getText(), 'A [finding]{evidence=research note="Check the source"} here.\n');
    await vscode.commands.executeCommand('evidenceTagger.addNote', '');
    assert.equal(editor.document.getText(), 'A [finding]{evidence=research} here.\n');
  });

  it('Remove Tags deletes only the markup, innermost passage first, undoable', async () => {
    const original = '::: {evidence=research}\nOuter [inner words]{use=embedded} text.\n:::\n';
    const editor = await openDocument('untag.md', original);
    cursorAt(editor, 'inner');
    await vscode.commands.executeCommand('evidenceTagger.removeTags');
    assert.equal(editor.document.getText(), '::: {evidence=research}\nOuter inner words text.\n:::\n');
    cursorAt(editor, 'Outer');
    await vscode.commands.executeCommand('evidenceTagger.removeTags');
    assert.equal(editor.document.getText(), 'Outer inner words text.\n');
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), original);
  });
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('tagging never corrupts text', () => {
  afterEach(closeAll);
  const tags = { tags: { evidence: ['research'] } };

  it('refuses selections inside code, a link address, a comment or math, and with an unmatched bracket; the text is unchanged', async () => {
    const text = 'Run `git log [x]` now. See [the site](http://example.org/page). A <!-- hidden --> note. Math $a+b$. As noted [1 here.\n';
    const editor = await openDocument('tag-unsafe.md', text);
    for (const selected of ['git log', 'example', 'hidden', 'a+b', 'noted [1']) {
      select(editor, selected);
      await vscode.commands.executeCommand('evidenceTagger.tagSelection', tags);
      assert.equal(editor.document.getText(), text, `${selected}: nothing written`);
    }
  });

  it('Remove Tags after Tag Selection gives back the exact text, CRLF and emoji included', async () => {
    const text = 'Línea uno 😀 con [corchetes] y \\[escapes\\].\r\n\r\nOtra línea.\r\n';
    const editor = await openDocument('tag-roundtrip.md', text);
    select(editor, 'uno 😀 con [corchetes] y \\[escapes\\]');
    await vscode.commands.executeCommand('evidenceTagger.tagSelection', tags);
    assert.notEqual(editor.document.getText(), text, 'tagged');
    assert.match(editor.document.getText(), /\[uno 😀 con \[corchetes\] y \\\[escapes\\\]\]\{evidence=research\}/);
    editor.selection = new vscode.Selection(cursorAt(editor, 'corchetes'), cursorAt(editor, 'corchetes'));
    await vscode.commands.executeCommand('evidenceTagger.removeTags');
    assert.equal(editor.document.getText(), text);
  });
});
