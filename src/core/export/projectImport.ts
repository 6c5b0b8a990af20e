// Import a REFI-QDA project (.qdpx) as tagged documents: each text source becomes a Markdown document whose
// passages are the project's codings, with codes mapped onto dimensions (the project's own codebook, or a
// chosen one by id, alias or label). Everything skipped or approximated is reported.
import { CodebookLookup } from '../codebook/lookup';
import type { Codebook } from '../codebook/schema';
import { codebookFromCodes, descriptionText, readRefiXml, type CodeTarget, type XmlCode } from './import';
import { writeCodings, type Coding } from './codedDocument';
import { SOURCE_PATH_PREFIX } from './refi';

export interface ProjectImportReport {
  sources: { name: string; path: string; selections: number; passages: number }[];
  /** Sources that are not text (PDF, pictures, audio, video) or whose text is missing. */
  skipped: string[];
  approximations: string[];
  dropped: string[];
  codebook: string[];
}

export type ProjectImport =
  | { ok: true; codebook: Codebook; codebookFromProject: boolean; documents: { path: string; text: string }[]; report: ProjectImportReport }
  | { ok: false; error: string };

const ARRAYS = new Set(['Code', 'TextSource', 'PlainTextSelection', 'Coding', 'Note', 'NoteRef', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource']);
const NON_TEXT: Record<string, string> = { PDFSource: 'PDF', PictureSource: 'picture', AudioSource: 'audio', VideoSource: 'video' };

interface XmlSelection {
  '@_guid'?: string;
  '@_startPosition'?: string;
  '@_endPosition'?: string;
  Description?: unknown;
  Coding?: { CodeRef?: { '@_targetGUID'?: string } }[];
  NoteRef?: { '@_targetGUID'?: string }[];
}

interface XmlSource {
  '@_name'?: string;
  '@_plainTextPath'?: string;
  Description?: unknown;
  PlainTextContent?: unknown;
  PlainTextSelection?: XmlSelection[];
  Coding?: unknown[];
}

export function importProject(bytes: Uint8Array, fileName: string, options: { codebook?: Codebook } = {}): ProjectImport {
  const read = readRefiXml(bytes, fileName, (name) => ARRAYS.has(name));
  if (!read.ok) return read;
  const project = read.document.Project as Record<string, any> | undefined;
  if (!project) return { ok: false, error: `${fileName}: no REFI-QDA project found (expected a Project element in project.qde)` };
  const report: ProjectImportReport = { sources: [], skipped: [], approximations: [], dropped: [], codebook: [] };
  const codes: XmlCode[] = project.CodeBook?.Codes?.Code ?? [];

  let codebook: Codebook;
  let targets: Map<string, CodeTarget>;
  if (options.codebook) {
    codebook = options.codebook;
    targets = mapOntoCodebook(codes, new CodebookLookup(codebook), report.codebook);
  } else {
    if (!codes.length) return { ok: false, error: `${fileName}: the project has no codebook; choose one to map its codings onto` };
    const built = codebookFromCodes(codes, fileName);
    if (!built.ok) return built;
    ({ codebook, targets } = built);
    report.codebook.push(...built.messages);
  }
  codebook = JSON.parse(JSON.stringify(codebook)) as Codebook;
  const lookup = () => new CodebookLookup(codebook);

  const notes = new Map<string, string>();
  for (const note of project.Notes?.Note ?? []) if (note['@_guid']) notes.set(note['@_guid'], descriptionText(note.PlainTextContent));

  const sources = project.Sources ?? {};
  for (const [element, kind] of Object.entries(NON_TEXT)) {
    for (const source of sources[element] ?? []) report.skipped.push(`${source['@_name'] ?? source['@_guid'] ?? element} (${kind}): not a text source`);
  }
  const documents: { path: string; text: string }[] = [];
  const usedPaths = new Set<string>();
  const current = { lookup: lookup() };
  for (const source of (sources.TextSource ?? []) as XmlSource[]) {
    const name = source['@_name'] || 'source';
    const text = sourceText(source, read.zip);
    if (text === undefined) {
      report.skipped.push(`${name}: its text is not in the project (${source['@_plainTextPath'] ?? 'no plainTextPath or PlainTextContent'})`);
      continue;
    }
    if (source.Coding?.length) report.dropped.push(`${name}: ${source.Coding.length} coding(s) of the whole source, which a passage cannot hold, not written`);
    const selections = source.PlainTextSelection ?? [];
    const codings = codingsOf(selections, text, name, targets, notes, codebook, report);
    current.lookup = lookup();
    const written = writeCodings(text, codings, current.lookup);
    const path = documentPath(source, usedPaths);
    documents.push({ path, text: written.text });
    report.sources.push({ name, path, selections: selections.length, passages: written.passages });
    for (const line of written.approximations) report.approximations.push(`${path}: ${line}`);
    for (const line of written.dropped) report.dropped.push(`${path}: ${line}`);
  }
  return { ok: true, codebook, codebookFromProject: !options.codebook, documents, report };
}

function sourceText(source: XmlSource, zip: Record<string, Uint8Array> | undefined): string | undefined {
  if (source.PlainTextContent !== undefined) return typeof source.PlainTextContent === 'string' ? source.PlainTextContent : descriptionText(source.PlainTextContent);
  const path = /^internal:\/\/(.+)$/.exec(source['@_plainTextPath'] ?? '')?.[1];
  if (!path || !zip) return undefined;
  const entry = Object.keys(zip).find((name) => name.toLowerCase() === `sources/${path}`.toLowerCase());
  return entry ? new TextDecoder('utf-8').decode(zip[entry]) : undefined;
}

/** Selections as codings at UTF-16 offsets; codings onto codes that were not mapped are reported. */
function codingsOf(selections: XmlSelection[], text: string, source: string, targets: Map<string, CodeTarget>, notes: Map<string, string>, codebook: Codebook, report: ProjectImportReport): Coding[] {
  const points = codePointToUtf16(text);
  const codings: Coding[] = [];
  selections.forEach((selection, index) => {
    const label = `${source}, selection ${index + 1}`;
    const start = Number(selection['@_startPosition']);
    const end = Number(selection['@_endPosition']);
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > points.length - 1 || start >= end) {
      report.dropped.push(`${label}: positions ${selection['@_startPosition']}–${selection['@_endPosition']} are not inside the text (${points.length - 1} characters), not written`);
      return;
    }
    const tags: Record<string, string[]> = {};
    for (const coding of selection.Coding ?? []) {
      const guid = coding.CodeRef?.['@_targetGUID'] ?? '';
      let target = targets.get(guid);
      if (target && target.tag === undefined) target = codableDimension(target, targets, guid, codebook, report);
      if (!target?.tag) {
        report.dropped.push(`${label}: coded with ${target ? `"${target.name}"` : `an unknown code (${guid})`}, which has no tag, not written`);
        continue;
      }
      (tags[target.dimension] ??= []).includes(target.tag) || tags[target.dimension].push(target.tag);
    }
    if (Object.keys(tags).length === 0) return void report.dropped.push(`${label}: no coding that maps onto a tag, not written`);
    const noteParts = [descriptionText(selection.Description), ...(selection.NoteRef ?? []).map((ref) => notes.get(ref['@_targetGUID'] ?? '') ?? '')].filter(Boolean);
    codings.push({ start: points[start], end: points[end], tags, note: [...new Set(noteParts)].join('\n\n') || null, label });
  });
  return codings;
}

/** A code that became a dimension but was used for codings itself: it gets a tag of its own, once. */
function codableDimension(target: CodeTarget, targets: Map<string, CodeTarget>, guid: string, codebook: Codebook, report: ProjectImportReport): CodeTarget | undefined {
  const dimension = codebook.dimensions.find((d) => d.id === target.dimension);
  if (!dimension) return undefined;
  let id = `${dimension.id}-itself`;
  for (let n = 2; dimension.tags.some((t) => t.id === id || t.aliases.includes(id)); n++) id = `${dimension.id}-itself-${n}`;
  dimension.tags.unshift({ id, label: target.name, definition: `Passages coded with “${target.name}” itself, not one of its sub-codes.`, aliases: [], cues: [] });
  report.codebook.push(`"${target.name}" is a dimension here but has codings of its own: they carry the tag "${dimension.id}=${id}".`);
  const mapped = { ...target, tag: id };
  targets.set(guid, mapped);
  return mapped;
}

/** Each project code onto a tag of the chosen codebook: the tag id our export wrote, else by id, alias or label. */
function mapOntoCodebook(codes: XmlCode[], lookup: CodebookLookup, messages: string[]): Map<string, CodeTarget> {
  const targets = new Map<string, CodeTarget>();
  const slug = (name: string) => name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}\-_:.]+/gu, '-').replace(/^-+|-+$/g, '');
  const walk = (list: XmlCode[], top: string | undefined) => {
    for (const code of list) {
      const name = code['@_name'] ?? '';
      const description = descriptionText(code.Description);
      const own = /^Tag id: ([^=\s]+)=(\S+)$/m.exec(description);
      // A tag id our export found in documents but not in its codebook comes back verbatim, still unknown.
      const unknown = /^Not in the codebook \(tag id: ([^=\s]+)=(\S+)\)$/.exec(description);
      let found: CodeTarget | undefined;
      if (own && lookup.tag(own[1], own[2])) found = { dimension: own[1], tag: lookup.tag(own[1], own[2])!.id, name };
      else if (unknown && lookup.dimension(unknown[1])) found = { dimension: unknown[1], tag: lookup.tag(unknown[1], unknown[2])?.id ?? unknown[2], name };
      if (!found) {
        const candidates = lookup.codebook.dimensions.flatMap((d) => d.tags.filter((t) => t.id === slug(name) || t.aliases.includes(slug(name)) || t.label.toLowerCase() === name.toLowerCase()).map((t) => ({ dimension: d, tag: t })));
        const preferred = candidates.find((c) => top !== undefined && (c.dimension.label.toLowerCase() === top.toLowerCase() || c.dimension.id === slug(top))) ?? candidates[0];
        if (preferred) found = { dimension: preferred.dimension.id, tag: preferred.tag.id, name };
      }
      if (code['@_guid']) {
        if (found) targets.set(code['@_guid'], found);
        else if (top !== undefined || !code.Code?.length) messages.push(`The code "${name}" matches no tag of "${lookup.codebook.name}" (by id, alias or label): its codings are not written.`);
      }
      if (code.Code?.length) walk(code.Code, top ?? name);
    }
  };
  walk(codes, undefined);
  return targets;
}

