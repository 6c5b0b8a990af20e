// What a passage takes from its attribute list: its tags by dimension, its note, and the problems the list
// has (unknown, empty or repeated keys and tags). Worked out once per distinct list (see attributeReader.ts).
import type { AttributeBlock, KeyValue } from './attributes';
import type { CodebookLookup } from './codebook/lookup';
import type { Dimension } from './codebook/schema';
import { keyedRecord, type Problem } from './passage';

function hasWhitespace(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0) return true;
  }
  return false;
}

/** A warning about a whole `key=value` pair. */
const pairWarning = (code: Problem['code'], message: string, pair: KeyValue): Problem => ({ severity: 'warning', code, message, start: pair.start, end: pair.end });

/** What a passage takes from its attribute list: shared by every passage with the same list when it has no problems. */
export interface PassageFields {
  tags: Record<string, string[]>;
  note: string | null;
  problems: Problem[];
}

/** Whether an attribute list names a dimension of the codebook (else it is no passage). */
export function isPassage(attributes: AttributeBlock, lookup: CodebookLookup): boolean {
  for (const pair of attributes.pairs) if (lookup.isDimension(pair.key)) return true;
  return false;
}

/** The fields of a passage with this attribute list, or null when it names no dimension; `text` is the document it stands in. */
export function readFields(attributes: AttributeBlock, lookup: CodebookLookup, text: string): PassageFields | null {
  if (!isPassage(attributes, lookup)) return null;
  // Keyed by dimension ids from the document and codebook: no prototype, so `constructor` is just a key.
  const tags = keyedRecord<string[]>();
  let note: string | null = null;
  const problems: Problem[] = [];
  const { pairs } = attributes;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    const isNote = pair.key === 'note';
    const dimension = isNote ? undefined : lookup.dimension(pair.key);
    if (!isNote && !dimension) continue;
    if (seenBefore(pairs, i)) {
      problems.push(pairWarning('repeated-key', `"${pair.key}" is given more than once; pandoc keeps both, this passage uses all their values`, pair));
    }
    if (dimension) readTags(pair, dimension, tags, problems, lookup, text);
    else note = note === null ? pair.value : `${note}\n${pair.value}`;
  }
  // Passages with the same list share these: frozen, so no reader can change another passage's tags.
  for (const key in tags) Object.freeze(tags[key]);
  return { tags: Object.freeze(tags), note, problems };
}

function seenBefore(pairs: KeyValue[], i: number): boolean {
  for (let j = 0; j < i; j++) if (pairs[j].key === pairs[i].key) return true;
  return false;
}

function readTags(pair: KeyValue, dimension: Dimension, tags: Record<string, string[]>, problems: Problem[], lookup: CodebookLookup, text: string): void {
  const list = (tags[pair.key] ??= []);
  const values = hasWhitespace(pair.value) ? pair.value.split(/\s+/).filter(Boolean) : pair.value ? [pair.value] : [];
  if (values.length === 0) problems.push(pairWarning('empty-tag', `"${pair.key}" has no tag`, pair));
  for (const value of values) {
    const tag = lookup.tag(pair.key, value);
    if (!tag) {
      const suggestion = lookup.suggest(pair.key, value);
      const hint = suggestion ? ` Did you mean "${suggestion}"?` : ` Known tags: ${dimension.tags.map((t) => t.id).join(', ')}.`;
      const at = valueRange(pair, value, text);
      problems.push({ severity: 'warning', code: 'unknown-tag', message: `Unknown ${pair.key} tag "${value}".${hint}`, start: at[0], end: at[1], dimension: pair.key, value, suggestion });
    }
    const id = tag?.id ?? value;
    if (!list.includes(id)) list.push(id);
  }
  if (!dimension.multiple && list.length > 1) {
    problems.push(pairWarning('too-many-tags', `"${pair.key}" takes one tag, this passage has ${list.length}`, pair));
  }
}

/** Where a value stands in the source (falls back to the whole value). */
function valueRange(pair: KeyValue, value: string, text: string): [number, number] {
  const at = text.indexOf(value, pair.valueStart);
  return at !== -1 && at + value.length <= pair.valueEnd ? [at, at + value.length] : [pair.valueStart, pair.valueEnd];
}
