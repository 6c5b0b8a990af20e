// Sub-tags (`parent`): validation, roll-ups in tally, matrix and index (each passage once per tag), nested
// REFI-QDA codes both ways, and the codebook refactorings keeping the tree whole.
import { strict as assert } from 'node:assert';
import { XMLParser } from 'fast-xml-parser';
import { CodebookLookup, DEFAULT_CODEBOOK, codebookSchema, exportJson, exportQdc, exportProject, exportSchema, importRefiCodebook, indexDocument, loadCodebook, parseDocument, refactorCodebook, refactorCodebookText, reparseDocument, summarizeDocument, tagKey, tallyDocuments, checkChange, type Codebook } from '../../src/core';
import { xmllint } from './helpers';

/** The default codebook with `research` split into kinds: rct and qualitative under it, trial-protocol under rct. */
const NESTED: Codebook = codebookSchema.parse({
  ...DEFAULT_CODEBOOK,
  dimensions: DEFAULT_CODEBOOK.dimensions.map((d) =>
    d.id !== 'evidence'
      ? d
      : {
          ...d,
          tags: [
            ...d.tags,
            { id: 'rct', label: 'Randomised trial', definition: 'A randomised controlled trial.', parent: 'research', color: { light: '#112233', dark: '#445566' } },
            { id: 'qualitative', label: 'Qualitative study', definition: 'Interviews, observation.', parent: 'research', aliases: ['qual'] },
            { id: 'trial-protocol', label: 'Trial protocol', definition: 'A published protocol.', parent: 'rct' },
          ],
        },
  ),
});
const lookup = new CodebookLookup(NESTED);

const DOC = [
  '[a]{evidence=rct use=transparent}',
  '',
  '[bb]{evidence="rct qual" use=instrumental}',
  '',
  '[ccc]{evidence="research trial-protocol" use=transparent}',
  '',
  '[dddd]{evidence=research}',
  '',
  '[e]{evidence=practice}',
  '',
].join('\n');

