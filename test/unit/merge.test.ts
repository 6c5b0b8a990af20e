// The merge driver's core: tag changes from both sides merge when they touch different markup, and
// anything that would change what is coded beyond both sides' changes is refused as a conflict.
import { strict as assert } from 'node:assert';
import { mergeCodings } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const base = 'One sentence here. Another sentence there. A third one.\n\nSecond paragraph.\n';

describe('merging tag changes', () => {
  it('two coders tagging different sentences of one line merge into both codings', () => {
    const ours = '[One sentence here.]{evidence=research} Another sentence there. A third one.\n\nSecond paragraph.\n';
    const theirs = 'One sentence here. Another sentence there. [A third one.]{use=embedded}\n\n::: {evidence=practice}\nSecond paragraph.\n:::\n';
    const merged = mergeCodings(base, ours, theirs, lookup);
    assert.deepEqual(merged, { ok: true, text: '[One sentence here.]{evidence=research} Another sentence there. [A third one.]{use=embedded}\n\n::: {evidence=practice}\nSecond paragraph.\n:::\n' });
  });

  it('the same change on both sides, and a removal on one side with an addition on the other', () => {
    const tagged = '[One sentence here.]{evidence=research} Another sentence there. A third one.\n\nSecond paragraph.\n';
    assert.deepEqual(mergeCodings(base, tagged, tagged, lookup), { ok: true, text: tagged });
    const removedOurs = base;
    const addedTheirs = '[One sentence here.]{evidence=research} Another sentence there. A third one.\n\n[Second paragraph.]{use=transparent}\n';
    const merged = mergeCodings(tagged, removedOurs, addedTheirs.replace('[One sentence here.]{evidence=research}', '[One sentence here.]{evidence=research}'), lookup);
    assert.deepEqual(merged, { ok: true, text: 'One sentence here. Another sentence there. A third one.\n\n[Second paragraph.]{use=transparent}\n' });
  });

  it('conflicts: one passage retagged differently on each side, crossing passages, edited text', () => {
    const tagged = '[One sentence here.]{evidence=research} Another sentence there. A third one.\n\nSecond paragraph.\n';
    const practice = tagged.replace('research', 'practice');
    const pedagogical = tagged.replace('research', 'pedagogical');
    const retagged = mergeCodings(tagged, practice, pedagogical, lookup);
    assert.equal(retagged.ok, false);
    assert.match(!retagged.ok ? retagged.reason : '', /both sides changed the markup at line 1/);

    const crossingOurs = '[One sentence here. Another]{evidence=research} sentence there. A third one.\n\nSecond paragraph.\n';
    const crossingTheirs = 'One sentence [here. Another sentence there.]{use=embedded} A third one.\n\nSecond paragraph.\n';
    const crossing = mergeCodings(base, crossingOurs, crossingTheirs, lookup);
    assert.equal(crossing.ok, false, 'interleaved markup would code other text than either side coded');

    const edited = mergeCodings(base, base.replace('third', 'fourth'), tagged, lookup);
    assert.deepEqual(edited, { ok: false, reason: 'the text itself changed, not only the tags' });
  });

  it('nested additions that stay nested merge: a sentence inside a paragraph one side made a div', () => {
    const ours = '::: {evidence=research}\nOne sentence here. Another sentence there. A third one.\n:::\n\nSecond paragraph.\n';
    const theirs = 'One sentence here. [Another sentence there.]{use=instrumental} A third one.\n\nSecond paragraph.\n';
    const merged = mergeCodings(base, ours, theirs, lookup);
    assert.deepEqual(merged, { ok: true, text: '::: {evidence=research}\nOne sentence here. [Another sentence there.]{use=instrumental} A third one.\n:::\n\nSecond paragraph.\n' });
  });
});
