// Next/Previous Tagged Passage and Next Untagged Paragraph: move the cursor and reveal.
import * as vscode from 'vscode';
import { COMMANDS, type EvidenceServices } from './context';
import { toRange } from './documents';

export function registerNavigation(services: EvidenceServices): vscode.Disposable {
  const go = (editor: vscode.TextEditor, start: number, end: number) => {
    const entry = services.documents.get(editor.document)!;
    const range = toRange(entry.parsed, start, end);
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  };
  const move = (pick: (offsets: number[], cursor: number) => number | undefined, targets: 'passages' | 'untagged') => () => {
    const editor = vscode.window.activeTextEditor;
    const entry = editor && services.documents.get(editor.document);
    if (!editor || !entry) return;
    const cursor = editor.document.offsetAt(editor.selection.active);
    const ranges =
      targets === 'passages'
        ? entry.parsed.passages.map((p) => [p.contentStart, p.contentEnd] as const)
        : (services.documents.summary(editor.document)?.untaggedBlocks ?? []).map((b) => [b.start, b.end] as const);
    const index = pick(ranges.map(([start]) => start), cursor);
    if (index === undefined) {
      void vscode.window.setStatusBarMessage(targets === 'passages' ? 'Evidence Tagger: no more tagged passages' : 'Evidence Tagger: no more untagged paragraphs', 3000);
      return;
    }
    go(editor, ranges[index][0], ranges[index][1]);
  };
  const next = (starts: number[], cursor: number) => {
    const i = starts.findIndex((s) => s > cursor);
    return i === -1 ? (starts.length ? 0 : undefined) : i; // wraps around, as Go to Next Problem does
  };
  const previous = (starts: number[], cursor: number) => {
    for (let i = starts.length - 1; i >= 0; i--) if (starts[i] < cursor) return i;
    return starts.length ? starts.length - 1 : undefined;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMANDS.nextPassage, move(next, 'passages')),
    vscode.commands.registerCommand(COMMANDS.previousPassage, move(previous, 'passages')),
    vscode.commands.registerCommand(COMMANDS.nextUntaggedParagraph, move(next, 'untagged')),
  );
}
