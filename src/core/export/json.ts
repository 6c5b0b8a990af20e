// JSON export: passages, codebook, tally and coverage in one document, its shape defined (and checked) by zod.
import { codebookSchema } from '../codebook/schema';
import { passageRecord } from '../records';
import { summarizeDocument } from '../tally';
import { z } from '../zod';
import { tallyOf, type ExportInput } from './model';

const position = z.object({ offset: z.number().int().nonnegative(), line: z.number().int().nonnegative(), character: z.number().int().nonnegative() });

export const exportedPassageSchema = z.object({
  file: z.string(),
  kind: z.enum(['span', 'div']),
  tags: z.record(z.string(), z.array(z.string())).describe('dimension id → tag ids'),
  note: z.string().nullable(),
  attributes: z.record(z.string(), z.string()).describe('every attribute as written, id and class included'),
  start: position.describe('zero-based; offsets in UTF-16 code units'),
  end: position,
  text: z.string().describe('the tagged text, without the passage’s own markup'),
});

const tagTally = z.object({ id: z.string(), label: z.string(), parent: z.string().optional().describe('the parent tag of a sub-tag; counts roll up into it'), depth: z.number().int().nonnegative(), passages: z.number(), characters: z.number(), share: z.number(), files: z.number(), known: z.boolean() });

const axisTag = z.object({ id: z.string(), label: z.string(), depth: z.number().int().nonnegative() });

export const exportSchema = z.object({
  format: z.literal('evidence-tagger/export'),
  version: z.literal(1),
  generated: z.string().describe('ISO 8601 time of the export'),
  codebook: codebookSchema,
  files: z.array(
    z.object({
      file: z.string(),
      passages: z.array(exportedPassageSchema),
      coverage: z.object({ proseLength: z.number(), taggedLength: z.number(), coverage: z.number(), untaggedParagraphs: z.array(z.object({ line: z.number(), text: z.string() })) }),
    }),
  ),
  tally: z.object({
    files: z.number(),
    passages: z.number(),
    dimensions: z.array(z.object({ id: z.string(), label: z.string(), tags: z.array(tagTally) })),
    matrix: z.object({ rows: z.array(axisTag), columns: z.array(axisTag), counts: z.array(z.array(z.number())) }),
  }),
});

export type EvidenceExport = z.output<typeof exportSchema>;

export function exportJson(input: ExportInput): string {
  const tally = tallyOf(input);
  const data: EvidenceExport = {
    format: 'evidence-tagger/export',
    version: 1,
    generated: (input.generated ?? new Date()).toISOString(),
    codebook: input.codebook,
    files: input.documents.map(({ file, parsed }) => {
      const summary = summarizeDocument(parsed);
      return {
        file,
        passages: parsed.passages.map((p) => passageRecord(file, parsed, p)),
        coverage: {
          proseLength: summary.proseLength,
          taggedLength: summary.taggedLength,
          coverage: summary.coverage,
          untaggedParagraphs: summary.untaggedBlocks.map((b) => ({ line: parsed.lines.positionAt(b.start).line + 1, text: parsed.text.slice(b.start, b.end) })),
        },
      };
    }),
    tally: { files: tally.files, passages: tally.passages, dimensions: tally.dimensions, matrix: tally.matrix },
  };
  return JSON.stringify(data, null, 2) + '\n';
}

/** The export's JSON schema, for documentation and for other tools. */
export function exportJsonSchema(): object {
  return { ...z.toJSONSchema(exportSchema, { unrepresentable: 'any' }), title: 'Evidence Tagger export' };
}
