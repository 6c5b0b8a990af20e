// Codebook refactorings in VS Code: F2 on a tag id inside {…} renames it everywhere (a RenameProvider);
// Rename/Merge/Move/Delete Tag… from the palette and the Tally view's context menu. Each is one workspace
// edit over the folder's documents and its codebook file, shown in the refactor preview, one undo.
import * as vscode from 'vscode';
import { changedLines, checkChange, CodebookLookup, parseDocument, planRefactor, presetFileText, refactorCodebook, refactorCodebookText, type Codebook, type TagChange } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import type { IndexService } from './indexService';
import { log } from './output';
import type { TagNodeArgument } from './addToSelection';
import { addForPreview, type PreviewChange } from './refactorPreview';

interface RefactorEdit {
  edit: vscode.WorkspaceEdit;
  passages: number;
  files: number;
  leftAlone: string[];
}

/**
 * The whole change for one workspace folder; the marker entry makes VS Code show its refactor preview.
 * A split names its passages per document: `splitPassages` maps a document's URI to their content starts.
 */
export async function buildRefactorEdit(services: EvidenceServices, indexer: IndexService, folder: vscode.WorkspaceFolder, change: TagChange, splitPassages?: ReadonlyMap<string, number[]>): Promise<RefactorEdit> {
  const lookup = services.codebooks.lookupFor(folder.uri);
  const problem = checkChange(lookup.codebook, change);
  if (problem) throw new Error(problem);
  const after = new CodebookLookup(refactorCodebook(lookup.codebook, change));
  const edit = new vscode.WorkspaceEdit();
  const label = describe(change, lookup.codebook);
  const result: RefactorEdit = { edit, passages: 0, files: 0, leftAlone: [] };
  let preferred: vscode.Location | undefined;
  const pending: PreviewChange[] = [];
  for (const indexed of indexer.index.all()) {
    const uri = vscode.Uri.parse(indexed.key);
    if (vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() !== folder.uri.toString()) continue;
    if (!indexed.passages.some((p) => p.tags[change.dimension]?.includes(change.tag))) continue;
    const documentChange: TagChange = change.kind === 'split' ? { ...change, passages: splitPassages?.get(indexed.key) ?? [] } : change;
    if (documentChange.kind === 'split' && documentChange.passages.length === 0) continue;
    const document = await vscode.workspace.openTextDocument(uri);
    const plan = planRefactor(parseDocument(document.getText(), lookup), documentChange, lookup, after);
    if (!plan.ok) {
      result.leftAlone.push(`${indexed.label}: ${plan.reason}`);
      continue;
    }
    if (!plan.edits.length) continue;
    result.files++;
    result.passages += plan.changed;
    for (const e of plan.edits) pending.push({ uri, range: new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), newText: e.newText, label: indexed.label });
  }
  const codebookUri = services.codebooks.codebookUri(folder);
  const exists = await vscode.workspace.fs.stat(codebookUri).then(() => true, () => false);
  if (exists) {
    const document = await vscode.workspace.openTextDocument(codebookUri);
    const text = document.getText();
    const e = changedLines(text, refactorCodebookText(text, lookup.codebook, change));
    pending.push({ uri: codebookUri, range: new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), newText: e.newText, label: 'codebook' });
    preferred = new vscode.Location(codebookUri, new vscode.Position(0, 0));
  } else {
    // The built-in codebook is in force: the folder gets a codebook file, so old ids stay aliases.
    const text = refactorCodebookText(presetFileText({ name: 'default', label: '', description: '', codebook: lookup.codebook }), lookup.codebook, change);
    edit.createFile(codebookUri, { contents: new TextEncoder().encode(text) }, { needsConfirmation: false, label: 'codebook (new, from the built-in one)' });
  }
  addForPreview(edit, pending, `${label}: untick what to leave alone`, true, preferred);
  return result;
}

function describe(change: TagChange, codebook: Codebook): string {
  const tag = `${change.dimension}=${change.tag}`;
  switch (change.kind) {
    case 'rename':
      return `Rename ${tag} to ${change.to}`;
    case 'merge':
      return `Merge ${tag} into ${change.into}`;
    case 'move':
      return `Move ${change.tag} from ${change.dimension} to ${codebook.dimensions.find((d) => d.id === change.toDimension)?.id ?? change.toDimension}`;
    case 'delete':
      return `Delete ${tag}`;
    case 'split':
      return `Split ${tag} into ${change.to}`;
  }
}

