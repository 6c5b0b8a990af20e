// Import a codebook from REFI-QDA (.qdc, or the codebook inside a .qdpx): top-level codes become
// dimensions, their children tags, and deeper codes sub-tags (`parent`), so the tree keeps its depth. What cannot be mapped is said in a message, never silently dropped.
import { XMLParser } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { codebookSchema, IDENTIFIER, type Codebook } from '../codebook/schema';

/** Limits for files from elsewhere (a .qdpx is a zip: its sizes are checked before anything is inflated). */
export const IMPORT_LIMITS = { zipEntries: 10_000, uncompressedBytes: 256 * 1024 * 1024, xmlDepth: 1000 };
const MAX_XML_DEPTH = IMPORT_LIMITS.xmlDepth;

export type ImportResult = { ok: true; codebook: Codebook; messages: string[] } | { ok: false; error: string };

export interface XmlCode {
  '@_name'?: string;
  '@_guid'?: string;
  '@_color'?: string;
  '@_isCodable'?: string;
  Description?: string | { '#text'?: string };
  Code?: XmlCode[];
}

export function importRefiCodebook(bytes: Uint8Array, fileName = 'codebook'): ImportResult {
  const read = readRefiXml(bytes, fileName);
  if (!read.ok) return read;
  const document = read.document;
  const codebookNode = (document.CodeBook ?? (document.Project as Record<string, unknown> | undefined)?.CodeBook) as { Codes?: { Code?: XmlCode[] } } | undefined;
  const codes = codebookNode?.Codes?.Code;
  if (!codes?.length) return { ok: false, error: `${fileName}: no REFI-QDA codebook found (expected CodeBook/Codes/Code)` };
  const result = codebookFromCodes(codes, fileName);
  return result.ok ? { ok: true, codebook: result.codebook, messages: result.messages } : result;
}

/** Where a code went: a tag of a dimension, or (no `tag`) a dimension of its own. */
export interface CodeTarget {
  dimension: string;
  tag?: string;
  name: string;
}

/** The XML of a .qdc, or the project.qde of a .qdpx (zip sizes checked first), parsed; entities refused. */
export function readRefiXml(bytes: Uint8Array, fileName: string, isArray: (name: string) => boolean = (name) => name === 'Code'): { ok: true; document: Record<string, unknown>; zip?: Record<string, Uint8Array> } | { ok: false; error: string } {
  let xml: string;
  let zip: Record<string, Uint8Array> | undefined;
  try {
    if (isZip(bytes)) {
      zip = readZip(bytes, (name) => /(^|\/)project\.qde$/i.test(name) || /^sources\//i.test(name));
      const name = Object.keys(zip).find((n) => /(^|\/)project\.qde$/i.test(n));
      if (!name) throw new Error('the .qdpx has no project.qde');
      xml = strFromU8(zip[name]);
    } else xml = strFromU8(bytes);
  } catch (error) {
    return { ok: false, error: `${fileName}: ${(error as Error).message}` };
  }
  // Entity declarations are how XML bombs expand; REFI-QDA files never need them.
  if (/<!ENTITY/i.test(xml)) return { ok: false, error: `${fileName}: declares XML entities (<!ENTITY …>), which are not accepted in a REFI-QDA file` };
  try {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray, processEntities: true, htmlEntities: false, maxNestedTags: MAX_XML_DEPTH, parseTagValue: false, trimValues: false });
    return { ok: true, document: parser.parse(xml), zip };
  } catch (error) {
    const message = (error as Error).message;
    if (/Maximum nested tags exceeded/.test(message)) return { ok: false, error: `${fileName}: the XML is nested deeper than ${MAX_XML_DEPTH} levels, more than this importer reads` };
    return { ok: false, error: `${fileName}: not well-formed XML (${message})` };
  }
}

/** A codebook from REFI-QDA codes, and where each code (by GUID) went. */
export function codebookFromCodes(codes: XmlCode[], fileName: string): { ok: true; codebook: Codebook; messages: string[]; targets: Map<string, CodeTarget> } | { ok: false; error: string } {
  const messages: string[] = [];
  const targets = new Map<string, CodeTarget>();
  const usedDimensionIds = new Set<string>();
  const loose: XmlCode[] = [];
  const dimensions: Codebook['dimensions'] = [];
  for (const code of codes) {
    if (!code.Code?.length) {
      loose.push(code);
      continue;
    }
    // Our own exports name the original ids in the descriptions: use them, so a round trip keeps the ids.
    const ownId = /\(attribute key: ([^)\s]+)\)$/.exec(descriptionOf(code))?.[1];
    const id = ownId && IDENTIFIER.test(ownId) && !usedDimensionIds.has(ownId) ? (usedDimensionIds.add(ownId), ownId) : uniqueId(code['@_name'] ?? 'dimension', usedDimensionIds, messages, 'dimension');
    const description = descriptionOf(code).replace(/\s*\(attribute key: [^)]*\)$/, '');
    const label = code['@_name'] || id;
    if (code['@_guid']) targets.set(code['@_guid'], { dimension: id, name: label });
    dimensions.push({ id, label, description, multiple: true, tags: tagsFrom(code.Code, undefined, messages, new Set(), { dimension: id, label, targets }) });
    if (code['@_isCodable'] === 'true') messages.push(`"${code['@_name']}" was codable in the source; here it is the dimension "${id}", which passages cannot carry as a tag.`);
  }
  if (loose.length) {
    const id = uniqueId('code', usedDimensionIds, messages, 'dimension');
    dimensions.push({ id, label: 'Codes', description: 'Top-level codes without children in the imported codebook.', multiple: true, tags: tagsFrom(loose, undefined, messages, new Set(), { dimension: id, label: 'Codes', targets }) });
    messages.push(`${loose.length} top-level code${loose.length === 1 ? '' : 's'} without children became tags of the dimension "${id}".`);
  }
  const codebook = codebookSchema.safeParse({ name: fileName.replace(/\.(qdc|qdpx)$/i, ''), source: `Imported from ${fileName}`, dimensions });
  if (!codebook.success) return { ok: false, error: `${fileName}: the imported codebook is not valid: ${codebook.error.issues[0].message}` };
  return { ok: true, codebook: codebook.data, messages, targets };
}

