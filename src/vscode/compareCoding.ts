// Evidence: Compare Coding With… (a branch or commit, another folder, another file) and Evidence: Compare
// Tally With… (a branch or commit). The working tree is always version B; the other is A. Earlier versions
// are read through the git extension's API; other folders and files through the workspace file system.
import * as vscode from 'vscode';
import { compareCoding, parseSafely, summarizeDocument, tallyChangeSummary, tallyChangeText, tallyDocuments, type CodebookLookup } from '../core';
import { AgreementTree, registerAgreementView, type ComparedDocument } from './agreementView';
import { COMMANDS, type EvidenceServices } from './context';
import { documentLabel, findEvidenceFiles, readDocumentText } from './documentSource';
import { gitApi, pickRevision, type GitApi, type GitRepository } from './gitVersions';
import { readSettings } from './settings';

export interface CompareArguments {
  /** A branch, tag or commit of the repository holding the workspace (or `repository`). */
  revision?: string;
  repository?: vscode.Uri;
  /** Another copy of the workspace folder: documents matched by relative path. */
  folder?: vscode.Uri;
  /** Another file, compared with `with` (default: the active editor's document). */
  file?: vscode.Uri;
  with?: vscode.Uri;
}

type Source = { kind: 'revision'; api: GitApi; repository: GitRepository; ref: string } | { kind: 'folder'; folder: vscode.Uri } | { kind: 'file'; file: vscode.Uri; current: vscode.Uri };

export function registerCompareCoding(services: EvidenceServices): vscode.Disposable {
  const tree = new AgreementTree();
  return vscode.Disposable.from(
    registerAgreementView(tree),
    vscode.commands.registerCommand(COMMANDS.compareCoding, async (args?: CompareArguments) => {
      const source = await chooseSource(args, true);
      if (!source) return undefined;
      const comparison = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Comparing coding…', cancellable: true }, (_, token) => compare(services, source, token));
      if (!comparison) return undefined;
      if (!comparison.documents.length) return void vscode.window.showWarningMessage(`Evidence Tagger: no document is in both versions (${comparison.title}).`);
      tree.show(comparison);
      if (!args) await vscode.commands.executeCommand('evidenceTagger.agreement.focus');
      return comparison.result;
    }),
    vscode.commands.registerCommand(COMMANDS.compareTally, async (args?: CompareArguments) => {
      const source = await chooseSource(args, false);
      if (!source || source.kind !== 'revision') return undefined;
      const settings = readSettings();
      const uris = (await findEvidenceFiles(settings)).filter((uri) => inside(source.repository.rootUri, uri));
      const lookup = (uri: vscode.Uri) => services.codebooks.lookupFor(uri);
      const before = [];
      const now = [];
      for (const uri of uris) {
        const old = await source.repository.show(source.ref, uri.fsPath).catch(() => undefined);
        if (old !== undefined) before.push({ file: documentLabel(uri), summary: summarizeDocument(parseSafely(old, lookup(uri))) });
        const text = await readDocumentText(uri, settings.maxFileSize);
        if (text !== undefined) now.push({ file: documentLabel(uri), summary: summarizeDocument(parseSafely(text, lookup(uri))) });
      }
      const codebook = lookup(source.repository.rootUri).codebook;
      const old = tallyDocuments(before, codebook);
      const current = tallyDocuments(now, codebook);
      const summary = `Since ${source.ref}: ${tallyChangeSummary(old, current)}`;
      if (!args) {
        const show = await vscode.window.showInformationMessage(summary, 'Show Details');
        if (show) await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'markdown', content: `# Evidence profile\n\n${tallyChangeText(source.ref, old, current, markdownTable)}` }));
      }
      return { summary, before: old, after: current };
    }),
    vscode.commands.registerCommand(COMMANDS.agreementTreeForTest, () => {
      const walk = (node?: Parameters<AgreementTree['getChildren']>[0]): unknown[] =>
        tree.getChildren(node).map((child) => {
          const item = tree.getTreeItem(child);
          return { label: item.label, description: item.description, command: item.command?.arguments, children: walk(child) };
        });
      return walk();
    }),
  );
}

const markdownTable = (header: string[], rows: (string | number)[][]) => [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

const inside = (root: vscode.Uri, uri: vscode.Uri) => uri.path === root.path || uri.path.startsWith(root.path.replace(/\/$/, '') + '/');

async function repositoryFor(api: GitApi, uri: vscode.Uri | undefined): Promise<GitRepository | undefined> {
  const target = uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!target) return api.repositories[0];
  return api.getRepository(target) ?? (await api.openRepository?.(target)) ?? api.repositories[0];
}

