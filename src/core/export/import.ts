// Import a codebook from REFI-QDA (.qdc, or the codebook inside a .qdpx): top-level codes become
// dimensions, their children tags, and deeper codes sub-tags (`parent`), so the tree keeps its depth. What cannot be mapped is said in a message, never silently dropped.
import { XMLParser } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { codebookSchema, IDENTIFIER, type Codebook } from '../codebook/schema';

/** Limits for files from elsewhere (a .qdpx is a zip: its sizes are checked before anything is inflated). */
export const IMPORT_LIMITS = { zipEntries: 10_000, uncompressedBytes: 256 * 1024 * 1024, xmlDepth: 1000 };
const MAX_XML_DEPTH = IMPORT_LIMITS.xmlDepth;

export type ImportResult = { ok: true; codebook: Codebook; messages: string[] } | { ok: false; error: string };

interface XmlCode {
  '@_name'?: string;
  '@_guid'?: string;
  '@_color'?: string;
  '@_isCodable'?: string;
  Description?: string | { '#text'?: string };
  Code?: XmlCode[];
}

export function importRefiCodebook(bytes: Uint8Array, fileName = 'codebook'): ImportResult {
  let xml: string;
  try {
    xml = isZip(bytes) ? projectFromZip(bytes) : strFromU8(bytes);
  } catch (error) {
    return { ok: false, error: `${fileName}: ${(error as Error).message}` };
  }
  // Entity declarations are how XML bombs expand; REFI-QDA files never need them.
  if (/<!ENTITY/i.test(xml)) return { ok: false, error: `${fileName}: declares XML entities (<!ENTITY …>), which are not accepted in a REFI-QDA file` };
  let document: Record<string, unknown>;
  try {
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray: (name) => name === 'Code', processEntities: true, htmlEntities: false, maxNestedTags: MAX_XML_DEPTH });
    document = parser.parse(xml);
  } catch (error) {
    const message = (error as Error).message;
    if (/Maximum nested tags exceeded/.test(message)) return { ok: false, error: `${fileName}: the XML is nested deeper than ${MAX_XML_DEPTH} levels, more than this importer reads` };
    return { ok: false, error: `${fileName}: not well-formed XML (${message})` };
  }
  const codebookNode = (document.CodeBook ?? (document.Project as Record<string, unknown> | undefined)?.CodeBook) as { Codes?: { Code?: XmlCode[] } } | undefined;
  const codes = codebookNode?.Codes?.Code;
  if (!codes?.length) return { ok: false, error: `${fileName}: no REFI-QDA codebook found (expected CodeBook/Codes/Code)` };

  const messages: string[] = [];
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
    dimensions.push({ id, label: code['@_name'] || id, description, multiple: true, tags: tagsFrom(code.Code, undefined, messages) });
    if (code['@_isCodable'] === 'true') messages.push(`"${code['@_name']}" was codable in the source; here it is the dimension "${id}", which passages cannot carry as a tag.`);
  }
  if (loose.length) {
    const id = uniqueId('code', usedDimensionIds, messages, 'dimension');
    dimensions.push({ id, label: 'Codes', description: 'Top-level codes without children in the imported codebook.', multiple: true, tags: tagsFrom(loose, undefined, messages) });
    messages.push(`${loose.length} top-level code${loose.length === 1 ? '' : 's'} without children became tags of the dimension "${id}".`);
  }
  const codebook = codebookSchema.safeParse({ name: fileName.replace(/\.(qdc|qdpx)$/i, ''), source: `Imported from ${fileName}`, dimensions });
  if (!codebook.success) return { ok: false, error: `${fileName}: the imported codebook is not valid: ${codebook.error.issues[0].message}` };
  return { ok: true, codebook: codebook.data, messages };
}

/** A dimension's codes as tags; sub-codes, at any depth, become sub-tags (their `parent` the tag above). */
function tagsFrom(codes: XmlCode[], parent: string | undefined, messages: string[], used = new Set<string>()): Codebook['dimensions'][number]['tags'] {
  const tags: Codebook['dimensions'][number]['tags'] = [];
  for (const code of codes) {
    const label = code['@_name'] || 'tag';
    const ownId = /^Tag id: [^=\s]+=(\S+)$/m.exec(descriptionOf(code))?.[1];
    const id = ownId && IDENTIFIER.test(ownId) && !used.has(ownId) ? (used.add(ownId), ownId) : uniqueId(label, used, messages, 'tag');
    const colour = /^#[0-9a-fA-F]{6}$/.test(code['@_color'] ?? '') ? code['@_color']! : undefined;
    const lines = descriptionOf(code).split('\n');
    const source = lines.find((l) => l.startsWith('Source: '))?.slice(8);
    const definition = lines.filter((l) => !/^(Source|Tag id): /.test(l)).join('\n').trim();
    tags.push({ id, label, definition: definition || `Imported code “${label}”.`, aliases: [], cues: [], ...(parent ? { parent } : {}), ...(source ? { source } : {}), ...(colour ? { color: { light: colour, dark: colour } } : {}) });
    // One push per tag: spreading an unbounded array into push() overflows the stack.
    if (code.Code?.length) for (const tag of tagsFrom(code.Code, id, messages, used)) tags.push(tag);
  }
  return tags;
}

function descriptionOf(code: XmlCode): string {
  const d = code.Description;
  return (typeof d === 'string' ? d : d?.['#text'] ?? '').trim();
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

function projectFromZip(bytes: Uint8Array): string {
  let entries = 0;
  let total = 0;
  const files = unzipSync(bytes, {
    filter: (file) => {
      // Decided from the zip's own directory, before inflating anything: a zip bomb is refused, not unpacked.
      if (++entries > IMPORT_LIMITS.zipEntries) throw new Error(`the .qdpx has more than ${IMPORT_LIMITS.zipEntries} entries, more than this importer reads`);
      total += file.originalSize;
      if (total > IMPORT_LIMITS.uncompressedBytes) throw new Error(`the .qdpx would unpack to more than ${IMPORT_LIMITS.uncompressedBytes / 1024 / 1024} MB, more than this importer reads`);
      return /(^|\/)project\.qde$/i.test(file.name);
    },
  });
  const name = Object.keys(files)[0];
  if (!name) throw new Error('the .qdpx has no project.qde');
  return strFromU8(files[name]);
}
