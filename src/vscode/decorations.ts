// Highlights tagged passages in visible editors: a tint from the evidence tag, a mark from the use tag,
// dimmed markup. Decoration types are created once per colour and rebuilt when the settings change.
import * as vscode from 'vscode';
import { DEFAULT_CODEBOOK, type CodebookLookup, type Passage, type Tag } from '../core';
import { COMMANDS, type EvidenceServices } from './context';
import { toRange } from './documents';
import { affectsSettings, readSettings, type Settings } from './settings';

const DEFAULT_IDS = new Set(DEFAULT_CODEBOOK.dimensions.flatMap((d) => d.tags.map((t) => `${d.id}.${t.id}`)));
/** Lines decorated beyond the visible ones, so scrolling a little shows highlights at once. */
const MARGIN_LINES = 200;

type Role = 'evidence' | 'use' | 'markup';

export function registerDecorations(services: EvidenceServices): vscode.Disposable {
  const decorator = new Decorator(services);
  return vscode.Disposable.from(
    decorator,
    vscode.window.onDidChangeVisibleTextEditors(() => decorator.updateVisible()),
    vscode.window.onDidChangeTextEditorVisibleRanges((event) => decorator.scrolled(event.textEditor)),
    // Right away: the parse is already current, and decorating only the visible lines is cheap.
    services.documents.onDidChange((document) => decorator.updateDocument(document)),
    vscode.workspace.onDidChangeConfiguration((event) => affectsSettings(event) && decorator.rebuild()),
    vscode.commands.registerCommand(COMMANDS.decorationsForTest, () => decorator.snapshot(vscode.window.activeTextEditor)),
    vscode.commands.registerCommand(COMMANDS.toggleHighlight, async () => {
      const config = vscode.workspace.getConfiguration('evidenceTagger');
      await config.update('highlight.enabled', !config.get<boolean>('highlight.enabled', true), vscode.ConfigurationTarget.Global);
    }),
  );
}

class Decorator implements vscode.Disposable {
  private settings: Settings = readSettings();
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  /** Per editor, the ranges last set per decoration key (for clearing, and for the test command). */
  private readonly applied = new WeakMap<vscode.TextEditor, Map<string, vscode.Range[]>>();
  /** Per editor, the offsets the last decorations covered; scrolling outside them re-decorates. */
  private readonly covered = new WeakMap<vscode.TextEditor, [number, number]>();

  constructor(private readonly services: EvidenceServices) {
    this.updateVisible();
  }

  rebuild(): void {
    this.settings = readSettings();
    this.types.forEach((type) => type.dispose());
    this.types.clear();
    this.updateVisible();
  }

  updateDocument(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.update(editor);
  }

  scrolled(editor: vscode.TextEditor): void {
    const [from, to] = this.window(editor);
    const covered = this.covered.get(editor);
    if (!covered || from < covered[0] || to > covered[1]) this.update(editor);
  }

  /** The offsets of the visible lines plus a margin. */
  private window(editor: vscode.TextEditor): [number, number] {
    const document = editor.document;
    const ranges = editor.visibleRanges.length ? editor.visibleRanges : [new vscode.Range(0, 0, 0, 0)];
    const first = Math.max(0, Math.min(...ranges.map((r) => r.start.line)) - MARGIN_LINES);
    const last = Math.min(document.lineCount - 1, Math.max(...ranges.map((r) => r.end.line)) + MARGIN_LINES);
    return [document.offsetAt(new vscode.Position(first, 0)), document.offsetAt(document.lineAt(last).range.end)];
  }

  updateVisible(): void {
    for (const editor of vscode.window.visibleTextEditors) this.update(editor);
  }

  private update(editor: vscode.TextEditor): void {
    const entry = this.settings.highlight.enabled ? this.services.documents.get(editor.document) : undefined;
    const next = new Map<string, vscode.Range[]>();
    if (entry) {
      const lookup = this.services.codebooks.lookupFor(editor.document.uri);
      const add = (key: string, range: vscode.Range) => {
        let ranges = next.get(key);
        if (!ranges) next.set(key, (ranges = []));
        ranges.push(range);
      };
      const [first, second] = lookup.codebook.dimensions;
      const [from, to] = this.window(editor);
      this.covered.set(editor, [from, to]);
      for (const passage of entry.parsed.passages) {
        if (passage.end < from || passage.start > to) continue;
        const content = toRange(entry.parsed, passage.contentStart, passage.contentEnd);
        const evidence = first && passage.tags[first.id]?.[0];
        if (evidence !== undefined) add(this.typeKey('evidence', lookup, first.id, evidence, passage), content);
        const use = second && passage.tags[second.id]?.[0];
        if (use !== undefined && this.settings.highlight.style === 'background') add(this.typeKey('use', lookup, second.id, use, passage), content);
        if (this.settings.highlight.dimMarkup) {
          add('markup', toRange(entry.parsed, passage.start, passage.contentStart));
          add('markup', toRange(entry.parsed, passage.contentEnd, passage.end));
        }
      }
    }
    const previous = this.applied.get(editor) ?? new Map<string, vscode.Range[]>();
    for (const key of previous.keys()) if (!next.has(key)) editor.setDecorations(this.type(key), []);
    for (const [key, ranges] of next) editor.setDecorations(this.type(key), ranges);
    this.applied.set(editor, next);
  }

