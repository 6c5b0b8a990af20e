// Bad and hostile input for the command line, the exports and the imports: nothing lost, nothing crashes,
// and every refusal is one clear line. The CLI runs as a user runs it (dist/cli.js in a child process).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { csvCell, DEFAULT_CODEBOOK, exportHtml, exportQdpx, importRefiCodebook, loadCodebook, parseDocument, relativeHref } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const CLI = resolve(__dirname, '../../dist/cli.js');
const run = (args: string[], cwd = resolve(__dirname, '../..')) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
const TAGGED = '# Notes\n\n[one]{evidence=research use=transparent}\n\n::: {evidence=practice}\ntwo\n:::\n';

function utf16(text: string, bigEndian: boolean, bom: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const bytes = bigEndian ? Buffer.from(le).swap16() : le;
  return bom ? Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bytes]) : bytes;
}

describe('hostile input: command line', function () {
  this.timeout(60000);
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'evidence-hostile-'));
    writeFileSync(join(folder, 'doc.md'), TAGGED);
  });

  it('refuses to write an export onto an input, or as a document inside a scanned folder', () => {
    const onInput = run(['export', '--format', 'csv', '--out', join(folder, 'doc.md'), join(folder, 'doc.md')]);
    assert.equal(onInput.status, 2);
    assert.match(onInput.stderr, /refusing to write .*doc\.md: it is one of the input documents/);
    assert.equal(readFileSync(join(folder, 'doc.md'), 'utf8'), TAGGED, 'the source is untouched');
    const inside = run(['export', '--format', 'json', '--out', join(folder, 'export.md'), folder]);
    assert.equal(inside.status, 2);
    assert.match(inside.stderr, /the next run would read the export as a document/);
    writeFileSync(join(folder, 'in.qdc'), '<CodeBook/>');
    const qdc = run(['import-codebook', '--out', join(folder, 'in.qdc'), join(folder, 'in.qdc')]);
    assert.equal(qdc.status, 2);
    assert.equal(readFileSync(join(folder, 'in.qdc'), 'utf8'), '<CodeBook/>');
    const fine = run(['export', '--format', 'csv', '--out', join(folder, 'export.csv'), folder]);
    assert.equal(fine.status, 0, fine.stderr);
  });

  it('says "cannot write FILE: reason" for a folder or a missing folder', () => {
    const dot = run(['export', '--format', 'csv', '--out', '.', join(folder, 'doc.md')], folder);
    assert.equal(dot.status, 2);
    assert.equal(dot.stderr.trim(), 'evidence-tagger: cannot write .: it is a folder');
    const missing = run(['export', '--format', 'csv', '--out', 'missing/dir/x.csv', join(folder, 'doc.md')], folder);
    assert.equal(missing.stderr.trim(), 'evidence-tagger: cannot write missing/dir/x.csv: its folder does not exist');
  });

  it('reads UTF-16 with or without a BOM, and reports invalid UTF-8 where it is', () => {
    writeFileSync(join(folder, 'le.txt'), utf16(TAGGED, false, true));
    writeFileSync(join(folder, 'be.txt'), utf16(TAGGED, true, true));
    writeFileSync(join(folder, 'nobom.txt'), utf16(TAGGED, false, false));
    writeFileSync(join(folder, 'bad.md'), Buffer.concat([Buffer.from('ok\n[x]{evidence=research} caf'), Buffer.from([0xe9]), Buffer.from(' au lait\n')]));
    const result = run(['tally', '--json', folder]);
    assert.equal(result.status, 0, result.stderr);
    const tally = JSON.parse(result.stdout);
    assert.equal(tally.files, 5);
    assert.equal(tally.passages, 2 * 4 + 1, 'every tag in the UTF-16 files counts');
    assert.match(result.stderr, /bad\.md:2:27: warning: invalid UTF-8/);
  });

  it('a UTF-8 BOM neither hides a div on line 1 nor shifts columns; lone CR ends lines', () => {
    writeFileSync(join(folder, 'bom.md'), '\ufeff::: {evidence=research}\nx\n:::\n\n[y]{evidence=reserch}\n');
    const passages = JSON.parse(run(['passages', '--json', join(folder, 'bom.md')]).stdout);
    assert.deepEqual(passages.map((p: { kind: string }) => p.kind), ['div', 'span']);
    writeFileSync(join(folder, 'bom1.md'), '\ufeff[y]{evidence=reserch}\n');
    assert.match(run(['check', join(folder, 'bom1.md')]).stdout, /bom1\.md:1:14: warning/, 'the column VS Code shows (it hides the BOM)');
    writeFileSync(join(folder, 'mac.md'), 'a\r\r[b]{evidence=research}\r\r[c]{evidence=practice}\r');
    const lines = JSON.parse(run(['passages', '--json', join(folder, 'mac.md')]).stdout).map((p: { start: { line: number } }) => p.start.line);
    assert.deepEqual(lines, [2, 4]);
  });

  it('skips what it cannot read with a warning, finishes the rest and exits 1', async () => {
    const socket = join(folder, 'socket.md');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socket, done));
    try {
      const result = run(['tally', '--json', socket, join(folder, 'doc.md')]);
      assert.equal(result.status, 1);
      assert.match(result.stderr, /socket\.md: cannot read/);
      assert.equal(JSON.parse(result.stdout).passages, 2, 'the readable document is still counted');
    } finally {
      server.close();
    }
  });

  it('follows symbolic links to documents and reports a link loop once', () => {
    mkdirSync(join(folder, 'sub'));
    symlinkSync(join(folder, 'doc.md'), join(folder, 'sub', 'linked.md'));
    symlinkSync(folder, join(folder, 'sub', 'loop'));
    symlinkSync(join(folder, 'self.md'), join(folder, 'self.md'));
    const result = run(['tally', '--json', folder]);
    assert.equal(result.status, 0, result.stderr);
    assert.equal(JSON.parse(result.stdout).files, 2, 'doc.md and sub/linked.md');
    assert.match(result.stderr, /loop: skipped, a symbolic link back into a folder/);
    assert.match(result.stderr, /self\.md: skipped, a symbolic link loop/);
  });

  it('honours --max-file-size with a notice per skipped file (default 10 MB, as the extension)', () => {
    writeFileSync(join(folder, 'big.md'), '[x]{evidence=research} '.repeat(100));
    const result = run(['tally', '--json', '--max-file-size', '1000', folder]);
    assert.equal(JSON.parse(result.stdout).files, 1);
    assert.match(result.stderr, /big\.md: skipped, 2300 bytes is over the size limit \(--max-file-size 1000\)/);
    assert.match(run(['--help']).stdout, /--max-file-size N .*default 10485760/);
  });

  it('escapes control characters in text and file names, never in --json', () => {
    const name = join(folder, 'evil\nname.md');
    writeFileSync(name, '[title \u001b7\u0007\u009b2J here]{evidence=reserch\u001bc}\n');
    const check = run(['check', name]);
    assert.ok(!check.stdout.includes('\u001b') && !check.stdout.includes('\u0007'), 'no raw escape sequences');
    assert.equal(check.stdout.trim().split('\n').length, 1, 'a newline in the file name cannot forge a line');
    assert.match(check.stdout, /evil\\nname\.md:1:/);
    const passages = run(['passages', name]);
    assert.match(passages.stdout, /title \\x1b7\\x07\\x9b2J here/);
    assert.ok(!passages.stdout.includes('\u001b') && !passages.stdout.includes('\u009b'));
    const json = JSON.parse(run(['passages', '--json', name]).stdout);
    assert.equal(json[0].text, 'title \u001b7\u0007\u009b2J here', '--json stays exact');
  });

  it('a codebook with a BOM is read; one nested a thousand deep is refused with its place', () => {
    writeFileSync(join(folder, 'evidence-codebook.json'), '\ufeff' + JSON.stringify({ name: 'n', dimensions: [{ id: 'theme', label: 'T', description: 'd', tags: [{ id: 'trust', label: 'Trust', definition: 'd' }] }] }));
    writeFileSync(join(folder, 'doc.md'), '[x]{theme=trust}\n');
    assert.equal(run(['check', 'doc.md'], folder).status, 0);
    const deep = loadCodebook('{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}');
    assert.ok(!deep.ok);
    assert.match(deep.errors[0].message, /nested deeper than 64 levels/);
    assert.equal(deep.errors[0].line, 0);
  });
});

