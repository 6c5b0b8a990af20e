// Workspace-wide changes through VS Code's refactor preview, every change ticked. Marking each edit as
// needing confirmation would make VS Code start them all unticked; one empty entry that needs confirmation
// opens the preview instead, and the real changes stay ticked for the user to untick what to leave alone.
import * as vscode from 'vscode';

export interface PreviewChange {
  uri: vscode.Uri;
  range: vscode.Range;
  newText: string;
  label: string;
  description?: string;
}

/**
 * Adds the changes to `edit`; with `preview`, also the marker entry titled `title`, at `preferred` or else at
 * the start of a changed line that no change touches (edits may not meet). Should no such place exist, every
 * change needs confirmation and starts unticked.
 */
export function addForPreview(edit: vscode.WorkspaceEdit, changes: PreviewChange[], title: string, preview = true, preferred?: vscode.Location): void {
  const free = (at: vscode.Location) => changes.every((c) => c.uri.toString() !== at.uri.toString() || !c.range.contains(at.range.start));
  const candidates = [...(preferred ? [preferred] : []), ...changes.map((c) => new vscode.Location(c.uri, c.range.start.with({ character: 0 })))];
  const marker = preview ? candidates.find(free) : undefined;
  for (const c of changes) edit.replace(c.uri, c.range, c.newText, { needsConfirmation: preview && !marker, label: c.label, description: c.description });
  if (marker) edit.insert(marker.uri, marker.range.start, '', { needsConfirmation: true, label: title });
}
