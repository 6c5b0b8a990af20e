// Team coding in the real extension host: a temporary git repository inside the workspace with a second
// coder's branch, compared through the built-in git extension; the Agreement view lists the figures and the
// disagreements, and a click opens the diff editor at the place. Also another folder, and the tally's change.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activate, closeAll, workspaceUri } from './helpers';

const BASE = 'Teachers read the research summary. They looked at attendance data.\n\nA paragraph about coaching.\n';
const CODER_A = '[Teachers read the research summary.]{evidence=research} They looked at attendance data.\n\n[A paragraph about coaching.]{evidence=practice}\n';
const CODER_B = '[Teachers read the research summary.]{evidence=research} [They looked at attendance data.]{evidence=sector-data}\n\n[A paragraph about coaching.]{evidence=pedagogical}\n';

describe('team coding', function () {
  this.timeout(60000);
  const team = workspaceUri('team');
  const copy = workspaceUri('team-copy');
  const write = (uri: vscode.Uri, text: string) => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Coder', '-c', 'user.email=coder@example.org', '-c', 'init.defaultBranch=main', ...args], { cwd: team.fsPath, encoding: 'utf8' });

  before(async () => {
    await activate();
    await write(vscode.Uri.joinPath(team, 'interview.md'), BASE);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    git('checkout', '-qb', 'coder-b');
    await write(vscode.Uri.joinPath(team, 'interview.md'), CODER_B);
    git('commit', '-qam', 'coder B');
    git('checkout', '-q', 'main');
    await write(vscode.Uri.joinPath(team, 'interview.md'), CODER_A);
  });

  after(async () => {
    await closeAll();
    for (const folder of [team, copy]) await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('Compare Coding With… a branch: figures per tag, disagreements, and the diff editor at the place', async () => {
    type Result = { characters: number; overall: { percentage: number }; disagreements: { file: string; dimension: string; tagsA: string[]; tagsB: string[] }[] };
    const result = await vscode.commands.executeCommand<Result>('evidenceTagger.compareCoding', { revision: 'coder-b', repository: team });
    assert.ok(result, 'compared');
    assert.deepEqual(result.disagreements.map((d) => [d.file, d.dimension, d.tagsA, d.tagsB]), [
      ['team/interview.md', 'evidence', ['sector-data'], []],
      ['team/interview.md', 'evidence', ['pedagogical'], ['practice']],
    ]);
    type Node = { label: string; description?: string; command?: unknown[]; children: Node[] };
    const tree = await vscode.commands.executeCommand<Node[]>('evidenceTagger._agreementTreeForTest');
    assert.equal(tree[0].label, 'Overall');
    const evidence = tree.find((n) => n.label === 'evidence')!;
    assert.match(evidence.children.find((n) => n.label === 'research')!.description!, /^A 1 · B 1 · 100% · κ 1\.00 · α 1\.00$/);
    const disagreements = tree.find((n) => n.label === 'Disagreements')!;
    assert.equal(disagreements.description, '2');
    assert.match(disagreements.children[1].label, /evidence: pedagogical ≠ practice/);

    await vscode.commands.executeCommand('evidenceTagger.openComparedPlace', ...disagreements.children[1].command!);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor');
    assert.equal(tab.input.original.scheme, 'git');
    assert.equal(tab.input.modified.toString(), vscode.Uri.joinPath(team, 'interview.md').toString());
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), 'A paragraph about coaching.');
  });

  it('Compare Coding With… another folder: documents matched by path', async () => {
    await write(vscode.Uri.joinPath(copy, 'team', 'interview.md'), CODER_A);
    type Result = { overall: { percentage: number; kappa: number }; files: number };
    const result = await vscode.commands.executeCommand<Result>('evidenceTagger.compareCoding', { folder: copy });
    assert.equal(result?.files, 1);
    assert.equal(result.overall.percentage, 1);
    assert.equal(result.overall.kappa, 1);
  });

  it('Compare Tally With… a branch: the change in counts and coverage', async () => {
    const result = await vscode.commands.executeCommand<{ summary: string }>('evidenceTagger.compareTally', { revision: 'coder-b', repository: team });
    assert.equal(result?.summary.replace(/coverage \d+% → \d+%/, 'coverage'), 'Since coder-b: -1 sector-data, -1 pedagogical, +1 practice, coverage');
  });
});
