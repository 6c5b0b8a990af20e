import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, cursorAt, eventually, openDocument } from './helpers';

const hoverText = (hovers: vscode.Hover[]) => hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');

describe('hover, completion, diagnostics', () => {
  afterEach(closeAll);

  it('hover on a passage shows each tag with its definition, source and the note; level is a tag of its own', async () => {
    const editor = await openDocument('hover.md', 'A [finding]{evidence=research use=transparent level=organisational note="Seen in 2024"} here.\n');
    const position = cursorAt(editor, 'finding', 2);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position));
    assert.match(text, /Research evidence/);
    assert.match(text, /systematic reviews/);
    assert.match(text, /Transparent \(conceptual\) use/);
    assert.match(text, /without necessarily prompting/);
    assert.match(text, /Organisational \(meso\)/);
    assert.doesNotMatch(text, /Typical level/, 'the default codebook binds no use form to a level');
    assert.match(text, /Source:\* Morales/);
    assert.match(text, /Seen in 2024/);
  });

  it('hover on a tag id explains that tag only; none outside passages', async () => {
    const editor = await openDocument('hover-tag.md', 'Plain text. [x]{evidence=research use=embedded}\n');
    const onTag = cursorAt(editor, 'embedded', 2);
    const text = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, onTag));
    assert.match(text, /Embedded \(process\) use/);
    assert.doesNotMatch(text, /Research evidence/);
    const outside = cursorAt(editor, 'Plain', 1);
    const none = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, outside);
    assert.equal(hoverText(none).includes('Research'), false);
  });

  it('completes keys and then tag ids inside {…}', async () => {
    const editor = await openDocument('complete.md', 'A [finding]{ev\n\nB [other]{use=ins\n');
    const keys = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(0, 14));
    const keyLabels = keys.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(keyLabels.includes('evidence') && keyLabels.includes('use') && keyLabels.includes('note'), keyLabels.join());
    const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, 17));
    const instrumental = values.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'instrumental');
    assert.ok(instrumental, 'tag ids offered');
    const documentation = instrumental.documentation;
    assert.match(typeof documentation === 'string' ? documentation : documentation?.value ?? '', /applied directly to a particular decision/);
  });

  it('flags an unknown tag with a "did you mean" quick fix that repairs it', async () => {
    const editor = await openDocument('diagnostics.md', 'A [finding]{evidence=reserch} here.\n\n::: {use=embedded}\nnever closed\n');
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri);
      assert.equal(found.length, 2);
      return found;
    });
    const unknown = diagnostics.find((d) => d.code === 'unknown-tag')!;
    assert.match(unknown.message, /Did you mean "research"/);
    assert.deepEqual([unknown.range.start.character, unknown.range.end.character], [21, 28]);
    const unclosed = diagnostics.find((d) => d.code === 'unclosed-div')!;
    // Pandoc 3 reads an unclosed div to the end of the document: a warning, and still a passage.
    assert.equal(unclosed.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(unclosed.range.start.line, 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, unknown.range);
    const fix = actions.find((a) => a.title === 'Change to "research"');
    assert.ok(fix?.edit, 'quick fix offered');
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(editor.document.lineAt(0).text, 'A [finding]{evidence=research} here.');
    await eventually(() => assert.equal(vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.code === 'unknown-tag').length, 0));
  });
});
