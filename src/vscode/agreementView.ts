// The Agreement view: the last comparison's figures per dimension and tag, then every disagreement and every
// place the texts differ; a click opens VS Code's diff editor on the two versions at that place.
import * as vscode from 'vscode';
import type { CodingComparison, DimensionAgreement, Disagreement, Figures, ParsedDocument, TagAgreement } from '../core';
import { COMMANDS } from './context';

/** One document of a comparison: the two versions as the diff editor shows them (A left, B right). */
export interface ComparedDocument {
  file: string;
  left: vscode.Uri;
  right: vscode.Uri;
  a: ParsedDocument;
  b: ParsedDocument;
}

export interface Comparison {
  /** "main ↔ working tree". */
  title: string;
  result: CodingComparison;
  documents: ComparedDocument[];
}

type Node =
  | { kind: 'overall' }
  | { kind: 'dimension'; dimension: DimensionAgreement }
  | { kind: 'tag'; tag: TagAgreement }
  | { kind: 'disagreements' }
  | { kind: 'disagreement'; disagreement: Disagreement }
  | { kind: 'textDifferences' }
  | { kind: 'textDifference'; index: number };

const share = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);
const coefficient = (v: number | null) => (v === null ? '—' : v.toFixed(2));
const figures = (f: Figures) => `${share(f.percentage)} · κ ${coefficient(f.kappa)} · α ${coefficient(f.alpha)}`;
const FIGURES_TOOLTIP = "Agreement: share of prose characters both versions code alike. κ: Cohen's kappa over characters. α: Krippendorff's unitized alpha. — where undefined (nothing coded).";
const tags = (list: string[]) => (list.length ? list.join(' + ') : '(none)');

export class AgreementTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  comparison: Comparison | undefined;

  show(comparison: Comparison): void {
    this.comparison = comparison;
    void vscode.commands.executeCommand('setContext', 'evidenceTagger.hasComparison', true);
    this.changed.fire();
  }

  getChildren(node?: Node): Node[] {
    const result = this.comparison?.result;
    if (!result) return [];
    if (!node) {
      const out: Node[] = [{ kind: 'overall' }, ...result.dimensions.map((dimension) => ({ kind: 'dimension' as const, dimension })), { kind: 'disagreements' }];
      if (result.textDifferences.length) out.push({ kind: 'textDifferences' });
      return out;
    }
    if (node.kind === 'dimension') return node.dimension.tags.map((tag) => ({ kind: 'tag', tag }));
    if (node.kind === 'disagreements') return result.disagreements.map((disagreement) => ({ kind: 'disagreement', disagreement }));
    if (node.kind === 'textDifferences') return result.textDifferences.map((_, index) => ({ kind: 'textDifference', index }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const { result, documents } = this.comparison!;
    const none = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'overall': {
        const item = new vscode.TreeItem('Overall', none);
        item.description = figures(result.overall);
        item.tooltip = `${this.comparison!.title}: ${result.characters.toLocaleString()} characters of prose in ${result.files} document${result.files === 1 ? '' : 's'}.\n${FIGURES_TOOLTIP}`;
        item.iconPath = new vscode.ThemeIcon('pulse');
        return item;
      }
      case 'dimension': {
        const item = new vscode.TreeItem(node.dimension.dimension, vscode.TreeItemCollapsibleState.Expanded);
        item.description = figures(node.dimension);
        item.tooltip = FIGURES_TOOLTIP;
        item.iconPath = new vscode.ThemeIcon('symbol-class');
        return item;
      }
      case 'tag': {
        const t = node.tag;
        const item = new vscode.TreeItem(t.tag, none);
        item.description = `A ${t.passagesA} · B ${t.passagesB} · ${figures(t)}`;
        item.tooltip = `${t.dimension}=${t.tag}: ${t.passagesA} passages (${t.charactersA} characters) in A, ${t.passagesB} (${t.charactersB}) in B, ${t.both} characters coded by both.\n${FIGURES_TOOLTIP}`;
        item.iconPath = new vscode.ThemeIcon(t.kappa !== null && t.kappa >= 0.8 ? 'pass' : t.kappa !== null && t.kappa >= 0.6 ? 'circle-large-outline' : 'warning');
        return item;
      }
      case 'disagreements': {
        const count = result.disagreements.length;
        const item = new vscode.TreeItem(count ? `Disagreements` : 'No disagreements', count ? vscode.TreeItemCollapsibleState.Expanded : none);
        item.description = count ? String(count) : undefined;
        item.iconPath = new vscode.ThemeIcon(count ? 'diff' : 'check-all');
        return item;
      }
      case 'disagreement': {
        const d = node.disagreement;
        const document = documents.find((doc) => doc.file === d.file)!;
        const at = document.b.lines.positionAt(d.b.start);
        const item = new vscode.TreeItem(`${d.dimension}: ${tags(d.tagsA)} ≠ ${tags(d.tagsB)}`, none);
        item.description = `${d.file}:${at.line + 1} · ${d.text}`;
        item.tooltip = new vscode.MarkdownString().appendText(`${d.file}, line ${at.line + 1}\nA: ${tags(d.tagsA)}\nB: ${tags(d.tagsB)}\n\n“${d.text}”`);
        item.iconPath = new vscode.ThemeIcon('diff-modified');
        item.command = { command: COMMANDS.openComparedPlace, title: 'Open in Diff Editor', arguments: [d.file, d.b.start, d.b.end] };
        return item;
      }
      case 'textDifferences': {
        const item = new vscode.TreeItem('Text differs', vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${result.textDifferences.length} · left out of the figures`;
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
      case 'textDifference': {
        const d = result.textDifferences[node.index];
        const document = documents.find((doc) => doc.file === d.file)!;
        const at = document.b.lines.positionAt(d.b.start);
        const item = new vscode.TreeItem(`“${document.a.text.slice(d.a.start, d.a.end).slice(0, 40)}” → “${document.b.text.slice(d.b.start, d.b.end).slice(0, 40)}”`, none);
        item.description = `${d.file}:${at.line + 1}`;
        item.command = { command: COMMANDS.openComparedPlace, title: 'Open in Diff Editor', arguments: [d.file, d.b.start, d.b.end] };
        return item;
      }
    }
  }

  /** The diff editor on a document's two versions, the place selected on the right (B, the working tree). */
  async open(file: string, start: number, end: number): Promise<void> {
    const document = this.comparison?.documents.find((d) => d.file === file);
    if (!document) return;
    const from = document.b.lines.positionAt(start);
    const to = document.b.lines.positionAt(end);
    const selection = new vscode.Range(from.line, from.character, to.line, to.character);
    await vscode.commands.executeCommand('vscode.diff', document.left, document.right, `${file} (${this.comparison!.title})`, { selection, preview: true });
  }
}

export function registerAgreementView(tree: AgreementTree): vscode.Disposable {
  const view = vscode.window.createTreeView('evidenceTagger.agreement', { treeDataProvider: tree, showCollapseAll: true });
  return vscode.Disposable.from(
    view,
    tree.onDidChangeTreeData(() => (view.description = tree.comparison?.title)),
    vscode.commands.registerCommand(COMMANDS.openComparedPlace, (file: string, start: number, end: number) => tree.open(file, start, end)),
  );
}
