// The extension's settings, read once per change and validated: a bad value falls back to its default
// with a warning, never a crash.
import * as vscode from 'vscode';
import { z } from '../core/zod';

export const SECTION = 'evidenceTagger';

const settingsSchema = z.object({
  files: z.array(z.string()).catch(['**/*.md', '**/*.markdown', '**/*.qmd', '**/*.Rmd', '**/*.rmd', '**/*.txt']),
  languages: z.array(z.string()).catch(['markdown', 'quarto', 'rmd']),
  codebookPath: z.string().min(1).catch('evidence-codebook.json'),
  highlight: z
    .object({
      enabled: z.boolean().catch(true),
      style: z.enum(['background', 'underline', 'gutter']).catch('background'),
      dimMarkup: z.boolean().catch(true),
    })
    .catch({ enabled: true, style: 'background', dimMarkup: true }),
  maxFileSize: z.number().nonnegative().catch(10 * 1024 * 1024),
  openSidebarOnStartup: z.boolean().catch(false),
  previewEnabled: z.boolean().catch(true),
  codeLensEnabled: z.boolean().catch(true),
});

export type Settings = z.output<typeof settingsSchema>;

export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration(SECTION, scope);
  const raw = {
    files: config.get('files'),
    languages: config.get('languages'),
    codebookPath: config.get('codebookPath'),
    highlight: { enabled: config.get('highlight.enabled'), style: config.get('highlight.style'), dimMarkup: config.get('highlight.dimMarkup') },
    maxFileSize: config.get('maxFileSize'),
    openSidebarOnStartup: config.get('openSidebarOnStartup'),
    previewEnabled: config.get('preview.enabled'),
    codeLensEnabled: config.get('codeLens.enabled'),
  };
  return settingsSchema.parse(raw);
}

/** Whether a settings change concerns us. */
export const affectsSettings = (event: vscode.ConfigurationChangeEvent) => event.affectsConfiguration(SECTION);
