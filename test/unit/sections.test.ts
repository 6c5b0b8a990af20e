// The tally of each section under a heading: nested sections hold their subsections' passages, coverage
// is the section's own prose, top tags by passages, pieces of one passage counted once.
import { strict as assert } from 'node:assert';
import { parseDocument, sectionSummaries, sectionTitle, summarizeDocument } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const DOC = `Preamble [not in a section]{evidence=research}.

# One

[Alpha]{evidence=research use=embedded} text.

## One point one

[Beta]{evidence=practice} and [gamma]{evidence=research}.

::: {evidence=practice use=instrumental}
A whole paragraph.
:::

Setext two
----------

Untagged paragraph here.

# Three

[piece one [inner]{use=transparent} piece]{evidence=pedagogical passage=p1} [piece two]{evidence=pedagogical passage=p1}
`;

describe('section tally', () => {
  it('per heading: passages, coverage and top tags, subsections inside their parents', () => {
    const doc = parseDocument(DOC, lookup);
    const sections = sectionSummaries(doc);
    assert.deepEqual(sections.map((s) => [DOC.slice(s.headingStart, s.headingEnd), s.level, s.passages]), [
      ['One', 1, 4],
      ['One point one', 2, 3],
      ['Setext two', 2, 0],
      ['Three', 1, 2],
    ]);
    // Prose of One: 3 + 11 + 13 + 15 + 18 + 10 + 24 = 94 characters; tagged: Alpha 5, Beta 4 + gamma 5, the div 18.
    assert.equal(sections[0].proseLength, 94);
    assert.equal(sections[0].taggedLength, 32);
    assert.equal(sectionTitle(sections[0]), '4 passages · 34% tagged · research 2, practice 2, instrumental 1');
    assert.equal(sectionTitle(sections[2]), '0 passages · 0% tagged');
    assert.deepEqual(sections[3].tags, [{ dimension: 'evidence', tag: 'pedagogical', passages: 1 }, { dimension: 'use', tag: 'transparent', passages: 1 }]);
    // The sections' prose adds up to the document's, less the preamble.
    const whole = summarizeDocument(doc);
    assert.equal(sections[0].proseLength + sections[3].proseLength, whole.proseLength - 'Preamble not in a section.'.length);
    assert.equal(sections[0].taggedLength + sections[3].taggedLength, whole.taggedLength - 'not in a section'.length);
    assert.equal(sections[1].end, sections[2].start, 'a heading of the same level ends the section');
  });

  it('no headings, no sections; headings in block quotes and with closing hashes', () => {
    assert.deepEqual(sectionSummaries(parseDocument('[a]{evidence=research}\n', lookup)), []);
    const sections = sectionSummaries(parseDocument('> ### Quoted ###\n> [a]{evidence=research}\n', lookup));
    assert.equal(sections[0].level, 3);
    assert.equal(sections[0].passages, 1);
  });
});
