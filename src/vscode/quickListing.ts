// A new session's quick listing of a local workspace, for when the stored index was listed under the same
// folders, globs and excludes: the folders are walked with node's fs (VS Code's search, a ripgrep process,
// takes longer than checking every stored document), files.exclude is applied to every folder and every
// new file with VS Code's own glob matching, and symbolic links are left to the search. The search still
// runs afterwards, and has the last word (IndexService.reconcile).
import * as vscode from 'vscode';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RACY_MS, type FolderRecord } from '../core';
import type { Settings } from './settings';
import type { StoredIndex } from './storedIndex';

/** The files.exclude globs in force for a folder; undefined when one has a `when` clause (exclude a.js beside a.ts), which needs the search's own logic. */
function excludeGlobs(folder: vscode.WorkspaceFolder): string[] | undefined {
  const exclude = vscode.workspace.getConfiguration('files', folder.uri).get<Record<string, unknown>>('exclude') ?? {};
  if (Object.values(exclude).some((value) => typeof value !== 'boolean')) return undefined;
  return Object.keys(exclude).filter((glob) => exclude[glob] === true).sort();
}

/** What a listing depends on; undefined where the quick listing cannot stand in for the search. */
export function listingContext(settings: Settings): string | undefined {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0 || folders.some((folder) => folder.uri.scheme !== 'file')) return undefined;
  const excludes = folders.map(excludeGlobs);
  if (excludes.some((globs) => globs === undefined)) return undefined;
  return JSON.stringify({ folders: folders.map((folder) => folder.uri.toString()), files: settings.files, excludes });
}

/** `uri` is taken to be in `folder`. */
function excludedBy(folder: vscode.WorkspaceFolder): (uri: vscode.Uri) => boolean {
  const patterns = (excludeGlobs(folder) ?? []).map((glob) => ({ pattern: new vscode.RelativePattern(folder, glob) }));
  return (uri) => patterns.length > 0 && vscode.languages.match(patterns, { uri, languageId: '' } as vscode.TextDocument) > 0;
}

/** `**\/*.md`-style globs only: a file whose name has none of their endings cannot match, and is not asked about. */
function possibleEndings(settings: Settings): string[] | undefined {
  const endings = settings.files.map((glob) => /^\*\*\/\*(\.[A-Za-z0-9]+)$/.exec(glob)?.[1]);
  return endings.every((ending) => ending !== undefined) ? (endings as string[]) : undefined;
}

export interface QuickListing {
  /** Keys of every document found. */
  keys: Set<string>;
  /** Documents the store does not know. */
  added: vscode.Uri[];
  /** Every folder walked, as the next listing may take it unread. */
  folders: FolderRecord[];
  /** How many of them were read (the others were taken from the last listing). */
  foldersRead: number;
}

/**
 * What the last listing knew: its folders, and the stored documents by path (no URI is made for those).
 * A folder whose ctime (it moves when an entry is added, removed or renamed in it) is what the last listing
 * saw, and was over RACY_MS old then, holds what it held: its stored documents and its subfolders, unread.
 */
export interface ListingMemory {
  folders: ReadonlyMap<string, FolderRecord>;
  known: ReadonlyMap<string, string>;
  /** Keys of the stored documents directly in a folder. */
  storedIn: ReadonlyMap<string, string[]>;
}

/** A folder read now: its entries, the subfolders to walk (not excluded) and the documents in it. */
function readFolder(directory: string, memory: ListingMemory, endings: string[] | undefined, excluded: (uri: vscode.Uri) => boolean, included: (uri: vscode.Uri) => boolean, found: QuickListing): string[] | undefined {
  let entries;
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch {
    return undefined; // an unreadable folder: the search will say the same
  }
  const subfolders: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      if (!excluded(vscode.Uri.file(path))) subfolders.push(path);
      continue;
    }
    if (!entry.isFile()) continue;
    const key = memory.known.get(path);
    if (key !== undefined) found.keys.add(key);
    else if (!endings || endings.some((ending) => entry.name.endsWith(ending))) {
      const uri = vscode.Uri.file(path);
      // (A folder inside another workspace folder is walked twice: each document is listed once.)
      if (included(uri) && !excluded(uri) && !found.keys.has(uri.toString())) {
        found.keys.add(uri.toString());
        found.added.push(uri);
      }
    }
  }
  return subfolders;
}

/** Every document in the workspace's folders; `included` says whether a new file matches the evidence globs. Yields between folders when due. */
export async function listLocalDocuments(settings: Settings, memory: ListingMemory, included: (uri: vscode.Uri) => boolean, yieldIfDue: () => Promise<void>, token: vscode.CancellationToken): Promise<QuickListing> {
  const found: QuickListing = { keys: new Set(), added: [], folders: [], foldersRead: 0 };
  const endings = possibleEndings(settings);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const excluded = excludedBy(folder);
    const pending = [folder.uri.fsPath];
    while (pending.length > 0) {
      if (token.isCancellationRequested) return found;
      const directory = pending.pop()!;
      // Its time is taken before it is read: an entry added after that moves the ctime past it.
      const ctime = statSync(directory, { throwIfNoEntry: false })?.ctimeMs ?? NaN;
      const listedAt = Date.now();
      const before = memory.folders.get(directory);
      let subfolders: string[] | undefined;
      if (before && before.ctime === ctime && ctime < before.listedAt - RACY_MS) {
        subfolders = before.subfolders;
        for (const key of memory.storedIn.get(directory) ?? []) found.keys.add(key);
        found.folders.push(before);
      } else {
        subfolders = readFolder(directory, memory, endings, excluded, included, found);
        found.foldersRead++;
        if (subfolders) found.folders.push({ path: directory, ctime, listedAt, subfolders });
      }
      if (subfolders) pending.push(...subfolders);
      await yieldIfDue();
    }
  }
  return found;
}

/** The documents found (keys), those to read (new ones, and stored ones that changed: not in `fromStore`), and the listing itself. */
export async function listAgainstStore(settings: Settings, stored: StoredIndex, fromStore: Set<string>, included: (uri: vscode.Uri) => boolean, yieldIfDue: () => Promise<void>, token: vscode.CancellationToken): Promise<{ found: Set<string>; toRead: vscode.Uri[]; listing: QuickListing }> {
  const known = new Map<string, string>();
  const storedIn = new Map<string, string[]>();
  for (const key of stored.keys()) {
    const path = stored.entry(key)?.path;
    if (path === undefined) continue;
    known.set(path, key);
    const folder = dirname(path);
    const keys = storedIn.get(folder);
    if (keys) keys.push(key);
    else storedIn.set(folder, [key]);
  }
  const listing = await listLocalDocuments(settings, { folders: stored.folders, known, storedIn }, included, yieldIfDue, token);
  const changed = [...listing.keys].filter((key) => !fromStore.has(key) && stored.entry(key)).map((key) => vscode.Uri.parse(key));
  return { found: listing.keys, toRead: [...listing.added, ...changed], listing };
}
