import { strict as assert } from 'node:assert';
import { CodebookLookup, loadCodebook, markupOf, parseDocument } from '../../src/core';
import { defaultLookup as lookup } from './helpers';

const parse = (text: string) => parseDocument(text, lookup);

describe('parser details', () => {
  it('gives whole, content and markup ranges of a span, with positions in UTF-16 code units', () => {
    const text = 'A 😀 [Data revealed it]{evidence=sector-data use=instrumental note="check \\"this\\""} end';
    const { passages, lines } = parse(text);
    assert.equal(passages.length, 1);
    const [p] = passages;
    assert.equal(p.kind, 'span');
    assert.equal(p.start, 5); // the emoji is two code units
    assert.equal(text.slice(p.contentStart, p.contentEnd), 'Data revealed it');
    assert.deepEqual(markupOf(p).map(([a, b]) => text.slice(a, b)), ['[', ']{evidence=sector-data use=instrumental note="check \\"this\\""}']);
    assert.deepEqual({ ...p.tags }, { evidence: ['sector-data'], use: ['instrumental'] });
    assert.equal(p.note, 'check "this"');
    assert.deepEqual(lines.positionAt(p.start), { offset: 5, line: 0, character: 5 });
  });

  it('reads a div with several paragraphs, quoted multi-tag values, and other attributes kept', () => {
    const text = 'intro\n\n::: {#p1 .key evidence="research sector-data" use=transparent level=individual owner=ana}\nBy sharing findings.\n\nA second paragraph.\n:::\n\nafter\n';
    const [p] = parse(text).passages;
    assert.equal(p.kind, 'div');
    assert.equal(text.slice(p.start, p.end), text.slice(7, text.indexOf(':::\n\nafter') + 3));
    assert.equal(text.slice(p.contentStart, p.contentEnd), 'By sharing findings.\n\nA second paragraph.');
    assert.deepEqual({ ...p.tags }, { evidence: ['research', 'sector-data'], use: ['transparent'], level: ['individual'] });
    assert.equal(p.attributes.id, 'p1');
    assert.deepEqual(p.attributes.classes, ['key']);
    assert.ok(p.attributes.pairs.some((pair) => pair.key === 'owner' && pair.value === 'ana'));
  });

  it('handles CRLF: div content and markup exclude the carriage returns', () => {
    const text = '::: {evidence=research}\r\nText.\r\n:::\r\n';
    const [p] = parse(text).passages;
    assert.equal(text.slice(p.contentStart, p.contentEnd), 'Text.');
    assert.deepEqual(markupOf(p).map(([a, b]) => text.slice(a, b)), ['::: {evidence=research}\r\n', '\r\n:::']);
  });

  it('spans and divs without a codebook key are not passages, but passages inside them are', () => {
    const { passages } = parse('::: {.aside}\n[x]{.smallcaps} and [y]{evidence=practice}\n:::');
    assert.equal(passages.length, 1);
    assert.deepEqual({ ...passages[0].tags }, { evidence: ['practice'] });
  });

  it('nests: parents and depth, outer before inner', () => {
    const { passages } = parse('::: {use=embedded}\n[a [b]{evidence=research} c]{level=system}\n:::');
    assert.deepEqual(passages.map((p) => [p.kind, p.depth, p.parent]), [['div', 0, -1], ['span', 1, 0], ['span', 2, 1]]);
  });

  it('reports an unknown tag with a suggestion at the value, and still counts the passage', () => {
    const text = '[a]{evidence=reserch use=transparent}';
    const { passages, problems } = parse(text);
    assert.deepEqual(passages[0].tags.evidence, ['reserch']);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'unknown-tag');
    assert.equal(problems[0].suggestion, 'research');
    assert.equal(text.slice(problems[0].start, problems[0].end), 'reserch');
  });

  it('resolves aliases to tag ids', () => {
    assert.deepEqual({ ...parse('[a]{use=conceptual}').passages[0].tags }, { use: ['transparent'] });
  });

  it('reports an unclosed div once, at its opening; as in pandoc 3 it runs to the end of its container', () => {
    const text = 'x\n\n::: {evidence=research}\nnever closed\n\n[later]{use=embedded}\n\n';
    const { passages, problems } = parse(text);
    assert.deepEqual(problems.map((p) => [p.code, p.severity, text.slice(p.start, p.end)]), [['unclosed-div', 'warning', '::: {evidence=research}']]);
    assert.deepEqual(passages.map((p) => ({ ...p.tags })), [{ evidence: ['research'] }, { use: ['embedded'] }]);
    assert.equal(text.slice(passages[0].contentStart, passages[0].contentEnd), 'never closed\n\n[later]{use=embedded}');
    assert.equal(passages[1].parent, 0);
    const quoted = parse('> ::: {evidence=research}\n> inside\n\noutside\n');
    assert.equal(quoted.text.slice(quoted.passages[0].contentStart, quoted.passages[0].contentEnd), '> inside', 'closed at the end of the block quote');
  });

  it('a dimension called constructor (or any Object.prototype name) is a key like any other', () => {
    const loaded = loadCodebook(JSON.stringify({ name: 'odd keys', dimensions: [{ id: 'constructor', label: 'C', description: 'c', tags: [{ id: 'toString', label: 'T', definition: 'd' }] }] }));
    assert.ok(loaded.ok, JSON.stringify(loaded));
    const { passages } = parseDocument('[a]{constructor=toString} [b]{constructor=valueOf}', new CodebookLookup(loaded.codebook));
    assert.deepEqual(passages.map((p) => p.tags.constructor), [['toString'], ['valueOf']]);
  });

  it('reports tags whose "[" is in another paragraph, and broken attribute lists', () => {
    const text = '[starts here\n\nends here]{evidence=research}\n\n[x]{evidence=research\n';
    const { passages, problems } = parse(text);
    assert.equal(passages.length, 0);
    assert.deepEqual(problems.map((p) => p.code), ['unmatched-span', 'unmatched-span']);
    assert.match(problems[0].message, /blank line/);
    assert.match(problems[1].message, /not a valid attribute list/);
  });

  it('reports repeated keys and several tags where one is allowed', () => {
    const { problems } = parseDocument('[a]{evidence=research evidence=practice}', lookup);
    assert.deepEqual(problems.map((p) => p.code), ['repeated-key']);
  });

  it('ignores markup in code, and handles empty and odd documents', () => {
    assert.equal(parse('`[a]{evidence=research}`\n\n```\n[b]{evidence=research}\n```\n\n    [c]{evidence=research}').passages.length, 0);
    for (const odd of ['', '\n', '[', ']{', ':::', '::: {evidence=research}', '\r\n\r\n', '\u0000\u0001', '[]{evidence=}']) assert.doesNotThrow(() => parse(odd));
  });

  it('counts prose without markup, line breaks or container prefixes', () => {
    const { blocks } = parse('> [ab]{evidence=research}\n> cd\n\n# Head');
    assert.deepEqual(blocks.map((b) => [b.proseLength, b.heading]), [[2 + 2, false], [4, true]]);
  });
});