describe('hostile input: exports and imports', function () {
  this.timeout(60000);

  it('exports one document of 200,000 passages to .qdpx and HTML (no argument spreading)', function () {
    // Linear but not quick (a GUID hash per selection and coding, and deflate): room for a loaded machine.
    this.timeout(180000);
    const text = '[a]{evidence=research use=transparent} '.repeat(200_000);
    const parsed = parseDocument(text, lookup);
    assert.equal(parsed.passages.length, 200_000);
    const input = { documents: [{ file: 'big.md', parsed }], codebook: DEFAULT_CODEBOOK };
    assert.ok(exportQdpx(input).length > 1000);
    assert.ok(exportHtml(input).includes('big.md'));
  });

  it('refuses a zip bomb and a zip of too many entries before inflating', () => {
    const bomb = zipSync({ 'project.qde': strToU8('<Project/>') }, { mtime: new Date('2026-01-01T00:00:00Z') });
    // Declare 500 MB uncompressed in the central directory, as a bomb would. The end record (the last 22
    // bytes) says where the central directory starts (searching for a byte was at the mercy of the clock,
    // whose time the entries carry).
    const view = new DataView(bomb.buffer, bomb.byteOffset);
    const central = view.getUint32(bomb.length - 22 + 16, true);
    assert.equal(view.getUint32(central, true), 0x02014b50, 'found the central directory entry');
    view.setUint32(central + 24, 500 * 1024 * 1024, true);
    const refused = importRefiCodebook(bomb, 'bomb.qdpx');
    assert.ok(!refused.ok && /would unpack to more than 256 MB/.test(refused.error), JSON.stringify(refused));
    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i < 10_001; i++) many[`sources/${i}.txt`] = strToU8('x');
    const crowded = importRefiCodebook(zipSync(many), 'many.qdpx');
    assert.ok(!crowded.ok && /more than 10000 entries/.test(crowded.error));
  });

  it('imports 50,000 sibling codes of one name in linear time, each with its own id', () => {
    const codes = Array.from({ length: 50_000 }, () => '<Code guid="x" name="Same" isCodable="true"/>').join('');
    const result = importRefiCodebook(strToU8(`<CodeBook><Codes><Code guid="p" name="Parent" isCodable="false">${codes}</Code></Codes></CodeBook>`), 'same.qdc');
    assert.ok(result.ok, JSON.stringify(result).slice(0, 300));
    const ids = result.codebook.dimensions[0].tags.map((t) => t.id);
    assert.equal(new Set(ids).size, 50_000);
  });

  it('reads a code tree 150 deep, and says so honestly beyond its depth limit; refuses XML entities', () => {
    const tree = (depth: number) => '<Code guid="g" name="c" isCodable="true">'.repeat(depth) + '</Code>'.repeat(depth);
    const deep = importRefiCodebook(strToU8(`<CodeBook><Codes>${tree(150)}</Codes></CodeBook>`), 'deep.qdc');
    assert.ok(deep.ok, JSON.stringify(deep).slice(0, 300));
    const deeper = importRefiCodebook(strToU8(`<CodeBook><Codes>${tree(1500)}</Codes></CodeBook>`), 'deeper.qdc');
    assert.ok(!deeper.ok && /nested deeper than 1000 levels/.test(deeper.error));
    const laughs = importRefiCodebook(strToU8('<!DOCTYPE x [<!ENTITY a "aaaa">]><CodeBook><Codes><Code name="&a;"/></Codes></CodeBook>'), 'lol.qdc');
    assert.ok(!laughs.ok && /declares XML entities/.test(laughs.error));
  });

  it('guards CSV cells that start with a formula after spaces; report links are paths, encoded', () => {
    for (const cell of [' =1+1', '  @SUM(A1)', '\u00a0+1', ' -2', '\n=1']) assert.ok(csvCell(cell).replace(/^"/, '').startsWith("'"), JSON.stringify(cell));
    assert.equal(csvCell(' plain'), ' plain');
    assert.equal(relativeHref('javascript:alert(1).md'), './javascript%3Aalert(1).md');
    assert.equal(relativeHref('a #1/what?%.md'), './a%20%231/what%3F%25.md');
    assert.equal(relativeHref('../up.md'), '../up.md');
  });

  it('a dimension or entity named like an Object.prototype member is plain data', () => {
    const parsed = parseDocument('[a]{evidence=research note="&constructor; &toString;"}', lookup);
    assert.equal(parsed.passages[0].note, '&constructor; &toString;');
  });
});
