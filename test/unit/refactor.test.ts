// Tag refactorings: each on tricky documents and on the samples, proved by parsing again: the passages
// carry exactly the expected tags, and the markup-free text is byte-identical.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyEdits, changedTags, checkChange, CodebookLookup, DEFAULT_CODEBOOK, loadCodebook, markupFree, parseDocument, planRefactor, refactorCodebook, refactorCodebookText, type TagChange } from '../../src/core';

const lookup = new CodebookLookup(DEFAULT_CODEBOOK);
const run = (text: string, change: TagChange) => {
  const after = refactorCodebook(DEFAULT_CODEBOOK, change);
  const doc = parseDocument(text, lookup);
  const plan = planRefactor(doc, change, lookup, new CodebookLookup(after));
  assert.ok(plan.ok, plan.ok ? '' : plan.reason);
  const result = applyEdits(text, plan.edits);
  const reparsed = parseDocument(result, new CodebookLookup(after));
  assert.equal(markupFree(reparsed), markupFree(doc), 'nothing but markup changed');
  return { result, plan, reparsed };
};

const TRICKY = [
  'A [finding]{#f .key evidence="research sector" use=transparent note="keep \\"this\\""} and [nested [inner]{evidence=sector-data} text]{evidence=practice}.',
  '',
  '::: {evidence=sector-data level=system}',
  'A div paragraph with [a span]{use=embedded evidence=sector-data}.',
  ':::',
  '',
  '[only sector]{evidence=sector-data}',
].join('\r\n');

