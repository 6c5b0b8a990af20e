// The stored index as bytes. A new session must check thousands of documents in a few tens of milliseconds,
// so the small part of every entry is two flat arrays, not an object per document: one JSON array of
// strings (keys, paths, labels, tag ids, each once) and one Float64Array of numbers (sizes, times, counts,
// string numbers). The large part (passages, line starts, untagged paragraphs) follows as compact bytes per
// document (indexStoreHeavy.ts), decoded only when a view asks (indexStore.ts); so are the per-tag counts and
// matrix cells, which only the matrix and the exports read.
//   u32 length + the version's name | u32 length + strings JSON [context, ...table]
//   u32 count + 0–7 bytes to the next multiple of 8 + f64 numbers | each entry's large part, in entry order
// Every index, count and length is checked on the way in: anything out of place means no store at all.
import type { TagCount } from './tally';
import { encodeHeavy } from './indexStoreHeavy';
import { heavyBytes, type LightDocument, type PendingDocument, type StoredDocument } from './indexStore';
import { tagKey, type CountTotals } from './workspaceIndex';
import { DamagedStore, NumberReader } from './indexStoreNumbers';

/** Bumped whenever the parser, the summary or this layout could read the same text differently. */
export const INDEX_STORE_VERSION = 'evidence-tagger-index-5';
const MAGIC = new TextEncoder().encode(INDEX_STORE_VERSION);

/**
 * A folder as the last listing found it: its status-change time (taken before it was read) and when it was
 * read, and the subfolders it listed. While its ctime stays, its entries are the same (see quickListing.ts).
 */
export interface FolderRecord {
  path: string;
  ctime: number;
  listedAt: number;
  subfolders: string[];
}

/** Entries are added one by one (callers spread them over time slices), then written as parts. */
export class IndexStoreWriter {
  private readonly strings: string[] = [];
  private readonly ids = new Map<string, number>();
  private readonly numbers: number[] = [];
  private readonly heavy: Uint8Array[] = [];

  /** `context` is kept as it is: what the entries were listed under (the reader decides what it must match). The folders come first. */
  constructor(
    private readonly context: string,
    folders: Iterable<FolderRecord> = [],
  ) {
    const records = [...folders];
    this.numbers.push(records.length);
    for (const folder of records) {
      this.numbers.push(this.id(folder.path), folder.ctime, folder.listedAt, folder.subfolders.length);
      for (const sub of folder.subfolders) this.numbers.push(this.id(sub));
    }
  }

  private id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.strings.push(text) - 1;
      this.ids.set(text, id);
    }
    return id;
  }

  add(entry: StoredDocument | PendingDocument): void {
    const heavy = 'document' in entry ? encodeHeavy(entry.document) : heavyBytes(entry);
    this.heavy.push(heavy);
    const { light } = entry;
    const { summary } = light;
    const n = this.numbers;
    n.push(this.id(entry.key), entry.path === undefined ? -1 : this.id(entry.path), entry.size, entry.mtime, this.id(entry.codebook), entry.cachedAt);
    n.push(this.id(light.label), light.readFailure === undefined ? -1 : this.id(light.readFailure), heavy.length);
    n.push(summary.passageCount, summary.proseLength, summary.taggedLength, light.untaggedCount);
    n.push(summary.counts.size);
    for (const [dimension, tags] of summary.counts) {
      n.push(this.id(dimension), tags.size);
      for (const [tag, count] of tags) n.push(this.id(tag), count.passages, count.characters);
    }
    n.push(summary.pairs.size);
    for (const [row, columns] of summary.pairs) {
      n.push(this.id(row), columns.size);
      for (const [column, count] of columns) n.push(this.id(column), count);
    }
    n.push(light.dimensionCounts.size);
    for (const [dimension, count] of light.dimensionCounts) n.push(this.id(dimension), count);
    n.push(light.tagCounts.size);
    for (const [key, count] of light.tagCounts) n.push(this.id(key), count);
  }

  /** The whole store, in parts to write one after another. */
  parts(): Uint8Array[] {
    const strings = new TextEncoder().encode(JSON.stringify([this.context, ...this.strings]));
    const head = new Uint8Array(4 + MAGIC.length + 4 + strings.length + 4);
    const view = new DataView(head.buffer);
    view.setUint32(0, MAGIC.length, true);
    head.set(MAGIC, 4);
    view.setUint32(4 + MAGIC.length, strings.length, true);
    head.set(strings, 8 + MAGIC.length);
    view.setUint32(8 + MAGIC.length + strings.length, this.numbers.length, true);
    const padding = new Uint8Array((8 - (head.length % 8)) % 8);
    const numbers = new Uint8Array(Float64Array.from(this.numbers).buffer);
    return [head, padding, numbers, ...this.heavy];
  }
}

