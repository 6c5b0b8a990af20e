// Exports and imports: CSV safety, JSON shape, REFI-QDA validity (xmllint against the published schemas)
// and a .qdpx round trip at code-point positions.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { strFromU8, unzipSync } from 'fflate';
import { DEFAULT_CODEBOOK, csvCell, exportCsv, exportHtml, exportJson, exportProject, exportQdc, exportQdpx, exportSchema, importRefiCodebook, parseDocument, type ExportInput } from '../../src/core';
import { defaultLookup as lookup, REFI_SCHEMAS, xmllint } from './helpers';

const SCHEMAS = REFI_SCHEMAS;
const when = new Date('2026-03-01T12:00:00Z');

const DOCS: Record<string, string> = {
  'café/entretien.md': '# Entretien 😀\n\nL’équipe a [analysé les données 📊 de présence]{evidence=sector-data use=instrumental note="Vérifier 👩‍🔬 la source"}.\n\n::: {evidence=research use=transparent}\nUne étude [randomisée]{level=system} a été partagée.\n:::\n\nNon balisé.\n',
  'report.md': 'Plain [=SUM(A1:A2)]{evidence=practice note="+danger"} and [a, "quoted"\nline]{evidence=pedagogical use=embedded} and [x]{evidence=reserch}.\n',
};

function input(docs = DOCS): ExportInput {
  return { documents: Object.entries(docs).map(([file, text]) => ({ file, parsed: parseDocument(text, lookup) })), codebook: DEFAULT_CODEBOOK, generated: when, projectName: 'Test project' };
}

describe('CSV export', () => {
  it('neutralises formula injection and quotes per RFC 4180', () => {
    assert.equal(csvCell('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@cmd'), "'@cmd");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('a, "b"\nc'), '"a, ""b""\nc"');
    assert.equal(csvCell(12), '12');
    assert.equal(csvCell('plain'), 'plain');
  });

  it('writes one row per passage and tag, with a BOM on request', () => {
    const csv = exportCsv(input(), { bom: true });
    assert.ok(csv.startsWith('\ufefffile,line,column,kind,dimension,tag,label,note,text\r\n'));
    const lines = csv.slice(1).trimEnd().split('\r\n');
    assert.ok(lines.includes(`report.md,1,7,span,evidence,practice,Practice-informed advice,'+danger,'=SUM(A1:A2)`));
    assert.ok(csv.includes('"a, ""quoted""\nline"'), 'a line break inside a quoted cell');
    assert.ok(lines.some((l) => l.startsWith('report.md,2,') && l.includes(',evidence,reserch,reserch,')), 'unknown tags are exported as written');
    assert.ok(!exportCsv(input()).startsWith('\ufeff'));
  });
});

describe('JSON export', () => {
  it('matches its zod schema and carries passages, codebook, tally and coverage', () => {
    const data = exportSchema.parse(JSON.parse(exportJson(input())));
    assert.equal(data.generated, when.toISOString());
    assert.equal(data.files.length, 2);
    const [cafe] = data.files;
    assert.deepEqual(cafe.passages.map((p) => ({ ...p.tags })), [{ evidence: ['sector-data'], use: ['instrumental'] }, { evidence: ['research'], use: ['transparent'] }, { level: ['system'] }]);
    assert.equal(cafe.passages[0].note, 'Vérifier 👩‍🔬 la source');
    assert.ok(cafe.coverage.untaggedParagraphs.some((p) => p.text === 'Non balisé.'));
    assert.equal(data.tally.passages, 6);
    assert.deepEqual(data.codebook, DEFAULT_CODEBOOK);
  });
});

