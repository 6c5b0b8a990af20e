// npm run bench: speed figures as ratios to references timed in the same run (DESIGN §7).
// Generates tagged Markdown under .bench/ (5,000 files, >= 100 MB, and one 5 MB file), then times:
// parse throughput in memory; `evidence-tagger tally` on the 5,000 files; `rg --count`; and the floor,
// a bare node script that reads every file and counts `]{` with Buffer.indexOf.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRequire } from 'node:module';

// Whatever happens (a failure included), the bench returns to the shell: esbuild's service and the
// browser's sockets would otherwise keep node alive after the last line.
process.on('uncaughtException', (error) => {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exit(1);
});
process.on('unhandledRejection', (error) => {
  console.error(`bench failed: ${error?.stack ?? error}`);
  process.exit(1);
});

const root = resolve(import.meta.dirname, '..');
const benchDir = join(root, '.bench');
const corpusDir = join(benchDir, 'corpus');
const FILES = 5000;
const FILE_BYTES = 21_000;
const BIG_BYTES = 5 * 1024 * 1024;
const VERSION = 'v1';
const CORPUS_TIME = new Date('2026-01-01T00:00:00Z');

// Deterministic pseudo-random text so every run measures the same bytes.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (list) => list[Math.floor(random() * list.length)];
const WORDS = 'the school district teachers evidence data learning reading programme community study coaching results assessment parents leaders network practice policy survey classroom children feedback review change local officials trust peers decisions funding ministry attendance literacy'.split(' ');
const EVIDENCE = ['research', 'sector-data', 'pedagogical', 'practice'];
const USE = ['transparent', 'instrumental', 'embedded'];
const sentence = () => {
  const n = 8 + Math.floor(random() * 14);
  const words = Array.from({ length: n }, () => pick(WORDS));
  words[0] = words[0][0].toUpperCase() + words[0].slice(1);
  return words.join(' ') + '.';
};
const paragraph = () => {
  const parts = [];
  for (let i = 0, n = 2 + Math.floor(random() * 4); i < n; i++) {
    const s = sentence();
    parts.push(random() < 0.3 ? `[${s}]{evidence=${pick(EVIDENCE)} use=${pick(USE)}${random() < 0.2 ? ' note="check this"' : ''}}` : s);
  }
  return parts.join(' ');
};
function document(bytes) {
  const out = [`# Report ${Math.floor(random() * 1000)}`, ''];
  let size = 0;
  while (size < bytes) {
    const r = random();
    let block;
    if (r < 0.08) block = `## ${sentence()}`;
    else if (r < 0.16) block = `::: {evidence=${pick(EVIDENCE)} use=${pick(USE)} level=organisational}\n${paragraph()}\n\n${paragraph()}\n:::`;
    else if (r < 0.2) block = '```\nsome code [not]{evidence=research}\n```';
    else if (r < 0.25) block = `- ${sentence()}\n- ${paragraph()}`;
    else block = paragraph();
    out.push(block, '');
    size += block.length + 1;
  }
  return out.join('\n');
}

function generate() {
  const marker = join(benchDir, `generated-${VERSION}`);
  if (existsSync(marker)) return;
  rmSync(benchDir, { recursive: true, force: true });
  mkdirSync(corpusDir, { recursive: true });
  for (let i = 0; i < FILES; i++) {
    const folder = join(corpusDir, `d${String(Math.floor(i / 100)).padStart(2, '0')}`);
    if (i % 100 === 0) mkdirSync(folder);
    const file = join(folder, `doc${String(i).padStart(4, '0')}.md`);
    writeFileSync(file, document(FILE_BYTES));
    // A fixed past time: a cache may trust it at once (files changed in the last 2 s are read again).
    utimesSync(file, CORPUS_TIME, CORPUS_TIME);
  }
  writeFileSync(join(benchDir, 'big.md'), document(BIG_BYTES));
  writeFileSync(join(benchDir, 'floor.mjs'), FLOOR);
  writeFileSync(marker, '');
}

