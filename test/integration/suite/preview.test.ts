// VS Code's own Markdown preview renders through our markdown-it plugin: the markdown extension's render
// API (the one its preview uses) shows passages as elements with their labels, hides the markup, and the
// setting turns it off.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { activate, closeAll, openDocument } from './helpers';

const TEXT = 'Intro [a finding]{evidence=research use=embedded note="from the 2019 review"} here.\n\n::: {evidence=practice}\nA whole paragraph.\n:::\n\n`[code]{evidence=research}` stays code.\n';

describe('Markdown preview', function () {
  this.timeout(30000);
  afterEach(async () => {
    await vscode.workspace.getConfiguration('evidenceTagger').update('preview.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAll();
  });

  it('renders passages with their tags and labels, without their markup', async () => {
    await activate();
    const editor = await openDocument('preview-me.md', TEXT);
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', editor.document);
    assert.match(html, /<span data-et="0" class="evidence-passage evidence-span" title="Type of evidence: Research evidence&#10;Form of evidence use: Embedded \(process\) use&#10;Note: from the 2019 review"[^>]*data-evidence="research" data-use="embedded">a finding<\/span>/);
    assert.match(html, /<div class="evidence-passage evidence-div[^"]*"[^>]*data-evidence="practice"[^>]*>\s*<p[^>]*>A whole paragraph\.<\/p>\s*<\/div>\n/);
    assert.doesNotMatch(html, /\]\{evidence=research use|::: \{/);
    assert.match(html, /<code>\[code\]\{evidence=research\}<\/code>/);
  });

  it('the setting evidenceTagger.preview.enabled turns it off', async () => {
    await vscode.workspace.getConfiguration('evidenceTagger').update('preview.enabled', false, vscode.ConfigurationTarget.Workspace);
    const html = await vscode.commands.executeCommand<string>('markdown.api.render', TEXT);
    assert.doesNotMatch(html, /evidence-passage/);
    assert.match(html, /\[a finding\]\{evidence=research/);
  });
});