describe('tag refactorings', () => {
  it('rename: values change (aliases too), the rest of each attribute list stays as written; old id becomes an alias', () => {
    const { result, plan } = run(TRICKY, { kind: 'rename', dimension: 'evidence', tag: 'sector-data', to: 'admin-data' });
    assert.ok(plan.ok && plan.changed === 5);
    assert.ok(result.includes('{#f .key evidence="research admin-data" use=transparent note="keep \\"this\\""}'));
    assert.ok(result.includes('[inner]{evidence=admin-data}') && result.includes('::: {evidence=admin-data level=system}\r\n') && result.includes('{use=embedded evidence=admin-data}'));
    const after = refactorCodebook(DEFAULT_CODEBOOK, { kind: 'rename', dimension: 'evidence', tag: 'sector-data', to: 'admin-data' });
    assert.deepEqual(after.dimensions[0].tags[1].aliases, ['sector', 'sector-data']);
    assert.equal(new CodebookLookup(after).tag('evidence', 'sector-data')?.id, 'admin-data', 'old documents still resolve');
  });

  it('merge: a passage with both keeps one; the merged tag and its aliases become aliases of the target', () => {
    const change: TagChange = { kind: 'merge', dimension: 'evidence', tag: 'sector-data', into: 'research' };
    const { result, reparsed } = run(TRICKY, change);
    assert.ok(result.includes('evidence=research use=transparent'), result);
    assert.deepEqual(reparsed.passages.map((p) => p.tags.evidence), [['research'], ['practice'], ['research'], ['research'], ['research'], ['research']]);
    assert.deepEqual(refactorCodebook(DEFAULT_CODEBOOK, change).dimensions[0].tags.find((t) => t.id === 'research')!.aliases, ['research-evidence', 'sector-data', 'sector']);
  });

  it('delete: other tags stay; a passage left with no codebook key becomes plain text, as Remove Tags does', () => {
    const { result, plan } = run(TRICKY, { kind: 'delete', dimension: 'evidence', tag: 'sector-data' });
    assert.ok(plan.ok && plan.untagged === 2);
    assert.ok(result.includes('{#f .key evidence=research use=transparent'), result);
    assert.ok(result.includes('[nested inner text]{evidence=practice}'));
    assert.ok(result.includes('::: {level=system}\r\n'));
    assert.ok(result.endsWith('\r\nonly sector'));
  });

  it('move: the tag leaves its dimension and joins another (a single-choice one is replaced)', () => {
    const book = loadCodebook(JSON.stringify({ ...DEFAULT_CODEBOOK, dimensions: DEFAULT_CODEBOOK.dimensions.map((d) => (d.id === 'level' ? { ...d, multiple: false } : d)) }));
    assert.ok(book.ok);
    const change: TagChange = { kind: 'move', dimension: 'use', tag: 'embedded', toDimension: 'level' };
    const single = new CodebookLookup(book.codebook);
    const after = refactorCodebook(book.codebook, change);
    const text = '[a]{evidence=research use="embedded transparent" level=system} [b]{use=embedded}';
    const doc = parseDocument(text, single);
    const plan = planRefactor(doc, change, single, new CodebookLookup(after));
    assert.ok(plan.ok);
    assert.equal(applyEdits(text, plan.edits), '[a]{evidence=research use=transparent level=embedded} [b]{level=embedded}');
    assert.deepEqual(changedTags(doc.passages[0], change, single), { evidence: ['research'], use: ['transparent'], level: ['embedded'] });
  });

  it('split: chosen passages move to the new tag, the others keep the old one; the new tag copies the definition', () => {
    const text = '[one]{evidence=research} and [two]{evidence=research}';
    const change: TagChange = { kind: 'split', dimension: 'evidence', tag: 'research', to: 'trial', passages: [text.indexOf('two')] };
    const { result } = run(text, change);
    assert.equal(result, '[one]{evidence=research} and [two]{evidence=trial}');
    const tag = refactorCodebook(DEFAULT_CODEBOOK, change).dimensions[0].tags[1];
    assert.deepEqual([tag.id, tag.label], ['trial', 'Research evidence (trial)']);
  });

  it('the codebook file keeps its comments and layout; impossible changes are refused with a reason', () => {
    const file = readFileSync(resolve(__dirname, '../../presets/default.json'), 'utf8').replace('{\n', '{\n  // our codebook\n');
    const text = refactorCodebookText(file, DEFAULT_CODEBOOK, { kind: 'rename', dimension: 'use', tag: 'embedded', to: 'routine' });
    assert.ok(text.includes('// our codebook'));
    const loaded = loadCodebook(text);
    assert.ok(loaded.ok);
    assert.equal(loaded.codebook.dimensions[1].tags[2].id, 'routine');
    for (const tag of ['level', 'research']) {
      // Removing the last tag of a dimension's list, and the first, leaves valid JSON with the rest intact.
      const change: TagChange = tag === 'level' ? { kind: 'delete', dimension: 'level', tag: 'system' } : { kind: 'delete', dimension: 'evidence', tag: 'research' };
      const removed = loadCodebook(refactorCodebookText(file, DEFAULT_CODEBOOK, change));
      assert.ok(removed.ok, JSON.stringify(removed));
      assert.deepEqual(removed.codebook.dimensions, refactorCodebook(DEFAULT_CODEBOOK, change).dimensions);
      const compact = loadCodebook(refactorCodebookText(JSON.stringify(DEFAULT_CODEBOOK), DEFAULT_CODEBOOK, change));
      assert.ok(compact.ok && JSON.stringify(compact.codebook) === JSON.stringify(refactorCodebook(DEFAULT_CODEBOOK, change)), 'a one-line file too');
    }
    assert.match(checkChange(DEFAULT_CODEBOOK, { kind: 'rename', dimension: 'evidence', tag: 'research', to: 'practice' })!, /already a tag/);
    assert.match(checkChange(DEFAULT_CODEBOOK, { kind: 'rename', dimension: 'evidence', tag: 'nope', to: 'x' })!, /no tag "nope"/);
    assert.match(checkChange(DEFAULT_CODEBOOK, { kind: 'merge', dimension: 'evidence', tag: 'research', into: 'research' })!, /no other tag/);
    assert.match(checkChange(DEFAULT_CODEBOOK, { kind: 'rename', dimension: 'evidence', tag: 'research', to: '1x' })!, /not a valid tag id/);
  });

  it('property: on any text, a refactoring never throws, and when planned changes only markup and gives the expected tags', () => {
    const fc = require('fast-check') as typeof import('fast-check');
    const piece = fc.constantFrom('[a]{evidence=research}', '[b]{evidence="research sector" use=transparent note="n"}', '::: {evidence=sector-data}\n', '\n:::\n', '[c]{evidence=sector-data #i .k x=y}', '[', ']', '{', '}', '`', ' ', 'text', '\n\n', '\r\n', '\\', '[d]{use=embedded level=system}', '[e]{evidence=reserch}');
    const change = fc.constantFrom<TagChange>(
      { kind: 'rename', dimension: 'evidence', tag: 'sector-data', to: 'admin' },
      { kind: 'merge', dimension: 'evidence', tag: 'sector-data', into: 'research' },
      { kind: 'delete', dimension: 'evidence', tag: 'research' },
      { kind: 'move', dimension: 'level', tag: 'system', toDimension: 'use' },
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), change, (parts, c) => {
        const text = parts.join('');
        const after = refactorCodebook(DEFAULT_CODEBOOK, c);
        const doc = parseDocument(text, lookup);
        const plan = planRefactor(doc, c, lookup, new CodebookLookup(after));
        if (!plan.ok) return;
        const reparsed = parseDocument(applyEdits(text, plan.edits), new CodebookLookup(after));
        assert.equal(markupFree(reparsed), markupFree(doc));
        const expected = doc.passages.map((p) => changedTags(p, c, lookup)).filter((tags) => Object.keys(tags).some((k) => new CodebookLookup(after).isDimension(k)));
        assert.deepEqual(reparsed.passages.map((p) => sortTags(p.tags)), expected.map(sortTags));
      }),
      { numRuns: 400 },
    );
  });

  it('every refactoring on the samples: expected tally afterwards, markup-free text byte-identical', () => {
    const samples = readdirSync(resolve(__dirname, '../../samples')).filter((f) => f.endsWith('.md'));
    const changes: TagChange[] = [
      { kind: 'rename', dimension: 'evidence', tag: 'practice', to: 'practitioner' },
      { kind: 'merge', dimension: 'use', tag: 'transparent', into: 'instrumental' },
      { kind: 'delete', dimension: 'evidence', tag: 'research' },
      { kind: 'move', dimension: 'level', tag: 'system', toDimension: 'use' },
    ];
    for (const file of samples) {
      const text = readFileSync(resolve(__dirname, '../../samples', file), 'utf8');
      const doc = parseDocument(text, lookup);
      for (const change of changes) {
        const { reparsed } = run(text, change);
        const expected = doc.passages.map((p) => changedTags(p, change, lookup)).filter((tags) => Object.keys(tags).some((k) => lookup.isDimension(k)));
        assert.deepEqual(reparsed.passages.map((p) => sortTags(p.tags)), expected.map(sortTags), `${file}: ${change.kind}`);
      }
    }
  });
});