const withTags = (tags: object[]) => ({ name: 'x', dimensions: [{ id: 'd', label: 'D', tags: tags.map((t, i) => ({ label: `T${i}`, definition: 'd', ...t })) }] });
const errorsOf = (book: object) => {
  const result = codebookSchema.safeParse(book);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('sub-tags: the codebook', () => {
  it('accepts a parent by id; refuses an unknown parent, a tag its own parent, and circles (reported on the tags in them)', () => {
    assert.deepEqual(errorsOf(withTags([{ id: 'a' }, { id: 'b', parent: 'a' }])), []);
    assert.match(errorsOf(withTags([{ id: 'a', parent: 'zz' }]))[0], /dimensions\.0\.tags\.0\.parent: no tag with the id "zz"/);
    assert.match(errorsOf(withTags([{ id: 'a', parent: 'a' }]))[0], /cannot be its own parent/);
    const circle = errorsOf(withTags([{ id: 'a', parent: 'c' }, { id: 'b', parent: 'a' }, { id: 'c', parent: 'b' }, { id: 'below', parent: 'a' }]));
    assert.equal(circle.length, 3, circle.join('\n'));
    assert.ok(circle.every((e) => /own ancestor/.test(e)) && !circle.some((e) => e.includes('"below"')));
    assert.match(circle[0], /a → c → b → a/);
    // An alias is not an id: a parent must name the tag by its id.
    assert.equal(errorsOf(withTags([{ id: 'a', aliases: ['aa'] }, { id: 'b', parent: 'aa' }])).length, 1);
  });

  it('validates a chain of 20,000 sub-tags in linear time, and the lookup walks it without recursion', () => {
    const chain = withTags(Array.from({ length: 20_000 }, (_, i) => ({ id: `t${i}`, ...(i ? { parent: `t${i - 1}` } : {}) })));
    const started = Date.now();
    const book = codebookSchema.parse(chain);
    const deep = new CodebookLookup(book);
    assert.equal(deep.tree('d').length, 20_000);
    assert.equal(deep.tree('d')[19_999].depth, 19_999);
    assert.equal(deep.ancestors('d', 't19999').length, 19_999);
    assert.ok(Date.now() - started < 20_000, 'no quadratic blow-up');
  });

  it('the lookup knows ancestors, children, depth-first order and inherited colours', () => {
    assert.deepEqual(lookup.ancestors('evidence', 'trial-protocol'), ['rct', 'research']);
    assert.deepEqual(lookup.ancestors('evidence', 'research'), []);
    assert.deepEqual(lookup.children('evidence', 'research').map((t) => t.id), ['rct', 'qualitative']);
    assert.deepEqual(lookup.tree('evidence').map(({ tag, depth }) => `${depth}:${tag.id}`), ['0:research', '1:rct', '2:trial-protocol', '1:qualitative', '0:sector-data', '0:pedagogical', '0:practice']);
    assert.equal(lookup.colourOf('evidence', 'trial-protocol')?.light, '#112233', "a sub-tag without colours takes its parent's");
    assert.equal(lookup.colourOf('evidence', 'qualitative')?.light, lookup.colourOf('evidence', 'research')?.light);
    assert.equal(new CodebookLookup(DEFAULT_CODEBOOK).hasHierarchy, false);
    const flat = { evidence: ['research'] };
    assert.equal(new CodebookLookup(DEFAULT_CODEBOOK).rollUp(flat), flat, 'no copies without a hierarchy');
    assert.deepEqual(lookup.rollUp({ evidence: ['trial-protocol', 'qualitative'], use: ['embedded'] }), { evidence: ['trial-protocol', 'qualitative', 'rct', 'research'], use: ['embedded'] });
  });
});

describe('sub-tags: roll-ups', () => {
  const doc = parseDocument(DOC, lookup);

  it('the document summary counts each passage once for every ancestor of its tags', () => {
    const { counts, pairs } = summarizeDocument(doc);
    const evidence = counts.get('evidence')!;
    assert.deepEqual([...evidence].map(([id, c]) => [id, c.passages, c.characters]).sort(), [
      ['practice', 1, 1],
      ['qualitative', 1, 2],
      ['rct', 3, 1 + 2 + 3],
      ['research', 4, 1 + 2 + 3 + 4],
      ['trial-protocol', 1, 3],
    ]);
    assert.equal(pairs.get('research')!.get('transparent'), 2);
    assert.equal(pairs.get('rct')!.get('instrumental'), 1);
  });

  it('the workspace tally lists sub-tags after their parent with depth, and the matrix rolls up too', () => {
    const tally = tallyDocuments([{ file: 'a.md', summary: summarizeDocument(doc) }], NESTED);
    const evidence = tally.dimensions[0].tags.map((t) => `${t.depth}:${t.id}${t.parent ? `<${t.parent}` : ''}=${t.passages}`);
    assert.deepEqual(evidence, ['0:research=4', '1:rct<research=3', '2:trial-protocol<rct=1', '1:qualitative<research=1', '0:sector-data=0', '0:pedagogical=0', '0:practice=1']);
    assert.deepEqual(tally.matrix.rows.map((r) => `${r.depth}:${r.id}`).slice(0, 4), ['0:research', '1:rct', '2:trial-protocol', '1:qualitative']);
    const transparent = tally.matrix.columns.findIndex((c) => c.id === 'transparent');
    assert.deepEqual(tally.matrix.counts.slice(0, 4).map((row) => row[transparent]), [2, 2, 1, 0]);
    assert.equal(tally.passages, 5, 'the passage total is not inflated by roll-ups');
  });

  it('the workspace index counts rolled up, and the JSON export carries depth and parent', () => {
    const indexed = indexDocument('a', 'a.md', doc);
    assert.equal(indexed.tagCounts.get(tagKey('evidence', 'research')), 4);
    assert.equal(indexed.dimensionCounts.get('evidence'), 5);
    const json = JSON.parse(exportJson({ documents: [{ file: 'a.md', parsed: doc }], codebook: NESTED, generated: new Date(0) }));
    assert.ok(exportSchema.safeParse(json).success);
    assert.deepEqual(json.tally.dimensions[0].tags[2], { id: 'trial-protocol', label: 'Trial protocol', parent: 'rct', depth: 2, passages: 1, characters: 3, share: 0.2, files: 1, known: true });
    assert.deepEqual(json.files[0].passages[1].tags, { evidence: ['rct', 'qualitative'], use: ['instrumental'] }, 'passages keep the tags as written');
  });

  it('a parse remembers its codebook: an edit under another codebook parses afresh', () => {
    const before = parseDocument(DOC, new CodebookLookup(DEFAULT_CODEBOOK));
    assert.equal(summarizeDocument(before).counts.get('evidence')!.get('research')!.passages, 2, 'without sub-tags, only the passages tagged research');
    const text = DOC.replace('[a]', '[ab]');
    const after = reparseDocument(before, { start: 2, removed: 0, text: text.slice(2, 3) }, lookup);
    assert.equal(after.lookup, lookup);
    assert.equal(summarizeDocument(after).counts.get('evidence')!.get('research')!.passages, 4);
  });
});

describe('sub-tags: REFI-QDA', () => {
  it('the codebook export nests sub-codes in their parent and still validates; importing it gives the same tree', async () => {
    const qdc = exportQdc(NESTED);
    await xmllint('Codebook.xsd', qdc);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'Code' }).parse(qdc);
    const research = xml.CodeBook.Codes.Code[0].Code[0];
    assert.equal(research.name, 'Research evidence');
    assert.deepEqual(research.Code.map((c: { name: string }) => c.name), ['Randomised trial', 'Qualitative study']);
    assert.equal(research.Code[0].Code[0].name, 'Trial protocol');
    const back = importRefiCodebook(new TextEncoder().encode(qdc), 'nested.qdc');
    assert.ok(back.ok);
    const shape = (book: Codebook) => book.dimensions.map((d) => d.tags.map((t) => [t.id, t.label, t.parent]));
    assert.deepEqual(shape(back.codebook), shape({ ...NESTED, dimensions: NESTED.dimensions.map((d) => ({ ...d, tags: new CodebookLookup(NESTED).tree(d.id).map((x) => x.tag) })) }));
  });

  it('the project codes a passage with the sub-tag it carries, and validates', async () => {
    const { 'project.qde': qde } = exportProject({ documents: [{ file: 'a.md', parsed: parseDocument(DOC, lookup) }], codebook: NESTED, generated: new Date(0) });
    await xmllint('Project.xsd', qde);
    assert.equal(qde.match(/<Coding /g)!.length, 10);
  });

  it("a third-party codebook's depth is kept: grandchildren become sub-tags, labels stay their own", () => {
    const qdc = `<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
      <Code guid="00000000-0000-0000-0000-000000000001" name="Themes" isCodable="false">
        <Code guid="00000000-0000-0000-0000-000000000002" name="Trust" isCodable="true">
          <Code guid="00000000-0000-0000-0000-000000000003" name="Trust in data" isCodable="true">
            <Code guid="00000000-0000-0000-0000-000000000004" name="Trust" isCodable="true"/>
          </Code>
        </Code>
      </Code></Codes></CodeBook>`;
    const result = importRefiCodebook(new TextEncoder().encode(qdc), 'themes.qdc');
    assert.ok(result.ok);
    assert.deepEqual(result.codebook.dimensions[0].tags.map((t) => [t.id, t.label, t.parent]), [
      ['trust', 'Trust', undefined],
      ['trust-in-data', 'Trust in data', 'trust'],
      ['trust-2', 'Trust', 'trust-in-data'],
    ]);
  });
});

