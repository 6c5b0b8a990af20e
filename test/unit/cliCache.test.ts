// tally --cache: the same figures with and without the cache, after edits made behind its back, after a
// codebook change, and from a corrupt store; only changed documents are read again.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve(__dirname, '../../dist/cli.js');
const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const anHourAgo = () => new Date(Date.now() - 3600_000);

describe('command line: tally --cache', function () {
  this.timeout(30000);
  let folder: string;
  let cache: string;
  const write = (name: string, text: string, when = anHourAgo()) => {
    writeFileSync(join(folder, name), text);
    utimesSync(join(folder, name), when, when);
  };
  const tally = (...extra: string[]) => {
    const result = run(['tally', '--json', ...extra, 'docs'], resolve(folder, '..'));
    assert.equal(result.status, 0, result.stderr);
    return { figures: JSON.parse(result.stdout), cache: /cache: (\d+) reused, (\d+) read/.exec(result.stderr)?.slice(1).map(Number) };
  };

  before(() => {
    const root = mkdtempSync(join(tmpdir(), 'evidence-cache-'));
    folder = join(root, 'docs');
    cache = join(root, 'cache');
    mkdirSync(folder);
    for (let i = 0; i < 12; i++) write(`d${i}.md`, `Text [passage ${i}]{evidence=${i % 2 ? 'research' : 'practice'} use=embedded} and more.\n\nUntagged ${i}.\n`);
  });

  it('reads every document once, then none; the figures are those without the cache', () => {
    const plain = tally();
    assert.equal(plain.cache, undefined);
    assert.deepEqual(tally(`--cache=${cache}`), { figures: plain.figures, cache: [0, 12] });
    assert.deepEqual(tally(`--cache=${cache}`), { figures: plain.figures, cache: [12, 0] });
    assert.deepEqual(tally(`--cache=${cache}`, '--no-cache'), { figures: plain.figures, cache: undefined });
  });

  it('a document changed behind its back is read again, even at the same size', () => {
    write('d3.md', readFileSync(join(folder, 'd3.md'), 'utf8').replace('research', 'practic1'), new Date(Date.now() - 1800_000));
    const fresh = tally();
    const cached = tally(`--cache=${cache}`);
    assert.deepEqual(cached, { figures: fresh.figures, cache: [11, 1] });
    assert.ok(fresh.figures.dimensions[0].tags.some((t: { id: string }) => t.id === 'practic1'));
  });

  it('a file changed within two seconds of caching is not trusted by its time ("racy" entries are read again)', () => {
    write('d4.md', 'Now [fresh]{evidence=research}.\n', new Date());
    assert.deepEqual(tally(`--cache=${cache}`).cache, [11, 1]);
    assert.deepEqual(tally(`--cache=${cache}`).cache, [11, 1], 'still within two seconds of its time: read again');
  });

  it('another codebook, and a corrupt store, mean reading everything again', () => {
    const codebook = join(folder, '..', 'codebook.json');
    writeFileSync(codebook, JSON.stringify({ name: 'Other', dimensions: [{ id: 'evidence', label: 'E', tags: [{ id: 'research', label: 'R', definition: 'Research.' }] }] }));
    const fresh = tally('--codebook', codebook);
    assert.deepEqual(tally('--codebook', codebook, `--cache=${cache}`), { figures: fresh.figures, cache: [0, 12] });
    writeFileSync(join(cache, 'cli-summaries.json'), '{"version": "evidence-tagger-summaries-3", "entries": {"x": 1}, ');
    const plain = tally();
    assert.deepEqual(tally(`--cache=${cache}`), { figures: plain.figures, cache: [0, 12] });
  });
});
