// Finding and reading the workspace's evidence documents: one way for the index, the exports and the views.
import * as vscode from 'vscode';
import type { Settings } from './settings';

/** Every document the file globs match, in one search (each search is a ripgrep run); files.exclude applies. */
export async function findEvidenceFiles(settings: Settings, token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const patterns = settings.files;
  if (patterns.length === 0) return [];
  const glob = patterns.length === 1 ? patterns[0] : `{${patterns.join(',')}}`;
  return vscode.workspace.findFiles(glob, undefined, undefined, token);
}

/** The path shown for a document: relative to the workspace, with the folder name in multi-root workspaces. */
export function documentLabel(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

/**
 * Reads a file: straight from disk when the extension host runs in Node and the file is local (reading
 * through vscode.workspace.fs costs a round trip to the workbench per file), else through workspace.fs,
 * which serves virtual workspaces too.
 */
export async function readBytes(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme === 'file' && typeof process !== 'undefined' && process.versions?.node) {
    const { readFile } = await import('node:fs/promises');
    return readFile(uri.fsPath);
  }
  return vscode.workspace.fs.readFile(uri);
}

/**
 * A document's text: the editor's when it is open, else from disk. Undefined when it is larger than the
 * size limit (then `onTooLarge` is called), looks binary, or cannot be read.
 */
export async function readDocumentText(uri: vscode.Uri, maxFileSize: number, onTooLarge?: () => void): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText().length > maxFileSize ? undefined : open.getText();
  try {
    const bytes = await readBytes(uri);
    if (bytes.length > maxFileSize) {
      onTooLarge?.();
      return undefined;
    }
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    return new TextDecoder().decode(bytes);
  } catch {
    return undefined;
  }
}