/** Code point offsets 0…n → UTF-16 offsets (index n is the text's length). */
function codePointToUtf16(text: string): Int32Array {
  const out = new Int32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue;
    out[n++] = i;
  }
  out[n] = text.length;
  return out.subarray(0, n + 1);
}

const SAFE_PATH = /^(?![\\/])(?!.*(^|[\\/])\.\.?([\\/]|$))(?!.*\\)(?![a-zA-Z]:)[^\u0000-\u001f:*?"<>|]+\.(md|markdown|qmd|rmd|txt)$/i;

/** Our own export's path when it is a safe relative path, else the source name made a safe, unique file name. */
function documentPath(source: XmlSource, used: Set<string>): string {
  const described = descriptionText(source.Description);
  const own = described.startsWith(SOURCE_PATH_PREFIX) ? described.slice(SOURCE_PATH_PREFIX.length).trim() : '';
  let path = SAFE_PATH.test(own) && !used.has(own.toLowerCase()) ? own : '';
  if (!path) {
    // The name's last segment: a name with folders in it ("Interviews/Ann") never makes folders here.
    const base = ((source['@_name'] ?? 'source').split(/[\\/]/).pop() ?? '').replace(/\.[A-Za-z0-9]{1,5}$/, '').replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '-').replace(/^[\s.]+|[\s.]+$/g, '').slice(0, 100) || 'source';
    path = `${base}.md`;
    for (let n = 2; used.has(path.toLowerCase()); n++) path = `${base} (${n}).md`;
  }
  used.add(path.toLowerCase());
  return path;
}
