// "Add to Selection" on a tag in the Tally view: one click tags the editor's selection with that tag, or,
// when the selection is a passage (or the cursor sits in one), adds the tag to it. The tag's dimension keeps
// its other tags where the codebook allows several, and is replaced where it allows one.
import * as vscode from 'vscode';
import { planRetagging, planTagging, type Passage } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { apply, selectionOffsets } from './tagging';

export interface TagNodeArgument {
  dimension: string;
  tag: string;
}

export function registerAddToSelection(services: EvidenceServices): vscode.Disposable {
  // The inline action shows while `evidenceTagger.canAddToSelection` holds (set in contextKeys.ts).
  return vscode.commands.registerCommand(COMMANDS.addTagToSelection, async (node?: TagNodeArgument) => {
    // Views keep the last text editor active while they have focus, so this is the editor the user selected in.
    const editor = vscode.window.activeTextEditor;
    const entry = editor && services.documents.get(editor.document);
    if (!editor || !entry) return void vscode.window.showInformationMessage('Evidence Tagger: select text in a Markdown or text document, then add a tag to it.');
    if (!node?.dimension || !node.tag) return;
    const lookup = services.codebooks.lookupFor(editor.document.uri);
    const dimension = lookup.dimension(node.dimension);
    if (!dimension || !lookup.tag(node.dimension, node.tag)) return void vscode.window.showWarningMessage(`Evidence Tagger: "${node.tag}" is not a tag of this document's codebook.`);
    const text = entry.parsed.text;
    const selections = selectionOffsets(editor);
    // A selection that is (white space aside) a passage's text, or a bare cursor in one, means that passage.
    const passageOf = (s: { start: number; end: number }): Passage | undefined => {
      const inner = services.documents.passageAt(entry, s.start);
      if (!inner) return undefined;
      if (s.start === s.end) return inner;
      const content = text.slice(inner.contentStart, inner.contentEnd);
      const lead = content.length - content.trimStart().length;
      const trail = content.length - content.trimEnd().length;
      const selected = text.slice(s.start, s.end).trim();
      return selected === content.trim() && s.start <= inner.contentStart + lead && s.end >= inner.contentEnd - trail ? inner : undefined;
    };
    const passages = selections.map(passageOf);
    if (passages.every((p): p is Passage => !!p)) {
      const add = (p: Passage) => {
        const ids = dimension.multiple ? [...new Set([...(p.tags[node.dimension] ?? []), node.tag])] : [node.tag];
        return { tags: { ...p.tags, [node.dimension]: ids }, note: p.note };
      };
      const planned = planRetagging(entry.parsed, [...new Set(passages)], add, lookup);
      if (!planned.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${planned.reason}`);
      await apply(editor, planned.edits);
      return;
    }
    if (selections.some((s) => s.start === s.end)) return void vscode.window.showInformationMessage('Evidence Tagger: select the text to tag (or put the cursor in a tagged passage to add the tag to it).');
    const values = { tags: { [node.dimension]: [node.tag] } };
    const planned = planTagging(entry.parsed, selections, values, lookup);
    if (!planned.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${planned.reason}`);
    if (await apply(editor, planned.edits)) await services.recent.remember(values);
  });
}
