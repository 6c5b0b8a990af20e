import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, decorations, eventually, openDocument } from './helpers';

describe('highlighting', () => {
  afterEach(closeAll);

  it('tints passages by evidence tag, marks use, dims markup', async () => {
    await openDocument('decorations.md', 'Intro.\n\n[Data]{evidence=sector-data use=instrumental} and more.\n\n::: {evidence=research}\nBlock text.\n:::\n');
    const shown = await eventually(async () => {
      const d = await decorations();
      assert.ok(Object.keys(d).length > 0, 'decorations applied');
      return d;
    });
    assert.deepEqual(shown['evidence|inline|theme|evidenceTagger.evidence.sectorData'], [[2, 1, 2, 5]]);
    assert.deepEqual(shown['use|inline|theme|evidenceTagger.use.instrumental'], [[2, 1, 2, 5]]);
    assert.deepEqual(shown['evidence|block|theme|evidenceTagger.evidence.research'], [[5, 0, 5, 11]]);
    assert.deepEqual(shown.markup, [[2, 0, 2, 1], [2, 5, 2, 45], [4, 0, 5, 0], [5, 11, 6, 3]]);
  });

  it('follows edits as the user types', async () => {
    const editor = await openDocument('typing.md', 'Some text here.\n');
    await eventually(async () => assert.deepEqual(await decorations(), {}));
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '['));
    await editor.edit((b) => b.insert(new vscode.Position(0, 10), ']{evidence=practice}'));
    await eventually(async () => assert.deepEqual((await decorations())['evidence|inline|theme|evidenceTagger.evidence.practice'], [[0, 1, 0, 10]]));
  });
});