export function encodeIndexStore(entries: Iterable<StoredDocument | PendingDocument>, context = ''): Uint8Array {
  const writer = new IndexStoreWriter(context);
  for (const entry of entries) writer.add(entry);
  const parts = writer.parts();
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export interface OpenedIndexStore {
  /** What the writer was given as the entries' context. */
  context: string;
  /** The folders the writer was given. */
  folders: FolderRecord[];
  /** The counts of all entries together, known once `entries` has run to its end (summed while checking, no map per entry). */
  totals(): CountTotals;
  /** The entries one at a time (a caller can spread the work over time slices); `undefined` once means the store is damaged and none of it may be used. */
  entries: Generator<StoredDocument | undefined>;
}

/** The store's context and entries, or undefined for anything that is not a store of this version. */
export function openIndexStore(bytes: Uint8Array | undefined): OpenedIndexStore | undefined {
  try {
    if (!bytes || bytes.length < 4) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC.length || new TextDecoder().decode(bytes.subarray(4, 4 + MAGIC.length)) !== INDEX_STORE_VERSION) return undefined;
    let at = 4 + MAGIC.length;
    const stringsLength = view.getUint32(at, true);
    const table = JSON.parse(new TextDecoder().decode(bytes.subarray(at + 4, at + 4 + stringsLength))) as unknown;
    if (!Array.isArray(table) || !table.every((s) => typeof s === 'string')) return undefined;
    at += 4 + stringsLength;
    const count = view.getUint32(at, true);
    at += 4;
    at += (8 - (at % 8)) % 8;
    if (at + count * 8 > bytes.length) return undefined;
    const numbers = new Float64Array(count);
    new Uint8Array(numbers.buffer).set(bytes.subarray(at, at + count * 8));
    const reader = new NumberReader(numbers, table.slice(1) as string[]);
    const sums = new Sums(reader.strings.length);
    const folders = readFolders(reader);
    return { context: table[0] as string, folders, entries: readEntries(reader, bytes, at + count * 8, sums), totals: () => sums.totals(reader.strings) };
  } catch {
    return undefined;
  }
}

function readFolders(r: NumberReader): FolderRecord[] {
  const folders: FolderRecord[] = [];
  for (let i = r.count(); i > 0; i--) {
    const path = r.string();
    const ctime = r.number();
    const listedAt = r.number();
    const subfolders: string[] = [];
    for (let j = r.count(); j > 0; j--) subfolders.push(r.string());
    folders.push({ path, ctime, listedAt, subfolders });
  }
  return folders;
}

/** Counts per string number (and matrix cells per pair of them), added up as entries are checked. */
class Sums {
  passages = 0;
  readonly dimensions: Float64Array;
  readonly tags: Float64Array;
  /** Keyed by row × the table's size + column. */
  readonly cells = new Map<number, number>();
  constructor(readonly strings: number) {
    this.dimensions = new Float64Array(strings);
    this.tags = new Float64Array(strings);
  }
  addCell(row: number, column: number, count: number): void {
    const key = row * this.strings + column;
    this.cells.set(key, (this.cells.get(key) ?? 0) + count);
  }
  totals(strings: string[]): CountTotals {
    const pick = (sums: Float64Array) => new Map(strings.flatMap((text, i) => (sums[i] ? [[text, sums[i]] as [string, number]] : [])));
    const pairCounts = new Map<string, number>();
    for (const [key, count] of this.cells) pairCounts.set(tagKey(strings[Math.floor(key / this.strings)], strings[key % this.strings]), count);
    return { passages: this.passages, dimensionCounts: pick(this.dimensions), tagCounts: pick(this.tags), pairCounts };
  }
}

function* readEntries(reader: NumberReader, bytes: Uint8Array, heavyStart: number, sums: Sums): Generator<StoredDocument | undefined> {
  let at = heavyStart;
  while (!reader.done) {
    let entry: StoredDocument;
    try {
      ({ entry, at } = readEntry(reader, bytes, at, sums));
    } catch {
      return yield undefined;
    }
    yield entry;
  }
  if (at !== bytes.length) yield undefined;
}

