// The codebook side of a tag refactoring: the codebook object afterwards, and the codebook file's text
// afterwards with only the changed values touched (comments and layout kept, through jsonc-parser).
// Renamed and merged tags keep their old ids as aliases, so documents not yet changed still resolve.
import { applyEdits as applyJsonEdits, modify, parse as parseJsonc, type JSONPath } from 'jsonc-parser';
import type { TagChange } from '../refactor';
import { loadCodebook } from './load';
import { codebookSchema, IDENTIFIER, type Codebook, type Tag } from './schema';

/** Why the change cannot be made to this codebook, or undefined when it can. */
export function checkChange(codebook: Codebook, change: TagChange): string | undefined {
  const dimension = codebook.dimensions.find((d) => d.id === change.dimension);
  if (!dimension) return `no dimension "${change.dimension}" in the codebook`;
  if (!dimension.tags.some((t) => t.id === change.tag)) return `no tag "${change.tag}" in dimension "${change.dimension}"`;
  const taken = (id: string) => dimension.tags.some((t) => t.id === id || t.aliases.includes(id));
  if (change.kind === 'rename' || change.kind === 'split') {
    if (!IDENTIFIER.test(change.to)) return `"${change.to}" is not a valid tag id (a letter, then letters, digits, - _ : .)`;
    if (change.to === change.tag || (taken(change.to) && !dimension.tags.find((t) => t.id === change.tag)!.aliases.includes(change.to))) return `"${change.to}" is already a tag or alias in "${change.dimension}"`;
  }
  if (change.kind === 'merge' && (change.into === change.tag || !dimension.tags.some((t) => t.id === change.into))) return `no other tag "${change.into}" in dimension "${change.dimension}" to merge into`;
  if (change.kind === 'move') {
    const target = codebook.dimensions.find((d) => d.id === change.toDimension);
    if (!target || target.id === change.dimension) return `no other dimension "${change.toDimension}" in the codebook`;
    if (target.tags.some((t) => t.id === change.tag || t.aliases.includes(change.tag))) return `"${change.tag}" is already a tag or alias in "${change.toDimension}"`;
    if (dimension.tags.length === 1) return `"${change.tag}" is the only tag of "${change.dimension}"; a dimension needs at least one`;
  }
  if (change.kind === 'move' && dimension.tags.some((t) => t.parent === change.tag)) return `"${change.tag}" has sub-tags in "${change.dimension}"; move or re-parent them first`;
  if (change.kind === 'delete' && dimension.tags.length === 1) return `"${change.tag}" is the only tag of "${change.dimension}"; a dimension needs at least one`;
  return undefined;
}

interface Step {
  path: JSONPath;
  value: unknown;
  insert?: boolean;
}

/** The steps, as JSON paths into the codebook as written (indices match: the schema keeps array order). */
function steps(codebook: Codebook, change: TagChange): Step[] {
  const d = codebook.dimensions.findIndex((x) => x.id === change.dimension);
  const tags = codebook.dimensions[d].tags;
  const t = tags.findIndex((x) => x.id === change.tag);
  const tag = tags[t];
  const at = (...rest: (string | number)[]): JSONPath => ['dimensions', d, 'tags', ...rest];
  // Sub-tags of a tag that goes: to `parent`, or to the top level. Steps that change entries come before
  // the removal, so their indices still hold.
  const reparent = (parent: string | undefined): Step[] => tags.flatMap((x, i) => (x.parent === change.tag ? [{ path: at(i, 'parent'), value: parent }] : []));
  const remove: Step = { path: at(t), value: undefined };
  switch (change.kind) {
    case 'rename':
      return [{ path: at(t, 'id'), value: change.to }, { path: at(t, 'aliases'), value: [...tag.aliases.filter((a) => a !== change.to), change.tag] }, ...reparent(change.to)];
    case 'merge': {
      const i = tags.findIndex((x) => x.id === change.into);
      const aliases = [...new Set([...tags[i].aliases, change.tag, ...tag.aliases])];
      // Sub-tags follow their parent into the tag it merges into, unless that tag sits below it (a circle).
      const below = isBelow(tags, change.into, change.tag);
      return [{ path: at(i, 'aliases'), value: aliases }, ...reparent(below ? tag.parent : change.into), remove];
    }
    case 'delete':
      return [...reparent(tag.parent), remove];
    case 'move': {
      const target = codebook.dimensions.findIndex((x) => x.id === change.toDimension);
      const { parent: _leftBehind, ...moved } = tag;
      return [{ path: ['dimensions', target, 'tags', codebook.dimensions[target].tags.length], value: plainTag(moved), insert: true }, remove];
    }
    case 'split': {
      const parent = change.asSubTag ? tag.id : tag.parent;
      return [{ path: at(t + 1), value: { id: change.to, label: `${tag.label} (${change.to})`, definition: tag.definition, ...(parent ? { parent } : {}) }, insert: true }];
    }
  }
}

/** Whether `id` is a sub-tag of `ancestor`, at any depth. */
function isBelow(tags: Tag[], id: string, ancestor: string): boolean {
  const parentOf = new Map(tags.map((x) => [x.id, x.parent]));
  const seen = new Set<string>();
  for (let up = parentOf.get(id); up !== undefined && !seen.has(up); up = parentOf.get(up)) {
    if (up === ancestor) return true;
    seen.add(up);
  }
  return false;
}

/** A tag as it would be written in a file (defaults left out). */
function plainTag(tag: Omit<Tag, 'parent'>): object {
  const { aliases, cues, ...rest } = tag;
  return { ...rest, ...(aliases.length ? { aliases } : {}), ...(cues.length ? { cues } : {}) };
}

/**
 * The codebook file's new text, changed in place. jsonc-parser's `modify` can misplace brackets when it
 * removes from JSON written on one line; the result is checked against the same change made to the object,
 * and where they differ the file is written afresh from the object (its comments then lost, never its content).
 */
export function refactorCodebookText(text: string, codebook: Codebook, change: TagChange): string {
  const expected = refactorCodebook(codebook, change);
  const edited = modifyText(text, codebook, change);
  const reread = loadCodebook(edited);
  if (reread.ok && JSON.stringify(reread.codebook.dimensions) === JSON.stringify(expected.dimensions)) return edited;
  const { $schema } = (parseJsonc(text) ?? {}) as { $schema?: string };
  return JSON.stringify({ ...($schema ? { $schema } : {}), ...expected }, null, 2) + '\n';
}

function modifyText(text: string, codebook: Codebook, change: TagChange): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const indent = /\n( +|\t)"/.exec(text)?.[1] ?? '  ';
  for (const step of steps(codebook, change)) {
    const edits = modify(text, step.path, step.value, { isArrayInsertion: step.insert, formattingOptions: { insertSpaces: indent !== '\t', tabSize: indent === '\t' ? 1 : indent.length, eol } });
    text = applyJsonEdits(text, edits);
  }
  return text;
}

/** The codebook object afterwards (validated, as if read from the new file): the same steps, on a copy. */
export function refactorCodebook(codebook: Codebook, change: TagChange): Codebook {
  const copy = JSON.parse(JSON.stringify(codebook)) as Record<string, unknown>;
  for (const step of steps(codebook, change)) {
    const parent = step.path.slice(0, -1).reduce<any>((node, key) => node[key], copy);
    const key = step.path[step.path.length - 1];
    if (Array.isArray(parent) && typeof key === 'number') {
      if (step.value === undefined) parent.splice(key, 1);
      else if (step.insert) parent.splice(key, 0, step.value);
      else parent[key] = step.value;
    } else parent[key] = step.value;
  }
  return codebookSchema.parse(copy);
}
