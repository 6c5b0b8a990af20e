// Tag Selection (and Again), Retag Passage, Add Note, Remove Tags: each one undo step, on every selection at once.
import * as vscode from 'vscode';
import { planRetagging, planTag, planTagging, suggesterFor, untagEdits, type CodebookLookup, type Passage, type TagValues, type TextEdit } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import type { ParsedEditorDocument } from './documents';
import { describeTagSet } from './recentTagSets';
import { pickTags } from './tagPicker';

/** Commands take optional arguments so that scripts and tests can skip the pickers. */
export interface TagArguments {
  tags: Record<string, string[]>;
  note?: string | null;
}

export function registerTagging(services: EvidenceServices): vscode.Disposable {
  const withEditor = (run: (editor: vscode.TextEditor, entry: ParsedEditorDocument, lookup: CodebookLookup) => Promise<unknown>) => async () => {
    const editor = vscode.window.activeTextEditor;
    const entry = editor && services.documents.get(editor.document);
    if (!editor || !entry) {
      void vscode.window.showInformationMessage('Evidence Tagger: open a Markdown or text document to tag.');
      return;
    }
    await run(editor, entry, services.codebooks.lookupFor(editor.document.uri));
  };
  const at = (entry: ParsedEditorDocument, editor: vscode.TextEditor) =>
    unique(editor.selections.map((s) => services.documents.passageAt(entry, editor.document.offsetAt(s.active))).filter((p): p is Passage => !!p));
  /** The edit is proved on a copy first: it must make exactly the passages selected, and change nothing else. */
  const tagSelections = async (editor: vscode.TextEditor, entry: ParsedEditorDocument, lookup: CodebookLookup, values: TagValues): Promise<boolean> => {
    const planned = planTagging(entry.parsed, selectionOffsets(editor), values, lookup);
    if (!planned.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${planned.reason}`), false;
    if (!(await apply(editor, planned.edits))) return false;
    await services.recent.remember(values);
    return true;
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.tagSelection, (args?: TagArguments) =>
      withEditor(async (editor, entry, lookup) => {
        const selections = selectionOffsets(editor);
        // Refuse early (before the pickers) what can never be tagged: blank lines, cuts across passages.
        const plans = selections.map((s) => planTag(entry.parsed, s.start, s.end));
        const refused = plans.find((p) => !p.ok);
        if (refused && !refused.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${refused.reason}`);
        const first = plans[0];
        const suggestions = first.ok ? suggesterFor(lookup.codebook).suggest(entry.parsed.text, {}, first.start, first.end) : [];
        const values = args ?? (await pickTags(lookup, 'Tag Selection', { suggestions, recent: services.recent.list(lookup) }));
        if (!values) return;
        await tagSelections(editor, entry, lookup, values);
      })(),
    ),
    vscode.commands.registerCommand(COMMANDS.tagSelectionAgain, () =>
      withEditor(async (editor, entry, lookup) => {
        const last = services.recent.last(lookup);
        if (!last) return void vscode.window.showInformationMessage('Evidence Tagger: no tag set used yet in this workspace. Run Tag Selection first; then this repeats it.');
        if (await tagSelections(editor, entry, lookup, { tags: last })) vscode.window.setStatusBarMessage(`$(tag) Tagged again: ${describeTagSet(last, lookup)}`, 3000);
      })(),
    ),
    vscode.commands.registerCommand(COMMANDS.retagPassage, (args?: TagArguments) =>
      withEditor(async (editor, entry, lookup) => {
        const passages = at(entry, editor);
        if (passages.length === 0) return void vscode.window.showInformationMessage('Evidence Tagger: put the cursor in a tagged passage to retag it.');
        const values = args ?? (await pickTags(lookup, 'Retag Passage', { current: passages[0].tags }));
        if (!values) return;
        const planned = planRetagging(entry.parsed, passages, (p) => ({ tags: values.tags, note: values.note === undefined ? p.note : values.note }), lookup);
        if (!planned.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${planned.reason}`);
        await apply(editor, planned.edits);
      })(),
    ),
    vscode.commands.registerCommand(COMMANDS.addNote, (note?: string) =>
      withEditor(async (editor, entry, lookup) => {
        const passages = at(entry, editor);
        if (passages.length === 0) return void vscode.window.showInformationMessage('Evidence Tagger: put the cursor in a tagged passage to add a note.');
        const text =
          typeof note === 'string'
            ? note
            : await vscode.window.showInputBox({ title: 'Add Note', prompt: 'Your memo for this passage (empty removes the note)', value: passages[0].note ?? '' });
        if (text === undefined) return;
        const planned = planRetagging(entry.parsed, passages, (p) => ({ tags: p.tags, note: text || null }), lookup);
        if (!planned.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${planned.reason}`);
        await apply(editor, planned.edits);
      })(),
    ),
    vscode.commands.registerCommand(COMMANDS.removeTags, () =>
      withEditor(async (editor, entry) => {
        const passages = at(entry, editor);
        if (passages.length === 0) return void vscode.window.showInformationMessage('Evidence Tagger: put the cursor in a tagged passage to remove its tags.');
        await apply(editor, passages.flatMap(untagEdits));
      })(),
    ),
  );
}

export const selectionOffsets = (editor: vscode.TextEditor) => editor.selections.map((s) => ({ start: editor.document.offsetAt(s.start), end: editor.document.offsetAt(s.end) }));

/** All edits in one `editor.edit` call: one undo step. */
export async function apply(editor: vscode.TextEditor, edits: TextEdit[]): Promise<boolean> {
  const document = editor.document;
  const ok = await editor.edit((builder) => {
    for (const edit of edits) builder.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  });
  if (!ok) void vscode.window.showWarningMessage('Evidence Tagger: the document changed before the tags could be written; try again.');
  return ok;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

