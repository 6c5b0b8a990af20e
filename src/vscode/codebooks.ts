// The codebook in force for each workspace folder: its evidence-codebook.json when valid, else the last
// valid one, else the built-in codebook. Errors in the file are shown as diagnostics at their place.
import * as vscode from 'vscode';
import { CodebookLookup, DEFAULT_CODEBOOK, loadCodebook, type CodebookError } from '../core';
import { readSettings } from './settings';

const BUILT_IN = new CodebookLookup(DEFAULT_CODEBOOK);

export class Codebooks implements vscode.Disposable {
  private readonly byFolder = new Map<string, CodebookLookup>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('evidence-codebook');
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watchers: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  private codebookPath = readSettings().codebookPath;

  constructor() {
    this.disposables.push(
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reloadAll()),
      // Errors show while typing; the codebook itself changes when the file is saved.
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (this.isCodebookFile(event.document.uri)) this.showErrors(event.document.uri, loadErrors(event.document.getText()));
      }),
    );
  }

  /** Loads every folder's codebook; resolves when done. */
  async reloadAll(): Promise<void> {
    this.codebookPath = readSettings().codebookPath;
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [];
    this.byFolder.clear();
    this.diagnostics.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, this.codebookPath));
      const reload = () => void this.reloadFolder(folder).then(() => this.changed.fire());
      watcher.onDidCreate(reload);
      watcher.onDidChange(reload);
      watcher.onDidDelete(reload);
      this.watchers.push(watcher, vscode.workspace.onDidSaveTextDocument((document) => this.isCodebookFileOf(folder, document.uri) && reload()));
      await this.reloadFolder(folder);
    }
    this.changed.fire();
  }

  codebookUri(folder: vscode.WorkspaceFolder): vscode.Uri {
    return vscode.Uri.joinPath(folder.uri, this.codebookPath);
  }

  private isCodebookFile(uri: vscode.Uri): boolean {
    return (vscode.workspace.workspaceFolders ?? []).some((folder) => this.isCodebookFileOf(folder, uri));
  }

  private isCodebookFileOf(folder: vscode.WorkspaceFolder, uri: vscode.Uri): boolean {
    return this.codebookUri(folder).toString() === uri.toString();
  }

  private async reloadFolder(folder: vscode.WorkspaceFolder): Promise<void> {
    const uri = this.codebookUri(folder);
    let text: string;
    try {
      text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.byFolder.delete(folder.uri.toString());
      this.diagnostics.delete(uri);
      return;
    }
    const result = loadCodebook(text);
    if (result.ok) {
      this.byFolder.set(folder.uri.toString(), new CodebookLookup(result.codebook));
      this.diagnostics.delete(uri);
    } else {
      // Keep the last valid codebook (or the built-in one) until the file is fixed.
      this.showErrors(uri, result.errors);
    }
  }

  private showErrors(uri: vscode.Uri, errors: CodebookError[]): void {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    this.diagnostics.set(
      uri,
      errors.map((error) => {
        const start = new vscode.Position(error.line, error.character);
        const end = document ? document.positionAt(error.offset + error.length) : start.translate(0, error.length);
        const diagnostic = new vscode.Diagnostic(new vscode.Range(start, end), `Codebook: ${error.message}`, vscode.DiagnosticSeverity.Error);
        diagnostic.source = 'Evidence Tagger';
        return diagnostic;
      }),
    );
  }

  /** The codebook in force for a document. */
  lookupFor(uri: vscode.Uri): CodebookLookup {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return (folder && this.byFolder.get(folder.uri.toString())) ?? BUILT_IN;
  }

  dispose(): void {
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}

function loadErrors(text: string): CodebookError[] {
  const result = loadCodebook(text);
  return result.ok ? [] : result.errors;
}
