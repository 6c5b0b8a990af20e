// A CodeLens over each Markdown heading with its section's tally: "7 passages · 42% tagged · research 4,
// practice 3". A click lists the section's passages in a quick pick and goes to the one chosen. Computed
// lazily per visible document from the parse the editor already keeps (no extra parse per keystroke).
import * as vscode from 'vscode';
import { sectionSummaries, sectionTitle, type SectionSummary } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { toRange } from './documents';
import { readSettings } from './settings';

export function registerHeadingLens(services: EvidenceServices, selector: vscode.DocumentSelector): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const cache = new WeakMap<object, SectionSummary[]>();
  const sectionsOf = (document: vscode.TextDocument) => {
    const entry = services.documents.get(document);
    if (!entry) return undefined;
    // One computation per parse: the parse object changes with every edit.
    let sections = cache.get(entry.parsed);
    if (!sections) cache.set(entry.parsed, (sections = sectionSummaries(entry.parsed)));
    return { entry, sections };
  };
  const provider: vscode.CodeLensProvider = {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!readSettings(document.uri).codeLensEnabled) return [];
      const found = sectionsOf(document);
      if (!found) return [];
      return found.sections.map((section, index) => {
        const range = toRange(found.entry.parsed, section.headingStart, section.headingStart);
        return new vscode.CodeLens(range, { title: sectionTitle(section), tooltip: 'This section’s tagged passages, share of prose tagged and most used tags: click to list its passages', command: COMMANDS.showSectionPassages, arguments: [document.uri, index] });
      });
    },
  };
  return vscode.Disposable.from(
    changed,
    vscode.languages.registerCodeLensProvider(selector, provider),
    services.documents.onDidChange(() => changed.fire()),
    vscode.workspace.onDidChangeConfiguration((event) => event.affectsConfiguration('evidenceTagger.codeLens') && changed.fire()),
    vscode.commands.registerCommand(COMMANDS.showSectionPassages, async (uri: vscode.Uri, index: number) => {
      const document = await vscode.workspace.openTextDocument(uri);
      const found = sectionsOf(document);
      const section = found?.sections[index];
      if (!found || !section) return;
      const { parsed } = found.entry;
      const items = section.passageIndexes.map((i) => {
        const passage = parsed.passages[i];
        const at = parsed.lines.positionAt(passage.start);
        const text = parsed.text.slice(passage.contentStart, passage.contentEnd).replace(/\s+/g, ' ').trim();
        return { label: text.length > 90 ? `${text.slice(0, 89)}…` : text, description: Object.entries(passage.tags).map(([d, ids]) => `${d}=${ids.join(',')}`).join(' '), detail: `line ${at.line + 1}`, passage };
      });
      const heading = parsed.text.slice(section.headingStart, section.headingEnd);
      const picked = items.length === 1 ? items[0] : await vscode.window.showQuickPick(items, { title: `${heading}: ${sectionTitle(section)}`, placeHolder: items.length ? 'Go to a passage of this section' : 'No tagged passages in this section', matchOnDescription: true });
      if (!picked) return;
      const editor = await vscode.window.showTextDocument(document);
      const range = toRange(parsed, picked.passage.start, picked.passage.end);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
  );
}
