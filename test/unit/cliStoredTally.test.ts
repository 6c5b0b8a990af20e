// tally --cache answers a repeated run from its stored result (src/cli/storedTally.ts) only while nothing
// that decides the output changed: documents (content, added, removed), codebook text, arguments. The tests
// mark the stored output, so a run that printed the mark was answered from the store and one that did not
// was computed.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { comparePaths } from '../../src/cli/files';
import { plainMtimeMs } from '../../src/cli/storedTally';

const CLI = resolve(__dirname, '../../dist/cli.js');
const MARK = '"stored": true,';

describe('command line: a repeated tally --cache answered from its stored result', function () {
  this.timeout(30000);
  let root: string;
  let cache: string;
  const docs = () => join(root, 'docs');
  const write = (name: string, text: string, when = new Date(Date.now() - 3600_000)) => {
    writeFileSync(join(docs(), name), text);
    utimesSync(join(docs(), name), when, when);
  };
  const run = (...args: string[]) => {
    const result = spawnSync(process.execPath, [CLI, 'tally', ...args, `--cache=${cache}`, 'docs'], { cwd: root, encoding: 'utf8' });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr, stored: result.stdout.includes(MARK) };
  };
  const plain = (...args: string[]) => spawnSync(process.execPath, [CLI, 'tally', ...args, 'docs'], { cwd: root, encoding: 'utf8' }).stdout;
  /** Marks every stored result, so an answer from the store can be told apart. */
  const markStored = () => {
    const files = readdirSync(cache).filter((name) => name.startsWith('tally-'));
    assert.ok(files.length > 0, 'a result was stored');
    for (const name of files) writeFileSync(join(cache, name), readFileSync(join(cache, name), 'utf8').replace('{\n', `{\n  ${MARK}\n`));
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'evidence-stored-'));
    cache = join(root, 'cache');
    mkdirSync(docs());
    for (let i = 0; i < 6; i++) write(`d${i}.md`, `Text [passage ${i}]{evidence=${i % 2 ? 'research' : 'practice'} use=embedded}.\n`);
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('answers the same command from the store, with the same words on stderr', () => {
    const first = run('--json');
    assert.equal(first.stdout, plain('--json'));
    assert.match(first.stderr, /cache: 0 reused, 6 read/);
    markStored();
    const again = run('--json');
    assert.ok(again.stored, 'answered from the store');
    assert.equal(again.status, 0);
    assert.equal(again.stdout.replace(`  ${MARK}\n`, ''), first.stdout);
    assert.match(again.stderr, /cache: 6 reused, 0 read/);
    assert.equal(run().stored, false, 'another command (text, not --json) has its own result');
  });

  it('computes again after a document is changed, added or removed, and after the codebook changes', () => {
    const changes: [string, () => void][] = [
      ['changed at the same size', () => write('d1.md', readFileSync(join(docs(), 'd1.md'), 'utf8').replace('research', 'practic1'), new Date(Date.now() - 1800_000))],
      ['added', () => write('d9.md', 'New [one]{evidence=research}.\n')],
      ['removed', () => rmSync(join(docs(), 'd0.md'))],
      ['codebook written', () => writeFileSync(join(root, 'evidence-codebook.json'), JSON.stringify({ name: 'Mine', dimensions: [{ id: 'evidence', label: 'E', tags: [{ id: 'research', label: 'R', definition: 'Research.' }] }] }))],
    ];
    run('--json');
    for (const [what, change] of changes) {
      markStored();
      assert.ok(run('--json').stored, `stored before: ${what}`);
      change();
      const after = run('--json');
      assert.equal(after.stored, false, what);
      assert.equal(after.stdout, plain('--json'), what);
    }
  });

  it('does not trust a document changed within two seconds of the run that stored the result', () => {
    write('d2.md', 'Now [fresh]{evidence=research}.\n', new Date());
    run('--json');
    markStored();
    assert.equal(run('--json').stored, false);
  });

  it('stores nothing from a run with a warning (a skipped binary file is reported every time)', () => {
    writeFileSync(join(docs(), 'binary.md'), Buffer.from([0, 1, 2, 0, 0, 3]));
    const first = run('--json');
    assert.match(first.stderr, /binary\.md: skipped/);
    assert.deepEqual(readdirSync(cache).filter((name) => name.startsWith('tally-')), []);
    assert.match(run('--json').stderr, /binary\.md: skipped/);
  });

  it('a damaged stored result is no result', () => {
    const first = run('--json');
    for (const name of readdirSync(cache).filter((n) => n.startsWith('tally-'))) writeFileSync(join(cache, name), '{"version": 1');
    assert.equal(run('--json').stdout, first.stdout);
  });
});

describe('command line: path order', () => {
  /** The order as it was first written: segments compared one by one. */
  const bySegments = (a: string, b: string) => {
    const x = a.split(/[\\/]/);
    const y = b.split(/[\\/]/);
    for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
    return x.length - y.length;
  };
  it('sorts as segment by segment comparison does, without making arrays', () => {
    const path = fc.array(fc.constantFrom('a', 'b', '-', '.', '/', '\\', 'é', 'Z', '0'), { maxLength: 8 }).map((chars) => chars.join(''));
    fc.assert(fc.property(path, path, (a, b) => Math.sign(comparePaths(a, b)) === Math.sign(bySegments(a, b))), { numRuns: 20000 });
    assert.deepEqual(['a-c.md', 'a/b.md', 'a/a/z.md', 'a.md'].sort(comparePaths), ['a/a/z.md', 'a/b.md', 'a-c.md', 'a.md']);
  });
});

describe('command line: stored times', () => {
  it('a bigint stat\'s nanoseconds give exactly the plain stat\'s mtimeMs (what a stored result is checked against)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'evidence-times-'));
    try {
      for (let i = 0; i < 50; i++) {
        const file = join(folder, `f${i}`);
        writeFileSync(file, 'x');
        if (i % 2) utimesSync(file, 1_700_000_000.123456 + i * 977.000731, 1_700_000_000.123456 + i * 977.000731);
        assert.equal(plainMtimeMs(statSync(file, { bigint: true }).mtimeNs.toString()), statSync(file).mtimeMs, file);
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('command line: output into a pipe that closes early (`| head`)', function () {
  this.timeout(30000);
  it('ends quietly, with no stack trace', async () => {
    const { spawn } = await import('node:child_process');
    const folder = mkdtempSync(join(tmpdir(), 'evidence-pipe-'));
    try {
      for (let i = 0; i < 400; i++) writeFileSync(join(folder, `d${i}.md`), `[${'word '.repeat(60)}]{evidence=research}\n\n`.repeat(20));
      for (const args of [['passages', folder], ['tally', `--cache=${join(folder, '.cache')}`, folder], ['tally', `--cache=${join(folder, '.cache')}`, folder]]) {
        const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk) => (stderr += chunk));
        child.stdout.once('data', () => child.stdout.destroy());
        const status = await new Promise((resolve) => child.on('close', resolve));
        assert.doesNotMatch(stderr, /EPIPE|Error|at /, `${args[0]}: ${stderr}`);
        assert.equal(status, 0, args.join(' '));
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
