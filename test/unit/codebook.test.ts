import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CODEBOOK_PRESETS, CodebookLookup, findPreset, presetFileText, DEFAULT_CODEBOOK, codebookSchema, loadCodebook } from '../../src/core';

describe('codebook', () => {
  it('the default codebook has the three dimensions of the review, every tag fully described', () => {
    assert.deepEqual(DEFAULT_CODEBOOK.dimensions.map((d) => d.id), ['evidence', 'use', 'level']);
    assert.deepEqual(DEFAULT_CODEBOOK.dimensions[0].tags.map((t) => t.id), ['research', 'sector-data', 'pedagogical', 'practice']);
    assert.deepEqual(DEFAULT_CODEBOOK.dimensions[1].tags.map((t) => t.id), ['transparent', 'instrumental', 'embedded']);
    assert.deepEqual(DEFAULT_CODEBOOK.dimensions[2].tags.map((t) => t.id), ['individual', 'organisational', 'system']);
    for (const tag of DEFAULT_CODEBOOK.dimensions.flatMap((d) => d.tags)) {
      assert.ok(tag.definition.length > 40 && tag.source?.includes('Morales') && tag.example && tag.cues.length > 2 && tag.color, tag.id);
    }
    // Figure 3's pairing of use forms with levels is its layout, not a rule: level is its own dimension.
    assert.deepEqual(DEFAULT_CODEBOOK.dimensions[1].tags.map((t) => t.level), [undefined, undefined, undefined]);
    assert.match(DEFAULT_CODEBOOK.dimensions[1].description, /layout, not a rule/);
    // Every source cites a located part of the review and quotes it; levels are not Hayter & Broadbent's.
    for (const tag of DEFAULT_CODEBOOK.dimensions.flatMap((d) => d.tags)) assert.match(tag.source!, /, (§4\.\d|Box 4)[^:]*: "[^"]{40,}"$/, tag.id);
    for (const tag of DEFAULT_CODEBOOK.dimensions[2].tags) assert.doesNotMatch(tag.source!, /Hayter & Broadbent/, tag.id);
    assert.match(DEFAULT_CODEBOOK.dimensions[2].description, /Tseng, 2012, and Hayter & Morales, 2023/);
    assert.ok(!DEFAULT_CODEBOOK.dimensions[0].tags[1].aliases.includes('data'), '"data" is no alias of sector-data');
  });

  it('presets: the default, with a community type of evidence, and with the optional dimensions; each loads from its file', () => {
    assert.deepEqual(CODEBOOK_PRESETS.map((p) => p.name), ['default', 'clles-community', 'clles-review-extended']);
    const community = findPreset('clles-community')!.codebook;
    assert.deepEqual(community.dimensions[0].tags.map((t) => t.id), ['research', 'sector-data', 'pedagogical', 'practice', 'community']);
    assert.deepEqual(community.dimensions.slice(1), DEFAULT_CODEBOOK.dimensions.slice(1));
    const extended = findPreset('clles-review-extended.json')!.codebook;
    assert.deepEqual(extended.dimensions.slice(0, 3), community.dimensions);
    assert.deepEqual(extended.dimensions.slice(3).map((d) => d.id), ['purpose', 'generation', 'condition', 'uptake']);
    for (const tag of [...extended.dimensions.slice(3).flatMap((d) => d.tags), community.dimensions[0].tags[4]]) assert.match(tag.source!, /Morales, Broadbent & Makokha \(2025\), [^:]+: "[^"]{20,}"$/, tag.id);
    assert.match(community.dimensions[0].tags[4].source!, /Community-Based Insights.*Collaborative Evidence/);
    for (const preset of CODEBOOK_PRESETS) {
      const file = loadCodebook(readFileSync(resolve(__dirname, `../../presets/${preset.name}.json`), 'utf8'));
      assert.ok(file.ok, JSON.stringify(file));
      assert.deepEqual(file.codebook.dimensions, preset.codebook.dimensions);
      assert.deepEqual(loadCodebook(presetFileText(preset)), { ok: true, codebook: preset.codebook });
    }
  });

  it('round-trips through JSON and the loader', () => {
    const result = loadCodebook(JSON.stringify(DEFAULT_CODEBOOK, null, 2));
    assert.ok(result.ok);
    assert.deepEqual(result.codebook, DEFAULT_CODEBOOK);
  });

  it('accepts comments and trailing commas', () => {
    const result = loadCodebook('// my codebook\n{ "name": "x", "dimensions": [ { "id": "d", "label": "D", "tags": [ { "id": "t", "label": "T", "definition": "a tag", }, ], }, ], }');
    assert.ok(result.ok);
    assert.equal(result.codebook.dimensions[0].multiple, true);
  });

  it('reports a schema error at the offending value with line and column', () => {
    const text = '{\n  "name": "x",\n  "dimensions": [\n    { "id": "d", "label": "D", "tags": [\n      { "id": "9bad", "label": "T", "definition": "a tag" }\n    ] }\n  ]\n}';
    const result = loadCodebook(text);
    assert.ok(!result.ok);
    const [error] = result.errors;
    assert.deepEqual(error.path, ['dimensions', 0, 'tags', 0, 'id']);
    assert.equal(error.line, 4);
    assert.equal(text.slice(error.offset, error.offset + error.length), '"9bad"');
    assert.match(error.message, /must start with a letter/);
  });

  it('reports missing fields on their object, unknown keys, duplicates and JSON syntax', () => {
    const missing = loadCodebook('{"name": "x", "dimensions": [{"id": "d", "label": "D", "tags": [{"id": "t", "label": "T"}]}]}');
    assert.ok(!missing.ok && missing.errors.some((e) => e.path.join('.') === 'dimensions.0.tags.0.definition'));
    const unknown = loadCodebook('{"name": "x", "colour": 1, "dimensions": [{"id": "d", "label": "D", "tags": [{"id": "t", "label": "T", "definition": "x"}]}]}');
    assert.ok(!unknown.ok && /colour/.test(unknown.errors[0].message));
    const duplicate = loadCodebook('{"name": "x", "dimensions": [{"id": "d", "label": "D", "tags": [{"id": "t", "label": "T", "definition": "x"}, {"id": "u", "aliases": ["t"], "label": "U", "definition": "y"}]}]}');
    assert.ok(!duplicate.ok && /already used/.test(duplicate.errors[0].message));
    const syntax = loadCodebook('{"name": "x",\n  "dimensions": [}');
    assert.ok(!syntax.ok && syntax.errors[0].line === 1 && /JSON syntax/.test(syntax.errors[0].message));
    const reserved = codebookSchema.safeParse({ name: 'x', dimensions: [{ id: 'note', label: 'N', tags: [{ id: 't', label: 'T', definition: 'x' }] }] });
    assert.ok(!reserved.success);
  });

  it('looks tags up by id and alias and suggests close ids', () => {
    const lookup = new CodebookLookup(DEFAULT_CODEBOOK);
    assert.equal(lookup.tag('use', 'conceptual')?.id, 'transparent');
    assert.equal(lookup.tag('evidence', 'nope'), undefined);
    assert.equal(lookup.suggest('evidence', 'reserch'), 'research');
    assert.equal(lookup.suggest('evidence', 'sector'), 'sector-data');
    assert.equal(lookup.suggest('use', 'instrumantal'), 'instrumental');
    assert.equal(lookup.suggest('use', 'zzzzzzzz'), undefined);
    assert.ok(lookup.isDimension('level') && !lookup.isDimension('note'));
  });
});