async function chooseSource(args: CompareArguments | undefined, allowFiles: boolean): Promise<Source | undefined> {
  if (args?.revision) {
    const api = await gitApi();
    const repository = api && (await repositoryFor(api, args.repository));
    if (!api || !repository) return void vscode.window.showErrorMessage('Evidence Tagger: no git repository here (the built-in Git extension must be enabled).');
    return { kind: 'revision', api, repository, ref: args.revision };
  }
  if (args?.folder) return { kind: 'folder', folder: args.folder };
  if (args?.file) {
    const current = args.with ?? vscode.window.activeTextEditor?.document.uri;
    return current ? { kind: 'file', file: args.file, current } : undefined;
  }
  const api = await gitApi();
  type Choice = vscode.QuickPickItem & { source: Source['kind'] };
  const choices: Choice[] = [
    ...(api?.repositories.length ? [{ source: 'revision' as const, label: '$(git-branch) A branch, tag or commit…', detail: 'Another coder’s branch, or an earlier state of your own coding' }] : []),
    ...(allowFiles ? [{ source: 'folder' as const, label: '$(folder) Another folder…', detail: 'A copy of this workspace coded by someone else: documents matched by path' }] : []),
    ...(allowFiles && vscode.window.activeTextEditor ? [{ source: 'file' as const, label: '$(file) Another file…', detail: `Compared with ${vscode.workspace.asRelativePath(vscode.window.activeTextEditor.document.uri)}` }] : []),
  ];
  if (!choices.length) return void vscode.window.showWarningMessage('Evidence Tagger: comparing with a revision needs a git repository and the built-in Git extension.');
  const choice = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: 'Compare Coding With…' });
  if (!choice) return undefined;
  if (choice.source === 'revision') {
    const repository = await repositoryFor(api!, undefined);
    const ref = repository && (await pickRevision(repository, allowFiles ? 'Compare Coding With…' : 'Compare Tally With…'));
    return repository && ref ? { kind: 'revision', api: api!, repository, ref } : undefined;
  }
  const picked = (await vscode.window.showOpenDialog({ canSelectFiles: choice.source === 'file', canSelectFolders: choice.source === 'folder', canSelectMany: false, title: choice.label.replace(/^\$\([^)]+\) /, '') }))?.[0];
  if (!picked) return undefined;
  return choice.source === 'folder' ? { kind: 'folder', folder: picked } : { kind: 'file', file: picked, current: vscode.window.activeTextEditor!.document.uri };
}

async function compare(services: EvidenceServices, source: Source, token: vscode.CancellationToken) {
  const settings = readSettings();
  const lookupFor = (uri: vscode.Uri): CodebookLookup => services.codebooks.lookupFor(uri);
  const readOther = async (uri: vscode.Uri) => {
    try {
      return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)).replace(/^\ufeff/, '');
    } catch {
      return undefined;
    }
  };
  const documents: ComparedDocument[] = [];
  const add = async (current: vscode.Uri, left: vscode.Uri, other: string | undefined) => {
    const text = await readDocumentText(current, settings.maxFileSize);
    if (other === undefined || text === undefined) return;
    const lookup = lookupFor(current);
    documents.push({ file: documentLabel(current), left, right: current, a: parseSafely(other, lookup), b: parseSafely(text, lookup) });
  };
  let title: string;
  if (source.kind === 'file') {
    title = `${vscode.workspace.asRelativePath(source.file)} ↔ ${vscode.workspace.asRelativePath(source.current)}`;
    await add(source.current, source.file, await readOther(source.file));
  } else {
    const uris = await findEvidenceFiles(settings, token);
    const root = source.kind === 'revision' ? source.repository.rootUri : vscode.workspace.getWorkspaceFolder(uris[0] ?? source.folder)?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri;
    title = source.kind === 'revision' ? `${source.ref} ↔ working tree` : `${vscode.workspace.asRelativePath(source.folder)} ↔ working tree`;
    for (const uri of uris.sort((x, y) => x.path.localeCompare(y.path))) {
      if (token.isCancellationRequested) return undefined;
      if (!root || !inside(root, uri)) continue;
      if (source.kind === 'revision') {
        await add(uri, source.api.toGitUri(uri, source.ref), await source.repository.show(source.ref, uri.fsPath).catch(() => undefined));
      } else {
        const other = vscode.Uri.joinPath(source.folder, uri.path.slice(root.path.replace(/\/$/, '').length + 1));
        await add(uri, other, await readOther(other));
      }
    }
  }
  const codebook = lookupFor(documents[0]?.right ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/')).codebook;
  return { title, documents, result: compareCoding(documents, codebook) };
}
