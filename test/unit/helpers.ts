// Shared fixtures for the unit tests.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { CodebookLookup, DEFAULT_CODEBOOK, codebookSchema, markupOf, type Codebook, type ParsedDocument } from '../../src/core';

/** The default codebook plus a dimension `k` (tag `v`), so short test documents stay short. */
export const TEST_CODEBOOK: Codebook = codebookSchema.parse({
  ...DEFAULT_CODEBOOK,
  dimensions: [...DEFAULT_CODEBOOK.dimensions, { id: 'k', label: 'K', tags: [{ id: 'v', label: 'V', definition: 'a test tag' }, { id: 'w', label: 'W', definition: 'another test tag' }] }],
});

export const lookup = new CodebookLookup(TEST_CODEBOOK);
export const defaultLookup = new CodebookLookup(DEFAULT_CODEBOOK);

/** Every range of a parse lies inside the text, in order; markup inside its passage; passages inside their parent. */
export function assertSaneParse(doc: ParsedDocument): void {
  const length = doc.text.length;
  for (const p of doc.passages) {
    assert.ok(0 <= p.start && p.start <= p.contentStart && p.contentStart <= p.contentEnd && p.contentEnd <= p.end && p.end <= length, 'ranges ordered and inside the text');
    for (const [from, to] of markupOf(p)) assert.ok(p.start <= from && from <= to && to <= p.end, 'markup inside the passage');
    if (p.parent !== -1) {
      const parent = doc.passages[p.parent];
      assert.ok(parent.contentStart <= p.start && p.end <= parent.contentEnd, 'nested inside the parent content');
    }
  }
  for (const problem of doc.problems) assert.ok(0 <= problem.start && problem.start <= problem.end && problem.end <= length);
  for (const block of doc.blocks) assert.ok(0 <= block.start && block.start <= block.end && block.end <= length && block.proseLength >= 0);
}

/** The REFI-QDA schemas (MIT), copied into the repository. */
export const REFI_SCHEMAS = resolve(__dirname, '../fixtures/refi-qda');

/** Validates XML against one of the REFI-QDA schemas with libxml2 (xmllint-wasm: no system package). */
export async function xmllint(schema: string, xml: string): Promise<void> {
  const result = await validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [readFileSync(join(REFI_SCHEMAS, schema), 'utf8')], maxMemoryPages: 16384 });
  if (!result.valid) assert.fail(`${schema} rejects the export:\n${result.rawOutput}`);
}
