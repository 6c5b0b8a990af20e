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
import { addForPreview, type PreviewChange } from './refactorPreview';
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
      const pending: PreviewChange[] = [];
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
        for (const o of plan.occurrences) {
          const range = new vscode.Range(document.positionAt(o.edit.start), document.positionAt(o.edit.end));
          const line = range.start.line + 1;
          pending.push({ uri, range, newText: o.edit.newText, label: `${indexed.label}:${line} "${excerpt(document.getText(), o.start, o.end)}"`, description: labelTagSet(values.tags, lookup) });
          matches++;
        }
      }
      if (pending.length) addForPreview(edit, pending, `Tag "${query}" as ${labelTagSet(values.tags, services.codebooks.lookupFor(pending[0].uri))}: untick the matches to leave alone`, preview);
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

function excerpt(text: string, start: number, end: number): string {
  const before = text.slice(Math.max(0, start - 25), start).replace(/\s+/g, ' ');
  const after = text.slice(end, end + 25).replace(/\s+/g, ' ');
  return `…${before}${text.slice(start, end)}${after}…`;
}
