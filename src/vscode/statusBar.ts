// Coverage of the active document in the status bar; clicking it lists the untagged paragraphs.
import * as vscode from 'vscode';
import { COMMANDS, type EvidenceServices } from './context';
import { toRange } from './documents';

export function registerStatusBar(services: EvidenceServices): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('evidenceTagger.coverage', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Evidence Tagger Coverage';
  item.command = COMMANDS.showCoverage;
  const update = () => {
    const editor = vscode.window.activeTextEditor;
    const summary = editor && services.documents.summary(editor.document);
    if (!summary) return item.hide();
    const percent = Math.round(summary.coverage * 100);
    item.text = `$(tag) ${percent}% tagged`;
    item.tooltip = `${summary.passageCount} tagged passage${summary.passageCount === 1 ? '' : 's'}, ${summary.untaggedBlocks.length} untagged paragraph${summary.untaggedBlocks.length === 1 ? '' : 's'} — click for the list`;
    item.show();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, 100);
  };
  update();
  return vscode.Disposable.from(
    item,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.window.onDidChangeActiveTextEditor(update),
    services.documents.onDidChange((document) => document === vscode.window.activeTextEditor?.document && later()),
    vscode.commands.registerCommand(COMMANDS.showCoverage, async () => {
      const editor = vscode.window.activeTextEditor;
      const entry = editor && services.documents.get(editor.document);
      const summary = editor && services.documents.summary(editor.document);
      if (!editor || !entry || !summary) return;
      const items = summary.untaggedBlocks.map((block) => {
        const range = toRange(entry.parsed, block.start, block.end);
        const text = entry.parsed.text.slice(block.start, block.end).replace(/\s+/g, ' ');
        return { label: text.length > 90 ? text.slice(0, 89) + '…' : text, description: `line ${range.start.line + 1}`, range };
      });
      const picked = await vscode.window.showQuickPick(items, {
        title: `Coverage: ${Math.round(summary.coverage * 100)}% of the prose is tagged (${summary.taggedLength} of ${summary.proseLength} characters, ${summary.passageCount} passages)`,
        placeHolder: items.length ? `${items.length} untagged paragraphs — pick one to go there` : 'Every paragraph has tagged text',
        matchOnDescription: true,
      });
      if (picked) {
        editor.selection = new vscode.Selection(picked.range.start, picked.range.start);
        editor.revealRange(picked.range, vscode.TextEditorRevealType.InCenter);
      }
    }),
  );
}
