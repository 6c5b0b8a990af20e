// Pure editor logic: where tagging puts markup, and what completion sees inside an attribute list.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyEdits, attributeContext, parseDocument, planTag, tagEdits, untagEdits } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const DOC = 'First paragraph with a key finding.\n\nSecond paragraph.\nStill second.\n\n> Quoted text here.\n\n- item one\n- item two\n';
const parse = (text: string) => parseDocument(text, lookup);
const plan = (text: string, from: string, to?: string) => {
  const start = text.indexOf(from);
  const end = to === undefined ? start + from.length : text.indexOf(to) + to.length;
  return planTag(parse(text), start, end);
};

describe('planTag', () => {
  it('a stretch inside a paragraph becomes a span', () => {
    assert.deepEqual(plan(DOC, 'a key finding'), { ok: true, start: DOC.indexOf('a key'), end: DOC.indexOf('a key') + 13, block: false });
  });

  it('whole paragraphs (or a cursor in one) become a div from line start to line end', () => {
    const p = plan(DOC, 'Second', 'second.');
    assert.deepEqual(p, { ok: true, start: DOC.indexOf('Second'), end: DOC.indexOf('Still second.') + 13, block: true });
    const cursor = DOC.indexOf('paragraph with');
    assert.deepEqual(planTag(parse(DOC), cursor, cursor), { ok: true, start: 0, end: DOC.indexOf('\n'), block: true });
  });

  it('trims white space and line breaks at the edges of the selection', () => {
    const start = DOC.indexOf('Second') - 2;
    const end = DOC.indexOf('Still second.') + 15;
    const p = planTag(parse(DOC), start, end);
    assert.ok(p.ok && p.block && DOC.slice(p.start, p.end) === 'Second paragraph.\nStill second.');
  });

  it('inside a block quote or list item a whole paragraph is a span, since a div cannot sit there', () => {
    const quoted = plan(DOC, 'Quoted text here.');
    assert.ok(quoted.ok && !quoted.block);
    const item = plan(DOC, 'item one');
    assert.ok(item.ok && !item.block);
  });

  it('refuses spans across paragraphs and selections that cut across a passage', () => {
    assert.equal(plan(DOC, 'key finding', 'Second').ok, false);
    const tagged = 'Some [tagged words]{evidence=research} and more.';
    const cut = plan(tagged, 'words]{evidence=research} and');
    assert.ok(!cut.ok && /cuts across the tagged passage on line 1/.test(cut.reason));
    assert.equal(plan(tagged, 'tagged').ok, true, 'inside a passage is fine (nesting)');
    assert.equal(plan(tagged, 'Some [tagged words]{evidence=research} and').ok, true, 'around a passage is fine');
    assert.equal(planTag(parse('\n\n'), 0, 2).ok, false);
  });

  it('tag then untag restores the text, for any selection that is accepted', () => {
    fc.assert(
      fc.property(fc.nat(DOC.length), fc.nat(DOC.length), (a, b) => {
        const doc = parse(DOC);
        const p = planTag(doc, a, b);
        if (!p.ok) return;
        const tagged = applyEdits(DOC, tagEdits(DOC, p.start, p.end, { tags: { evidence: ['research'] } }, p.block));
        const reparsed = parse(tagged);
        assert.equal(reparsed.passages.length, 1, JSON.stringify(tagged));
        assert.equal(applyEdits(tagged, untagEdits(reparsed.passages[0])), DOC);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('attributeContext', () => {
  it('knows when a key is being typed', () => {
    assert.deepEqual(attributeContext('A [finding]{'), { partial: '' });
    assert.deepEqual(attributeContext('A [finding]{ev'), { partial: 'ev' });
    assert.deepEqual(attributeContext('A [finding]{evidence=research u'), { partial: 'u' });
    assert.deepEqual(attributeContext('::: {evi'), { partial: 'evi' });
  });

  it('knows when a value is being typed, quoted or not', () => {
    assert.deepEqual(attributeContext('A [finding]{evidence=res'), { key: 'evidence', partial: 'res' });
    assert.deepEqual(attributeContext('A [finding]{evidence="research pr'), { key: 'evidence', partial: 'pr' });
    assert.deepEqual(attributeContext('::: {use='), { key: 'use', partial: '' });
  });

  it('stays out of closed lists and of braces that are not attributes', () => {
    assert.equal(attributeContext('A [finding]{evidence=research} more'), undefined);
    assert.equal(attributeContext('function f() {'), undefined);
    assert.equal(attributeContext('text {evidence='), undefined);
  });
});
