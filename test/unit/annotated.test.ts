// The annotated HTML export: the coded documents themselves, passages highlighted as in the preview.
import { strict as assert } from 'node:assert';
import { readFileSync as read, readdirSync as list } from 'node:fs';
import { join as joinPath, resolve as resolvePath } from 'node:path';
import { CodebookLookup as Lookup, DEFAULT_CODEBOOK as codebook, exportAnnotatedHtml, parseDocument as parse, summarizeDocument as summarize, tallyDocuments as tally } from '../../src/core';

describe('annotated HTML export', () => {
  it('renders the documents with exactly their passages highlighted, a legend with the tally’s counts, and no scripts', () => {
    const folder = resolvePath(__dirname, '../../samples');
    const reader = new Lookup(codebook);
    const documents = list(folder).filter((f) => f.endsWith('.md')).map((f) => ({ file: `samples/${f}`, parsed: parse(read(joinPath(folder, f), 'utf8'), reader) }));
    documents.push({ file: 'evil.md', parsed: parse('<script>alert(1)</script>\n\n[x]{evidence=research note="<b>bold</b>"}\n', reader) });
    const html = exportAnnotatedHtml({ documents, codebook, generated: new Date('2026-01-01T00:00:00Z'), projectName: 'Samples' });
    const passages = documents.reduce((n, d) => n + d.parsed.passages.length, 0);
    assert.equal((html.match(/class="evidence-passage evidence-(span|div)/g) ?? []).length, passages);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data: https:">/);
    assert.match(html, /title="Type of evidence: Research evidence&#10;Note: &lt;b&gt;bold&lt;\/b&gt;"/, 'a note is text, not markup');
    const counts = tally(documents.map((d) => ({ file: d.file, summary: summarize(d.parsed) })), codebook);
    for (const tag of counts.dimensions.flatMap((d) => d.tags).filter((t) => t.passages > 0 && t.known)) {
      assert.match(html, new RegExp(`${tag.label.replace(/[()]/g, '\\$&')} <span class="count">${tag.passages}</span>`), tag.id);
    }
    assert.match(html, /<a href="#document-4">evil\.md<\/a>/);
    assert.doesNotMatch(html.replace(/<code>[^<]*<\/code>/g, ''), /\]\{evidence=/, 'markup hidden (code aside)');
  });
});
