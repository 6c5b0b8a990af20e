// tally --cache answers a repeated run from its stored result (src/cli/storedTally.ts) only while nothing
// that decides the output changed: documents (content, added, removed), codebook text, arguments. The tests
// mark the stored output, so a run that printed the mark was answered from the store and one that did not
// was computed.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { comparePaths } from '../../src/cli/files';
import { plainMtimeMs, unchangedListing } from '../../src/cli/storedTally';

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

describe('command line: a stored tally answered without walking the folders again', function () {
  this.timeout(60000);
  // Each fixture: a root (the working folder) with docs/, docs/sub/, a link to a file outside that is no
  // document, and its own cache. Folders' ctimes cannot be set back, so the fixtures are made once and aged
  // past the two seconds within which a time is not trusted.
  const CHANGES: Record<string, (docs: string, root: string) => void> = {
    'a document added in a subfolder': (docs) => writeFileSync(join(docs, 'sub', 'new.md'), 'New [one]{evidence=research}.\n'),
    'a document removed from a subfolder': (docs) => rmSync(join(docs, 'sub', 's0.md')),
    'a document renamed': (docs) => renameSync(join(docs, 'sub', 's0.md'), join(docs, 'sub', 'z0.md')),
    'a subfolder added with a document': (docs) => {
      mkdirSync(join(docs, 'sub', 'deeper'));
      writeFileSync(join(docs, 'sub', 'deeper', 'd.md'), 'Deep [one]{evidence=practice}.\n');
    },
    'a followed link gone broken': (_docs, root) => rmSync(join(root, 'outside.txt')),
    'a subfolder replaced by a file of its name': (docs) => {
      rmSync(join(docs, 'sub'), { recursive: true });
      writeFileSync(join(docs, 'sub'), 'not a folder');
    },
  };
  const roots = new Map<string, string>();
  const cli = (root: string, cache: boolean) => {
    const result = spawnSync(process.execPath, [CLI, 'tally', '--json', ...(cache ? [`--cache=${join(root, 'cache')}`] : []), 'docs'], { cwd: root, encoding: 'utf8' });
    return { stdout: result.stdout, stderr: result.stderr.replace(/^cache: .*\n/m, ''), stored: result.stdout.includes(MARK) };
  };
  const markStored = (root: string) => {
    for (const name of readdirSync(join(root, 'cache')).filter((n) => n.startsWith('tally-'))) writeFileSync(join(root, 'cache', name), readFileSync(join(root, 'cache', name), 'utf8').replace('{\n', `{\n  ${MARK}\n`));
  };

  before(async () => {
    for (const what of [...Object.keys(CHANGES), 'nothing']) {
      const root = mkdtempSync(join(tmpdir(), 'evidence-walkless-'));
      mkdirSync(join(root, 'docs', 'sub'), { recursive: true });
      writeFileSync(join(root, 'outside.txt'), 'a note kept elsewhere');
      symlinkSync(join(root, 'outside.txt'), join(root, 'docs', 'note'));
      for (let i = 0; i < 3; i++) {
        writeFileSync(join(root, 'docs', `d${i}.md`), `Top [passage ${i}]{evidence=research}.\n`);
        writeFileSync(join(root, 'docs', 'sub', `s${i}.md`), `Sub [passage ${i}]{evidence=practice use=embedded}.\n`);
      }
      for (const file of [...readdirSync(join(root, 'docs')).filter((n) => n.endsWith('.md')).map((n) => join(root, 'docs', n)), ...readdirSync(join(root, 'docs', 'sub')).map((n) => join(root, 'docs', 'sub', n))]) {
        utimesSync(file, new Date(Date.now() - 3600_000), new Date(Date.now() - 3600_000));
      }
      roots.set(what, root);
    }
    await new Promise((resolve) => setTimeout(resolve, 2100));
  });
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('answers from the store while no folder changed', () => {
    const root = roots.get('nothing')!;
    cli(root, true);
    markStored(root);
    assert.ok(cli(root, true).stored);
  });

  for (const what of Object.keys(CHANGES)) {
    it(`computes again after ${what}, as a run without the cache does`, () => {
      const root = roots.get(what)!;
      cli(root, true);
      markStored(root);
      assert.ok(cli(root, true).stored, 'answered from the store before the change');
      CHANGES[what](join(root, 'docs'), root);
      const after = cli(root, true);
      const plain = cli(root, false);
      assert.equal(after.stored, false);
      assert.equal(after.stdout, plain.stdout);
      assert.equal(after.stderr, plain.stderr);
    });
  }

  it('takes the stored list only while every walked path keeps its ctime, and never within the untrusted two seconds', () => {
    const root = roots.get('nothing')!;
    const docs = join(root, 'docs');
    const folders = [docs, join(docs, 'sub'), join(docs, 'note')];
    const header = { files: 'a\0b', folders: folders.join('\0'), folderTimes: folders.map((f) => statSync(f).ctimeMs) };
    assert.deepEqual(unchangedListing(header, Infinity), ['a', 'b']);
    assert.equal(unchangedListing(header, 0), undefined, 'times too recent to trust');
    assert.equal(unchangedListing({ ...header, folderTimes: [header.folderTimes[0], header.folderTimes[1] - 1, header.folderTimes[2]] }, Infinity), undefined);
    assert.equal(unchangedListing({ ...header, folders: header.folders + '\0' + join(docs, 'gone') }, Infinity), undefined, 'one time per path');
    assert.equal(unchangedListing({ ...header, folders: [docs, join(docs, 'gone'), join(docs, 'note')].join('\0') }, Infinity), undefined);
    assert.deepEqual(unchangedListing({ files: '', folders: '', folderTimes: [] }, Infinity), []);
  });
});
