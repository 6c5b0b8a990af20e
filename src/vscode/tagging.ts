// Tag Selection, Retag Passage, Add Note, Remove Tags: each one undo step, on every selection at once.
import * as vscode from 'vscode';
import { planTag, retagEdits, tagEdits, untagEdits, type CodebookLookup, type Passage, type TextEdit } from '../core';
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
        const plans = editor.selections.map((s) => planTag(entry.parsed, editor.document.offsetAt(s.start), editor.document.offsetAt(s.end)));
        const refused = plans.find((p) => !p.ok);
        if (refused && !refused.ok) return void vscode.window.showWarningMessage(`Evidence Tagger: ${refused.reason}`);
        const values = args ?? (await pickTags(lookup, 'Tag Selection'));
        if (!values) return;
        const edits = plans.flatMap((p) => (p.ok ? tagEdits(entry.parsed.text, p.start, p.end, values, p.block) : []));
        if (overlapping(edits)) return void vscode.window.showWarningMessage('Evidence Tagger: the selections overlap; tag them one at a time.');
        await apply(editor, edits);
      })(),
    ),
    vscode.commands.registerCommand(COMMANDS.retagPassage, (args?: TagArguments) =>
      withEditor(async (editor, entry, lookup) => {
        const passages = at(entry, editor);
        if (passages.length === 0) return void vscode.window.showInformationMessage('Evidence Tagger: put the cursor in a tagged passage to retag it.');
        const values = args ?? (await pickTags(lookup, 'Retag Passage', passages[0].tags));
        if (!values) return;
        const edits = passages.flatMap((p) => retagEdits(entry.parsed.text, p, { tags: values.tags, note: values.note === undefined ? p.note : values.note }, (k) => lookup.isDimension(k)));
        await apply(editor, edits);
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
        await apply(editor, passages.flatMap((p) => retagEdits(entry.parsed.text, p, { tags: p.tags, note: text || null }, (k) => lookup.isDimension(k))));
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

function overlapping(edits: TextEdit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  return sorted.some((edit, i) => i > 0 && edit.start < sorted[i - 1].end);
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

