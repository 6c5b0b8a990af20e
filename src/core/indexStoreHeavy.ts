// The large part of a stored document (passages, line starts, untagged paragraphs) in few bytes: offsets as
// differences in LEB128 varints (most lines and gaps fit in one or two bytes), each distinct tag set and note
// once in a JSON tail. A 5,000-document store is a few megabytes instead of tens, so a new session reads it
// quickly and keeps little of it in memory. Decoding checks every length; a damaged part throws.
import type { IndexedParagraph, IndexedPassage } from './workspaceIndex';
import type { PassageKind } from './passage';
import { asKeyedRecord } from './passage';

export interface HeavyParts {
  passages: IndexedPassage[];
  lineStarts: Int32Array;
  untagged: IndexedParagraph[];
}

const KINDS: PassageKind[] = ['span', 'div'];

class VarintWriter {
  private bytes = new Uint8Array(256);
  length = 0;
  /** A whole number of at least 0 and below 2^53. */
  unsigned(value: number): void {
    if (this.length + 8 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    while (value >= 0x80) {
      this.bytes[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.bytes[this.length++] = value;
  }
  /** Zigzag: small negative numbers stay small. */
  signed(value: number): void {
    this.unsigned(value < 0 ? -2 * value - 1 : 2 * value);
  }
  finish(tail: Uint8Array): Uint8Array {
    const out = new Uint8Array(this.length + tail.length);
    out.set(this.bytes.subarray(0, this.length));
    out.set(tail, this.length);
    return out;
  }
}

/** Layout: lines, paragraphs and passages as varints, then the JSON [tag sets, notes]. */
export function encodeHeavy({ passages, lineStarts, untagged }: HeavyParts): Uint8Array {
  const out = new VarintWriter();
  out.unsigned(lineStarts.length);
  let previous = 0;
  for (const start of lineStarts) {
    out.signed(start - previous);
    previous = start;
  }
  out.unsigned(untagged.length);
  previous = 0;
  for (const { start, end } of untagged) {
    out.signed(start - previous);
    out.signed(end - start);
    previous = start;
  }
  const tagSets = new Map<string, number>();
  const notes = new Map<string, number>();
  out.unsigned(passages.length);
  previous = 0;
  for (const passage of passages) {
    const tags = JSON.stringify(passage.tags);
    let tagSet = tagSets.get(tags);
    if (tagSet === undefined) tagSets.set(tags, (tagSet = tagSets.size));
    let note = 0;
    if (passage.note !== null) {
      note = notes.get(passage.note) ?? notes.size + 1;
      notes.set(passage.note, note);
    }
    out.unsigned(KINDS.indexOf(passage.kind));
    out.signed(passage.contentStart - previous);
    out.signed(passage.contentEnd - passage.contentStart);
    out.unsigned(tagSet);
    out.unsigned(note);
    previous = passage.contentStart;
  }
  const tail = `[[${[...tagSets.keys()].join(',')}],${JSON.stringify([...notes.keys()])}]`;
  return out.finish(new TextEncoder().encode(tail));
}

class VarintReader {
  at = 0;
  constructor(private readonly bytes: Uint8Array) {}
  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.bytes.length || scale > 2 ** 49) throw new Error('a damaged stored document');
      const byte = this.bytes[this.at++];
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
  signed(): number {
    const value = this.unsigned();
    return value % 2 ? -(value + 1) / 2 : value / 2;
  }
  /** A count of items that each take at least one more byte. */
  count(): number {
    const n = this.unsigned();
    if (n > this.bytes.length - this.at) throw new Error('a damaged stored document');
    return n;
  }
}

export function decodeHeavy(bytes: Uint8Array): HeavyParts {
  const read = new VarintReader(bytes);
  const lineStarts = new Int32Array(read.count());
  let previous = 0;
  for (let i = 0; i < lineStarts.length; i++) lineStarts[i] = previous += read.signed();
  const untagged: IndexedParagraph[] = new Array(read.count());
  previous = 0;
  for (let i = 0; i < untagged.length; i++) {
    const start = (previous += read.signed());
    untagged[i] = { start, end: start + read.signed() };
  }
  const raw: number[][] = new Array(read.count());
  previous = 0;
  for (let i = 0; i < raw.length; i++) {
    const kind = read.unsigned();
    const contentStart = (previous += read.signed());
    raw[i] = [kind, contentStart, contentStart + read.signed(), read.unsigned(), read.unsigned()];
  }
  const [tagSets, notes] = JSON.parse(new TextDecoder().decode(bytes.subarray(read.at))) as [Record<string, string[]>[], string[]];
  if (!Array.isArray(tagSets) || !Array.isArray(notes)) throw new Error('a damaged stored document');
  // Tags are keyed by what documents say ("constructor" too): they live in objects with no prototype.
  for (const tags of tagSets) asKeyedRecord(tags);
  const passages = raw.map(([kind, contentStart, contentEnd, tagSet, note]): IndexedPassage => {
    if (KINDS[kind] === undefined || tagSets[tagSet] === undefined || (note > 0 && notes[note - 1] === undefined)) throw new Error('a damaged stored document');
    return { kind: KINDS[kind], contentStart, contentEnd, tags: tagSets[tagSet], note: note > 0 ? notes[note - 1] : null };
  });
  return { passages, lineStarts, untagged };
}
