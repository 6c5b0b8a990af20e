// REFI-QDA project import: our own .qdpx round-trips exactly; a project built here with crossing codings,
// codings across paragraph breaks, notes both ways, emoji, a PDF and bad positions comes in as tagged
// documents whose passages read back as coded, with every approximation reported; hostile files refused.
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { CodebookLookup, DEFAULT_CODEBOOK, exportProject, exportQdpx, importProject, parseDocument, summarizeDocument, tallyDocuments, type Codebook } from '../../src/core';
import { REFI_SCHEMAS } from './helpers';

const when = new Date('2026-03-01T12:00:00Z');
const SAMPLES = resolve(__dirname, '../../samples');
const lookup = new CodebookLookup(DEFAULT_CODEBOOK);

const tallyOf = (documents: { path: string; text: string }[], codebook: Codebook) => {
  const reader = new CodebookLookup(codebook);
  return tallyDocuments(documents.map((d) => ({ file: d.path, summary: summarizeDocument(parseDocument(d.text, reader)) })), codebook);
};

/** A .qdpx with one text source and the given selections (code point positions), plus a PDF. */
function project(text: string, selections: string, extra = ''): Uint8Array {
  const code = (guid: string, name: string, children = '') => `<Code guid="${guid}" name="${name}" isCodable="true">${children}</Code>`;
  const qde = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Built">
  <CodeBook><Codes>
    <Code guid="00000000-0000-0000-0000-0000000000d1" name="Themes" isCodable="false">
      ${code('00000000-0000-0000-0000-000000000001', 'Trust', code('00000000-0000-0000-0000-000000000002', 'Trust in data'))}
      ${code('00000000-0000-0000-0000-000000000003', 'Research evidence')}
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="00000000-0000-0000-0000-0000000000a1" name="Interviews/Ann: first.txt" plainTextPath="internal://00000000-0000-0000-0000-0000000000a1.txt">
      ${selections}
    </TextSource>
    <PDFSource guid="00000000-0000-0000-0000-0000000000a2" name="Policy.pdf" path="internal://x.pdf"/>
    ${extra}
  </Sources>
  <Notes><Note guid="00000000-0000-0000-0000-0000000000e1"><PlainTextContent>A note by reference</PlainTextContent></Note></Notes>
</Project>`;
  return zipSync({ 'project.qde': strToU8(qde), 'sources/00000000-0000-0000-0000-0000000000a1.txt': strToU8(text) });
}
const selection = (n: number, start: number, end: number, codes: number[], inner = '') =>
  `<PlainTextSelection guid="00000000-0000-0000-0000-0000000001${String(n).padStart(2, '0')}" startPosition="${start}" endPosition="${end}">${inner}${codes.map((c) => `<Coding guid="00000000-0000-0000-0000-0000000002${String(n).padStart(2, '0')}"><CodeRef targetGUID="00000000-0000-0000-0000-00000000000${c}"/></Coding>`).join('')}</PlainTextSelection>`;

describe('REFI-QDA project import', () => {
  it('round trip: the samples exported, imported and exported again give the same project, sources and tally', () => {
    const documents = readdirSync(SAMPLES).filter((f) => f.endsWith('.md')).map((f) => ({ file: `samples/${f}`, parsed: parseDocument(readFileSync(join(SAMPLES, f), 'utf8'), lookup) }));
    const first = { documents, codebook: DEFAULT_CODEBOOK, generated: when };
    const imported = importProject(exportQdpx(first), 'samples.qdpx');
    assert.ok(imported.ok, imported.ok ? '' : imported.error);
    assert.deepEqual(imported.report.dropped, []);
    assert.deepEqual(imported.report.approximations, []);
    assert.deepEqual(imported.documents.map((d) => d.path), documents.map((d) => d.file), 'paths come back from the sources’ descriptions');
    const again = exportProject({ documents: imported.documents.map((d) => ({ file: d.path, parsed: parseDocument(d.text, new CodebookLookup(imported.codebook)) })), codebook: imported.codebook, generated: when });
    const before = exportProject(first);
    assert.equal(again['project.qde'], before['project.qde'], 'same selections, positions, codes and notes');
    assert.deepEqual(again.sources, before.sources);
    assert.deepEqual(tallyOf(imported.documents, imported.codebook).dimensions, tallyDocuments(documents.map((d) => ({ file: d.file, summary: summarizeDocument(d.parsed) })), DEFAULT_CODEBOOK).dimensions);
  });

  it('crossing codings become pieces counted once; a coding across a paragraph break becomes a div; notes come both ways', () => {
    const text = 'Alpha beta gamma delta 😀 end.\n\nSecond paragraph here.\n\nThird one.\n';
    const at = (s: string) => [...text.slice(0, text.indexOf(s))].length;
    const selections = [
      selection(1, at('beta'), at(' delta'), [1], '<Description>Memo in the description</Description>'),
      selection(2, at('gamma'), at(' end'), [3]),
      selection(3, at('delta'), at(' paragraph'), [2], '<NoteRef targetGUID="00000000-0000-0000-0000-0000000000e1"/>'),
      selection(4, at('Third'), at('Third') + 10, [1, 3]),
      selection(5, 5, 999, [1]),
    ].join('');
    const result = importProject(project(text, selections), 'built.qdpx');
    assert.ok(result.ok, result.ok ? '' : result.error);
    const [document] = result.documents;
    assert.equal(document.path, 'Ann- first.md', 'a safe file name from the source name');
    assert.match(result.report.skipped.join('\n'), /Policy\.pdf \(PDF\): not a text source/);
    assert.match(result.report.dropped.join('\n'), /selection 5: positions 5–999 are not inside the text/);
    assert.match(result.report.approximations.join('\n'), /selection 2 .*overlaps another coding without nesting: written as 2 pieces with passage="p1"/);
    assert.match(result.report.approximations.join('\n'), /selection 3 \(lines 1–3\) crosses a paragraph break: tagged as a block around the 2 paragraphs/);
    assert.equal(result.report.sources[0].passages, 4);

    const reader = new CodebookLookup(result.codebook);
    const parsed = parseDocument(document.text, reader);
    assert.deepEqual(parsed.problems, []);
    const summary = summarizeDocument(parsed);
    assert.equal(summary.passageCount, 4, 'two pieces, one passage');
    const themes = summary.counts.get('themes')!;
    assert.equal(themes.get('trust')!.passages, 3, 'trust, and trust in data rolled up into it');
    assert.equal(themes.get('research-evidence')!.passages, 2);
    const plain = (s: string) => s.replace(/\[|\]\{[^}]*\}|^::: .*\n|\n:::$/gm, '');
    assert.equal(plain(document.text), text, 'the text is the source text, markup aside');
    const byNote = (note: string) => parsed.passages.find((p) => p.note === note);
    assert.equal(document.text.slice(byNote('Memo in the description')!.contentStart, byNote('Memo in the description')!.contentEnd).replace(/\[|\]\{[^}]*\}/g, ''), 'beta gamma');
    assert.equal(byNote('A note by reference')!.kind, 'div');
    const pieces = parsed.passages.filter((p) => p.attributes.pairs.some((pair) => pair.key === 'passage'));
    assert.deepEqual(pieces.map((p) => document.text.slice(p.contentStart, p.contentEnd).replace(/\[|\]\{[^}]*\}/g, '')), ['gamma', 'delta 😀']);
    // Exported again, the pieces are one selection over the coded text.
    const qde = exportProject({ documents: [{ file: document.path, parsed }], codebook: result.codebook, generated: when })['project.qde'];
    assert.match(qde, new RegExp(`startPosition="${at('gamma')}" endPosition="${at(' end')}"`));
  });

  it('maps onto a chosen codebook by label, id or alias, and reports the codes that match nothing', () => {
    const text = 'One study found this.\n';
    const result = importProject(project(text, selection(1, 4, 9, [3]) + selection(2, 0, 3, [2])), 'built.qdpx', { codebook: DEFAULT_CODEBOOK });
    assert.ok(result.ok);
    assert.equal(result.documents[0].text, 'One [study]{evidence=research} found this.\n');
    assert.match(result.report.codebook.join('\n'), /"Trust in data" matches no tag of/);
    assert.match(result.report.dropped.join('\n'), /selection 2: coded with an unknown code/);
  });

  it('imports the ATLAS.ti sample (a codebook, no text sources)', () => {
    const result = importProject(readFileSync(join(REFI_SCHEMAS, 'atlas-ti-sample.qdpx')), 'atlas-ti-sample.qdpx');
    assert.ok(result.ok, result.ok ? '' : result.error);
    assert.deepEqual(result.documents, []);
    assert.equal(result.codebook.dimensions[0].id, 'commits');
  });

  it('refuses entries that climb out of the archive, entity declarations, and keeps document names inside the folder', () => {
    const evil = zipSync({ 'project.qde': strToU8('<Project/>'), '../evil.txt': strToU8('x') });
    const refused = importProject(evil, 'evil.qdpx');
    assert.ok(!refused.ok && /points outside the archive/.test(refused.error));
    const entity = importProject(strToU8('<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><Project/>'), 'e.qde');
    assert.ok(!entity.ok && /entities/.test(entity.error));
    const own = `<TextSource guid="00000000-0000-0000-0000-0000000000a3" name="../../etc/passwd"><Description>Path: ../outside.md</Description><PlainTextContent>Hello</PlainTextContent></TextSource>`;
    const result = importProject(project('x\n', '', own), 'p.qdpx');
    assert.ok(result.ok);
    assert.ok(result.documents.every((d) => !d.path.includes('..') && !d.path.startsWith('/')), result.documents.map((d) => d.path).join(', '));
    assert.equal(result.documents[1].text, 'Hello');
  });
});