const FLOOR = `// The floor: read every document and count "]{" with Buffer.indexOf, nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
const needle = Buffer.from(']{');
let count = 0;
const walk = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path);
    else if (entry.name.endsWith('.md')) {
      const bytes = readFileSync(path);
      for (let at = bytes.indexOf(needle); at !== -1; at = bytes.indexOf(needle, at + 2)) count++;
    }
  }
};
walk(process.argv[2]);
console.log(count);
`;

function listCorpus() {
  return readdirSync(corpusDir).sort().flatMap((folder) => readdirSync(join(corpusDir, folder)).sort().map((name) => join(corpusDir, folder, name)));
}

function time(command, args, runs = 5) {
  const times = [];
  let output = '';
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0 && !(command === 'rg' && result.status === 1)) throw new Error(`${command} failed: ${result.stderr}`);
    output = result.stdout;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], output };
}

generate();
const totalBytes = Number(execFileSync('du', ['-sb', corpusDir], { encoding: 'utf8' }).split('\t')[0]);
console.log(`corpus: ${FILES} files, ${(totalBytes / 1e6).toFixed(1)} MB; big file: ${(BIG_BYTES / 1e6).toFixed(1)} MB`);

function timed(run) {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];

// Parse throughput on the in-memory 5 MB file.
const require = createRequire(import.meta.url);
const core = require(join(root, 'dist', 'core.js'));
const lookup = new core.CodebookLookup(core.DEFAULT_CODEBOOK);
const big = readFileSync(join(benchDir, 'big.md'), 'utf8');
for (let i = 0; i < 5; i++) core.parseDocument(big, lookup);
const parseTimes = [];
let passages = 0;
for (let i = 0; i < 20; i++) {
  const start = process.hrtime.bigint();
  passages = core.parseDocument(big, lookup).passages.length;
  parseTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
}
parseTimes.sort((a, b) => a - b);
const parseMs = parseTimes[Math.floor(parseTimes.length / 2)];
const parseMbPerS = big.length / 1e6 / (parseMs / 1000);
console.log(`parse: ${passages} passages in ${parseMs.toFixed(1)} ms (median of 20) = ${parseMbPerS.toFixed(0)} MB/s`);

// A peer timed on the same text in the same run: markdown-it 14's parse() (block and inline tokens).
const MarkdownIt = require('markdown-it');
const markdownIt = new MarkdownIt({ html: true });
for (let i = 0; i < 3; i++) markdownIt.parse(big, {});
const markdownItMs = median(Array.from({ length: 9 }, () => timed(() => markdownIt.parse(big, {}))));
console.log(`markdown-it ${require('markdown-it/package.json').version} parse of the same file: ${markdownItMs.toFixed(1)} ms (median of 9) = ${(markdownItMs / parseMs).toFixed(2)} × ours`);

// The heading CodeLens of the 5 MB file: every section's tally from a parse (what a keystroke adds when shown).
const parsedBig = core.parseDocument(big, lookup);
const sectionsMs = median(Array.from({ length: 20 }, () => timed(() => core.sectionSummaries(parsedBig))));
console.log(`heading CodeLens of the 5 MB file: ${core.sectionSummaries(parsedBig).length} sections in ${sectionsMs.toFixed(2)} ms (median of 20)`);

