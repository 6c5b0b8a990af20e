// Fuzzing the exports and the command line with whole random documents: every export re-validates
// (RFC 4180 for CSV, the export schema for JSON, the REFI-QDA XSDs for XML), our own codebook export
// imports back to the same ids, and the CLI never reports an "unexpected error".
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import { DEFAULT_CODEBOOK, exportCsv, exportJson, exportProject, exportQdc, exportSchema, importRefiCodebook, parseDocument, type ExportInput } from '../../src/core';
import { strToU8 } from 'fflate';
import { defaultLookup as lookup } from './helpers';

const SCHEMAS = resolve(__dirname, '../fixtures/refi-qda');
const CLI = resolve(__dirname, '../../dist/cli.js');

const pieces = ['[', ']', '{', '}', '"', "'", '=', '\\', '`', '<', '>', '&', '\n', '\n\n', '\r\n', ' ', ':::', '::: {evidence=research}\n', ']{evidence=practice use=embedded}', ']{evidence=reserch note="a, \\"b\\" & <c>"}', '[', '=SUM(A1)', '@x', '😀', 'é', '\u0000', '\u0007', '\u202e', 'word'];
const document = fc.array(fc.constantFrom(...pieces), { maxLength: 80 }).map((parts) => parts.join(''));
const documents = fc.array(fc.tuple(fc.constantFrom('a.md', 'dir/b.md', 'c d#?.md', 'e.txt'), document), { minLength: 1, maxLength: 3 });

function inputOf(docs: [string, string][]): ExportInput {
  const unique = new Map(docs);
  return { documents: [...unique].map(([file, text]) => ({ file, parsed: parseDocument(text, lookup) })), codebook: DEFAULT_CODEBOOK, generated: new Date('2026-01-01T00:00:00Z') };
}

/** RFC 4180: the rows a strict reader sees. */
function readCsv(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < csv.length) {
    let cell = '';
    if (csv[i] === '"') {
      i++;
      for (;;) {
        assert.ok(i < csv.length, 'a quoted cell is closed');
        if (csv[i] === '"') {
          if (csv[i + 1] === '"') (cell += '"'), (i += 2);
          else break;
        } else cell += csv[i++];
      }
      i++;
    } else while (i < csv.length && csv[i] !== ',' && csv[i] !== '\r') {
      assert.ok(csv[i] !== '"' && csv[i] !== '\n', 'no quote or bare line break in an unquoted cell');
      cell += csv[i++];
    }
    row.push(cell);
    if (csv[i] === ',') i++;
    else {
      assert.equal(csv.slice(i, i + 2), '\r\n', 'rows end with CRLF');
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

describe('export fuzzing', function () {
  this.timeout(120000);

  it('CSV is RFC 4180 with one row per passage and tag, and no cell a spreadsheet would run', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const input = inputOf(docs);
        const rows = readCsv(exportCsv(input));
        assert.equal(rows[0].length, 9);
        for (const row of rows) assert.equal(row.length, 9);
        const expected = input.documents.reduce((n, d) => n + d.parsed.passages.reduce((m, p) => m + Object.values(p.tags).flat().length, 0), 0);
        assert.equal(rows.length - 1, expected);
        for (const row of rows.slice(1)) for (const cell of row) assert.ok(!/^[ \u00a0]*[=+\-@]/.test(cell) && !/^[\t\r\n]/.test(cell), `guarded: ${JSON.stringify(cell)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('JSON parses and satisfies the export schema', () => {
    fc.assert(
      fc.property(documents, (docs) => {
        const result = exportSchema.safeParse(JSON.parse(exportJson(inputOf(docs))));
        assert.ok(result.success, JSON.stringify(result.error?.issues?.[0]));
      }),
      { numRuns: 200 },
    );
  });

  it('REFI-QDA project and codebook validate against the XSDs; the codebook imports back', async () => {
    const projectXsd = readFileSync(join(SCHEMAS, 'Project.xsd'), 'utf8');
    const codebookXsd = readFileSync(join(SCHEMAS, 'Codebook.xsd'), 'utf8');
    await fc.assert(
      fc.asyncProperty(documents, async (docs) => {
        const { 'project.qde': qde } = exportProject(inputOf(docs));
        const checked = await validateXML({ xml: [{ fileName: 'project.qde', contents: qde }], schema: [projectXsd] });
        assert.ok(checked.valid, checked.rawOutput);
      }),
      { numRuns: 25 },
    );
    const qdc = exportQdc(DEFAULT_CODEBOOK);
    assert.ok((await validateXML({ xml: [{ fileName: 'c.qdc', contents: qdc }], schema: [codebookXsd] })).valid);
    const back = importRefiCodebook(strToU8(qdc), 'c.qdc');
    assert.ok(back.ok);
    assert.deepEqual(back.codebook.dimensions.map((d) => [d.id, d.tags.map((t) => t.id)]), DEFAULT_CODEBOOK.dimensions.map((d) => [d.id, d.tags.map((t) => t.id)]));
  });

  it('the command line never reports an unexpected error on random documents, in any format', () => {
    const folder = mkdtempSync(join(tmpdir(), 'evidence-fuzz-'));
    const samples = fc.sample(document, { numRuns: 12, seed: 4242 });
    samples.forEach((text, i) => writeFileSync(join(folder, `doc${i}.md`), text));
    for (const args of [['tally', '--json'], ['passages'], ['check'], ...['csv', 'json', 'qdc', 'qdpx', 'html'].map((f) => ['export', '--format', f, '--out', join(folder, `out.${f === 'json' ? 'json' : f}`)])]) {
      const result = spawnSync(process.execPath, [CLI, ...args, folder], { encoding: 'utf8' });
      assert.ok(!/unexpected error/.test(result.stderr), `${args.join(' ')}: ${result.stderr}`);
      assert.ok(result.status === 0 || (args[0] === 'check' && result.status === 1), `${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    }
  });
});
