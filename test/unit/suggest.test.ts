// The suggester: stems, acronyms, weights and ranking on small cases; quality on hand-labelled passages.
import { strict as assert } from 'node:assert';
import { codebookSchema, DEFAULT_CODEBOOK, stem, Suggester, suggesterFor } from '../../src/core';
import { LABELLED, measureSuggestions } from './suggestQuality';

const book = (dimensions: { id: string; multiple?: boolean; tags: { id: string; cues: string[] }[] }[]) =>
  codebookSchema.parse({ name: 't', dimensions: dimensions.map((d) => ({ ...d, label: d.id, tags: d.tags.map((t) => ({ ...t, label: t.id.toUpperCase(), definition: 'd' })) })) });

describe('suggestions', () => {
  it('stems merge inflections and British/American spellings, both ways', () => {
    for (const [a, b] of [['mentors', 'mentoring'], ['studies', 'study'], ['raised', 'raising'], ['organisation', 'organizations'], ['programme', 'programs'], ['used', 'use'], ['analysed', 'analyzing'], ['behaviour', 'behaviors']]) assert.equal(stem(a), stem(b), `${a} ~ ${b}`);
    for (const [a, b] of [['census', 'consensus'], ['need', 'ne'], ['bring', 'br']]) assert.notEqual(stem(a), stem(b));
  });

  it('match phrases on word boundaries, any case and inflection; acronyms only as written', () => {
    const suggester = new Suggester(book([{ id: 'e', tags: [{ id: 'a', cues: ['attendance register', 'RCT'] }, { id: 'b', cues: ['census'] }] }]));
    const tags = (text: string) => suggester.suggest(text).map((s) => `${s.tag}:${s.cues.join('|')}`);
    assert.deepEqual(tags('Attendance\nRegisters were kept.'), ['a:attendance register']);
    assert.deepEqual(tags('two RCTs'), ['a:RCT']);
    assert.deepEqual(tags('a rct'), [], 'acronyms keep their case');
    assert.deepEqual(tags('the consensus'), [], 'not inside a word');
    assert.deepEqual(tags('the census-based register'), ['b:census']);
  });

  it('weigh specific cues over common words, split shared cues, and rank within each dimension', () => {
    const suggester = new Suggester(book([
      { id: 'e', tags: [{ id: 'data', cues: ['data'] }, { id: 'att', cues: ['attendance figures'] }, { id: 'both1', cues: ['survey'] }, { id: 'both2', cues: ['survey'] }] },
      { id: 'u', multiple: false, tags: [{ id: 'x', cues: ['decided'] }, { id: 'y', cues: ['decided', 'changed course'] }] },
    ]));
    assert.deepEqual(suggester.suggest('The data, the data and more data.'), [], 'a common word alone (0.25 a time) suggests nothing');
    const ranked = suggester.suggest('Attendance figures and data: we decided and changed course, and a survey.');
    assert.deepEqual(ranked.map((s) => `${s.dimension}/${s.tag}`), ['e/att', 'u/y'], 'the shared survey cue counts half for each tag; single-choice u keeps its best');
    assert.equal(ranked[0].label, 'ATT');
    assert.deepEqual(ranked[1].cues, ['changed course', 'decided']);
    assert.equal(ranked[1].score, 1.75, "changed is a common word (0.25), course 1, decided shared by two tags (0.5)");
    assert.deepEqual(suggester.suggest('A survey and another survey, surveys everywhere, surveyed.', { minScore: 0.5 }).map((s) => s.tag), ['both1', 'both2']);
  });

  it('suggest in a range of the text only, and never change it', () => {
    const suggester = suggesterFor(DEFAULT_CODEBOOK);
    const text = 'An RCT was run.\n\nThe EMIS shows enrolment rates.';
    assert.deepEqual(suggester.top(text, {}, 0, 15).map((s) => s.tag), ['research']);
    assert.deepEqual(suggester.top(text, {}, 17).map((s) => s.tag), ['sector-data']);
    assert.equal(suggesterFor(DEFAULT_CODEBOOK), suggester, 'one suggester per codebook');
  });

  it('on passages of the corpus labelled by hand, the top suggestion per dimension is right at least 85% of the time', () => {
    assert.ok(LABELLED.length >= 30);
    const quality = measureSuggestions(DEFAULT_CODEBOOK);
    // The figures the README and the closing note quote (printed with the test run).
    const describe = (list: typeof quality) => list.map((q) => `${q.dimension} ${q.correct}/${q.suggested} right (precision ${q.precision.toFixed(2)}), ${q.suggested}/${q.labelled} suggested (recall ${q.recall.toFixed(2)})`).join('; ');
    console.log(`      suggestion quality, all ${LABELLED.length}: ${describe(quality)}`);
    console.log(`      held out (not used to choose the cues): ${describe(measureSuggestions(DEFAULT_CODEBOOK, LABELLED.filter((p) => p.heldOut)))}`);
    for (const q of quality) {
      assert.ok(q.precision >= 0.85, `${q.dimension}: precision ${q.precision.toFixed(2)}; ${q.misses.join('; ')}`);
      assert.ok(q.recall >= 0.4, `${q.dimension}: recall ${q.recall.toFixed(2)}`);
    }
  });

  it('the quality measure can fail: a codebook with swapped cues scores badly', () => {
    const swapped = codebookSchema.parse({ ...DEFAULT_CODEBOOK, dimensions: DEFAULT_CODEBOOK.dimensions.map((d) => ({ ...d, tags: d.tags.map((t, i) => ({ ...t, cues: d.tags[(i + 1) % d.tags.length].cues })) })) });
    assert.ok(measureSuggestions(swapped).every((q) => q.precision < 0.5));
  });
});
