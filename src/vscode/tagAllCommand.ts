// "Evidence: Tag All Occurrences…": every match of a phrase (or /regex/) in the workspace's documents becomes
// a tagged span, in one workspace edit that VS Code's refactor preview shows first, a checkbox per match;
// applying it is one undo. Matches in code, markup or passages that already carry the tags are skipped.
import * as vscode from 'vscode';
import { occurrencePattern, parseDocument, planTagAll, type TagValues } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import type { IndexService } from './indexService';
import { readDocumentText } from './documentSource';
import { log } from './output';
import { readSettings } from './settings';
import { labelTagSet } from './recentTagSets';
import { pickTags } from './tagPicker';

export interface TagAllArguments {
  query: string;
  tags: Record<string, string[]>;
  /** false: apply at once (scripts, tests); the refactor preview is the default. */
  preview?: boolean;
}

export function registerTagAll(services: EvidenceServices, indexer: IndexService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.tagAllOccurrences, async (args?: TagAllArguments) => {
    const editor = vscode.window.activeTextEditor;
    const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).replace(/\s+/g, ' ').trim() : '';
    const query =
      args?.query ??
      (await vscode.window.showInputBox({
        title: 'Tag All Occurrences',
        prompt: 'A phrase (any case, whole words) or /regular expression/ to find in every document of the workspace',
        value: selected,
        validateInput: (value) => {
          try {
            occurrencePattern(value);
            return undefined;
          } catch (error) {
            return (error as Error).message;
          }
        },
      }));
    if (!query) return;
    const lookupUri = editor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file('/');
    const values: TagValues | undefined = args ? { tags: args.tags } : await pickTags(services.codebooks.lookupFor(lookupUri), `Tag All "${query}"`, { recent: services.recent.list(services.codebooks.lookupFor(lookupUri)) });
    if (!values) return;
    const pattern = occurrencePattern(query);
    const preview = args?.preview ?? true;

    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Finding "${query}"`, cancellable: true }, async (progress, token) => {
      const edit = new vscode.WorkspaceEdit();
      let matches = 0;
      let files = 0;
      let skipped = 0;
      const pending: { uri: vscode.Uri; range: vscode.Range; newText: string; label: string; description: string }[] = [];
      let first: { uri: vscode.Uri; at: vscode.Position } | undefined;
      const documents = indexer.index.all();
      const { maxFileSize } = readSettings();
      for (const [i, indexed] of documents.entries()) {
        if (token.isCancellationRequested) return undefined;
        if (i % 50 === 0) progress.report({ message: `${i} of ${documents.length} documents`, increment: (50 / documents.length) * 100 });
        const uri = vscode.Uri.parse(indexed.key);
        const quick = await readDocumentText(uri, maxFileSize);
        pattern.lastIndex = 0;
        if (!quick || !pattern.test(quick)) continue;
        // Plan on the text VS Code itself holds for the file, so that offsets are its offsets.
        const document = await vscode.workspace.openTextDocument(uri);
        const lookup = services.codebooks.lookupFor(uri);
        const plan = planTagAll(parseDocument(document.getText(), lookup), pattern, values, lookup);
        for (const s of plan.skipped) log(`Tag All: ${indexed.label}:${document.positionAt(s.start).line + 1}: skipped "${document.getText().slice(s.start, s.end)}": ${s.reason}`);
        skipped += plan.skipped.length;
        if (!plan.occurrences.length) continue;
        files++;
        first ??= markerPosition(uri, document, plan.occurrences);
        for (const o of plan.occurrences) {
          const range = new vscode.Range(document.positionAt(o.edit.start), document.positionAt(o.edit.end));
          const line = range.start.line + 1;
          pending.push({ uri, range, newText: o.edit.newText, label: `${indexed.label}:${line} "${excerpt(document.getText(), o.start, o.end)}"`, description: labelTagSet(values.tags, lookup) });
          matches++;
        }
      }
      // One entry that needs confirmation makes VS Code show the refactor preview; it changes nothing, and the
      // matches themselves start ticked, so the user unticks the ones to leave alone (as with a rename).
      // (Should no line offer a place for it, every match needs confirmation and starts unticked instead.)
      for (const p of pending) edit.replace(p.uri, p.range, p.newText, { needsConfirmation: preview && !first, label: p.label, description: p.description });
      if (preview && first) edit.insert(first.uri, first.at, '', { needsConfirmation: true, label: `Tag "${query}" as ${labelTagSet(values.tags, services.codebooks.lookupFor(first.uri))}: untick the matches to leave alone` });
      return { edit, matches, files, skipped };
    });
    if (!result) return;
    const skippedNote = result.skipped ? ` ${result.skipped} skipped (code, markup, or already tagged; see the "Evidence Tagger" output).` : '';
    if (result.matches === 0) return void vscode.window.showInformationMessage(`Evidence Tagger: no occurrence of "${query}" to tag.${skippedNote}`);
    const applied = await vscode.workspace.applyEdit(result.edit, { isRefactoring: true });
    if (applied) {
      await services.recent.remember(values);
      void vscode.window.showInformationMessage(`Evidence Tagger: ${result.matches} occurrence${result.matches === 1 ? '' : 's'} of "${query}" in ${result.files} file${result.files === 1 ? '' : 's'} ${preview ? 'offered for tagging' : 'tagged'}.${skippedNote}`);
    }
  });
}

/** A place for the preview's marker entry: the start of a matched line that no edit touches (edits may not meet). */
function markerPosition(uri: vscode.Uri, document: vscode.TextDocument, occurrences: { edit: { start: number; end: number } }[]): { uri: vscode.Uri; at: vscode.Position } | undefined {
  for (const o of occurrences) {
    const at = document.positionAt(o.edit.start).with({ character: 0 });
    const offset = document.offsetAt(at);
    if (occurrences.every((other) => offset < other.edit.start || offset > other.edit.end)) return { uri, at };
  }
  return undefined;
}

function excerpt(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 25), start).replace(/\s+/g, ' ');
  const after = text.slice(end, end + 25).replace(/\s+/g, ' ');
  return `…${before}${text.slice(start, end)}${after}…`;
}
