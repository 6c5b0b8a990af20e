// One quick pick per dimension, tag labels with their definitions; multi-select where the codebook allows.
import * as vscode from 'vscode';
import type { CodebookLookup, TagValues } from '../core';

interface TagItem extends vscode.QuickPickItem {
  id?: string;
}

export async function pickTags(lookup: CodebookLookup, title: string, current: Record<string, string[]> = {}): Promise<TagValues | undefined> {
  const tags: Record<string, string[]> = Object.create(null);
  const dimensions = lookup.codebook.dimensions;
  for (const [index, dimension] of dimensions.entries()) {
    const chosen = new Set(current[dimension.id] ?? []);
    const items: TagItem[] = dimension.tags.map((tag) => ({ id: tag.id, label: tag.label, description: tag.id, detail: tag.definition, picked: chosen.has(tag.id) }));
    const options = { title: `${title} (${index + 1}/${dimensions.length}): ${dimension.label}`, matchOnDescription: true, matchOnDetail: true, ignoreFocusOut: true };
    if (dimension.multiple) {
      const picked = await vscode.window.showQuickPick(items, { ...options, canPickMany: true, placeHolder: `Choose any ${dimension.label.toLowerCase()} tags (none to skip)` });
      if (!picked) return undefined;
      tags[dimension.id] = picked.map((p) => p.id!);
    } else {
      const none: TagItem = { label: '$(circle-slash) No tag', description: 'skip this dimension' };
      const picked = await vscode.window.showQuickPick([...items, none], { ...options, placeHolder: `Choose one ${dimension.label.toLowerCase()} tag` });
      if (!picked) return undefined;
      tags[dimension.id] = picked.id ? [picked.id] : [];
    }
  }
  if (!Object.values(tags).some((ids) => ids.length > 0)) {
    void vscode.window.showInformationMessage('Evidence Tagger: no tag chosen, nothing changed.');
    return undefined;
  }
  return { tags };
}
