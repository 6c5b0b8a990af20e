// Tag Selection, Retag Passage, Add Note, Remove Tags: each one undo step, on every selection at once.
import * as vscode from 'vscode';
import { planRetagging, planTag, planTagging, untagEdits, type CodebookLookup, type Passage, type TextEdit } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import type { ParsedEditorDocument } from './documents';
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

  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.tagSelection, (args?: TagArguments) =>
      withEditor(async (editor, entry, lookup) => {
        const selections = editor.selections.map((s) => ({ start: editor.document.offsetAt(s.start), end: editor.document.offsetAt(s.end) }));
        // Refuse early (before the pickers) what can never be tagged: blank lines, cuts across passages.
        const refused = selections.map((s) => planTag(entry.parsed, s.start, s.end)).find((p) => !p.ok);
        if (refused && !refused.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${refused.reason}`);
        const values = args ?? (await pickTags(lookup, 'Tag Selection'));
        if (!values) return;
        // The edit is proved on a copy first: it must make exactly the passages selected, and change nothing else.
        const planned = planTagging(entry.parsed, selections, values, lookup);
        if (!planned.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${planned.reason}`);
        await apply(editor, planned.edits);
      })(),
    ),
    vscode.commands.registerCommand(COMMANDS.retagPassage, (args?: TagArguments) =>
      withEditor(async (editor, entry, lookup) => {
        const passages = at(entry, editor);
        if (passages.length === 0) return void vscode.window.showInformationMessage('Evidence Tagger: put the cursor in a tagged passage to retag it.');
        const values = args ?? (await pickTags(lookup, 'Retag Passage', passages[0].tags));
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

/** All edits in one `editor.edit` call: one undo step. */
async function apply(editor: vscode.TextEditor, edits: TextEdit[]): Promise<void> {
  const document = editor.document;
  const ok = await editor.edit((builder) => {
    for (const edit of edits) builder.replace(new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)), edit.newText);
  });
  if (!ok) void vscode.window.showWarningMessage('Evidence Tagger: the document changed before the tags could be written; try again.');
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