/** The tag id under the cursor inside a passage's attribute list, with its dimension and range. */
function tagAt(services: EvidenceServices, document: vscode.TextDocument, position: vscode.Position) {
  const entry = services.documents.get(document);
  if (!entry) return undefined;
  const offset = document.offsetAt(position);
  const lookup = services.codebooks.lookupFor(document.uri);
  for (const passage of entry.parsed.passages) {
    if (offset < passage.attributes.start || offset > passage.attributes.end) continue;
    for (const pair of passage.attributes.pairs) {
      if (!lookup.isDimension(pair.key) || offset < pair.valueStart || offset > pair.valueEnd) continue;
      // Find the token of the value under the cursor, in the text as written (quotes skipped).
      const raw = document.getText(new vscode.Range(document.positionAt(pair.valueStart), document.positionAt(pair.valueEnd)));
      for (const match of raw.matchAll(/[^\s"']+/g)) {
        const start = pair.valueStart + match.index!;
        const end = start + match[0].length;
        if (offset < start || offset > end) continue;
        const tag = lookup.tag(pair.key, match[0]);
        if (!tag) return undefined;
        return { dimension: pair.key, tag: tag.id, range: new vscode.Range(document.positionAt(start), document.positionAt(end)) };
      }
    }
  }
  return undefined;
}

/** Builds the change (with progress), shows it in the refactor preview, and reports documents left alone. */
export async function runRefactoring(services: EvidenceServices, indexer: IndexService, folder: vscode.WorkspaceFolder, change: TagChange, splitPassages?: ReadonlyMap<string, number[]>): Promise<void> {
  let built: RefactorEdit;
  try {
    built = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Evidence: preparing the refactoring' }, () => buildRefactorEdit(services, indexer, folder, change, splitPassages));
  } catch (error) {
    return void vscode.window.showWarningMessage(`Evidence Tagger: ${(error as Error).message}`);
  }
  for (const line of built.leftAlone) log(`Refactoring: left alone ${line}`);
  const applied = await vscode.workspace.applyEdit(built.edit, { isRefactoring: true });
  if (applied && built.leftAlone.length) void vscode.window.showWarningMessage(`Evidence Tagger: ${built.leftAlone.length} document(s) left alone because their markup would read differently; see the "Evidence Tagger" output.`);
}

export const folderOf = (uri?: vscode.Uri) => (uri && vscode.workspace.getWorkspaceFolder(uri)) ?? vscode.workspace.workspaceFolders?.[0];

/** The tag a command acts on: the Tally view's node, else picked from the codebook (sub-tags under their parents). */
export async function pickTag(lookup: CodebookLookup, title: string, node?: TagNodeArgument): Promise<{ dimension: string; tag: string } | undefined> {
  if (node?.dimension && node.tag) return { dimension: node.dimension, tag: node.tag };
  const items = lookup.codebook.dimensions.flatMap((d) => lookup.tree(d.id).map(({ tag: t, depth }) => ({ label: `${'\u2003'.repeat(depth)}${t.label}`, description: `${d.id}=${t.id}`, detail: t.definition, dimension: d.id, tag: t.id })));
  return vscode.window.showQuickPick(items, { title, placeHolder: 'The tag to change', matchOnDescription: true });
}

export function registerRefactorTags(services: EvidenceServices, indexer: IndexService, selector: vscode.DocumentSelector): vscode.Disposable {
  const apply = (change: TagChange, folder: vscode.WorkspaceFolder) => runRefactoring(services, indexer, folder, change);
  const command = (id: string, build: (folder: vscode.WorkspaceFolder, picked: { dimension: string; tag: string }, extra?: string) => Promise<TagChange | undefined>) =>
    vscode.commands.registerCommand(id, async (node?: TagNodeArgument, extra?: string) => {
      const folder = folderOf(vscode.window.activeTextEditor?.document.uri);
      if (!folder) return void vscode.window.showInformationMessage('Evidence Tagger: open a folder to change its codebook.');
      const name = id.split('.').pop()!; // renameTag → "Rename Tag"
      const picked = await pickTag(services.codebooks.lookupFor(folder.uri), name[0].toUpperCase() + name.slice(1).replace(/([A-Z])/g, ' $1'), node);
      if (!picked) return;
      const change = await build(folder, picked, extra);
      if (change) await apply(change, folder);
    });
  const otherTag = async (folder: vscode.WorkspaceFolder, picked: { dimension: string; tag: string }) => {
    const dimension = services.codebooks.lookupFor(folder.uri).dimension(picked.dimension)!;
    const choice = await vscode.window.showQuickPick(dimension.tags.filter((t) => t.id !== picked.tag).map((t) => ({ label: t.label, description: t.id, id: t.id })), { title: `Merge ${picked.tag} into…` });
    return choice?.id;
  };
  return vscode.Disposable.from(
    vscode.languages.registerRenameProvider(selector, {
      prepareRename(document, position) {
        const found = tagAt(services, document, position);
        if (!found) throw new Error('Put the cursor on a tag id inside {…} to rename that tag everywhere.');
        return { range: found.range, placeholder: found.tag };
      },
      async provideRenameEdits(document, position, newName) {
        const found = tagAt(services, document, position);
        const folder = folderOf(document.uri);
        if (!found || !folder) return undefined;
        return (await buildRefactorEdit(services, indexer, folder, { kind: 'rename', dimension: found.dimension, tag: found.tag, to: newName.trim() })).edit;
      },
    }),
    command(COMMANDS.renameTag, async (folder, picked, to) => {
      const name = to ?? (await vscode.window.showInputBox({ title: `Rename ${picked.dimension}=${picked.tag}`, value: picked.tag, validateInput: (v) => (v === picked.tag ? undefined : checkChange(services.codebooks.lookupFor(folder.uri).codebook, { kind: 'rename', ...picked, to: v })) }));
      return name && name !== picked.tag ? { kind: 'rename', ...picked, to: name } : undefined;
    }),
    command(COMMANDS.mergeTag, async (folder, picked, into) => {
      const target = into ?? (await otherTag(folder, picked));
      return target ? { kind: 'merge', ...picked, into: target } : undefined;
    }),
    command(COMMANDS.moveTag, async (folder, picked, toDimension) => {
      const codebook = services.codebooks.lookupFor(folder.uri).codebook;
      const target = toDimension ?? (await vscode.window.showQuickPick(codebook.dimensions.filter((d) => d.id !== picked.dimension).map((d) => ({ label: d.label, description: d.id, id: d.id })), { title: `Move ${picked.tag} to…` }))?.id;
      return target ? { kind: 'move', ...picked, toDimension: target } : undefined;
    }),
    command(COMMANDS.deleteTag, async (_folder, picked) => ({ kind: 'delete', ...picked })),
  );
}