describe('REFI-QDA export', () => {
  it('the codebook validates against Codebook.xsd, with stable GUIDs', async () => {
    const qdc = exportQdc(DEFAULT_CODEBOOK);
    await xmllint('Codebook.xsd', qdc);
    assert.equal(exportQdc(DEFAULT_CODEBOOK), qdc, 'same GUIDs every time');
    assert.match(qdc, /<Code guid="[0-9A-F-]{36}" name="Type of evidence" isCodable="false">/);
    assert.match(qdc, /<Code guid="[0-9A-F-]{36}" name="Research evidence" isCodable="true" color="#1f6fb2">/);
  });

  it('the schema check itself rejects what the schema forbids', async () => {
    const broken = exportQdc(DEFAULT_CODEBOOK).replace(/ isCodable="(true|false)"/, ' isCodable="maybe"');
    await assert.rejects(xmllint('Codebook.xsd', broken), /Codebook\.xsd rejects the export/);
  });

  it('the project validates against Project.xsd, including notes and unknown tags', async () => {
    const { 'project.qde': qde } = exportProject(input());
    await xmllint('Project.xsd', qde);
    assert.match(qde, /<Note guid=/);
    assert.match(qde, /name="reserch"/);
    assert.doesNotMatch(qde, /richTextPath/);
  });

  it('round trip: each selection, read back from the .qdpx in code points, is the passage text', () => {
    const zip = unzipSync(exportQdpx(input()));
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['TextSource', 'PlainTextSelection', 'Coding', 'Code', 'Note'].includes(name) });
    const project = parser.parse(strFromU8(zip['project.qde'])).Project;
    const codeNames = new Map<string, string>();
    const walk = (codes: { guid: string; name: string; Code?: unknown[] }[]) => codes.forEach((c) => (codeNames.set(c.guid, c.name), c.Code && walk(c.Code as never)));
    walk(project.CodeBook.Codes.Code);
    const notes = new Map<string, string>(project.Notes.Note.map((n: { guid: string; PlainTextContent: string }) => [n.guid, n.PlainTextContent]));
    const expected = input().documents;
    assert.equal(project.Sources.TextSource.length, expected.length);
    project.Sources.TextSource.forEach((source: { name: string; Description: string; plainTextPath: string; PlainTextSelection: { startPosition: string; endPosition: string; Coding: { CodeRef: { targetGUID: string } }[]; NoteRef?: { targetGUID: string } }[] }, s: number) => {
      const text = strFromU8(zip[`sources/${source.plainTextPath.replace('internal://', '')}`]);
      const points = [...text];
      const { parsed, file } = expected[s];
      assert.equal(source.name, file.split('/').pop(), 'named by basename');
      assert.equal(source.Description, `Path: ${file}`, 'the path kept in the description');
      source.PlainTextSelection.forEach((selection, i) => {
        const passage = parsed.passages[i];
        const got = points.slice(Number(selection.startPosition), Number(selection.endPosition)).join('');
        const want = parsed.text.slice(passage.contentStart, passage.contentEnd).replace(/\[([^\]]*)\]\{[^}]*\}/g, '$1');
        assert.equal(got, want, `${file} passage ${i}`);
        const labels = selection.Coding.map((c) => codeNames.get(c.CodeRef.targetGUID));
        assert.equal(labels.length, Object.values(passage.tags).flat().length);
        if (passage.note) assert.equal(notes.get(selection.NoteRef!.targetGUID), passage.note);
        assert.equal((selection as { Description?: string }).Description, passage.note ?? undefined, 'the note is the selection description too (QualCoder reads memos there)');
      });
    });
    // The plain text is the document with every passage's markup removed, emoji and accents intact.
    const cafe = strFromU8(Object.entries(zip).find(([name, bytes]) => name.startsWith('sources/') && strFromU8(bytes).includes('Entretien'))![1]);
    assert.equal(cafe, '# Entretien 😀\n\nL’équipe a analysé les données 📊 de présence.\n\nUne étude randomisée a été partagée.\n\nNon balisé.\n');
  });
});

