// Tag All Occurrences in the core and in the CLI: what is tagged, what is skipped and why, and that only
// markup is added (the text without the new markup is byte-identical).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { applyEdits, CodebookLookup, DEFAULT_CODEBOOK, occurrencePattern, parseDocument, parseTagList, planTagAll, untagEdits } from '../../src/core';

const lookup = new CodebookLookup(DEFAULT_CODEBOOK);
const values = { tags: { evidence: ['sector-data'], use: ['instrumental'] } };
const tagAll = (text: string, query: string) => {
  const doc = parseDocument(text, lookup);
  const plan = planTagAll(doc, occurrencePattern(query), values, lookup);
  return { plan, after: applyEdits(text, plan.occurrences.map((o) => o.edit)) };
};

describe('tag all occurrences', () => {
  it('tags whole-word, any-case matches in prose and skips code, markup, other words and passages that already carry the tags', () => {
    const text = [
      'Attendance data came in; attendance\ndata again, and attendancedata not.',
      '',
      '`attendance data` in code, [attendance data]{evidence=sector-data use=instrumental} done.',
      '',
      '[see the attendance data]{evidence=research}',
      '',
      'attendance data',
    ].join('\n');
    const { plan, after } = tagAll(text, 'attendance data');
    assert.deepEqual(plan.occurrences.map((o) => text.slice(o.start, o.end)), ['Attendance data', 'attendance\ndata', 'attendance data', 'attendance data']);
    assert.deepEqual(plan.skipped.map((s) => s.reason), ['inside code, math, HTML or a link address', 'already inside a passage with these tags']);
    const doc = parseDocument(after, lookup);
    const made = doc.passages.filter((p) => p.tags.use?.includes('instrumental'));
    assert.equal(made.length, 5, 'four new passages and the one there was');
    assert.ok(doc.passages.every((p) => p.kind === 'span'), 'a whole paragraph that matches is a span too');
    assert.ok(doc.passages.some((p) => p.depth === 1 && p.tags.evidence?.includes('sector-data')), 'inside the research span: a nested span');
  });

  it('regular expressions, and matches a span could not hold are skipped with the reason', () => {
    const text = 'Rates of 12% and 40% [x]{evidence=research}; a ] bracket 7% here.';
    const { plan, after } = tagAll(text, '/\\d+%/');
    assert.deepEqual(plan.occurrences.map((o) => text.slice(o.start, o.end)), ['12%', '40%', '7%']);
    assert.equal(parseDocument(after, lookup).passages.length, 4);
    const bracket = tagAll('one [two three', '/two three/');
    assert.equal(bracket.plan.occurrences.length, 1);
    const cut = tagAll('[one two]{evidence=research} three', '/two\\]\\{evidence/');
    assert.deepEqual(cut.plan.skipped.map((s) => s.reason), ['overlaps tag markup']);
  });

  it('property: tagging every occurrence then removing the new tags restores the text exactly', () => {
    const word = fc.constantFrom('data', 'survey', 'x', '[', ']', '`', '{', '}', '\\', ' ', '\n', '\n\n', '*', '$', '::: {evidence=research}\n', '\n:::\n', '[a]{use=embedded}');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.constantFrom('data', 'survey data', '/da?t/'), (parts, query) => {
        const text = parts.join('');
        const { plan, after } = tagAll(text, query);
        const doc = parseDocument(after, lookup);
        assert.equal(doc.passages.length, parseDocument(text, lookup).passages.length + plan.occurrences.length);
        // Remove exactly the passages the plan made: the ones whose tags are the new values and are not in the old text.
        let restored = after;
        for (let round = 0; round < plan.occurrences.length; round++) {
          const current = parseDocument(restored, lookup);
          const made = current.passages.find((p) => p.attributes.pairs.length === 2 && p.tags.evidence?.[0] === 'sector-data' && p.tags.use?.[0] === 'instrumental');
          if (!made) break;
          restored = applyEdits(restored, untagEdits(made));
        }
        assert.equal(restored, text);
      }),
      { numRuns: 300 },
    );
  });

  it('reads a tag list the way the CLI takes it', () => {
    assert.deepEqual(parseTagList('evidence="research sector" use=conceptual note="why"', lookup), { ok: true, values: { tags: { evidence: ['research', 'sector-data'], use: ['transparent'] }, note: 'why' } });
    assert.match((parseTagList('evidance=research', lookup) as { reason: string }).reason, /not a dimension/);
    assert.match((parseTagList('evidence=reserch', lookup) as { reason: string }).reason, /not a tag of evidence/);
    assert.equal(parseTagList('', lookup).ok, false);
  });
});

