// One quick pick per dimension, with definitions; recent tag sets and suggested tags come first. Enter takes
// the highlighted item when nothing is ticked (what the keyboard says), and each title shows what the
// passage would get so far. "Done" ends early; "No tag" skips a dimension.
import * as vscode from 'vscode';
import type { CodebookLookup, Dimension, Suggestion, TagValues } from '../core';
import { COMMANDS } from './context';
import { describeTagSet, labelTagSet } from './recentTagSets';

type PickItem = vscode.QuickPickItem & { tag?: string; recent?: Record<string, string[]>; action?: 'skip' | 'done' };

export interface PickOptions {
  current?: Record<string, string[]>;
  suggestions?: Suggestion[];
  recent?: Record<string, string[]>[];
}

/** The open pick, so integration tests can type into it and press Enter as a user does. */
let openPick: vscode.QuickPick<PickItem> | undefined;

/** Tests type a filter (as the keyboard would) and press Enter (VS Code's own accept command). */
export function registerQuickPickTestHook(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.quickPickForTest, async (input?: { value?: string; accept?: boolean }) => {
    const pick = openPick;
    if (!pick) return undefined;
    const seen = { title: pick.title, items: pick.items.map((i) => [i.label, i.description ?? ''].join(' | ')), active: pick.activeItems.map((i) => i.label) };
    if (input?.value !== undefined) pick.value = input.value;
    if (input?.accept) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return seen;
  });
}

export async function pickTags(lookup: CodebookLookup, title: string, options: PickOptions = {}): Promise<TagValues | undefined> {
  const tags: Record<string, string[]> = Object.create(null);
  const dimensions = lookup.codebook.dimensions;
  for (const [index, dimension] of dimensions.entries()) {
    const soFar = describeTagSet(tags, lookup);
    const step = `${title} (${index + 1}/${dimensions.length}): ${dimension.label}${soFar ? ` — so far: ${soFar}` : ''}`;
    const recent = index === 0 ? (options.recent ?? []) : [];
    const answer = await pickDimension(dimension, step, new Set(options.current?.[dimension.id] ?? []), options.suggestions ?? [], recent, lookup, Object.keys(tags).length > 0);
    if (answer === undefined) return undefined;
    if ('recent' in answer) return { tags: { ...answer.recent } };
    tags[dimension.id] = answer.ids;
    if (answer.done) break;
  }
  if (!Object.values(tags).some((ids) => ids.length > 0)) {
    void vscode.window.showInformationMessage('Evidence Tagger: no tag chosen, nothing changed.');
    return undefined;
  }
  return { tags };
}

type Answer = { ids: string[]; done: boolean } | { recent: Record<string, string[]> };

function pickDimension(dimension: Dimension, title: string, chosen: Set<string>, suggestions: Suggestion[], recent: Record<string, string[]>[], lookup: CodebookLookup, anyChosen: boolean): Promise<Answer | undefined> {
  const suggested = new Map(suggestions.filter((s) => s.dimension === dimension.id).map((s) => [s.tag, s]));
  // Sub-tags follow their parents (the sort keeps that order among tags equally suggested).
  const tree = lookup.tree(dimension.id);
  const parentLabel = new Map(tree.map(({ tag }) => [tag.id, dimension.tags.find((t) => t.id === tag.parent)?.label]));
  const ordered = tree.map(({ tag }) => tag).sort((a, b) => Number(suggested.has(b.id)) - Number(suggested.has(a.id)) || (suggested.get(b.id)?.score ?? 0) - (suggested.get(a.id)?.score ?? 0));
  const items: PickItem[] = [];
  if (recent.length) {
    items.push({ label: 'recent tag sets', kind: vscode.QuickPickItemKind.Separator });
    for (const set of recent) items.push({ label: `$(history) ${describeTagSet(set, lookup)}`, description: labelTagSet(set, lookup), recent: set });
    items.push({ label: dimension.label, kind: vscode.QuickPickItemKind.Separator });
  }
  for (const tag of ordered) {
    const hint = suggested.get(tag.id);
    items.push({
      tag: tag.id,
      label: hint ? `$(lightbulb) ${tag.label}` : tag.label,
      description: [tag.id, parentLabel.get(tag.id) && `in ${parentLabel.get(tag.id)}`, hint && `suggested — cue: ${hint.cues.slice(0, 2).map((c) => `'${c}'`).join(', ')}`].filter(Boolean).join(' · '),
      detail: tag.definition,
      picked: chosen.has(tag.id),
    });
  }
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
  items.push({ label: '$(circle-slash) No tag', description: `skip ${dimension.label.toLowerCase()}`, action: 'skip', alwaysShow: true });
  if (anyChosen) items.push({ label: '$(check) Done', description: 'tag with what is chosen so far', action: 'done', alwaysShow: true });

  const pick = vscode.window.createQuickPick<PickItem>();
  Object.assign(pick, { title, items, canSelectMany: dimension.multiple, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true });
  pick.placeholder = dimension.multiple ? `Type to filter; Enter takes the highlighted tag, or tick several with Space` : `Type to filter; Enter takes the highlighted tag`;
  if (dimension.multiple) pick.selectedItems = items.filter((i) => i.picked);
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer | undefined) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      pick.hide();
    };
    pick.onDidAccept(() => {
      const ticked = dimension.multiple ? [...pick.selectedItems] : [];
      // Nothing ticked: Enter means the highlighted item (or, with no highlight, the first one the filter shows).
      // (A multi-select pick does not move its highlight as the filter changes, so a highlight the filter hides does not count.)
      const active = pick.activeItems[0];
      const highlighted = active && (!pick.value.trim() || matchRank(active, pick.value) < Infinity) ? active : firstMatch(items, pick.value);
      const taken = ticked.length ? ticked : [highlighted].filter((i): i is PickItem => !!i);
      const recentSet = taken.find((i) => i.recent)?.recent;
      if (recentSet) return finish({ recent: recentSet });
      const ids = taken.filter((i) => i.tag).map((i) => i.tag!);
      if (taken.length === 0) return; // an empty filter result: Enter does nothing, as in VS Code's own picks
      finish({ ids, done: taken.some((i) => i.action === 'done') });
    });
    pick.onDidHide(() => {
      if (openPick === pick) openPick = undefined;
      pick.dispose();
      finish(undefined);
    });
    openPick = pick;
    pick.show();
  });
}

/** 0 when every word typed is in the label, 1 in the label or id, 2 anywhere with the definition; else Infinity. */
function matchRank(item: PickItem, value: string): number {
  const words = value.toLowerCase().split(/\s+/).filter(Boolean);
  if (item.kind === vscode.QuickPickItemKind.Separator) return Infinity;
  const fields = [item.label, `${item.label} ${item.description ?? ''}`, `${item.label} ${item.description ?? ''} ${item.detail ?? ''}`].map((f) => f.toLowerCase());
  const rank = fields.findIndex((field) => words.every((w) => field.includes(w)));
  return rank === -1 ? Infinity : rank;
}

/** The item the filter shows first: VS Code lists label matches before matches in the id or definition. */
function firstMatch(items: PickItem[], value: string): PickItem | undefined {
  let best: PickItem | undefined;
  let bestRank = Infinity;
  for (const item of items) {
    const rank = matchRank(item, value);
    if (rank < bestRank) [best, bestRank] = [item, rank];
  }
  return best;
}