function readEntry(r: NumberReader, bytes: Uint8Array, heavyAt: number, sums: Sums): { entry: StoredDocument; at: number } {
  const key = r.string();
  const path = r.optionalString();
  const size = r.number();
  const mtime = r.number();
  const codebook = r.string();
  const cachedAt = r.number();
  const label = r.string();
  const readFailure = r.optionalString();
  const heavyLength = r.whole();
  if (heavyAt + heavyLength > bytes.length) throw new DamagedStore();
  const passageCount = r.whole();
  const proseLength = r.whole();
  const taggedLength = r.whole();
  const untaggedCount = r.whole();
  // Counts and cells are checked now and made into maps when first read.
  const countsAt = r.at;
  skipCounts(r, sums);
  // Per dimension and per tag: added to the store's sums now, made into maps when first read.
  const tallyAt = r.at;
  for (let i = r.count(); i > 0; i--) sums.dimensions[r.stringNumber()] += r.whole();
  for (let i = r.count(); i > 0; i--) sums.tags[r.stringNumber()] += r.whole();
  sums.passages += passageCount;
  let tallied: { dimensionCounts: Map<string, number>; tagCounts: Map<string, number> } | undefined;
  const tally = () => (tallied ??= readTally(r.from(tallyAt)));
  let decoded: ReturnType<typeof readCounts> | undefined;
  const counts = () => (decoded ??= readCounts(r.from(countsAt)));
  // Getters in the literal (not defineProperty), so the object keeps V8's fast layout.
  const summary: LightDocument['summary'] = {
    passageCount,
    proseLength,
    taggedLength,
    coverage: proseLength ? taggedLength / proseLength : 0,
    get counts() {
      return counts().counts;
    },
    get pairs() {
      return counts().pairs;
    },
  };
  const light: LightDocument = {
    label,
    summary,
    get dimensionCounts() {
      return tally().dimensionCounts;
    },
    get tagCounts() {
      return tally().tagCounts;
    },
    untaggedCount,
  };
  // (Properties set, not spread in: a new session makes thousands of these.)
  if (readFailure !== undefined) light.readFailure = readFailure;
  const entry: StoredDocument = { key, size, mtime, codebook, cachedAt, light, bytes, heavyStart: heavyAt, heavyEnd: heavyAt + heavyLength };
  if (path !== undefined) entry.path = path;
  return { entry, at: heavyAt + heavyLength };
}

function readTally(r: NumberReader) {
  const dimensionCounts = new Map<string, number>();
  for (let i = r.count(); i > 0; i--) dimensionCounts.set(r.string(), r.whole());
  const tagCounts = new Map<string, number>();
  for (let i = r.count(); i > 0; i--) tagCounts.set(r.string(), r.whole());
  return { dimensionCounts, tagCounts };
}

/** The checks of readCounts, making nothing (a new session reads thousands of entries and few of their counts); matrix cells go to the sums. */
function skipCounts(r: NumberReader, sums: Sums): void {
  for (let d = r.count(); d > 0; d--) {
    r.string();
    for (let t = r.count(); t > 0; t--) {
      r.string();
      r.whole();
      r.whole();
    }
  }
  for (let i = r.count(); i > 0; i--) {
    const row = r.stringNumber();
    for (let j = r.count(); j > 0; j--) sums.addCell(row, r.stringNumber(), r.whole());
  }
}

function readCounts(r: NumberReader) {
  const counts = new Map<string, Map<string, TagCount>>();
  for (let d = r.count(); d > 0; d--) {
    const tags = new Map<string, TagCount>();
    counts.set(r.string(), tags);
    for (let t = r.count(); t > 0; t--) tags.set(r.string(), { passages: r.whole(), characters: r.whole() });
  }
  const pairs = new Map<string, Map<string, number>>();
  for (let i = r.count(); i > 0; i--) {
    const columns = new Map<string, number>();
    pairs.set(r.string(), columns);
    for (let j = r.count(); j > 0; j--) columns.set(r.string(), r.whole());
  }
  return { counts, pairs };
}

/** Every entry by key, or an empty map for a damaged or other-version store. */
export function decodeIndexStore(bytes: Uint8Array | undefined): Map<string, StoredDocument> {
  const out = new Map<string, StoredDocument>();
  for (const entry of openIndexStore(bytes)?.entries ?? []) {
    if (!entry) return new Map();
    out.set(entry.key, entry);
  }
  return out;
}
