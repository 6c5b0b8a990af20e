// The extension's one output channel ("Evidence Tagger"), created when first needed.
import * as vscode from 'vscode';

let channel: vscode.OutputChannel | undefined;

export function output(): vscode.OutputChannel {
  channel ??= vscode.window.createOutputChannel('Evidence Tagger');
  return channel;
}

/** A timestamped line in the output channel. */
export function log(message: string): void {
  output().appendLine(`[${new Date().toISOString()}] ${message}`);
}