interface Into {
  dimension: string;
  label: string;
  targets: Map<string, CodeTarget>;
}

/** A dimension's codes as tags; sub-codes, at any depth, become sub-tags (their `parent` the tag above). */
function tagsFrom(codes: XmlCode[], parent: string | undefined, messages: string[], used: Set<string>, into: Into): Codebook['dimensions'][number]['tags'] {
  const tags: Codebook['dimensions'][number]['tags'] = [];
  for (const code of codes) {
    // A tag id our export found in documents but not in the codebook stays out of it, as it was.
    const unknown = /^Not in the codebook \(tag id: [^=\s]+=(\S+)\)$/.exec(descriptionOf(code))?.[1];
    if (unknown && !code.Code?.length) {
      if (code['@_guid']) into.targets.set(code['@_guid'], { dimension: into.dimension, tag: unknown, name: unknown });
      continue;
    }
    const ownId = /^Tag id: [^=\s]+=(\S+)$/m.exec(descriptionOf(code))?.[1];
    // Our export names a tag whose label repeats elsewhere "Label (Dimension)": the label comes back bare.
    const label = (ownId && code['@_name']?.endsWith(` (${into.label})`) ? code['@_name'].slice(0, -into.label.length - 3) : code['@_name']) || 'tag';
    const id = ownId && IDENTIFIER.test(ownId) && !used.has(ownId) ? (used.add(ownId), ownId) : uniqueId(label, used, messages, 'tag');
    const colour = /^#[0-9a-fA-F]{6}$/.test(code['@_color'] ?? '') ? code['@_color']! : undefined;
    const lines = descriptionOf(code).split('\n');
    const source = lines.find((l) => l.startsWith('Source: '))?.slice(8);
    const definition = lines.filter((l) => !/^(Source|Tag id): /.test(l)).join('\n').trim();
    if (code['@_guid']) into.targets.set(code['@_guid'], { dimension: into.dimension, tag: id, name: label });
    tags.push({ id, label, definition: definition || `Imported code “${label}”.`, aliases: [], cues: [], ...(parent ? { parent } : {}), ...(source ? { source } : {}), ...(colour ? { color: { light: colour, dark: colour } } : {}) });
    // One push per tag: spreading an unbounded array into push() overflows the stack.
    if (code.Code?.length) for (const tag of tagsFrom(code.Code, id, messages, used, into)) tags.push(tag);
  }
  return tags;
}

function descriptionOf(code: XmlCode): string {
  return descriptionText(code.Description);
}

const nextSuffix = new WeakMap<Set<string>, Map<string, number>>();

/** A Pandoc identifier from a code name: letters first, then letters, digits and - _ : . */
function uniqueId(name: string, used: Set<string>, messages: string[], what: string): string {
  let id = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\-_:.]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (!IDENTIFIER.test(id)) id = `c-${id || 'code'}`;
  const base = id;
  // The next suffix to try per base id, so a thousand codes of one name take linear time, not quadratic.
  let suffixes = nextSuffix.get(used);
  if (!suffixes) nextSuffix.set(used, (suffixes = new Map()));
  for (let n = suffixes.get(base) ?? 2; used.has(id); n++) {
    id = `${base}-${n}`;
    suffixes.set(base, n + 1);
  }
  used.add(id);
  if (id !== name) messages.push(`The ${what} "${name}" has the id "${id}" (ids start with a letter and use only letters, digits, - _ : .).`);
  return id;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** The entries of a zip that `wanted` names, refusing bombs (by the zip's own directory) and unsafe names. */
export function readZip(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  let entries = 0;
  let total = 0;
  return unzipSync(bytes, {
    filter: (file) => {
      // Decided from the zip's own directory, before inflating anything: a zip bomb is refused, not unpacked.
      if (++entries > IMPORT_LIMITS.zipEntries) throw new Error(`the .qdpx has more than ${IMPORT_LIMITS.zipEntries} entries, more than this importer reads`);
      // Names that climb out of the archive (../, absolute paths, drive letters) are never read.
      if (/(^|[\\/])\.\.([\\/]|$)|^[\\/]|^[a-z]:/i.test(file.name)) throw new Error(`the .qdpx has an entry named "${file.name}", which points outside the archive`);
      if (!wanted(file.name)) return false;
      total += file.originalSize;
      if (total > IMPORT_LIMITS.uncompressedBytes) throw new Error(`the .qdpx would unpack to more than ${IMPORT_LIMITS.uncompressedBytes / 1024 / 1024} MB, more than this importer reads`);
      return true;
    },
  });
}

export function descriptionText(node: unknown): string {
  return (typeof node === 'string' ? node : ((node as { '#text'?: string } | undefined)?.['#text'] ?? '')).trim();
}
