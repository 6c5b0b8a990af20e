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
  color: z.strictObject({ light: colour, dark: colour }).optional(),
});

export const dimensionSchema = z.strictObject({
  id: identifier.refine((id) => id !== 'note' && id !== 'id' && id !== 'class', 'is reserved ("note", "id" and "class" are not dimensions)'),
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
    });
  });

export type Tag = z.output<typeof tagSchema>;
export type Dimension = z.output<typeof dimensionSchema>;
export type Codebook = z.output<typeof codebookSchema>;
export type CodebookInput = z.input<typeof codebookSchema>;

/** The codebook file's JSON schema (for editors), derived from the zod schema. */
export function codebookJsonSchema(): object {
  return { ...z.toJSONSchema(codebookSchema, { io: 'input', unrepresentable: 'any' }), title: 'Evidence Tagger codebook' };
}
