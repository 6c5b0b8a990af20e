// The default codebook's cues, measured with the suggester's own matching (stems, acronyms as written): on
// the project's documents (the samples and a copy of a corpus report) no cue may fire in more than a few
// paragraphs, so a suggestion from a cue means something.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cueOccurs, DEFAULT_CODEBOOK, findCues } from '../../src/core';

const DOCUMENTS = ['samples/interview-transcript.md', 'samples/report-excerpt.md', 'samples/research-schools-leadership.md', 'test/fixtures/corpus/salex-collective-evidence-uptake.txt'];
/** Paragraphs of prose, markup removed, so the cues see what a reader sees. */
const paragraphs = DOCUMENTS.flatMap((file) =>
  readFileSync(resolve(__dirname, '../..', file), 'utf8')
    .replace(/\]\{[^}]*\}|^:::.*$/gm, '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 40),
);

describe('cues', () => {
  it('match whole words and phrases, plurals, and acronyms only as written', () => {
    const matches = cueOccurs;
    assert.ok(matches('RCT', 'two RCTs found'));
    assert.ok(!matches('RCT', 'a rct'), 'acronyms keep their case');
    assert.ok(matches('mentor', 'Mentors visit'));
    assert.ok(!matches('census', 'consensus'), 'not inside a word');
    assert.ok(matches('feedback loop', 'a feedback\nloop'));
    assert.deepEqual(findCues('An RCT and a feedback loop.', DEFAULT_CODEBOOK).map((h) => `${h.tag}:${h.cue}`), ['research:RCT', 'embedded:feedback loop']);
  });

  it('no default cue fires in more than 5% of the paragraphs of the project documents', () => {
    assert.ok(paragraphs.length > 60, `${paragraphs.length} paragraphs`);
    const noisy: string[] = [];
    for (const dimension of DEFAULT_CODEBOOK.dimensions) {
      for (const tag of dimension.tags) {
        for (const cue of tag.cues) {
          const fired = paragraphs.filter((p) => cueOccurs(cue, p));
          if (fired.length > paragraphs.length * 0.05) noisy.push(`${tag.id}/${cue}: ${fired.length} paragraphs, e.g. "${fired[0].slice(0, 80)}"`);
        }
      }
    }
    assert.deepEqual(noisy, []);
  });

  it('cues that would fire everywhere are not cues (the test can fail)', () => {
    const everywhere = ['data', 'policy', 'system', 'experience', 'decision'].filter((cue) => paragraphs.filter((p) => cueOccurs(cue, p)).length > paragraphs.length * 0.05);
    assert.ok(everywhere.length >= 1, `words like ${everywhere.join(', ')} would be flagged`);
    const cues = DEFAULT_CODEBOOK.dimensions.flatMap((d) => d.tags.flatMap((t) => t.cues.map((c) => c.toLowerCase())));
    for (const cue of everywhere) assert.ok(!cues.includes(cue), cue);
  });
});
