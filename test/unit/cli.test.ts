// The command line, run as a user runs it: the built dist/cli.js in a child process.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pandocPassages } from './compare';

const CLI = resolve(__dirname, '../../dist/cli.js');
const run = (args: string[], cwd = resolve(__dirname, '../..')) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

describe('command line', function () {
  this.timeout(30000);
  let folder: string;

  before(() => {
    assert.ok(readFileSync(CLI), 'dist/cli.js is built (npm run build)');
    folder = mkdtempSync(join(tmpdir(), 'evidence-cli-'));
    mkdirSync(join(folder, 'sub'));
    mkdirSync(join(folder, 'node_modules'));
    mkdirSync(join(folder, '.hidden'));
    writeFileSync(join(folder, 'b.md'), '[one]{evidence=research use=transparent note="n"}\n\n::: {evidence=practice}\n[two]{use=embedded}\n:::\n');
    writeFileSync(join(folder, 'sub', 'a.qmd'), '[three]{evidence=reserch}\n');
    writeFileSync(join(folder, 'a-c.txt'), 'nothing tagged\n');
    writeFileSync(join(folder, 'node_modules', 'x.md'), '[no]{evidence=research}\n');
    writeFileSync(join(folder, '.hidden', 'x.md'), '[no]{evidence=research}\n');
    writeFileSync(join(folder, 'image.png'), '[no]{evidence=research}\n');
  });

  it('passages --json: one array, document order, files in path order, full records', () => {
    const result = run(['passages', '--json', folder]);
    assert.equal(result.status, 0, result.stderr);
    const records = JSON.parse(result.stdout);
    assert.deepEqual(records.map((r: { file: string }) => r.file.slice(folder.length + 1)), ['b.md', 'b.md', 'b.md', join('sub', 'a.qmd')]);
    const [first, div, nested] = records;
    assert.deepEqual(first, {
      file: join(folder, 'b.md'),
      kind: 'span',
      tags: { evidence: ['research'], use: ['transparent'] },
      note: 'n',
      attributes: { evidence: 'research', use: 'transparent', note: 'n' },
      start: { offset: 0, line: 0, character: 0 },
      end: { offset: 49, line: 0, character: 49 },
      text: 'one',
    });
    assert.equal(div.kind, 'div');
    assert.deepEqual(div.start, { offset: 51, line: 2, character: 0 });
    assert.deepEqual(nested.tags, { use: ['embedded'] });
  });

  it('tally on a tagged corpus document matches what pandoc finds', async () => {
    const file = 'samples/research-schools-leadership.md';
    const result = run(['tally', '--json', file]);
    assert.equal(result.status, 0, result.stderr);
    const tally = JSON.parse(result.stdout);
    const expected = new Map<string, number>();
    const oracle = await pandocPassages(readFileSync(file, 'utf8'));
    for (const element of oracle) {
      for (const [key, value] of element.pairs.filter(([k]) => k !== "note")) for (const tag of value.split(/\s+/)) expected.set(`${key}/${tag}`, (expected.get(`${key}/${tag}`) ?? 0) + 1);
    }
    const counted = new Map<string, number>();
    for (const dimension of tally.dimensions) for (const tag of dimension.tags) if (tag.passages) counted.set(`${dimension.id}/${tag.id}`, tag.passages);
    assert.deepEqual(counted, expected);
    assert.equal(tally.passages, oracle.length);
    assert.ok(tally.coverage.coverage > 0.2 && tally.coverage.coverage < 1);
  });

  it('tally prints aligned tables with the matrix and coverage', () => {
    const result = run(['tally', folder]);
    assert.equal(result.status, 0);
    assert.match(result.stdout, /3 files, 4 tagged passages/);
    assert.match(result.stdout, /reserch \(unknown\)/);
    assert.match(result.stdout, /Matrix/);
    assert.match(result.stdout, /^ {2}total +4 /m);
  });

  it('check prints file:line:col problems and exits 1 only on errors', () => {
    const warnings = run(['check', folder]);
    assert.equal(warnings.status, 0);
    assert.match(warnings.stdout, /sub[\\/]a\.qmd:1:18: warning: Unknown evidence tag "reserch"\. Did you mean "research"\?/);
    writeFileSync(join(folder, 'broken.md'), 'ok\n\n::: {evidence=research}\nnever closed\n\n]{evidence=research} without its bracket\n');
    const errors = run(['check', join(folder, 'broken.md')]);
    assert.equal(errors.status, 1);
    assert.match(errors.stdout, /broken\.md:3:1: warning: This fenced div is never closed/);
    assert.match(errors.stdout, /broken\.md:6:1: error: These tags have no opening "\["/);
  });

  it('a missing path or a bad codebook: one clear line on stderr, exit 2', () => {
    const missing = run(['tally', join(folder, 'nope.md')]);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.match(missing.stderr, /no such file or folder/);
    writeFileSync(join(folder, 'codebook.json'), '{\n  "name": "x",\n  "dimensions": []\n}');
    const bad = run(['tally', '--codebook', join(folder, 'codebook.json'), folder]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /codebook\.json:3:\d+: invalid codebook: dimensions/);
    assert.doesNotMatch(bad.stderr, /at .*\.js:\d+/);
  });

  it('uses ./evidence-codebook.json when present', () => {
    writeFileSync(join(folder, 'evidence-codebook.json'), JSON.stringify({ name: 'mine', dimensions: [{ id: 'theme', label: 'Theme', tags: [{ id: 'trust', label: 'Trust', definition: 'about trust' }] }] }));
    writeFileSync(join(folder, 'sub', 'theme.md'), '[peers]{theme=trust} [x]{evidence=research}\n');
    const result = run(['passages', '--json', 'sub/theme.md'], folder);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).map((r: { tags: object }) => r.tags), [{ theme: ['trust'] }]);
  });
});
