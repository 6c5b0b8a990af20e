// Reveal a passage or paragraph: open its document and select the range. Used by every view.
import * as vscode from 'vscode';
import { COMMANDS } from './context';

export interface RevealTarget {
  uri: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
}

export function revealCommand(title: string, target: RevealTarget): vscode.Command {
  return { command: COMMANDS.reveal, title, arguments: [target] };
}

export function registerReveal(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.reveal, async (target: RevealTarget) => {
    const range = new vscode.Range(target.line, target.character, target.endLine, target.endCharacter);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { preserveFocus: false });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  });
}
