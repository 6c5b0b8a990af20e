// Activation: build the services, register each feature. Nothing scans the workspace here.
import * as vscode from 'vscode';
import { Codebooks } from './vscode/codebooks';
import { registerCompletion } from './vscode/completion';
import { registerContextKeys } from './vscode/contextKeys';
import { registerDecorations } from './vscode/decorations';
import { registerDiagnostics } from './vscode/diagnostics';
import { registerExport } from './vscode/exportCommand';
import { registerImport } from './vscode/importCommand';
import { registerImportProject } from './vscode/importProjectCommand';
import { registerCompareCoding } from './vscode/compareCoding';
import type MarkdownIt from 'markdown-it';
import { evidencePreviewPlugin } from './core/preview';
import { previewOptions } from './vscode/preview';
import { registerHeadingLens } from './vscode/headingLens';
import { ParsedDocuments } from './vscode/documents';
import { registerHover } from './vscode/hover';
import { registerNavigation } from './vscode/navigation';
import { registerOpenCodebook } from './vscode/openCodebook';
import { affectsSettings, readSettings } from './vscode/settings';
import { registerStatusBar } from './vscode/statusBar';
import { registerTagging } from './vscode/tagging';
import { COMMANDS } from './vscode/context';
import { registerCoverageView } from './vscode/coverageView';
import { IndexService } from './vscode/indexService';
import { registerMatrixView } from './vscode/matrixView';
import { registerReveal } from './vscode/reveal';
import { registerTallyView } from './vscode/tallyView';
import { registerAddToSelection } from './vscode/addToSelection';
import { registerPresetCommand } from './vscode/presetCommand';
import { RecentTagSets } from './vscode/recentTagSets';
import { registerSuggestionActions } from './vscode/suggestionActions';
import { registerTagAll } from './vscode/tagAllCommand';
import { registerRefactorTags } from './vscode/refactorTags';
import { registerSplitTag } from './vscode/splitTag';
import { registerQuickPickTestHook } from './vscode/tagPicker';

/** Documents the language features attach to; ParsedDocuments then applies the file and language settings. */
const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-vfs' }, { scheme: 'vscode-remote' }].flatMap((filter) => [
  { ...filter, language: 'markdown' },
  { ...filter, language: 'quarto' },
  { ...filter, language: 'rmd' },
  { ...filter, language: 'plaintext' },
]);

export async function activate(context: vscode.ExtensionContext): Promise<{ extendMarkdownIt(md: MarkdownIt): MarkdownIt }> {
  const codebooks = new Codebooks();
  const documents = new ParsedDocuments(codebooks);
  const services = { codebooks, documents, recent: new RecentTagSets(context.workspaceState) };
  context.subscriptions.push(
    codebooks,
    documents,
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affectsSettings(event)) return;
      if (event.affectsConfiguration('evidenceTagger.codebookPath')) void codebooks.reloadAll();
      documents.reloadSettings();
    }),
    registerDecorations(services),
    registerHover(services, SELECTOR),
    registerCompletion(services, SELECTOR),
    registerDiagnostics(services, SELECTOR),
    registerTagging(services),
    registerAddToSelection(services),
    registerSuggestionActions(services, SELECTOR),
    registerPresetCommand(),
    registerQuickPickTestHook(),
    registerNavigation(services),
    registerOpenCodebook(services),
    registerStatusBar(services),
    registerContextKeys(services),
    registerExport(services),
    registerImport(services),
    registerImportProject(services),
    registerCompareCoding(services),
    registerHeadingLens(services, SELECTOR),
    registerReveal(),
  );
  const indexer = new IndexService(services, context.storageUri);
  context.subscriptions.push(
    indexer,
    registerTallyView(services, indexer),
    registerCoverageView(services, indexer),
    registerTagAll(services, indexer),
    registerRefactorTags(services, indexer, SELECTOR),
    registerSplitTag(services, indexer),
    registerMatrixView(context, services, indexer),
    vscode.commands.registerCommand(COMMANDS.indexStatsForTest, () => ({ ...indexer.stats, totalParsed: indexer.totalParsed })),
    vscode.commands.registerCommand(COMMANDS.rescanForTest, () => new Promise((resolve) => {
      const done = indexer.onDidFinishScan((stats) => (done.dispose(), resolve(stats)));
      indexer.restart();
    })),
    vscode.commands.registerCommand(COMMANDS.keystrokesForTest, () => documents.keystrokeMs),
    vscode.commands.registerCommand(COMMANDS.saveIndexForTest, () => indexer.stored.save()),
    vscode.commands.registerCommand(COMMANDS.reloadIndexForTest, (cold?: boolean) => new Promise((resolve) => {
      const done = indexer.onDidFinishScan((stats) => (done.dispose(), resolve(stats)));
      indexer.reload(!!cold);
    })),
  );
  // Only the codebook files are read at start; the workspace scan begins after activation returns.
  await codebooks.reloadAll();
  indexer.start();
  if (readSettings().openSidebarOnStartup) void vscode.commands.executeCommand('workbench.view.extension.evidence');
  return { extendMarkdownIt: (md) => md.use(evidencePreviewPlugin, previewOptions(codebooks)) };
}

export function deactivate(): void {}
