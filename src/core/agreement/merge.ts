// Three-way merge of two codings of the same text (git's merge driver): when neither side changed the text
// itself, each version is that text with markup in the gaps between its characters, and the gaps merge
// one by one. The result is accepted only if it parses to exactly the codings expected (the base's, less
// what either side removed, plus what either side added); anything else is a conflict for the caller.
import type { CodebookLookup } from '../codebook/lookup';
import { parseDocument, type ParsedDocument } from '../parse';
import { markupOf } from '../passage';
import { codedVersion, type CodedVersion } from './align';

export type MergeResult = { ok: true; text: string } | { ok: false; reason: string };

/** Markup per gap: gaps[g] is what stands before plain character g (gaps[n] after the last). */
function gapsOf(doc: ParsedDocument, toPlain: Int32Array, length: number): string[] {
  const gaps = new Array<string>(length + 1).fill('');
  for (const [from, to] of doc.passages.flatMap(markupOf).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0])) gaps[toPlain[from]] += doc.text.slice(from, to);
  return gaps;
}

/** Each passage as text: its plain range, kind and attributes as written (order of pairs aside). */
function codingsOf(doc: ParsedDocument, version: CodedVersion = codedVersion(doc)): string[] {
  return doc.passages.map((p) => {
    const pairs = p.attributes.pairs.map((pair) => `${pair.key}=${JSON.stringify(pair.value)}`).sort();
    return [version.toPlain[p.contentStart], version.toPlain[p.contentEnd], p.kind, p.attributes.id, [...p.attributes.classes].sort().join('.'), ...pairs].join(' ');
  });
}

function counts(list: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const item of list) out.set(item, (out.get(item) ?? 0) + 1);
  return out;
}

/** What the merge must code: the base's codings with each side's changes, a change made on both sides once. */
function expectedCodings(base: string[], ours: string[], theirs: string[]): Map<string, number> {
  const b = counts(base);
  const o = counts(ours);
  const t = counts(theirs);
  const keys = new Set([...b.keys(), ...o.keys(), ...t.keys()]);
  const out = new Map<string, number>();
  for (const key of keys) {
    const nb = b.get(key) ?? 0;
    const no = o.get(key) ?? 0;
    const nt = t.get(key) ?? 0;
    // Per coding, as per gap: a change on one side wins; the same change on both sides counts once.
    const n = no === nb ? nt : nt === nb || nt === no ? no : Math.max(no, nt);
    if (n > 0) out.set(key, n);
  }
  return out;
}

const sameCounts = (x: Map<string, number>, y: Map<string, number>) => x.size === y.size && [...x].every(([k, n]) => y.get(k) === n);

export function mergeCodings(baseText: string, oursText: string, theirsText: string, lookup: CodebookLookup): MergeResult {
  const docs = [baseText, oursText, theirsText].map((text) => parseDocument(text, lookup));
  const versions = docs.map(codedVersion);
  if (versions[1].text !== versions[0].text || versions[2].text !== versions[0].text) return { ok: false, reason: 'the text itself changed, not only the tags' };
  const length = versions[0].text.length;
  const [base, ours, theirs] = docs.map((doc, k) => gapsOf(doc, versions[k].toPlain, length));
  const plain = versions[0].text;
  const parts: string[] = [];
  let last = 0;
  for (let g = 0; g <= length; g++) {
    let markup: string;
    if (ours[g] === base[g]) markup = theirs[g];
    else if (theirs[g] === base[g] || theirs[g] === ours[g]) markup = ours[g];
    else {
      const at = docs[0].lines.positionAt(versions[0].original[Math.min(g, length - 1)] ?? 0);
      return { ok: false, reason: `both sides changed the markup at line ${at.line + 1}, column ${at.character + 1}` };
    }
    if (!markup) continue;
    parts.push(plain.slice(last, g), markup);
    last = g;
  }
  parts.push(plain.slice(last));
  const merged = parts.join('');
  const expected = expectedCodings(...(docs.map((doc, k) => codingsOf(doc, versions[k])) as [string[], string[], string[]]));
  const result = parseDocument(merged, lookup);
  if (result.problems.some((p) => p.severity === 'error' && !docs.some((d) => d.problems.some((q) => q.code === p.code && q.message === p.message)))) return { ok: false, reason: 'the merged markup would not parse cleanly' };
  if (!sameCounts(counts(codingsOf(result)), expected)) return { ok: false, reason: 'the two sides’ markup interleaves (passages that cross), so merging it would change what is coded' };
  return { ok: true, text: merged };
}
