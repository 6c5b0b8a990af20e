// The Tally view: dimension → tag (count and share) → file → passage, or file → tag → passage;
// for the whole workspace or the current file. Counts sit in the descriptions; a click reveals.
import * as vscode from 'vscode';
import { rangeIn, tagKey, type Codebook, type CodebookLookup, type IndexedDocument, type IndexedPassage } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { themeColourId } from './decorations';
import type { IndexService } from './indexService';
import { excerptsOf } from './documentTexts';
import { revealCommand } from './reveal';

type Node =
  | { kind: 'dimension'; dimension: string; label: string }
  | { kind: 'tag'; dimension: string; tag: string; file?: string }
  | { kind: 'file'; file: string; dimension?: string; tag?: string }
  | { kind: 'passage'; file: string; passage: IndexedPassage; excerpt: string };

export type TallyScope = 'workspace' | 'file';
export type TallyGrouping = 'tag' | 'file';

export class TallyTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  scope: TallyScope = 'workspace';
  grouping: TallyGrouping = 'tag';

  constructor(private readonly services: EvidenceServices, private readonly indexer: IndexService) {}

  /** Counts over the documents in scope, computed once per refresh rather than once per tree item. */
  private counts: { dimension: Map<string, number>; tag: Map<string, number>; total: number } | undefined;

  refresh(): void {
    this.counts = undefined;
    this.changed.fire();
  }

  private tagKey = tagKey;

  private countsInScope() {
    if (this.counts) return this.counts;
    const index = this.indexer.index;
    if (this.scope === 'workspace') return (this.counts = { dimension: index.dimensionCounts, tag: index.tagCounts, total: index.passageCount });
    const dimension = new Map<string, number>();
    const tag = new Map<string, number>();
    const lookup = this.lookup();
    let total = 0;
    for (const document of this.documents()) {
      for (const passage of document.passages) {
        total++;
        for (const [d, ids] of Object.entries(lookup.rollUp(passage.tags))) {
          if (ids.length) dimension.set(d, (dimension.get(d) ?? 0) + 1);
          for (const id of ids) tag.set(this.tagKey(d, id), (tag.get(this.tagKey(d, id)) ?? 0) + 1);
        }
      }
    }
    return (this.counts = { dimension, tag, total });
  }

  private lookup(): CodebookLookup {
    const uri = vscode.window.activeTextEditor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    return this.services.codebooks.lookupFor(uri ?? vscode.Uri.file('/'));
  }

  private codebook(): Codebook {
    return this.lookup().codebook;
  }

  /** Documents in scope: all, or the active editor's. */
  private documents(): IndexedDocument[] {
    if (this.scope === 'workspace') return this.indexer.index.all();
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const document = active ? this.indexer.index.get(active) : undefined;
    return document ? [document] : [];
  }

  private passagesWith(documents: IndexedDocument[], dimension: string, tag: string): { file: string; passage: IndexedPassage }[] {
    return documents.flatMap((d) => d.passages.filter((p) => p.tags[dimension]?.includes(tag)).map((passage) => ({ file: d.key, passage })));
  }

  async getChildren(node?: Node): Promise<Node[]> {
    const documents = this.documents();
    const codebook = this.codebook();
    if (!node) {
      if (this.grouping === 'file') return documents.filter((d) => d.passages.length).map((d) => ({ kind: 'file', file: d.key }));
      return codebook.dimensions.map((d) => ({ kind: 'dimension', dimension: d.id, label: d.label }));
    }
    if (node.kind === 'dimension') {
      const counts = this.countsInScope();
      const used = new Set([...counts.tag].filter(([key, n]) => n > 0 && key.startsWith(node.dimension + '\u0000')).map(([key]) => key.slice(node.dimension.length + 1)));
      const known = codebook.dimensions.find((d) => d.id === node.dimension)?.tags.map((t) => t.id) ?? [];
      // Top-level tags here; sub-tags under their parents.
      const topLevel = this.lookup().children(node.dimension, undefined).map((t) => t.id);
      return [...topLevel, ...[...used].filter((id) => !known.includes(id))].map((tag) => ({ kind: 'tag', dimension: node.dimension, tag }));
    }
    if (node.kind === 'tag') {
      const matches = this.passagesWith(node.file ? documents.filter((d) => d.key === node.file) : documents, node.dimension, node.tag);
      if (node.file || this.grouping === 'file') return this.passageNodes(node.file ?? matches[0]?.file, matches.map((m) => m.passage));
      // A parent's sub-tags first, then the files of the passages tagged with the parent itself.
      const subTags: Node[] = this.lookup().children(node.dimension, node.tag).map((t) => ({ kind: 'tag', dimension: node.dimension, tag: t.id }));
      return [...subTags, ...[...new Set(matches.map((m) => m.file))].map((file): Node => ({ kind: 'file', file, dimension: node.dimension, tag: node.tag }))];
    }
    if (node.kind === 'file') {
      const document = this.indexer.index.get(node.file);
      if (!document) return [];
      if (node.dimension && node.tag) return this.passageNodes(node.file, document.passages.filter((p) => p.tags[node.dimension!]?.includes(node.tag!)));
      return codebook.dimensions.flatMap((d) => [...new Set(document.passages.flatMap((p) => p.tags[d.id] ?? []))].map((tag) => ({ kind: 'tag' as const, dimension: d.id, tag, file: node.file })));
    }
    return [];
  }

  /** Passage nodes of one document, with excerpts read from its text. */
  private async passageNodes(file: string | undefined, passages: IndexedPassage[]): Promise<Node[]> {
    const document = file ? this.indexer.index.get(file) : undefined;
    if (!document || !file) return [];
    const excerpts = await excerptsOf(document, passages.map((p) => ({ start: p.contentStart, end: p.contentEnd })));
    return passages.map((passage, i) => ({ kind: 'passage', file, passage, excerpt: excerpts[i] }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const codebook = this.codebook();
    const counts = this.countsInScope();
    const total = counts.total;
    switch (node.kind) {
      case 'dimension': {
        const count = counts.dimension.get(node.dimension) ?? 0;
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.description = `${count} passage${count === 1 ? '' : 's'}`;
        item.id = `dimension:${node.dimension}`;
        item.contextValue = 'dimension';
        return item;
      }
      case 'tag': {
        const dimension = codebook.dimensions.find((d) => d.id === node.dimension);
        const tag = dimension?.tags.find((t) => t.id === node.tag);
        const count = node.file ? this.passagesWith(this.documents().filter((d) => d.key === node.file), node.dimension, node.tag).length : counts.tag.get(this.tagKey(node.dimension, node.tag)) ?? 0;
        const label = node.file ? `${dimension?.label ?? node.dimension}: ${tag?.label ?? node.tag}` : tag?.label ?? `${node.tag} (not in the codebook)`;
        const subTags = node.file ? [] : this.lookup().children(node.dimension, node.tag);
        const item = new vscode.TreeItem(label, count || subTags.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        const share = !node.file && total ? ` · ${Math.round((100 * count) / total)}%` : '';
        item.description = `${count}${share}`;
        const rolledUp = subTags.length ? `\n\n${count} passage${count === 1 ? '' : 's'}, counting those tagged with its sub-tags (${subTags.map((t) => t.label).join(', ')}).` : '';
        item.tooltip = new vscode.MarkdownString().appendText(`${node.dimension}=${node.tag}\n\n${tag?.definition ?? 'This tag is not in the codebook.'}${rolledUp}`);
        item.iconPath = tagIcon(node.dimension, node.tag, !!tag);
        item.id = `tag:${node.file ?? ''}:${node.dimension}:${node.tag}`;
        // Only a tag of the codebook can be added to a selection (the inline "Add to Selection" action).
        item.contextValue = tag ? 'tag' : 'unknownTag';
        return item;
      }
      case 'file': {
        const document = this.indexer.index.get(node.file);
        const count = node.dimension && node.tag ? document?.passages.filter((p) => p.tags[node.dimension!]?.includes(node.tag!)).length ?? 0 : document?.passages.length ?? 0;
        const item = new vscode.TreeItem(vscode.Uri.parse(node.file), vscode.TreeItemCollapsibleState.Collapsed);
        item.label = document?.label ?? node.file;
        item.description = `${count}`;
        item.iconPath = vscode.ThemeIcon.File;
        item.id = `file:${node.dimension ?? ''}:${node.tag ?? ''}:${node.file}`;
        return item;
      }
      case 'passage': {
        const { passage } = node;
        const item = new vscode.TreeItem(node.excerpt || '(empty passage)', vscode.TreeItemCollapsibleState.None);
        const document = this.indexer.index.get(node.file);
        const range = document ? rangeIn(document, passage.contentStart, passage.contentEnd) : { line: 0, character: 0, endLine: 0, endCharacter: 0 };
        item.description = `line ${range.line + 1}`;
        item.tooltip = new vscode.MarkdownString().appendText(`${node.excerpt}\n\n${Object.entries(passage.tags).map(([d, ids]) => `${d}=${ids.join(' ')}`).join('  ')}${passage.note ? `\n\nNote: ${passage.note}` : ''}`);
        item.iconPath = new vscode.ThemeIcon(passage.kind === 'div' ? 'symbol-namespace' : 'symbol-text');
        item.command = revealCommand('Reveal Passage', { uri: node.file, ...range });
        item.id = `passage:${node.file}:${passage.contentStart}:${(node as { kind: string }).kind}:${Object.values(passage.tags).flat().join(',')}`;
        return item;
      }
    }
  }

  getParent(): undefined {
    return undefined;
  }
}

function tagIcon(dimension: string, tag: string, known: boolean): vscode.ThemeIcon {
  if (!known) return new vscode.ThemeIcon('warning');
  // The editor's evidence tints are translucent; icons use the solid variants.
  if (dimension === 'evidence') return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(themeColourId(dimension, tag).replace('.evidence.', '.evidenceIcon.')));
  if (dimension === 'use') return new vscode.ThemeIcon('circle-filled', new vscode.ThemeColor(themeColourId(dimension, tag)));
  return new vscode.ThemeIcon('tag');
}

export function registerTallyView(services: EvidenceServices, indexer: IndexService): vscode.Disposable {
  const tree = new TallyTree(services, indexer);
  const view = vscode.window.createTreeView('evidenceTagger.tally', { treeDataProvider: tree, showCollapseAll: true });
  const setContext = () => {
    void vscode.commands.executeCommand('setContext', 'evidenceTagger.tallyScope', tree.scope);
    void vscode.commands.executeCommand('setContext', 'evidenceTagger.tallyGrouping', tree.grouping);
    view.description = tree.scope === 'file' ? 'current file' : undefined;
  };
  let hasPassages: boolean | undefined;
  const updateHasPassages = () => {
    const next = indexer.index.passageCount > 0 || !indexer.stats.done;
    if (next !== hasPassages) void vscode.commands.executeCommand('setContext', 'evidenceTagger.hasPassages', (hasPassages = next));
  };
  setContext();
  updateHasPassages();
  const set = (change: () => void) => () => {
    change();
    setContext();
    tree.refresh();
  };
  return vscode.Disposable.from(
    view,
    indexer.index.onDidChange(() => {
      updateHasPassages();
      tree.refresh();
    }),
    indexer.onDidFinishScan(updateHasPassages),
    services.codebooks.onDidChange(() => tree.refresh()),
    vscode.window.onDidChangeActiveTextEditor(() => tree.scope === 'file' && tree.refresh()),
    vscode.commands.registerCommand(COMMANDS.tallyShowFile, set(() => (tree.scope = 'file'))),
    vscode.commands.registerCommand(COMMANDS.tallyShowWorkspace, set(() => (tree.scope = 'workspace'))),
    vscode.commands.registerCommand(COMMANDS.tallyGroupByFile, set(() => (tree.grouping = 'file'))),
    vscode.commands.registerCommand(COMMANDS.tallyGroupByTag, set(() => (tree.grouping = 'tag'))),
    vscode.commands.registerCommand(COMMANDS.tallyTreeForTest, () => snapshot(tree)),
    vscode.commands.registerCommand(COMMANDS.showTally, () => vscode.commands.executeCommand('evidenceTagger.tally.focus')),
  );
}

/** The whole tree as plain data (labels, descriptions, commands), for the integration tests. */
export interface TreeSnapshot {
  label: string;
  description?: string;
  command?: { command: string; arguments?: unknown[] };
  children?: TreeSnapshot[];
}

export async function snapshot<T>(provider: vscode.TreeDataProvider<T>, node?: T, depth = 0): Promise<TreeSnapshot[]> {
  const children = (await provider.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = (await provider.getTreeItem(child)) as vscode.TreeItem;
      const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
      const expandable = item.collapsibleState !== vscode.TreeItemCollapsibleState.None && depth < 6;
      return {
        label,
        description: typeof item.description === 'string' ? item.description : undefined,
        command: item.command && { command: item.command.command, arguments: item.command.arguments },
        children: expandable ? await snapshot(provider, child, depth + 1) : undefined,
      };
    }),
  );
}
