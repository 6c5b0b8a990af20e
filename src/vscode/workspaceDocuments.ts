// Every evidence document in the workspace, read once for an export (open documents as currently edited).
import * as vscode from 'vscode';
import { parseDocument, type ExportDocument } from '../core';
import type { EvidenceServices } from './context';
import { readSettings } from './settings';

export async function readWorkspaceDocuments(services: EvidenceServices, token: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<ExportDocument[]> {
  const settings = readSettings();
  const uris = new Map<string, vscode.Uri>();
  for (const pattern of settings.files) for (const uri of await vscode.workspace.findFiles(pattern, undefined, undefined, token)) uris.set(uri.toString(), uri);
  const sorted = [...uris.values()].sort((a, b) => vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  const documents: ExportDocument[] = [];
  for (const [index, uri] of sorted.entries()) {
    if (token.isCancellationRequested) break;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    if (open) text = open.getText();
    else {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > settings.maxFileSize) continue;
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    }
    documents.push({ file: vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1), parsed: parseDocument(text, services.codebooks.lookupFor(uri)) });
    progress?.(index + 1, sorted.length);
  }
  return documents;
}
