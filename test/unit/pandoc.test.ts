// Differential tests: the parser must find exactly the spans and divs that pandoc finds.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { pandocVersion } from './pandocOracle';
import { ourElements, pandocPassages } from './compare';
import { TRICKY_DOCUMENTS } from './trickyDocuments';

describe('parser agrees with pandoc', function () {
  before(async function () {
    this.timeout(60000);
    // Pandoc 3.10 from the pandoc-wasm package: the reference, whatever pandoc the machine may have.
    assert.equal(await pandocVersion(), '1.23.1.2', 'pandoc-wasm speaks the pandoc 3 JSON API');
  });

  TRICKY_DOCUMENTS.forEach(([name, text]) => {
    it(name, async () => {
      assert.deepEqual(ourElements(text), await pandocPassages(text));
    });
  });

  it('the tagged sample documents', async () => {
    for (const file of ['samples/research-schools-leadership.md', 'samples/interview-transcript.md', 'samples/report-excerpt.md']) {
      const text = readFileSync(file, 'utf8');
      const ours = ourElements(text);
      assert.ok(ours.length >= 5, `${file} has tagged passages`);
      assert.deepEqual(ours, await pandocPassages(text), file);
    }
  });

  it('all the documents joined into one (constructs interact across them)', async () => {
    // The document with an unclosed div goes last: pandoc 3 runs that div to the end of the text.
    const text = [...TRICKY_DOCUMENTS].sort(([a], [b]) => Number(a.startsWith('unclosed divs')) - Number(b.startsWith('unclosed divs'))).map(([, t]) => t).join('\n\n');
    // Pandoc lists a footnote's content where it is referenced, so compare as multisets.
    const sorted = (elements: object[]) => elements.map((e) => JSON.stringify(e)).sort();
    assert.deepEqual(sorted(ourElements(text)), sorted(await pandocPassages(text)));
  });

  it('the same documents with CRLF line endings', async () => {
    for (const [name, lf] of TRICKY_DOCUMENTS) {
      const text = lf.replace(/\n/g, '\r\n');
      assert.deepEqual(ourElements(text), await pandocPassages(text), name);
    }
  });
});
