// What the Markdown preview plugin needs from the editor: the codebook in force for the document being
// previewed (VS Code puts it in markdown-it's env as currentDocument), and the setting that turns it off.
import * as vscode from 'vscode';
import type { PreviewOptions } from '../core/preview';
import type { Codebooks } from './codebooks';
import { readSettings } from './settings';

export function previewOptions(codebooks: Codebooks): PreviewOptions {
  return {
    lookupFor(env) {
      const current = (env as { currentDocument?: unknown } | undefined)?.currentDocument;
      const uri = current instanceof vscode.Uri ? current : typeof current === 'string' ? vscode.Uri.parse(current) : vscode.workspace.workspaceFolders?.[0]?.uri;
      return codebooks.lookupFor(uri ?? vscode.Uri.file('/'));
    },
    enabled: () => readSettings().previewEnabled,
  };
}
