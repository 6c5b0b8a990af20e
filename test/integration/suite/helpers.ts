// Shared steps for the extension tests: open a workspace document, wait for the extension, read state.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'evidence-tagger.evidence-tagger';

export function workspaceUri(...path: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests run in a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...path);
}

export async function activate(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed`);
  await extension.activate();
}

/** Opens a fresh untitled-like copy: writes `text` to `name` in the workspace and shows it. */
export async function openDocument(name: string, text: string): Promise<vscode.TextEditor> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.getText() !== text) {
    // A document left open by an earlier test: reset its content.
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.replace(new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), text));
    await document.save();
  }
  await activate();
  return vscode.window.showTextDocument(document);
}

export function select(editor: vscode.TextEditor, from: string, to?: string, occurrence = 0): void {
  const text = editor.document.getText();
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(from, start + 1);
  assert.ok(start !== -1, `"${from}" is in the document`);
  const end = to === undefined ? start + from.length : text.indexOf(to, start) + to.length;
  editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(end));
}

export function cursorAt(editor: vscode.TextEditor, marker: string, delta = 0): vscode.Position {
  const offset = editor.document.getText().indexOf(marker);
  assert.ok(offset !== -1, `"${marker}" is in the document`);
  const position = editor.document.positionAt(offset + delta);
  editor.selection = new vscode.Selection(position, position);
  return position;
}

/** Waits until `check` passes (or times out with its last error): views update asynchronously. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

export async function decorations(): Promise<Record<string, number[][]>> {
  return vscode.commands.executeCommand('evidenceTagger._decorationsForTest');
}

/** Asks the harness for a screenshot of the workbench; resolves once it is written. */
export async function screenshot(path: string): Promise<void> {
  const request = process.env.EVIDENCE_TAGGER_SCREENSHOT_REQUEST;
  if (!request) return;
  rmSync(`${request}.done`, { force: true });
  writeFileSync(request, JSON.stringify({ path }));
  await eventually(() => assert.ok(existsSync(`${request}.done`) && readFileSync(`${request}.done`, 'utf8') === path), 20000);
}

/**
 * Asks the harness to click an element inside a webview (found in whichever frame holds it). Returns false
 * where no harness drives the workbench (under @vscode/test-electron), so the caller can stop there.
 */
export async function clickInWebview(selector: string): Promise<boolean> {
  const request = process.env.EVIDENCE_TAGGER_SCREENSHOT_REQUEST;
  if (!request) return false;
  rmSync(`${request}.done`, { force: true });
  writeFileSync(request, JSON.stringify({ selector }));
  await eventually(() => assert.ok(existsSync(`${request}.done`)), 20000);
  assert.equal(readFileSync(`${request}.done`, 'utf8'), selector);
  return true;
}

export async function closeAll(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