describe('sub-tags: refactorings keep the tree whole', () => {
  const parents = (book: Codebook) => Object.fromEntries(book.dimensions[0].tags.map((t) => [t.id, t.parent ?? null]));

  it('rename: sub-tags follow the new id', () => {
    const after = refactorCodebook(NESTED, { kind: 'rename', dimension: 'evidence', tag: 'research', to: 'studies' });
    assert.equal(parents(after).rct, 'studies');
    assert.equal(parents(after).qualitative, 'studies');
  });

  it('delete: sub-tags move up to the deleted tag’s parent (or the top level), in the file as in the object', () => {
    const after = refactorCodebook(NESTED, { kind: 'delete', dimension: 'evidence', tag: 'rct' });
    assert.equal(parents(after)['trial-protocol'], 'research');
    const top = refactorCodebook(NESTED, { kind: 'delete', dimension: 'evidence', tag: 'research' });
    assert.equal(parents(top).rct, null);
    const file = loadCodebook(refactorCodebookText(JSON.stringify(NESTED, null, 2), NESTED, { kind: 'delete', dimension: 'evidence', tag: 'research' }));
    assert.ok(file.ok, 'the file still loads');
    assert.deepEqual(parents(file.codebook), parents(top));
  });

  it('merge: sub-tags go with it, never into a circle when merging into a descendant', () => {
    const sideways = refactorCodebook(NESTED, { kind: 'merge', dimension: 'evidence', tag: 'rct', into: 'qualitative' });
    assert.equal(parents(sideways)['trial-protocol'], 'qualitative');
    const down = refactorCodebook(NESTED, { kind: 'merge', dimension: 'evidence', tag: 'research', into: 'trial-protocol' });
    assert.deepEqual([parents(down).rct, parents(down).qualitative, parents(down)['trial-protocol']], [null, null, 'rct']);
  });

  it('move: refused while the tag has sub-tags; a moved sub-tag leaves its parent behind', () => {
    assert.match(checkChange(NESTED, { kind: 'move', dimension: 'evidence', tag: 'rct', toDimension: 'use' })!, /has sub-tags/);
    assert.equal(checkChange(NESTED, { kind: 'move', dimension: 'evidence', tag: 'qualitative', toDimension: 'use' }), undefined);
    const moved = refactorCodebook(NESTED, { kind: 'move', dimension: 'evidence', tag: 'qualitative', toDimension: 'use' });
    assert.equal(moved.dimensions[1].tags.at(-1)!.parent, undefined);
  });

  it('split: the new tag is a sibling, or with asSubTag a sub-tag of the one split', () => {
    const sibling = refactorCodebook(NESTED, { kind: 'split', dimension: 'evidence', tag: 'rct', to: 'cluster-rct', passages: [] });
    assert.equal(parents(sibling)['cluster-rct'], 'research');
    const child = refactorCodebook(NESTED, { kind: 'split', dimension: 'evidence', tag: 'rct', to: 'cluster-rct', passages: [], asSubTag: true });
    assert.equal(parents(child)['cluster-rct'], 'rct');
  });
});
