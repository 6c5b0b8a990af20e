import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { clickInWebview, closeAll, eventually, openDocument, workspaceUri } from './helpers';

interface Snapshot {
  label: string;
  description?: string;
  command?: { command: string; arguments?: unknown[] };
  children?: Snapshot[];
}
const tally = () => vscode.commands.executeCommand<Snapshot[]>('evidenceTagger._tallyTreeForTest');
const coverage = () => vscode.commands.executeCommand<{ description?: string; items: Snapshot[] }>('evidenceTagger._coverageTreeForTest');
const find = (items: Snapshot[] | undefined, label: string) => items?.find((i) => i.label === label);
const write = (name: string, text: string) => vscode.workspace.fs.writeFile(workspaceUri(name), new TextEncoder().encode(text));

describe('sidebar views', function () {
  this.timeout(40000);
  before(async () => {
    await write('views/alpha.md', '[Alpha finding]{evidence=research use=embedded}\n\nUntagged alpha paragraph.\n');
    await write('views/beta.md', '[Beta one]{evidence=research use=instrumental} and [beta two]{evidence=practice use=embedded}\n');
    await vscode.commands.executeCommand('evidenceTagger.showTally');
    await eventually(async () => assert.ok((await vscode.commands.executeCommand<{ done: boolean }>('evidenceTagger._indexStatsForTest')).done), 20000);
    await eventually(async () => assert.ok(find(find(await tally(), 'Type of evidence')?.children, 'Research evidence')?.children?.some((f) => f.label.endsWith('views/beta.md'))), 20000);
  });
  after(closeAll);

  it('Tally: dimension → tag with count and share → file → passage; a click reveals the passage', async () => {
    const tree = await tally();
    const evidence = find(tree, 'Type of evidence')!;
    const research = find(evidence.children, 'Research evidence')!;
    assert.match(research.description!, /^\d+ · \d+%$/);
    // Research passages of the other workspace documents are there too: count the ones in views/.
    assert.deepEqual(research.children!.filter((f) => f.label.startsWith('views/')).map((f) => [f.label, f.description]), [['views/alpha.md', '1'], ['views/beta.md', '1']]);
    const alpha = research.children!.find((c) => c.label.endsWith('alpha.md'))!;
    assert.equal(alpha.description, '1');
    const passage = alpha.children![0];
    assert.equal(passage.label, 'Alpha finding');
    assert.equal(passage.description, 'line 1');
    await vscode.commands.executeCommand(passage.command!.command, ...(passage.command!.arguments ?? []));
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.uri.path.endsWith('views/alpha.md'));
    assert.equal(editor.document.getText(editor.selection), 'Alpha finding');
  });

  it('Tally: group by file, and the current file only', async () => {
    await vscode.commands.executeCommand('evidenceTagger.tally.groupByFile');
    const byFile = await tally();
    const beta = byFile.find((f) => f.label.endsWith('beta.md'))!;
    assert.equal(beta.description, '2');
    assert.deepEqual(beta.children!.map((t) => `${t.label} ${t.description}`).sort(), ['Form of evidence use: Embedded (process) use 1', 'Form of evidence use: Instrumental use 1', 'Type of evidence: Practice-informed advice 1', 'Type of evidence: Research evidence 1']);
    await vscode.commands.executeCommand('evidenceTagger.tally.groupByTag');
    await vscode.window.showTextDocument(workspaceUri('views/beta.md'));
    await vscode.commands.executeCommand('evidenceTagger.tally.showCurrentFile');
    const research = find(find(await tally(), 'Type of evidence')!.children, 'Research evidence')!;
    assert.equal(research.description, '1 · 50%');
    await vscode.commands.executeCommand('evidenceTagger.tally.showWorkspace');
  });

  it('updates live after an edit, and after files are created, renamed and deleted', async () => {
    const count = async () => find(find(await tally(), 'Type of evidence')?.children, 'Practice-informed advice')?.description ?? '';
    const before = Number((await count()).split(' ')[0]);
    const editor = await openDocument('views/gamma.md', 'Some text.\n');
    await eventually(async () => assert.ok((await tally()).length));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '[Typed]{evidence=practice} '));
    await eventually(async () => assert.equal(Number((await count()).split(' ')[0]), before + 1));
    await editor.document.save();
    await closeAll();

    await write('views/delta.md', '[New file]{evidence=practice}\n');
    await eventually(async () => assert.equal(Number((await count()).split(' ')[0]), before + 2));
    const renamed = new vscode.WorkspaceEdit();
    renamed.renameFile(workspaceUri('views/delta.md'), workspaceUri('views/epsilon.md'));
    await vscode.workspace.applyEdit(renamed);
    await eventually(async () => {
      const practice = find(find(await tally(), 'Type of evidence')!.children, 'Practice-informed advice')!;
      assert.ok(practice.children!.some((f) => f.label.endsWith('epsilon.md')));
      assert.ok(!practice.children!.some((f) => f.label.endsWith('delta.md')));
    });
    // File watchers coalesce events: a file created and deleted within the same burst reports nothing.
    await new Promise((r) => setTimeout(r, 1000));
    await vscode.workspace.fs.delete(workspaceUri('views/epsilon.md'));
    await eventually(async () => {
      const practice = find(find(await tally(), 'Type of evidence')!.children, 'Practice-informed advice')!;
      assert.deepEqual(practice.children!.filter((f) => f.label.startsWith('views/')).map((f) => f.label).sort(), ['views/beta.md', 'views/gamma.md']);
      assert.equal(Number(practice.description!.split(' ')[0]), before + 1);
    });
  });

  it('Coverage: files from least to most covered, untagged paragraphs reveal on click, workspace total', async () => {
    const { description, items } = await coverage();
    assert.match(description!, /^\d+% of the workspace$/);
    const coverages = items.map((i) => Number(i.description!.split('%')[0]));
    assert.deepEqual(coverages, [...coverages].sort((a, b) => a - b));
    const alpha = items.find((i) => i.label.endsWith('views/alpha.md'))!;
    assert.match(alpha.description!, /^\d+% · 1 untagged$/);
    const paragraph = alpha.children![0];
    assert.equal(paragraph.label, 'Untagged alpha paragraph.');
    await vscode.commands.executeCommand(paragraph.command!.command, ...(paragraph.command!.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor!.selection.active.line, 2);
  });

  it('Matrix: counts evidence × use; a click in the webview comes back as a message listing the cell', async () => {
    await vscode.commands.executeCommand('evidenceTagger.matrix.focus');
    const matrix = await eventually(async () => {
      const state = await vscode.commands.executeCommand<{ sent?: { rows: { id: string }[]; columns: { id: string }[]; counts: number[][] }; received: { type: string; row?: string; column?: string }[] }>('evidenceTagger._matrixForTest');
      assert.ok(state.sent && state.received.some((m) => m.type === 'ready'));
      return state;
    }, 20000);
    const cell = (r: string, c: string) => matrix.sent!.counts[matrix.sent!.rows.findIndex((x) => x.id === r)][matrix.sent!.columns.findIndex((x) => x.id === c)];
    assert.ok(cell('research', 'embedded') >= 1);
    assert.ok(cell('research', 'instrumental') >= 1);
    if (!(await clickInWebview('button[data-row="research"][data-column="instrumental"]'))) return;
    await eventually(async () => {
      const state = await vscode.commands.executeCommand<{ received: { type: string; row?: string; column?: string }[] }>('evidenceTagger._matrixForTest');
      assert.ok(state.received.some((m) => m.type === 'cell' && m.row === 'research' && m.column === 'instrumental'));
    });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});

describe('the index scan survives any file', function () {
  this.timeout(60000);
  after(closeAll);

  it('a file of 1,500 nested quotes and a 2 MB one-paragraph transcript of unclosed brackets do not stop the scan', async () => {
    await write('hostile/deep-quotes.md', '> '.repeat(1500) + '[deep]{evidence=research}\n');
    await write('hostile/brackets.txt', 'R: we saw the [inaudible part and [sic the data [pause\n'.repeat(40_000));
    await write('hostile/zz-after.md', '[After the hostile files]{evidence=practice use=embedded}\n');
    await vscode.commands.executeCommand('evidenceTagger._rescanForTest');
    await eventually(async () => {
      const practice = find(find(await tally(), 'Type of evidence')?.children, 'Practice-informed advice');
      assert.ok(practice?.children?.some((f) => f.label === 'hostile/zz-after.md'), 'the file after them is indexed');
    }, 30000);
    const covered = (await coverage()).items.map((i) => i.label);
    assert.ok(covered.includes('hostile/deep-quotes.md') && covered.includes('hostile/brackets.txt'), 'the hostile files are indexed too');
  });
});
