// The codebook's shape (DESIGN §4), validated with zod at every edge where one is read.
import { z } from '../zod';

const HEX_COLOUR = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
/** An attribute key or tag id as Pandoc reads it unquoted: a letter, then letters, digits, - _ : . */
export const IDENTIFIER = /^\p{L}[\p{L}\p{N}\-_:.]*$/u;

const identifier = z.string().regex(IDENTIFIER, 'must start with a letter and contain only letters, digits, "-", "_", ":" or "."');
const colour = z.string().regex(HEX_COLOUR, 'must be a hex colour such as "#1f77b4"');

export const tagSchema = z.strictObject({
  id: identifier,
  label: z.string().min(1),
  definition: z.string().min(1),
  aliases: z.array(identifier).default([]),
  cues: z.array(z.string().min(1)).default([]),
  source: z.string().optional(),
  example: z.string().optional(),
  level: z.string().optional(),
  /** The id of a broader tag of the same dimension: this tag is one of its sub-tags (tallies roll it up). */
  parent: identifier.optional(),
  color: z.strictObject({ light: colour, dark: colour }).optional(),
});

export const dimensionSchema = z.strictObject({
  id: identifier.refine((id) => !['note', 'id', 'class', 'passage'].includes(id), 'is reserved ("note", "id", "class" and "passage" are not dimensions)'),
  label: z.string().min(1),
  description: z.string().default(''),
  multiple: z.boolean().default(true),
  tags: z.array(tagSchema).min(1),
});

export const codebookSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1),
    version: z.string().optional(),
    source: z.string().optional(),
    dimensions: z.array(dimensionSchema).min(1),
  })
  .superRefine((book, ctx) => {
    const dimensionIds = new Set<string>();
    book.dimensions.forEach((dimension, d) => {
      if (dimensionIds.has(dimension.id)) {
        ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'id'], message: `duplicate dimension id "${dimension.id}"` });
      }
      dimensionIds.add(dimension.id);
      const names = new Set<string>();
      dimension.tags.forEach((tag, t) => {
        for (const [name, path] of [[tag.id, ['id']], ...tag.aliases.map((a, i) => [a, ['aliases', i]] as const)] as const) {
          if (names.has(name)) {
            ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'tags', t, ...path], message: `"${name}" is already used by another tag of dimension "${dimension.id}"` });
          }
          names.add(name);
        }
      });
      checkParents(dimension, (t, message) => ctx.addIssue({ code: 'custom', path: ['dimensions', d, 'tags', t, 'parent'], message }));
    });
  });

/** Each parent names another tag of the dimension by id, and following parents never comes back round. */
function checkParents(dimension: { id: string; tags: { id: string; parent?: string }[] }, report: (tagIndex: number, message: string) => void): void {
  const index = new Map(dimension.tags.map((tag, t) => [tag.id, t]));
  const valid = dimension.tags.map((tag, t) => {
    if (tag.parent === undefined) return true;
    if (tag.parent === tag.id) report(t, `"${tag.id}" cannot be its own parent`);
    else if (!index.has(tag.parent)) report(t, `no tag with the id "${tag.parent}" in dimension "${dimension.id}" to be the parent of "${tag.id}"`);
    else return true;
    return false;
  });
  // Each tag is walked once (linear even for a very deep chain): a walk stops at a tag already settled.
  const settled = new Set<number>();
  dimension.tags.forEach((_, start) => {
    const path: number[] = [];
    const onPath = new Map<number, number>();
    let t: number | undefined = start;
    while (t !== undefined && !settled.has(t) && !onPath.has(t)) {
      onPath.set(t, path.length);
      path.push(t);
      const parent: string | undefined = dimension.tags[t].parent;
      t = parent !== undefined && valid[t] ? index.get(parent) : undefined;
    }
    if (t !== undefined && onPath.has(t)) {
      // A circle: reported on each tag in it, not on the tags that hang below it.
      const circle = path.slice(onPath.get(t));
      const names = [...circle, circle[0]].map((i) => dimension.tags[i].id).join(' → ');
      for (const i of circle) report(i, `"${dimension.tags[i].id}" is its own ancestor (the parents go round: ${names})`);
    }
    for (const i of path) settled.add(i);
  });
}
export type Tag = z.output<typeof tagSchema>;
export type Dimension = z.output<typeof dimensionSchema>;
export type Codebook = z.output<typeof codebookSchema>;
export type CodebookInput = z.input<typeof codebookSchema>;

/** The codebook file's JSON schema (for editors), derived from the zod schema. */
export function codebookJsonSchema(): object {
  return { ...z.toJSONSchema(codebookSchema, { io: 'input', unrepresentable: 'any' }), title: 'Evidence Tagger codebook' };
}
