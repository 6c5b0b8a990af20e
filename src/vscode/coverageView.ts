// The Coverage view: documents from least to most covered, each expanding to its untagged paragraphs.
import * as vscode from 'vscode';
import { describeSuggestions, positionIn, suggesterFor, type IndexedDocument, type IndexedParagraph, type Suggestion } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import type { IndexService } from './indexService';
import { excerptsOf, textOf } from './documentTexts';
import { revealCommand } from './reveal';
import { snapshot } from './tallyView';

type Node = { kind: 'file'; document: IndexedDocument } | { kind: 'paragraph'; document: IndexedDocument; paragraph: IndexedParagraph; excerpt: string; suggestions: Suggestion[] };

const percent = (share: number) => `${Math.round(share * 100)}%`;

class CoverageTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly services: EvidenceServices, private readonly indexer: IndexService) {}

  refresh(): void {
    this.changed.fire();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      return this.indexer.index
        .all()
        .filter((d) => d.summary.proseLength > 0 || d.readFailure)
        // Documents that could not be read come first: they need attention before any figure means much.
        .sort((a, b) => Number(!!b.readFailure) - Number(!!a.readFailure) || a.summary.coverage - b.summary.coverage || (a.label < b.label ? -1 : 1))
        .map((document) => ({ kind: 'file', document }));
    }
    if (node.kind === 'file') {
      const { document } = node;
      const excerpts = await excerptsOf(document, document.untagged);
      // Each paragraph's best tag per dimension from the codebook's cues: a hint of what to tag it with.
      const text = await textOf(document);
      const suggester = suggesterFor(this.services.codebooks.lookupFor(vscode.Uri.parse(document.key)).codebook);
      return document.untagged.map((paragraph, i) => ({ kind: 'paragraph', document, paragraph, excerpt: excerpts[i], suggestions: suggester.top(text, {}, paragraph.start, paragraph.end) }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const { document } = node;
      const item = new vscode.TreeItem(vscode.Uri.parse(document.key), document.untaggedCount ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.label = document.label;
      const untagged = document.untaggedCount;
      item.description = `${percent(document.summary.coverage)} · ${untagged} untagged`;
      item.tooltip = `${document.summary.taggedLength} of ${document.summary.proseLength} prose characters tagged, in ${document.summary.passageCount} passages; ${untagged} paragraphs have no tag`;
      item.iconPath = new vscode.ThemeIcon(document.summary.coverage >= 0.999 ? 'pass-filled' : document.summary.coverage > 0 ? 'circle-large-outline' : 'circle-slash');
      item.id = `coverage:${document.key}`;
      if (document.readFailure) {
        item.description = 'could not be read';
        item.tooltip = `${document.readFailure}\nDetails are in the "Evidence Tagger" output.`;
        item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      }
      return item;
    }
    const { paragraph, document } = node;
    const { line } = positionIn(document, paragraph.start);
    const item = new vscode.TreeItem(node.excerpt || '(empty)', vscode.TreeItemCollapsibleState.None);
    const { suggestions } = node;
    item.description = suggestions.length ? `line ${line + 1} · suggested: ${describeSuggestions(suggestions)}` : `line ${line + 1}`;
    if (suggestions.length) item.tooltip = `${node.excerpt}\n\nSuggested from the codebook's cues:\n${suggestions.map((s) => `${s.label} — cue: ${s.cues.map((c) => `'${c}'`).join(', ')}`).join('\n')}`;
    item.iconPath = new vscode.ThemeIcon('circle-outline');
    item.command = revealCommand('Reveal Paragraph', { uri: document.key, line, character: 0, endLine: line, endCharacter: 0 });
    item.id = `untagged:${document.key}:${paragraph.start}`;
    return item;
  }
}

export function registerCoverageView(services: EvidenceServices, indexer: IndexService): vscode.Disposable {
  const tree = new CoverageTree(services, indexer);
  const view = vscode.window.createTreeView('evidenceTagger.coverage', { treeDataProvider: tree, showCollapseAll: true });
  const describe = () => {
    const documents = indexer.index.all();
    const prose = documents.reduce((n, d) => n + d.summary.proseLength, 0);
    const tagged = documents.reduce((n, d) => n + d.summary.taggedLength, 0);
    view.description = prose ? `${percent(tagged / prose)} of the workspace` : undefined;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  return vscode.Disposable.from(
    view,
    { dispose: () => timer && clearTimeout(timer) },
    indexer.index.onDidChange(() => {
      tree.refresh();
      // The totals walk every document: once per burst of changes is enough.
      timer ??= setTimeout(() => ((timer = undefined), describe()), 50);
    }),
    vscode.commands.registerCommand(COMMANDS.coverageTreeForTest, async () => ({ description: (describe(), view.description), items: await snapshot(tree) })),
  );
}
