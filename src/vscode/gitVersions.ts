// Earlier versions of documents through VS Code's built-in git extension (its API, version 1): the only way
// this extension reaches git, so it runs nothing itself and works wherever that extension does.
import * as vscode from 'vscode';

/** The part of the git extension's API used here (see extensions/git/src/api/git.d.ts in VS Code). */
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD?: { readonly name?: string; readonly commit?: string }; readonly refs: readonly { readonly name?: string; readonly type: number; readonly commit?: string }[] };
  show(ref: string, path: string): Promise<string>;
  log(options?: { maxEntries?: number }): Promise<readonly { readonly hash: string; readonly message: string; readonly authorName?: string; readonly authorDate?: Date }[]>;
  getRefs?(query?: { pattern?: string; count?: number; sort?: 'alphabetically' | 'committerdate' }): Promise<readonly { readonly name?: string; readonly type: number; readonly commit?: string }[]>;
}

export interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  openRepository?(root: vscode.Uri): Promise<GitRepository | null>;
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

export async function gitApi(): Promise<GitApi | undefined> {
  const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi; enabled?: boolean }>('vscode.git');
  if (!extension) return undefined;
  const exports = extension.isActive ? extension.exports : await extension.activate();
  if (exports.enabled === false) return undefined;
  return exports.getAPI(1);
}

const REF_KIND = ['branch', 'remote branch', 'tag'];

/** A branch, tag or recent commit of the repository, chosen in a quick pick. */
export async function pickRevision(repository: GitRepository, title: string): Promise<string | undefined> {
  const refs = repository.getRefs ? await repository.getRefs({ sort: 'committerdate' }) : repository.state.refs;
  const commits = await repository.log({ maxEntries: 30 }).catch(() => []);
  type Item = vscode.QuickPickItem & { ref?: string };
  const items: Item[] = [
    ...refs.filter((r) => r.name && r.name !== repository.state.HEAD?.name).map((r) => ({ label: `$(${r.type === 2 ? 'tag' : r.type === 1 ? 'cloud' : 'git-branch'}) ${r.name}`, description: `${REF_KIND[r.type] ?? 'ref'} · ${r.commit?.slice(0, 8) ?? ''}`, ref: r.name })),
    { label: 'Recent commits', kind: vscode.QuickPickItemKind.Separator },
    ...commits.map((c) => ({ label: `$(git-commit) ${c.hash.slice(0, 8)}`, description: c.message.split('\n')[0], detail: [c.authorName, c.authorDate?.toLocaleString()].filter(Boolean).join(' · '), ref: c.hash })),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: 'A branch, tag or commit to compare the working tree with', matchOnDescription: true });
  return picked?.ref;
}
