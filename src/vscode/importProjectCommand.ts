// Evidence: Import Project… — a REFI-QDA project (.qdpx from NVivo, ATLAS.ti, MAXQDA, QualCoder) becomes tagged
// Markdown documents in a folder. Nothing is replaced without asking; the report lists everything approximated.
import * as vscode from 'vscode';
import { importProject, type Codebook, type ProjectImportReport } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { output } from './output';
import { readSettings } from './settings';

export interface ImportProjectArguments {
  source: vscode.Uri;
  folder: vscode.Uri;
  /** Map codes onto the codebook in force at the folder instead of writing the project's own. */
  useWorkspaceCodebook?: boolean;
  /** Replace existing files without asking. */
  overwrite?: boolean;
}

export interface ImportProjectResult {
  written: vscode.Uri[];
  codebookFile: vscode.Uri | undefined;
  report: ProjectImportReport;
}

export function registerImportProject(services: EvidenceServices): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.importProject, async (args?: ImportProjectArguments): Promise<ImportProjectResult | undefined> => {
    const source = args?.source ?? (await vscode.window.showOpenDialog({ title: 'Import Project: the REFI-QDA project (.qdpx)', canSelectMany: false, filters: { 'REFI-QDA project': ['qdpx'] } }))?.[0];
    if (!source) return undefined;
    const folder = args?.folder ?? (await pickFolder());
    if (!folder) return undefined;
    const inForce = services.codebooks.lookupFor(vscode.Uri.joinPath(folder, 'x.md')).codebook;
    const codebook = args ? (args.useWorkspaceCodebook ? inForce : undefined) : await pickCodebook(inForce);
    if (codebook === null) return undefined;

    const bytes = await vscode.workspace.fs.readFile(source);
    const name = source.path.split('/').pop() ?? 'project.qdpx';
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Importing ${name}…` }, async () => importProject(bytes, name, { codebook }));
    if (!result.ok) return void vscode.window.showErrorMessage(`Evidence Tagger: ${result.error}`);

    const codebookPath = readSettings().codebookPath;
    const files = result.documents.map((d) => ({ path: d.path, text: d.text }));
    if (result.codebookFromProject) files.push({ path: codebookPath, text: JSON.stringify(result.codebook, null, 2) + '\n' });
    const root = folder.path.replace(/\/+$/, '');
    const targets = files.map((f) => ({ ...f, uri: vscode.Uri.joinPath(folder, ...f.path.split('/')) }));
    const outside = targets.find((t) => !t.uri.path.startsWith(root + '/'));
    if (outside) return void vscode.window.showErrorMessage(`Evidence Tagger: refusing to write ${outside.path}: it would land outside ${vscode.workspace.asRelativePath(folder)}.`);
    const existing = [];
    for (const t of targets) if (await exists(t.uri)) existing.push(t.path);
    if (existing.length && !args?.overwrite) {
      if (args) return void vscode.window.showErrorMessage(`Evidence Tagger: ${existing.length} files already exist; nothing imported.`);
      const list = existing.slice(0, 8).join('\n') + (existing.length > 8 ? `\n… and ${existing.length - 8} more` : '');
      const answer = await vscode.window.showWarningMessage(`${existing.length} file${existing.length === 1 ? '' : 's'} already exist in ${vscode.workspace.asRelativePath(folder)}. Replace them with the imported ones?`, { modal: true, detail: list }, 'Replace');
      if (answer !== 'Replace') return undefined;
    }
    for (const t of targets) await vscode.workspace.fs.writeFile(t.uri, new TextEncoder().encode(t.text));

    const codebookFile = result.codebookFromProject ? targets[targets.length - 1].uri : undefined;
    const report = reportText(name, folder, result.report, result.codebook, codebookFile);
    output().appendLine(report);
    const passages = result.report.sources.reduce((n, s) => n + s.passages, 0);
    const issues = result.report.approximations.length + result.report.dropped.length + result.report.skipped.length;
    if (!args) {
      const summary = `Imported ${result.report.sources.length} document${result.report.sources.length === 1 ? '' : 's'} with ${passages} passages${issues ? `; ${issues} things to review` : ''}.`;
      const show = await vscode.window.showInformationMessage(summary, 'Show Report');
      if (show) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: report }));
    }
    return { written: targets.map((t) => t.uri), codebookFile, report: result.report };
  });
}

async function pickFolder(): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title: 'Import Project: the folder for the documents', canSelectFiles: false, canSelectFolders: true, canSelectMany: false, defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri, openLabel: 'Import Here' });
  return picked?.[0];
}

/** The project's own codebook (undefined) or the one in force (mapped by id, alias or label); null when cancelled. */
async function pickCodebook(inForce: Codebook): Promise<Codebook | undefined | null> {
  const own = { label: '$(file-code) The project’s own codebook', detail: 'Its codes become dimensions and tags, written beside the documents.', codebook: undefined };
  const mapped = { label: `$(symbol-class) ${inForce.name}`, detail: 'The codebook in force here: codes are matched to its tags by id, alias or label; codes with no match are reported.', codebook: inForce };
  const choice = await vscode.window.showQuickPick([own, mapped], { title: 'Import Project: which codebook should the passages use?' });
  return choice ? choice.codebook : null;
}

const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);

function reportText(name: string, folder: vscode.Uri, report: ProjectImportReport, codebook: Codebook, codebookFile: vscode.Uri | undefined): string {
  const lines = [`# Import of ${name}`, '', `Into \`${vscode.workspace.asRelativePath(folder)}\`, ${new Date().toLocaleString()}.`, ''];
  lines.push(codebookFile ? `Codebook: the project's own, written to \`${vscode.workspace.asRelativePath(codebookFile)}\` (${codebook.dimensions.map((d) => `${d.label}: ${d.tags.length} tags`).join(', ')}). It is in force for documents of a workspace folder whose codebook file it is.` : `Codebook: codes mapped onto “${codebook.name}”.`, '');
  lines.push('| Document | Passages | Selections | Source |', '|---|---:|---:|---|');
  for (const s of report.sources) lines.push(`| ${cell(s.path)} | ${s.passages} | ${s.selections} | ${cell(s.name)} |`);
  const section = (title: string, why: string, items: string[]) => items.length && lines.push('', `## ${title} (${items.length})`, '', why, '', ...items.map((i) => `- ${i}`));
  section('Approximated', 'Codings that could not be written exactly as coded: overlapping codings split into pieces that share a `passage` key, codings across paragraph breaks widened to whole paragraphs.', report.approximations);
  section('Not written', 'Codings that no passage holds: check them in the original project.', report.dropped);
  section('Skipped sources', 'Sources that are not text.', report.skipped);
  section('Codebook notes', 'How the project’s codes became dimensions and tags.', report.codebook);
  if (lines.length && !report.approximations.length && !report.dropped.length && !report.skipped.length) lines.push('', 'Every coding was written exactly as coded.');
  return lines.join('\n') + '\n';
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