describe('REFI-QDA export: what other tools need', () => {
  const parse = (qde: string) => new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['TextSource', 'PlainTextSelection', 'Coding', 'Code'].includes(name) }).parse(qde).Project;

  it('CRLF documents: the source text has LF line ends and positions count on it', () => {
    const text = 'One\r\n\r\nTwo [tagged]{evidence=research}\r\nstill\r\n\r\n::: {evidence=practice}\r\nThree\r\n:::\r\n';
    const files = exportProject(input({ 'crlf.md': text }));
    const source = Object.values(files.sources)[0];
    assert.equal(source, 'One\n\nTwo tagged\nstill\n\nThree\n');
    const selections = parse(files['project.qde']).Sources.TextSource[0].PlainTextSelection;
    assert.deepEqual(selections.map((s: { startPosition: string; endPosition: string }) => source.slice(Number(s.startPosition), Number(s.endPosition))), ['tagged', 'Three']);
  });

  it('sources are named by unique basenames; repeated code names get their dimension', async () => {
    const codebook = { ...DEFAULT_CODEBOOK, dimensions: [...DEFAULT_CODEBOOK.dimensions.slice(0, 2).map((d) => ({ ...d, tags: [...d.tags, { id: 'other', label: 'Other', definition: 'Anything else.', aliases: [], cues: [] }] }))] };
    const docs = { 'a/notes.md': '[x]{evidence=other}\n', 'b/notes.md': '[y]{use=other}\n', 'notes.md': 'z\n' };
    const { 'project.qde': qde } = exportProject({ ...input(docs), codebook });
    await xmllint('Project.xsd', qde);
    const project = parse(qde);
    assert.deepEqual(project.Sources.TextSource.map((s: { name: string }) => s.name), ['notes.md', 'notes (2).md', 'notes (3).md']);
    const names: string[] = [];
    const walk = (codes: { name: string; Code?: unknown[] }[]) => codes.forEach((c) => (names.push(c.name), c.Code && walk(c.Code as never)));
    walk(project.CodeBook.Codes.Code);
    assert.ok(names.includes('Other (Type of evidence)') && names.includes('Other (Form of evidence use)'), names.join(', '));
    assert.equal(new Set(names.map((n) => n.toLowerCase())).size, names.length, 'every code name unique');
  });
});

describe('HTML report', () => {
  it('is self-contained, escaped, with the matrix as an SVG heatmap and links back to lines', () => {
    const html = exportHtml(input({ 'x.md': '[<script>alert(1)</script>]{evidence=research use=embedded note="<b>n</b>"}\n' }), { linkTo: (file, line) => `${file}#L${line}` });
    assert.doesNotMatch(html, /<script>/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /<svg [^>]*role="img"/);
    assert.match(html, /href="x\.md#L1"/);
    assert.match(html, /Content-Security-Policy/);
    assert.doesNotMatch(html, /(src|href)="https?:/);
  });
});

describe('REFI-QDA codebook import', () => {
  it('reads the ATLAS.ti sample: top-level codes become dimensions, children tags, with messages', () => {
    const result = importRefiCodebook(readFileSync(join(SCHEMAS, 'atlas-ti-sample.qdpx')), 'atlas-ti-sample.qdpx');
    assert.ok(result.ok);
    assert.deepEqual(result.codebook.dimensions.map((d) => [d.id, d.tags.map((t) => t.label)]), [['commits', ['2022-05-10T02:05:59Z 19e4dce', '2022-02-11T10:39:25Z cdbfd92']]]);
    assert.ok(result.codebook.dimensions[0].tags.every((t) => /^\p{L}/u.test(t.id)));
    assert.ok(result.messages.some((m) => /codable in the source/.test(m)));
  });

  it('round-trips our own .qdc back to the same ids, labels and definitions', () => {
    const result = importRefiCodebook(new TextEncoder().encode(exportQdc(DEFAULT_CODEBOOK)), 'evidence.qdc');
    assert.ok(result.ok);
    assert.deepEqual(result.codebook.dimensions.map((d) => [d.id, d.tags.map((t) => [t.id, t.label, t.definition])]), DEFAULT_CODEBOOK.dimensions.map((d) => [d.id, d.tags.map((t) => [t.id, t.label, t.definition])]));
  });

  it('says clearly what it cannot read', () => {
    const notXml = importRefiCodebook(new TextEncoder().encode('hello'), 'x.qdc');
    assert.ok(!notXml.ok && /no REFI-QDA codebook/.test(notXml.error));
    const emptyZip = importRefiCodebook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'x.qdpx');
    assert.ok(!emptyZip.ok);
  });
});