  /** A decoration key: role, then where its colour comes from (theme colour id, or the codebook's colours). */
  private typeKey(role: 'evidence' | 'use', lookup: CodebookLookup, dimension: string, value: string, passage: Passage): string {
    const tag = lookup.tag(dimension, value);
    const shape = passage.kind === 'div' ? 'block' : 'inline';
    if (!tag) return `${role}|${shape}|unknown`;
    // A sub-tag without a colour of its own shows its parent's.
    if (!tag.color && tag.parent && !DEFAULT_IDS.has(`${dimension}.${tag.id}`)) return this.typeKey(role, lookup, dimension, tag.parent, passage);
    const isDefault = dimension === role && DEFAULT_IDS.has(`${dimension}.${tag.id}`) && (!tag.color || lookup.codebook.name === DEFAULT_CODEBOOK.name || sameColour(tag, dimension));
    return isDefault ? `${role}|${shape}|theme|${themeColourId(role, tag.id)}` : `${role}|${shape}|colour|${tag.color?.light ?? '#808080'}|${tag.color?.dark ?? '#a0a0a0'}`;
  }

  private type(key: string): vscode.TextEditorDecorationType {
    let type = this.types.get(key);
    if (!type) this.types.set(key, (type = vscode.window.createTextEditorDecorationType(this.options(key))));
    return type;
  }

  private options(key: string): vscode.DecorationRenderOptions {
    if (key === 'markup') return { color: new vscode.ThemeColor('evidenceTagger.markupForeground'), rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed };
    const [role, shape, source, a, b] = key.split('|') as [Role, 'block' | 'inline', string, string?, string?];
    const colour = (alpha: string) =>
      source === 'theme' ? { light: new vscode.ThemeColor(a!), dark: new vscode.ThemeColor(a!) } : source === 'colour' ? { light: a! + alpha, dark: b! + alpha } : { light: new vscode.ThemeColor('evidenceTagger.unknownTagBackground'), dark: new vscode.ThemeColor('evidenceTagger.unknownTagBackground') };
    const block = shape === 'block';
    const style = this.settings.highlight.style;
    const tint = colour('26');
    const solid = colour('');
    const themed = (c: { light: string | vscode.ThemeColor; dark: string | vscode.ThemeColor }, property: 'backgroundColor' | 'borderColor' | 'overviewRulerColor') => ({
      light: { [property]: c.light },
      dark: { [property]: c.dark },
    });
    const behaviour = { rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed, isWholeLine: block };
    if (role === 'use') return { ...behaviour, ...themed(solid, 'borderColor'), borderStyle: 'solid', borderWidth: block ? '0 0 0 3px' : '0 0 2px 0' };
    if (style === 'underline') return { ...behaviour, isWholeLine: false, ...themed(solid, 'borderColor'), borderStyle: 'solid', borderWidth: '0 0 2px 0' };
    if (style === 'gutter') return { ...behaviour, isWholeLine: true, ...merge(themed(solid, 'borderColor'), themed(solid, 'overviewRulerColor')), borderStyle: 'solid', borderWidth: '0 0 0 3px', overviewRulerLane: vscode.OverviewRulerLane.Left };
    return { ...behaviour, ...merge(themed(source === 'colour' ? tint : solid, 'backgroundColor'), themed(solid, 'overviewRulerColor')), overviewRulerLane: vscode.OverviewRulerLane.Left };
  }

  /** What the decorations show in an editor, for tests: key → ranges as [line, character, line, character]. */
  snapshot(editor: vscode.TextEditor | undefined): Record<string, number[][]> {
    const out: Record<string, number[][]> = {};
    for (const [key, ranges] of (editor && this.applied.get(editor)) ?? []) {
      out[key] = ranges.map((r) => [r.start.line, r.start.character, r.end.line, r.end.character]);
    }
    return out;
  }

  dispose(): void {
    this.types.forEach((type) => type.dispose());
  }
}

function merge<T extends { light: object; dark: object }>(a: T, b: T): T {
  return { light: { ...a.light, ...b.light }, dark: { ...a.dark, ...b.dark } } as T;
}

function sameColour(tag: Tag, dimension: string): boolean {
  const builtIn = DEFAULT_CODEBOOK.dimensions.find((d) => d.id === dimension)?.tags.find((t) => t.id === tag.id);
  return builtIn?.color?.light === tag.color?.light && builtIn?.color?.dark === tag.color?.dark;
}

/** Contributed colour ids allow only letters, digits and dots: `sector-data` becomes `sectorData`. */
export function themeColourId(role: 'evidence' | 'use', tagId: string): string {
  return `evidenceTagger.${role}.${tagId.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : ''))}`;
}
