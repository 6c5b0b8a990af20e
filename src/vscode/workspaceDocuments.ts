// Every evidence document in the workspace, read once for an export (open documents as currently edited).
import * as vscode from 'vscode';
import { parseSafely, type ExportDocument } from '../core';
import type { EvidenceServices } from './context';
import { documentLabel, findEvidenceFiles, readDocumentText } from './documentSource';
import { readSettings } from './settings';

export async function readWorkspaceDocuments(services: EvidenceServices, token: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<ExportDocument[]> {
  const settings = readSettings();
  const uris = await findEvidenceFiles(settings, token);
  const sorted = uris.map((uri) => ({ uri, label: documentLabel(uri) })).sort((a, b) => a.label.localeCompare(b.label));
  const documents: ExportDocument[] = [];
  for (const [index, { uri, label }] of sorted.entries()) {
    if (token.isCancellationRequested) break;
    const text = await readDocumentText(uri, settings.maxFileSize);
    if (text !== undefined) documents.push({ file: label, parsed: parseSafely(text, services.codebooks.lookupFor(uri)) });
    progress?.(index + 1, sorted.length);
  }
  return documents;
}
