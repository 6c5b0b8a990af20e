import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { closeAll, openDocument, workspaceUri } from './helpers';

describe('export and import commands', () => {
  afterEach(closeAll);

  it('Export… writes CSV, JSON, HTML and a .qdpx from the workspace documents', async () => {
    await openDocument('export-me.md', 'A [finding]{evidence=research use=embedded note="=cmd"} here.\n');
    for (const format of ['csv', 'json', 'html', 'qdpx', 'qdc'] as const) {
      const uri = workspaceUri(`out/evidence.${format}`);
      await vscode.commands.executeCommand('evidenceTagger.export', { format, uri, bom: format === 'csv' });
      const bytes = await vscode.workspace.fs.readFile(uri);
      assert.ok(bytes.length > 100, `${format} written`);
      const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
      if (format === 'csv') {
        assert.ok(text.startsWith('\ufefffile,line,column'));
        assert.ok(text.includes(`export-me.md,1,3,span,evidence,research,Research evidence,'=cmd,finding`));
      }
      if (format === 'json') assert.ok(JSON.parse(text).files.some((f: { file: string }) => f.file === 'export-me.md'));
      if (format === 'html') assert.match(text, /<svg /);
      if (format === 'qdpx') assert.deepEqual([...bytes.slice(0, 2)], [0x50, 0x4b]);
    }
  });

  it('Import Codebook… turns a .qdc into evidence-codebook.json and the tags follow', async () => {
    const qdc = workspaceUri('out/import.qdc');
    await vscode.workspace.fs.writeFile(
      qdc,
      new TextEncoder().encode('<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="Theme" isCodable="false"><Code guid="22222222-2222-2222-2222-222222222222" name="Trust" isCodable="true"><Description>About trust.</Description></Code></Code></Codes></CodeBook>'),
    );
    await vscode.commands.executeCommand('evidenceTagger.importCodebook', { source: qdc, overwrite: true });
    const codebook = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('evidence-codebook.json'))));
    assert.deepEqual(codebook.dimensions.map((d: { id: string; tags: { id: string }[] }) => [d.id, d.tags.map((t) => t.id)]), [['theme', ['trust']]]);
    await vscode.workspace.fs.delete(workspaceUri('evidence-codebook.json'));
  });

  it('Import Project… writes a .qdpx back as tagged documents, never replacing a file without being told', async () => {
    const original = 'A [finding]{evidence=research use=embedded note="from the project"} here, [another]{evidence=practice} there.\n';
    await openDocument('project-source.md', original);
    const project = workspaceUri('out/project.qdpx');
    await vscode.commands.executeCommand('evidenceTagger.export', { format: 'qdpx', uri: project });
    const folder = workspaceUri('imported');
    try {
      type Result = { written: vscode.Uri[]; codebookFile?: vscode.Uri; report: { sources: { path: string; passages: number }[]; dropped: string[] } };
      const first = await vscode.commands.executeCommand<Result>('evidenceTagger.importProject', { source: project, folder });
      assert.ok(first?.codebookFile, 'the project codebook is written beside the documents');
      const codebook = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(first.codebookFile)));
      assert.ok(codebook.dimensions.some((d: { id: string }) => d.id === 'evidence'));
      assert.ok(first.report.sources.some((s) => s.path === 'project-source.md' && s.passages === 2), JSON.stringify(first.report.sources));
      const target = vscode.Uri.joinPath(folder, 'project-source.md');
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), original);
      assert.ok(first.written.every((uri) => uri.path.startsWith(folder.path + '/')));

      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('my own edits\n'));
      const refused = await vscode.commands.executeCommand('evidenceTagger.importProject', { source: project, folder });
      assert.equal(refused, undefined);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), 'my own edits\n', 'not replaced without being told');
      const replaced = await vscode.commands.executeCommand<Result>('evidenceTagger.importProject', { source: project, folder, overwrite: true });
      assert.ok(replaced);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), original);

      const mapped = await vscode.commands.executeCommand<Result>('evidenceTagger.importProject', { source: project, folder: vscode.Uri.joinPath(folder, 'mapped'), useWorkspaceCodebook: true });
      assert.ok(mapped && mapped.report.sources.length > 0);
      assert.equal(mapped.codebookFile, undefined, 'mapped onto the codebook in force: no codebook written');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true, useTrash: false });
    }
  });
});
