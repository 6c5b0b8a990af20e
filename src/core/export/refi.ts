// REFI-QDA exports: a codebook (.qdc) and a project (.qdpx: a zip of project.qde and sources/<GUID>.txt).
// Dimensions are non-codable codes with their tags as codable child codes; positions count code points.
import { strToU8, zipSync } from 'fflate';
import { CodebookLookup } from '../codebook/lookup';
import type { Codebook, Tag } from '../codebook/schema';
import { guidFor } from './guid';
import { codePointOffsets, lfDocument, plainDocument, tagsOf, type ExportInput } from './model';
import { passageUnits } from '../passage';
import { attributes, xmlText } from './xml';

export const ORIGIN = 'Evidence Tagger';
const USER = guidFor('user', ORIGIN);

export const codeGuid = (dimension: string, tag?: string) => (tag === undefined ? guidFor('dimension', dimension) : guidFor('tag', dimension, tag));

/**
 * A name per code, unique across the codebook (case aside): tools that need unique names merge codes that
 * share one, orphaning codings. A tag whose label repeats is named with its dimension: `Other (Use)`.
 */
function codeNames(codebook: Codebook, unknown: Map<string, Set<string>>): Map<string, string> {
  const entries: { key: string; name: string; qualified: string }[] = [];
  for (const dimension of codebook.dimensions) {
    entries.push({ key: codeGuid(dimension.id), name: dimension.label, qualified: dimension.label });
    for (const tag of dimension.tags) entries.push({ key: codeGuid(dimension.id, tag.id), name: tag.label, qualified: `${tag.label} (${dimension.label})` });
    for (const id of unknown.get(dimension.id) ?? []) entries.push({ key: codeGuid(dimension.id, id), name: id, qualified: `${id} (${dimension.label})` });
  }
  const count = new Map<string, number>();
  for (const e of entries) count.set(e.name.toLowerCase(), (count.get(e.name.toLowerCase()) ?? 0) + 1);
  const used = new Set<string>();
  const names = new Map<string, string>();
  for (const e of entries) {
    const base = (count.get(e.name.toLowerCase())! > 1 ? e.qualified : e.name) || 'code';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`;
    used.add(name.toLowerCase());
    names.set(e.key, name);
  }
  return names;
}

/** Codes for the codebook (sub-tags nested in their parents), plus codes for tag ids that documents use but the codebook lacks. */
function codesXml(codebook: Codebook, unknown: Map<string, Set<string>>, indent: string): string {
  const lookup = new CodebookLookup(codebook);
  const names = codeNames(codebook, unknown);
  const lines: string[] = [];
  const tagCode = (dimension: Codebook['dimensions'][number], tag: Tag, at: string) => {
    const description = [tag.definition, tag.source && `Source: ${tag.source}`, `Tag id: ${dimension.id}=${tag.id}`].filter(Boolean).join('\n');
    lines.push(`${at}<Code${attributes({ guid: codeGuid(dimension.id, tag.id), name: names.get(codeGuid(dimension.id, tag.id)), isCodable: true, color: tag.color?.light.slice(0, 7) })}>`);
    lines.push(`${at}  <Description>${xmlText(description)}</Description>`);
    for (const child of lookup.children(dimension.id, tag.id)) tagCode(dimension, child, at + '  ');
    lines.push(`${at}</Code>`);
  };
  for (const dimension of codebook.dimensions) {
    lines.push(`${indent}<Code${attributes({ guid: codeGuid(dimension.id), name: names.get(codeGuid(dimension.id)), isCodable: false })}>`);
    lines.push(`${indent}  <Description>${xmlText(`${dimension.description} (attribute key: ${dimension.id})`.trim())}</Description>`);
    for (const tag of lookup.children(dimension.id, undefined)) tagCode(dimension, tag, indent + '  ');
    for (const id of unknown.get(dimension.id) ?? []) {
      lines.push(`${indent}  <Code${attributes({ guid: codeGuid(dimension.id, id), name: names.get(codeGuid(dimension.id, id)), isCodable: true })}>`);
      lines.push(`${indent}    <Description>Not in the codebook (tag id: ${xmlText(`${dimension.id}=${id}`)})</Description>`);
      lines.push(`${indent}  </Code>`);
    }
    lines.push(`${indent}</Code>`);
  }
  return lines.join('\n');
}

export function exportQdc(codebook: Codebook): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1.0"${attributes({ origin: ORIGIN })}>\n  <Codes>\n${codesXml(codebook, new Map(), '    ')}\n  </Codes>\n</CodeBook>\n`;
}

export interface QdpxFiles {
  'project.qde': string;
  /** sources/<GUID>.txt → plain text. */
  sources: Record<string, string>;
}

/**
 * Source names are file basenames, made unique (tools such as QualCoder copy each source to
 * `documents/<name>.txt`, which fails for a name with a `/`); the path goes in the source's Description.
 */
export function sourceNames(files: string[]): string[] {
  const used = new Set<string>();
  return files.map((file) => {
    const base = file.split(/[\\/]/).pop() || 'document';
    const dot = base.lastIndexOf('.');
    const [stem, extension] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ''];
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${stem} (${n})${extension}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export const SOURCE_PATH_PREFIX = 'Path: ';

export function exportProject(input: ExportInput): QdpxFiles {
  const lookup = new CodebookLookup(input.codebook);
  const when = (input.generated ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const unknown = new Map<string, Set<string>>();
  const sources: string[] = [];
  const notes: string[] = [];
  const files: Record<string, string> = {};
  const names = sourceNames(input.documents.map((d) => d.file));

  input.documents.forEach(({ file, parsed }, d) => {
    const sourceGuid = guidFor('source', file);
    const plain = lfDocument(plainDocument(parsed));
    files[`sources/${sourceGuid}.txt`] = plain.text;
    // The pieces of a passage split around an overlap are one selection again, from first to last.
    const units = passageUnits(parsed.passages).map((unit) => {
      const pieces = unit.map((i) => parsed.passages[i]);
      const note = pieces.find((p) => p.note)?.note ?? null;
      return { first: unit[0], pieces, note, start: plain.toPlain(Math.min(...pieces.map((p) => p.contentStart))), end: plain.toPlain(Math.max(...pieces.map((p) => p.contentEnd))) };
    });
    const points = codePointOffsets(plain.text, units.flatMap((u) => [u.start, u.end]));
    const selections: string[] = [];
    for (const { first, pieces, note, start, end } of units) {
      const selectionGuid = guidFor('selection', file, String(first), String(pieces[0].start));
      const excerpt = plain.text.slice(start, end).replace(/\s+/g, ' ').trim();
      selections.push(`      <PlainTextSelection${attributes({ guid: selectionGuid, name: excerpt.length > 60 ? excerpt.slice(0, 59) + '…' : excerpt, startPosition: points.get(start)!, endPosition: points.get(end)!, creatingUser: USER, creationDateTime: when })}>`);
      // The note is the selection's Description too: QualCoder reads a selection's memo only from there.
      if (note) selections.push(`        <Description>${xmlText(note)}</Description>`);
      const refs = new Map(pieces.flatMap((p) => tagsOf(p, lookup)).map((ref) => [`${ref.dimension}\u0000${ref.tag}`, ref]));
      for (const ref of refs.values()) {
        if (!ref.known) {
          if (!unknown.has(ref.dimension)) unknown.set(ref.dimension, new Set());
          unknown.get(ref.dimension)!.add(ref.tag);
        }
        selections.push(`        <Coding${attributes({ guid: guidFor('coding', selectionGuid, ref.dimension, ref.tag), creatingUser: USER, creationDateTime: when })}>`);
        selections.push(`          <CodeRef${attributes({ targetGUID: codeGuid(ref.dimension, ref.tag) })}/>`);
        selections.push('        </Coding>');
      }
      if (note) {
        const noteGuid = guidFor('note', selectionGuid);
        selections.push(`        <NoteRef${attributes({ targetGUID: noteGuid })}/>`);
        notes.push(`    <Note${attributes({ guid: noteGuid, name: `Note on “${excerpt.slice(0, 40)}”`, creatingUser: USER, creationDateTime: when })}>`);
        notes.push(`      <PlainTextContent>${xmlText(note)}</PlainTextContent>`);
        notes.push('    </Note>');
      }
      selections.push('      </PlainTextSelection>');
    }
    // .txt sources carry no richTextPath: ATLAS.ti rejects such imports otherwise (as QualCoder found).
    sources.push(`    <TextSource${attributes({ guid: sourceGuid, name: names[d], plainTextPath: `internal://${sourceGuid}.txt`, creatingUser: USER, creationDateTime: when })}>`);
    sources.push(`      <Description>${xmlText(SOURCE_PATH_PREFIX + file)}</Description>`);
    // One push per line: spreading an unbounded array into push() overflows the stack on large documents.
    for (const line of selections) sources.push(line);
    sources.push('    </TextSource>');
  });

  const project = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<Project xmlns="urn:QDA-XML:project:1.0"${attributes({ name: input.projectName ?? 'Evidence Tagger export', origin: ORIGIN, creatingUserGUID: USER, creationDateTime: when })}>`,
    '  <Users>',
    `    <User${attributes({ guid: USER, name: ORIGIN })}/>`,
    '  </Users>',
    '  <CodeBook>',
    '    <Codes>',
    codesXml(input.codebook, unknown, '      '),
    '    </Codes>',
    '  </CodeBook>',
    ...(sources.length ? ['  <Sources>', ...sources, '  </Sources>'] : []),
    ...(notes.length ? ['  <Notes>', ...notes, '  </Notes>'] : []),
    '</Project>',
    '',
  ].join('\n');
  return { 'project.qde': project, sources: files };
}

export function exportQdpx(input: ExportInput): Uint8Array {
  const { 'project.qde': project, sources } = exportProject(input);
  const entries: Record<string, Uint8Array> = { 'project.qde': strToU8(project) };
  for (const [path, text] of Object.entries(sources)) entries[path] = strToU8(text);
  return zipSync(entries, { level: 6, mtime: input.generated ?? new Date() });
}
