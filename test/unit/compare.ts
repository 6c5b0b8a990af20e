// Our passages and pandoc's spans/divs in one comparable shape.
import { markupOf, parseDocument, type Passage } from '../../src/core';
import { lettersOf, pandocElements } from './pandocOracle';
import { lookup } from './helpers';

export interface Comparable {
  kind: string;
  id: string;
  classes: string[];
  pairs: [string, string][];
  letters: string;
}

/** Our passages in pandoc's terms; nested attribute lists and fence lines are left out of the letters. */
export function ourElements(text: string): Comparable[] {
  const { passages } = parseDocument(text, lookup);
  return passages.map((p) => ({
    kind: p.kind,
    id: p.attributes.id,
    classes: p.attributes.classes,
    pairs: p.attributes.pairs.map((pair) => [pair.key, pair.value] as [string, string]),
    letters: lettersOf(
      withoutNestedMarkup(text, passages, p)
        .replace(/\]\{(?:[^}"\\]|\\.|"(?:[^"\\]|\\.)*")*\}/g, ']'),
    ),
  }));
}

export async function pandocPassages(text: string): Promise<Comparable[]> {
  return (await pandocElements(text)).filter((e) => e.pairs.some(([key]) => lookup.isDimension(key)));
}

/** The passage's content with the markup of the passages nested in it removed. */
function withoutNestedMarkup(text: string, passages: Passage[], outer: Passage): string {
  const cuts = passages
    .filter((p) => p !== outer && p.start >= outer.contentStart && p.end <= outer.contentEnd)
    .flatMap(markupOf)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = outer.contentStart;
  for (const [from, to] of cuts) {
    out += text.slice(at, Math.max(at, from));
    at = Math.max(at, to);
  }
  return out + text.slice(at, outer.contentEnd);
}