function sortTags(tags: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.keys(tags).sort().map((k) => [k, [...tags[k]].sort()]));
}

describe('command line: rename-tag, merge-tag, move-tag, delete-tag', function () {
  this.timeout(30000);
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const { mkdtempSync, writeFileSync: write, readFileSync: read, existsSync } = require('node:fs') as typeof import('node:fs');
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { join } = require('node:path') as typeof import('node:path');
  const CLI = resolve(__dirname, '../../dist/cli.js');
  const cli = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

  it('--dry-run prints a diff and writes nothing; the real run changes documents and the codebook, and the tally follows', () => {
    const folder = mkdtempSync(join(tmpdir(), 'evidence-refactor-'));
    const doc = 'A [x]{evidence="research sector" use=transparent}\r\n\r\n[y]{evidence=sector-data}\r\n';
    write(join(folder, 'a.md'), doc);
    const dry = cli(['rename-tag', 'sector-data', 'admin-data', '--dry-run', '.'], folder);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^--- a\.md\n\+\+\+ a\.md\n@@ -1,1 \+1,1 @@\n-A \[x\]\{evidence="research sector" use=transparent\}\n\+A \[x\]\{evidence="research admin-data" use=transparent\}\n/);
    assert.match(dry.stdout, /--- evidence-codebook\.json[\s\S]*\+\s+"id": "admin-data"/);
    assert.equal(read(join(folder, 'a.md'), 'utf8'), doc);
    assert.ok(!existsSync(join(folder, 'evidence-codebook.json')));
    const wet = cli(['rename-tag', 'evidence=sector-data', 'admin-data', '.'], folder);
    assert.equal(wet.status, 0, wet.stderr);
    assert.equal(read(join(folder, 'a.md'), 'utf8'), doc.replace('research sector', 'research admin-data').replace('=sector-data', '=admin-data'));
    const tally = JSON.parse(cli(['tally', '--json', '.'], folder).stdout);
    assert.equal(tally.dimensions[0].tags.find((t: { id: string }) => t.id === 'admin-data').passages, 2);
    const merged = cli(['merge-tag', 'admin-data', 'research', '.'], folder);
    assert.equal(merged.status, 0, merged.stderr);
    assert.equal(read(join(folder, 'a.md'), 'utf8'), 'A [x]{evidence=research use=transparent}\r\n\r\n[y]{evidence=research}\r\n');
    const codebook = JSON.parse(read(join(folder, 'evidence-codebook.json'), 'utf8'));
    assert.deepEqual(codebook.dimensions[0].tags.map((t: { id: string }) => t.id), ['research', 'pedagogical', 'practice']);
    assert.equal(cli(['delete-tag', 'transparent', '.'], folder).status, 0);
    assert.equal(read(join(folder, 'a.md'), 'utf8'), 'A [x]{evidence=research}\r\n\r\n[y]{evidence=research}\r\n');
    assert.match(cli(['rename-tag', 'nope', 'x', '.'], folder).stderr, /no tag "nope"/);
  });
});
