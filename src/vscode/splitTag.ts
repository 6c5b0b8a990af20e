// Split Tag…: the passages of a tag that the researcher ticks move to a new tag, a sub-tag of the one split
// or a sibling of it. One workspace edit through the refactor preview, like the other refactorings.
import * as vscode from 'vscode';
import { checkChange, rangeIn, type TagChange } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import type { TagNodeArgument } from './addToSelection';
import { excerptsOf } from './documentTexts';
import type { IndexService } from './indexService';
import { folderOf, pickTag, runRefactoring } from './refactorTags';

/** What a caller (a test, a script) may give instead of answering the prompts. */
export interface SplitArguments {
  to?: string;
  asSubTag?: boolean;
  /** The passages to move, by document URI and the offset where their content starts. */
  passages?: { uri: string; contentStart: number }[];
}

type PassageItem = vscode.QuickPickItem & { uri: string; contentStart: number };

/** Every passage of the folder tagged with the tag itself (not through a sub-tag), as pick items. */
async function passageItems(indexer: IndexService, folder: vscode.WorkspaceFolder, dimension: string, tag: string): Promise<PassageItem[]> {
  const perDocument = await Promise.all(
    indexer.index.all().map(async (document) => {
      if (vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(document.key))?.uri.toString() !== folder.uri.toString()) return [];
      const passages = document.passages.filter((p) => p.tags[dimension]?.includes(tag));
      if (passages.length === 0) return [];
      const excerpts = await excerptsOf(document, passages.map((p) => ({ start: p.contentStart, end: p.contentEnd })));
      return passages.map((p, i): PassageItem => {
        const others = Object.entries(p.tags).map(([d, ids]) => `${d}=${ids.join(' ')}`).join('  ');
        return { label: excerpts[i] || '(empty passage)', description: `${document.label}:${rangeIn(document, p.contentStart, p.contentEnd).line + 1}`, detail: others, uri: document.key, contentStart: p.contentStart };
      });
    }),
  );
  return perDocument.flat();
}

export function registerSplitTag(services: EvidenceServices, indexer: IndexService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.splitTag, async (node?: TagNodeArgument, given: SplitArguments = {}) => {
    const folder = folderOf(vscode.window.activeTextEditor?.document.uri);
    if (!folder) return void vscode.window.showInformationMessage('Evidence Tagger: open a folder to change its codebook.');
    const lookup = services.codebooks.lookupFor(folder.uri);
    const picked = await pickTag(lookup, 'Split Tag', node);
    if (!picked) return;
    const tag = lookup.tag(picked.dimension, picked.tag);
    const passages =
      given.passages ??
      (await vscode.window.showQuickPick(await passageItems(indexer, folder, picked.dimension, picked.tag), {
        title: `Split ${tag?.label ?? picked.tag}: tick the passages that move to the new tag`,
        placeHolder: 'Type to filter by text or file; Space ticks, Enter goes on',
        canPickMany: true,
        matchOnDescription: true,
        matchOnDetail: true,
      }));
    if (!passages?.length) return;
    const draft = (to: string): Extract<TagChange, { kind: 'split' }> => ({ kind: 'split', ...picked, to, passages: [] });
    const to =
      given.to ??
      (await vscode.window.showInputBox({
        title: `Split ${picked.dimension}=${picked.tag}: the new tag's id`,
        prompt: `${passages.length} passage${passages.length === 1 ? '' : 's'} will carry it instead of ${picked.tag}`,
        value: `${picked.tag}-`,
        validateInput: (value) => checkChange(lookup.codebook, draft(value.trim())),
      }))?.trim();
    if (!to) return;
    const asSubTag =
      given.asSubTag ??
      (
        await vscode.window.showQuickPick(
          [
            { label: `$(type-hierarchy-sub) A sub-tag of ${tag?.label ?? picked.tag}`, description: 'counted in its tally too', asSubTag: true },
            { label: `$(list-flat) A tag beside it`, description: tag?.parent ? `also under ${lookup.tag(picked.dimension, tag.parent)?.label ?? tag.parent}` : 'at the top level', asSubTag: false },
          ],
          { title: `Where does ${to} go in the codebook?` },
        )
      )?.asSubTag;
    if (asSubTag === undefined) return;
    const byDocument = new Map<string, number[]>();
    for (const p of passages) byDocument.set(p.uri, [...(byDocument.get(p.uri) ?? []), p.contentStart]);
    await runRefactoring(services, indexer, folder, { ...draft(to), asSubTag }, byDocument);
  });
}
