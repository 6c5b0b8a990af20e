// import-project as a user runs it (dist/cli.js in a child process): the samples' own .qdpx comes back as the
// same documents with the same tally; existing files are never replaced without --force; nothing lands
// outside the output folder, even through a link inside it.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'dist/cli.js');
const run = (args: string[], cwd = ROOT) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });

/** A project whose one text source claims, in our export's own Description form, a path outside the folder. */
function escapingProject(path: string): Uint8Array {
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Escape">
  <CodeBook><Codes><Code guid="00000000-0000-0000-0000-0000000000d1" name="Research evidence" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="00000000-0000-0000-0000-0000000000a1" name="../../escaped.txt" plainTextPath="internal://a1.txt">
      <Description>Path: ${path}</Description>
      <PlainTextSelection guid="00000000-0000-0000-0000-000000000101" startPosition="0" endPosition="5">
        <Coding guid="00000000-0000-0000-0000-000000000201"><CodeRef targetGUID="00000000-0000-0000-0000-0000000000d1"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), 'sources/a1.txt': strToU8('Hello world.\n') }, { mtime: new Date('2026-01-01') });
}

describe('command line: import-project', function () {
  this.timeout(30000);
  let folder: string;
  let project: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'evidence-import-'));
    project = join(folder, 'samples.qdpx');
    const exported = run(['export', '--format', 'qdpx', '--out', project, 'samples']);
    assert.equal(exported.status, 0, exported.stderr);
  });

  it('writes the samples back as the same documents, with the project codebook beside them and the same tally', () => {
    const out = join(folder, 'imported');
    const result = run(['import-project', '--json', '--out', out, project]);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.written.sort(), ['evidence-codebook.json', 'samples/interview-transcript.md', 'samples/report-excerpt.md', 'samples/research-schools-leadership.md']);
    assert.deepEqual([report.dropped, report.approximations, report.skipped], [[], [], []]);
    assert.equal(report.codebookFile, 'evidence-codebook.json');
    assert.match(result.stderr, /imported 3 sources with 19 passages/);
    const original = JSON.parse(run(['tally', '--json', 'samples']).stdout);
    const imported = JSON.parse(run(['tally', '--json', '--codebook', join(out, 'evidence-codebook.json'), join(out, 'samples')]).stdout);
    assert.deepEqual(imported.dimensions, original.dimensions);
    assert.deepEqual(imported.matrix, original.matrix);
    assert.equal(imported.files, 3);
    const figures = (t: { coverage: { files: { passages: number; proseLength: number; taggedLength: number }[] } }) => t.coverage.files.map((f) => [f.passages, f.proseLength, f.taggedLength]);
    assert.deepEqual(figures(imported), figures(original), 'the same prose and the same coverage per file');
    for (const name of ['interview-transcript.md', 'research-schools-leadership.md']) assert.equal(readFileSync(join(out, 'samples', name), 'utf8'), readFileSync(join(ROOT, 'samples', name), 'utf8'), `${name} comes back byte for byte`);
  });

  it('never replaces a file without --force: the refusal lists them and writes nothing', () => {
    const out = join(folder, 'twice');
    assert.equal(run(['import-project', '--out', out, project]).status, 0);
    const edited = join(out, 'samples', 'report-excerpt.md');
    writeFileSync(edited, 'my own edits\n');
    const refused = run(['import-project', '--out', out, project]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /4 files already exist .*nothing written: .*samples\/report-excerpt\.md.*--force/);
    assert.match(refused.stderr, /--codebook .*evidence-codebook\.json/, 'suggests coding onto the folder’s own codebook');
    assert.equal(readFileSync(edited, 'utf8'), 'my own edits\n');
    const forced = run(['import-project', '--force', '--out', out, project]);
    assert.equal(forced.status, 0, forced.stderr);
    assert.notEqual(readFileSync(edited, 'utf8'), 'my own edits\n');
  });

  it('--codebook maps the codes onto a chosen codebook and writes no codebook file', () => {
    const out = join(folder, 'mapped');
    const codebook = join(folder, 'chosen.json');
    assert.equal(run(['init', '--out', codebook]).status, 0);
    const result = run(['import-project', '--json', '--codebook', codebook, '--out', out, project]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(existsSync(join(out, 'evidence-codebook.json')), false);
    const report = JSON.parse(result.stdout);
    assert.deepEqual(report.dropped, [], 'a tag the samples use but no codebook has comes back as written');
    const tally = JSON.parse(run(['tally', '--json', '--codebook', codebook, out]).stdout);
    assert.equal(tally.passages, 19);
  });

  it('keeps every document inside the output folder, and refuses a folder that links outside it', () => {
    const evil = join(folder, 'evil.qdpx');
    writeFileSync(evil, escapingProject('../../escaped.md'));
    const out = join(folder, 'contained');
    const result = run(['import-project', '--json', '--out', out, evil]);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout).written, ['escaped.md', 'evidence-codebook.json']);
    assert.equal(existsSync(join(folder, 'escaped.md')), false);
    assert.match(readFileSync(join(out, 'escaped.md'), 'utf8'), /^\[Hello\]\{[^}]+\} world\.\n$/);

    const linked = join(folder, 'linked');
    const elsewhere = join(folder, 'elsewhere');
    mkdirSync(linked);
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(linked, 'sub'));
    writeFileSync(evil, escapingProject('sub/inside.md'));
    const refused = run(['import-project', '--out', linked, evil]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /refusing to write sub\/inside\.md: its folder leads outside/);
    assert.deepEqual(readdirSync(elsewhere), []);
  });

  it('says what is wrong with a missing or broken project, and with a missing --out', () => {
    assert.match(run(['import-project', '--out', join(folder, 'x'), join(folder, 'none.qdpx')]).stderr, /cannot read .*none\.qdpx: ENOENT/);
    writeFileSync(join(folder, 'broken.qdpx'), 'not a zip');
    const broken = run(['import-project', '--out', join(folder, 'x'), join(folder, 'broken.qdpx')]);
    assert.equal(broken.status, 2);
    assert.match(broken.stderr, /broken\.qdpx/);
    assert.match(run(['import-project', project]).stderr, /--out DIR is required/);
  });
});
