// The Matrix view: a heatmap of type of evidence × form of use (like Table 1 of the review), live.
// Clicking a cell lists its passages. Strict Content Security Policy, local scripts only, theme colours.
import * as vscode from 'vscode';
import { rangeIn } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { excerptsOf } from './documentTexts';
import type { IndexService } from './indexService';

export const MATRIX_VIEW = 'evidenceTagger.matrix';

interface MatrixData {
  title: string;
  hint: string;
  /** depth: sub-tags follow their parent, indented; a parent's cells count its sub-tags' passages too. */
  rows: { id: string; label: string; depth: number }[];
  columns: { id: string; label: string; depth: number }[];
  counts: number[][];
}

type FromWebview = { type: 'ready' } | { type: 'cell'; row: string; column: string };

class MatrixView implements vscode.WebviewViewProvider {
  private view: vscode.WebviewView | undefined;
  /** What was last sent and received, for the integration tests. */
  lastSent: MatrixData | undefined;
  readonly received: FromWebview[] = [];

  constructor(private readonly extensionUri: vscode.Uri, private readonly services: EvidenceServices, private readonly indexer: IndexService) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media', 'matrix');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const asset = (name: string) => view.webview.asWebviewUri(vscode.Uri.joinPath(media, name));
    view.webview.html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${view.webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${asset('matrix.css')}" rel="stylesheet">
</head><body><div id="matrix"></div><p class="hint" id="hint"></p>
<script nonce="${nonce}" src="${asset('matrix.js')}"></script></body></html>`;
    view.webview.onDidReceiveMessage((message: FromWebview) => this.receive(message));
    view.onDidChangeVisibility(() => view.visible && this.update());
  }

  private codebookLookup() {
    const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/');
    return this.services.codebooks.lookupFor(uri);
  }

  data(): MatrixData {
    const codebook = this.codebookLookup().codebook;
    const matrix = this.indexer.index.matrix(codebook);
    const passages = this.indexer.index.passageCount;
    return {
      title: 'Passages by type of evidence (rows) and form of use (columns)',
      hint: passages ? `${passages} passages in the workspace. Click a cell to list its passages.` : 'No tagged passages yet.',
      rows: matrix.rows,
      columns: matrix.columns,
      counts: matrix.counts,
    };
  }

  update(): void {
    if (!this.view?.visible) return;
    this.lastSent = this.data();
    void this.view.webview.postMessage({ type: 'update', data: this.lastSent });
  }

  private async receive(message: FromWebview): Promise<void> {
    this.received.push(message);
    if (message.type === 'ready') return this.update();
    if (message.type !== 'cell') return;
    const lookup = this.codebookLookup();
    const perDocument = await Promise.all(
      this.indexer.index.all().map(async (document) => {
        // As the cell counts them: a passage with a sub-tag belongs to its parent's row and column too.
        const passages = document.passages.filter((p) => {
          const tags = lookup.rollUp(p.tags);
          return tags.evidence?.includes(message.row) && tags.use?.includes(message.column);
        });
        if (passages.length === 0) return [];
        const excerpts = await excerptsOf(document, passages.map((p) => ({ start: p.contentStart, end: p.contentEnd })));
        return passages.map((p, i) => {
          const range = rangeIn(document, p.contentStart, p.contentEnd);
          return { label: excerpts[i], description: `${document.label}:${range.line + 1}`, target: { uri: document.key, ...range } };
        });
      }),
    );
    const items = perDocument.flat();
    const title = `${lookup.tag('evidence', message.row)?.label ?? message.row} × ${lookup.tag('use', message.column)?.label ?? message.column}: ${items.length} passages`;
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'Pick a passage to reveal it', matchOnDescription: true });
    if (picked) await vscode.commands.executeCommand(COMMANDS.reveal, picked.target);
  }
}

export function registerMatrixView(context: vscode.ExtensionContext, services: EvidenceServices, indexer: IndexService): vscode.Disposable {
  const provider = new MatrixView(context.extensionUri, services, indexer);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => (timer ??= setTimeout(() => ((timer = undefined), provider.update()), 30));
  return vscode.Disposable.from(
    vscode.window.registerWebviewViewProvider(MATRIX_VIEW, provider),
    { dispose: () => timer && clearTimeout(timer) },
    indexer.index.onDidChange(later),
    services.codebooks.onDidChange(later),
    vscode.commands.registerCommand(COMMANDS.matrixForTest, () => ({ sent: provider.lastSent, received: provider.received, data: provider.data() })),
  );
}