// The worst case: 1 MB of each adversarial family of test/adversarial.ts (median of 5 parses each).
const { build } = await import('esbuild');
await build({ entryPoints: [join(root, 'test', 'adversarial.ts')], outfile: join(benchDir, 'adversarial.cjs'), bundle: true, platform: 'node', format: 'cjs', logLevel: 'warning' });
const { ADVERSARIAL_FAMILIES } = require(join(benchDir, 'adversarial.cjs'));
let worst = { name: '', mbPerS: Infinity };
for (const [name, make] of Object.entries(ADVERSARIAL_FAMILIES)) {
  const text = make(1_000_000);
  const times = [];
  for (let i = 0; i < 5; i++) {
    const start = process.hrtime.bigint();
    core.parseDocument(text, lookup);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const mbPerS = text.length / 1e6 / (times[2] / 1000);
  console.log(`  worst case, ${name}: ${times[2].toFixed(1)} ms for ${(text.length / 1e6).toFixed(2)} MB = ${mbPerS.toFixed(0)} MB/s`);
  if (mbPerS < worst.mbPerS) worst = { name, mbPerS };
}
console.log(`slowest family: ${worst.name}`);

const floor = time(process.execPath, [join(benchDir, 'floor.mjs'), corpusDir]);
const tally = time(process.execPath, [join(root, 'dist', 'cli.js'), 'tally', '--json', corpusDir]);
let rg = { ms: NaN };
try {
  rg = time('rg', ['--count', '--fixed-strings', ']{', '--type', 'md', corpusDir]);
} catch (error) {
  console.log(`rg not available (${error.message.split('\n')[0]}); apt-get install ripgrep`);
}
const tallied = JSON.parse(tally.output);

// Warm: the same tally with its cache filled by a first run, then after 10 documents changed.
const cacheDir = join(benchDir, 'cache');
rmSync(cacheDir, { recursive: true, force: true });
const cliWithCache = [join(root, 'dist', 'cli.js'), 'tally', '--json', `--cache=${cacheDir}`, corpusDir];
time(process.execPath, cliWithCache, 1);
const warmTally = time(process.execPath, cliWithCache);
if (warmTally.output !== tally.output) throw new Error('the cached tally differs from the cold one');
const touched = listCorpus().slice(0, 10);
const originals = touched.map((file) => ({ file, text: readFileSync(file, 'utf8'), time: statSync(file).mtime }));
let warmReparsed = NaN;
let warmChangedMs = NaN;
try {
  const past = new Date(Date.now() - 60_000);
  for (const { file, text } of originals) {
    writeFileSync(file, text + '\nOne more [line]{evidence=research}.\n');
    utimesSync(file, past, past);
  }
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, cliWithCache, { encoding: 'utf8', maxBuffer: 1 << 30 });
  warmChangedMs = Number(process.hrtime.bigint() - start) / 1e6;
  warmReparsed = Number(/cache: \d+ reused, (\d+) read/.exec(result.stderr)?.[1]);
} finally {
  for (const { file, text, time: when } of originals) {
    writeFileSync(file, text);
    utimesSync(file, when, when);
  }
}
console.log(`evidence-tagger tally --cache, warm (nothing changed: the stored result): ${warmTally.ms.toFixed(0)} ms; after changing 10 documents: ${warmReparsed} read again, ${warmChangedMs.toFixed(0)} ms (one run)`);
console.log(`floor (node, read + count "]{"): ${floor.ms.toFixed(0)} ms, ${floor.output.trim()} matches`);
console.log(`evidence-tagger tally: ${tally.ms.toFixed(0)} ms, ${tallied.passages} passages in ${tallied.files} files`);
console.log(`rg --count: ${rg.ms.toFixed(0)} ms`);
// Inside a real VS Code extension host: the workspace index of the same corpus, and keystrokes in the 5 MB file.
let host;
if (process.env.EVIDENCE_TAGGER_BENCH_SKIP_HOST) console.log('extension host: skipped (EVIDENCE_TAGGER_BENCH_SKIP_HOST)');
else {
  const { benchExtension } = await import('./bench-extension.mjs');
  host = await benchExtension({ corpus: corpusDir, bigFile: join(benchDir, 'big.md') });
  console.log(`extension host index: ${host.index_files} files, ${host.index_passages} passages in ${host.index_ms.toFixed(0)} ms (listing them: ${host.find_ms.toFixed(0)} ms); longest slice ${host.index_max_slice_ms.toFixed(1)} ms, longest event-loop gap ${host.index_max_block_ms.toFixed(1)} ms (${host.index_max_block_at_ms.toFixed(0)} ms after the index started; longest garbage-collection pause ${host.index_max_gc_ms.toFixed(1)} ms); heap +${host.index_heap_mb.toFixed(0)} MB (${((host.index_heap_mb * 1e5) / host.index_passages).toFixed(1)} MB per 100,000 passages)`);
  console.log(`extension host index, warm (a new session of the workspace, from the stored index, as the workbench starts): ${host.new_session_index_ms.toFixed(0)} ms in all (store read after ${host.new_session_read_ms.toFixed(0)} ms and decoded after ${host.new_session_load_ms.toFixed(0)} ms, stored documents checked and shown after ${host.new_session_checked_ms.toFixed(0)} ms, folders listed after ${host.new_session_listed_ms.toFixed(0)} ms${host.new_session_quick_listing ? ` (${host.new_session_folders_read} read, ${host.new_session_folders_unread} unchanged since the last listing)` : ', by VS Code\'s search'}; ${host.new_session_waited_ms.toFixed(0)} ms of it waiting while the workbench's own start-up work ran between slices; longest slice ${host.new_session_longest_slice_ms.toFixed(1)} ms), ${host.new_session_reused} documents unread, ${host.new_session_parsed} read`);
  console.log(`extension host index, reloaded in the same session from the stored index: ${host.warm_index_ms.toFixed(0)} ms (store read after ${host.warm_index_read_ms.toFixed(0)} ms, decoded after ${host.warm_index_load_ms.toFixed(0)} ms, checked after ${host.warm_index_checked_ms.toFixed(0)} ms); after changing 10 documents outside: ${host.warm_index_reparsed} read again`);
  console.log(`keystroke in the 5 MB file (parse + decorations + index + views): median ${host.keystroke_median_ms.toFixed(2)} ms, p95 ${host.keystroke_p95_ms.toFixed(2)} ms over ${host.keystroke_samples} edits`);
  console.log(`keystroke with an unclosed fence, div, comment or front matter above: median ${host.keystroke_unclosed_median_ms.toFixed(2)} ms, p95 ${host.keystroke_unclosed_p95_ms.toFixed(2)} ms`);
}

