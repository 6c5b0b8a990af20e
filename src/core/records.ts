// Passages as plain records for JSON output and exports: positions resolved, attributes flattened.
import type { ParsedDocument } from './parse';
import { keyedRecord, type Passage } from './passage';
import type { Position } from './text';

export interface PassageRecord {
  file: string;
  kind: Passage['kind'];
  tags: Record<string, string[]>;
  note: string | null;
  /** Every attribute as written: `id` and `class` (space-separated) when present, then key=value pairs. */
  attributes: Record<string, string>;
  start: Position;
  end: Position;
  /** The tagged text, markup of the passage itself removed (nested markup kept). */
  text: string;
}

export function attributesOf(passage: Passage): Record<string, string> {
  const out = keyedRecord<string>();
  const { id, classes, pairs } = passage.attributes;
  if (id) out.id = id;
  if (classes.length) out.class = classes.join(' ');
  for (const pair of pairs) out[pair.key] = out[pair.key] !== undefined && pair.key !== 'note' && pair.key in passage.tags ? `${out[pair.key]} ${pair.value}` : pair.value;
  return out;
}

export function passageRecord(file: string, doc: ParsedDocument, passage: Passage): PassageRecord {
  return {
    file,
    kind: passage.kind,
    tags: passage.tags,
    note: passage.note,
    attributes: attributesOf(passage),
    start: doc.lines.positionAt(passage.start),
    end: doc.lines.positionAt(passage.end),
    text: doc.text.slice(passage.contentStart, passage.contentEnd),
  };
}
