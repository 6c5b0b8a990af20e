// Evidence: Export… — pick a format, a file, and write every workspace document's passages to it.
import * as vscode from 'vscode';
import { exportAnnotatedHtml, exportCsv, exportHtml, exportJson, exportQdc, exportQdpx, relativeHref, type ExportInput } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { readWorkspaceDocuments } from './workspaceDocuments';

type Format = 'csv' | 'json' | 'qdc' | 'qdpx' | 'html' | 'annotated-html';

const FORMATS: { format: Format; label: string; detail: string; extension: string }[] = [
  { format: 'csv', label: 'CSV', detail: 'One row per passage and tag, for Excel, R or pandas', extension: 'csv' },
  { format: 'json', label: 'JSON', detail: 'Passages, codebook, tally and coverage', extension: 'json' },
  { format: 'qdpx', label: 'REFI-QDA project (.qdpx)', detail: 'Documents and coded passages for NVivo, ATLAS.ti, MAXQDA, QualCoder', extension: 'qdpx' },
  { format: 'qdc', label: 'REFI-QDA codebook (.qdc)', detail: 'The codebook alone, for other QDA tools', extension: 'qdc' },
  { format: 'html', label: 'HTML report', detail: 'Tally, heatmap, coverage and passages in one printable page', extension: 'html' },
  { format: 'annotated-html', label: 'Annotated documents (HTML)', detail: 'The documents themselves, passages highlighted, tags and notes on hover, a legend: for colleagues without VS Code', extension: 'html' },
];

export interface ExportArguments {
  format: Format;
  uri: vscode.Uri;
  /** CSV only: start with a byte order mark so Excel reads UTF-8. */
  bom?: boolean;
}

export function registerExport(services: EvidenceServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.export, async (args?: ExportArguments) => {
    const choice = args ? FORMATS.find((f) => f.format === args.format) : await vscode.window.showQuickPick(FORMATS, { title: 'Export', placeHolder: 'Export the tagged passages of the workspace as…', matchOnDetail: true });
    if (!choice) return;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const bom = args?.bom ?? (choice.format === 'csv' && !args ? (await vscode.window.showQuickPick(['Plain UTF-8', 'UTF-8 with BOM (for Excel)'], { title: 'CSV encoding' })) === 'UTF-8 with BOM (for Excel)' : false);
    const uri =
      args?.uri ??
      (await vscode.window.showSaveDialog({
        title: `Export as ${choice.label}`,
        defaultUri: folder && vscode.Uri.joinPath(folder, choice.format === 'annotated-html' ? 'evidence-annotated.html' : `evidence.${choice.extension}`),
        filters: { [choice.label]: [choice.extension] },
      }));
    if (!uri) return;
    const written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Exporting ${choice.label}`, cancellable: true }, async (progress, token) => {
      const documents = choice.format === 'qdc' ? [] : await readWorkspaceDocuments(services, token, (done, total) => progress.report({ message: `${done} of ${total} documents`, increment: 100 / total }));
      if (token.isCancellationRequested) return undefined;
      const codebook = services.codebooks.lookupFor(folder ?? uri).codebook;
      const input: ExportInput = { documents, codebook, projectName: vscode.workspace.name };
      const content =
        choice.format === 'csv' ? exportCsv(input, { bom })
        : choice.format === 'json' ? exportJson(input)
        : choice.format === 'qdc' ? exportQdc(codebook)
        : choice.format === 'qdpx' ? exportQdpx(input)
        : choice.format === 'annotated-html' ? exportAnnotatedHtml(input)
        : exportHtml(input, { linkTo: (file, line) => fileLink(file, line) });
      await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
      return documents;
    });
    if (!written) return;
    const passages = written.reduce((n, d) => n + d.parsed.passages.length, 0);
    const message = choice.format === 'qdc' ? `Exported the codebook to ${vscode.workspace.asRelativePath(uri)}.` : `Exported ${passages} passages from ${written.length} documents to ${vscode.workspace.asRelativePath(uri)}.`;
    if (args) return;
    const reveal = await vscode.window.showInformationMessage(message, 'Reveal');
    if (reveal) await vscode.commands.executeCommand('revealFileInOS', uri);
  });
}

/** In the report, a link that opens the document at the line in VS Code (desktop), else the file itself. */
function fileLink(file: string, line: number): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder || folder.scheme !== 'file') return relativeHref(file);
  const path = vscode.Uri.joinPath(folder, file).path.split('/').map((segment) => encodeURIComponent(segment)).join('/');
  return `vscode://file${path}:${line}`;
}