console.log(`parse_mb_per_s: ${parseMbPerS.toFixed(1)}`);
console.log(`worst_case_mb_per_s: ${worst.mbPerS.toFixed(1)}`);
console.log(`parse_vs_markdown_it_ratio: ${(markdownItMs / parseMs).toFixed(2)}`);
console.log(`codelens_sections_ms: ${sectionsMs.toFixed(2)}`);
console.log(`tally_vs_floor_ratio: ${(tally.ms / floor.ms).toFixed(2)}`);
console.log(`tally_vs_rg_ratio: ${(tally.ms / rg.ms).toFixed(2)}`);
console.log(`warm_tally_vs_floor_ratio: ${(warmTally.ms / floor.ms).toFixed(2)}`);
console.log(`warm_files_reparsed: ${warmReparsed}`);
console.log(`warm_tally_changed_vs_floor_ratio: ${(warmChangedMs / floor.ms).toFixed(2)}`);
if (host) {
  console.log(`index_vs_floor_ratio: ${(host.index_ms / floor.ms).toFixed(2)}`);
  console.log(`index_max_block_ms: ${host.index_max_block_ms.toFixed(1)}`);
  console.log(`warm_index_vs_floor_ratio: ${(host.new_session_index_ms / floor.ms).toFixed(2)}`);
  console.log(`warm_index_longest_slice_ms: ${host.new_session_longest_slice_ms.toFixed(1)}`);
  console.log(`warm_index_own_work_vs_floor_ratio: ${((host.new_session_index_ms - host.new_session_waited_ms) / floor.ms).toFixed(2)}`);
  console.log(`warm_reload_vs_floor_ratio: ${(host.warm_index_ms / floor.ms).toFixed(2)}`);
  console.log(`warm_index_files_reparsed: ${host.warm_index_reparsed}`);
  console.log(`keystroke_p95_ms: ${host.keystroke_p95_ms.toFixed(2)}`);
  console.log(`keystroke_unclosed_p95_ms: ${host.keystroke_unclosed_p95_ms.toFixed(2)}`);
}
process.exit(0);