describe('command line: suggest, tag-all, init', function () {
  this.timeout(30000);
  const CLI = resolve(__dirname, '../../dist/cli.js');
  const run = (args: string[], cwd: string) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'evidence-coding-'));
    writeFileSync(join(folder, 'a.md'), '# Attendance registers\n\nTeachers kept attendance registers and the EMIS data.\n\nAn RCT was run; `attendance registers` in code.\n');
    writeFileSync(join(folder, 'utf16.txt'), Buffer.from('\ufeffattendance registers here\n', 'utf16le'));
  });

  it('suggest --json lists untagged paragraphs (not headings) with ranked suggestions and the cues that fired', () => {
    const result = run(['suggest', '--json', '.'], folder);
    assert.equal(result.status, 0, result.stderr);
    const records = JSON.parse(result.stdout);
    assert.deepEqual(records.map((r: { file: string; line: number }) => `${r.file}:${r.line}`), ['a.md:3', 'a.md:5', 'utf16.txt:1']);
    assert.deepEqual(records[0].suggestions.map((s: { tag: string }) => s.tag), ['sector-data']);
    assert.deepEqual(records[0].suggestions[0].cues, ['EMIS', 'registers']);
    assert.equal(readFileSync(join(folder, 'a.md'), 'utf8').includes(']{'), false, 'suggestions never change the text');
  });

  it('tag-all --dry-run writes nothing; without it writes UTF-8 files only, keeping the rest of the text', () => {
    const before = readFileSync(join(folder, 'a.md'), 'utf8');
    const dry = run(['tag-all', '--match', 'attendance registers', '--tags', 'evidence=sector-data', '--dry-run', '.'], folder);
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /a\.md:3:15: would tag \[attendance registers\]\{evidence=sector-data\}/);
    assert.match(dry.stderr, /a\.md:5:\d+: skipped "attendance registers": inside code/);
    assert.equal(readFileSync(join(folder, 'a.md'), 'utf8'), before);
    const wet = run(['tag-all', '--match', 'attendance registers', '--tags', 'evidence=sector-data', '.'], folder);
    assert.equal(wet.status, 1, 'the UTF-16 file could not be written');
    assert.match(wet.stderr, /utf16\.txt: not changed: it is utf-16le/);
    const after = readFileSync(join(folder, 'a.md'), 'utf8');
    assert.equal(after.replace(/\[(attendance registers)\]\{evidence=sector-data\}/gi, '$1'), before);
    assert.equal((after.match(/\]\{evidence=sector-data\}/g) ?? []).length, 2, 'heading and paragraph');
    assert.match(after, /^# \[Attendance registers\]\{evidence=sector-data\}\n/, 'a span, also over a whole heading');
    const bad = run(['tag-all', '--match', 'x', '--tags', 'evidence=nope', '.'], folder);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /"nope" is not a tag of evidence/);
  });

  it('init writes a preset codebook the other commands then use, and will not overwrite without --force', () => {
    const made = run(['init', '--preset', 'clles-community'], folder);
    assert.equal(made.status, 0, made.stderr);
    const tagged = run(['tag-all', '--match', 'EMIS', '--tags', 'evidence=community', '--dry-run', '.'], folder);
    assert.equal(tagged.status, 0, tagged.stderr);
    assert.equal(run(['init'], folder).status, 2);
    assert.equal(run(['init', '--force'], folder).status, 0);
    assert.match(run(['init', '--preset', 'nope'], folder).stderr, /presets: default, clles-community, clles-review-extended/);
  });
});
