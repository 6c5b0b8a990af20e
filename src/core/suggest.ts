// Cues, and suggestions from them: for a piece of text, each tag scores the cues of it that occur
// there, and the tags that score enough are suggested per dimension, best first, with the cues that fired.
// Matching is by word stems (case- and inflection-tolerant, whole words only); acronym cues (RCT, EMIS)
// match only as written. A cue weighs the sum of its words, a common word a quarter of a specific one,
// so "attendance registers" counts far more than "data"; a cue several tags share is split among them.
// Suggestions are advice: nothing here changes text.
import type { Codebook } from './codebook/schema';
import type { ParsedDocument } from './parse';
import { summarizeDocument } from './tally';
import { COMMON_STEMS, isAcronym, stem, words, type Word } from './words';

export interface Suggestion {
  dimension: string;
  tag: string;
  label: string;
  score: number;
  /** The cues that fired, as written in the codebook, strongest first. */
  cues: string[];
}

export interface SuggestOptions {
  /** A tag needs at least this score; one specific word scores 1. */
  minScore?: number;
  /** At most this many suggestions per dimension (a single-choice dimension always gets at most one). */
  perDimension?: number;
}

interface CueWord {
  stem: string;
  /** Set for acronyms: the word must be written exactly so (a plural s allowed). */
  exact?: string;
}

interface Cue {
  text: string;
  words: CueWord[];
  /** The words as compared ("mentor" and "mentoring" share one): cues with the same key are the same cue. */
  key: string;
  weight: number;
  dimension: string;
  tag: string;
}

const ACRONYM_WEIGHT = 1.5;
const COMMON_WEIGHT = 0.25;
/** A second, third… occurrence of the same cue adds this much of its weight, up to four. */
const REPEAT_BONUS = 0.2;

export class Suggester {
  /** Cues by the stem of their first word, for one lookup per word of the text. */
  private readonly byFirstStem = new Map<string, Cue[]>();
  private readonly labels = new Map<string, string>();
  private readonly single = new Set<string>();
  private readonly order: string[];

  constructor(readonly codebook: Codebook) {
    const cues: Cue[] = [];
    const sharing = new Map<string, Set<string>>();
    for (const dimension of codebook.dimensions) {
      if (!dimension.multiple) this.single.add(dimension.id);
      for (const tag of dimension.tags) {
        this.labels.set(`${dimension.id}\u0000${tag.id}`, tag.label);
        const seen = new Set<string>();
        for (const text of tag.cues) {
          const cueWords = compileCue(text);
          const key = cueKey(cueWords);
          // Cues that stem alike ("mentor", "mentoring") are one cue: counted once, shown as first written.
          if (cueWords.length === 0 || seen.has(key)) continue;
          seen.add(key);
          const weight = cueWords.reduce((sum, w) => sum + (w.exact ? ACRONYM_WEIGHT : COMMON_STEMS.has(w.stem) ? COMMON_WEIGHT : 1), 0);
          cues.push({ text, words: cueWords, key, weight, dimension: dimension.id, tag: tag.id });
          if (!sharing.has(key)) sharing.set(key, new Set());
          sharing.get(key)!.add(`${dimension.id}\u0000${tag.id}`);
        }
      }
    }
    for (const cue of cues) {
      cue.weight /= sharing.get(cue.key)!.size;
      const first = cue.words[0].stem;
      if (!this.byFirstStem.has(first)) this.byFirstStem.set(first, []);
      this.byFirstStem.get(first)!.push(cue);
    }
    this.order = codebook.dimensions.map((d) => d.id);
  }

  /** Ranked suggestions for text[from, to): grouped by dimension in codebook order, best first within each. */
  suggest(text: string, options: SuggestOptions = {}, from = 0, to = text.length): Suggestion[] {
    const minScore = options.minScore ?? 1;
    const perDimension = options.perDimension ?? 3;
    const fired = new Map<Cue, number>();
    this.fire(words(text, from, to), (cue) => fired.set(cue, (fired.get(cue) ?? 0) + 1));
    const byTag = new Map<string, { score: number; cues: { text: string; score: number }[] }>();
    for (const [cue, count] of fired) {
      const key = `${cue.dimension}\u0000${cue.tag}`;
      const score = cue.weight * (1 + REPEAT_BONUS * (Math.min(count, 4) - 1));
      const entry = byTag.get(key) ?? { score: 0, cues: [] };
      entry.score += score;
      entry.cues.push({ text: cue.text, score });
      byTag.set(key, entry);
    }
    const suggestions: Suggestion[] = [];
    for (const [key, { score, cues }] of byTag) {
      if (score < minScore) continue;
      const [dimension, tag] = key.split('\u0000');
      suggestions.push({ dimension, tag, label: this.labels.get(key) ?? tag, score: Math.round(score * 100) / 100, cues: cues.sort((a, b) => b.score - a.score).map((c) => c.text) });
    }
    const rank = (d: string) => this.order.indexOf(d);
    suggestions.sort((a, b) => rank(a.dimension) - rank(b.dimension) || b.score - a.score || (a.tag < b.tag ? -1 : 1));
    const kept = new Map<string, number>();
    return suggestions.filter((s) => {
      const n = kept.get(s.dimension) ?? 0;
      if (n >= (this.single.has(s.dimension) ? 1 : perDimension)) return false;
      kept.set(s.dimension, n + 1);
      return true;
    });
  }

  /** The best suggestion of each dimension: what a one-line hint shows. */
  top(text: string, options: SuggestOptions = {}, from = 0, to = text.length): Suggestion[] {
    const seen = new Set<string>();
    return this.suggest(text, { ...options, perDimension: 1 }, from, to).filter((s) => !seen.has(s.dimension) && seen.add(s.dimension));
  }

  /** Every cue of the codebook that occurs in text[from, to), in text order. */
  hits(text: string, from = 0, to = text.length): CueHit[] {
    const hits: CueHit[] = [];
    const list = words(text, from, to);
    this.fire(list, (cue, at) => hits.push({ dimension: cue.dimension, tag: cue.tag, cue: cue.text, start: list[at].start, end: list[at + cue.words.length - 1].end }));
    return hits;
  }

  /** Calls `found` for each occurrence of each cue among the words (overlapping cues all count), in word order. */
  private fire(list: Word[], found: (cue: Cue, at: number) => void): void {
    for (let i = 0; i < list.length; i++) {
      for (const cue of this.byFirstStem.get(list[i].stem) ?? []) if (occursAt(cue.words, list, i)) found(cue, i);
    }
  }
}

export interface CueHit {
  dimension: string;
  tag: string;
  /** The cue as written in the codebook. */
  cue: string;
  /** Offsets of the match in the text. */
  start: number;
  end: number;
}

/** A cue's words as matched: stems, and for acronyms (capitals after the first letter) the word as written. */
function compileCue(cue: string): CueWord[] {
  return words(cue).map((w): CueWord => (isAcronym(w.raw) ? { stem: w.stem, exact: w.raw } : { stem: w.stem }));
}

const cueKey = (cueWords: CueWord[]) => cueWords.map((w) => w.exact ?? w.stem).join(' ');

function occursAt(cue: CueWord[], list: Word[], at: number): boolean {
  return at + cue.length <= list.length && cue.every((w, k) => matches(w, list[at + k]));
}

function matches(cue: CueWord, word: Word): boolean {
  if (cue.stem !== word.stem) return false;
  return !cue.exact || word.raw === cue.exact || word.raw === `${cue.exact}s`;
}

/** Whether one cue occurs in the text, matched as the suggester matches it. */
export function cueOccurs(cue: string, text: string): boolean {
  const cueWords = compileCue(cue);
  const list = words(text);
  return cueWords.length > 0 && list.some((_, i) => occursAt(cueWords, list, i));
}

/** Every cue of the codebook that occurs in `text`, in text order. */
export function findCues(text: string, codebook: Codebook): CueHit[] {
  return suggesterFor(codebook).hits(text);
}

const suggesters = new WeakMap<Codebook, Suggester>();

/** One suggester per codebook object (codebooks are immutable once loaded). */
export function suggesterFor(codebook: Codebook): Suggester {
  let suggester = suggesters.get(codebook);
  if (!suggester) suggesters.set(codebook, (suggester = new Suggester(codebook)));
  return suggester;
}

/** "Sector-generated data · Instrumental use" for a set of suggestions. */
export function describeSuggestions(suggestions: Suggestion[]): string {
  return suggestions.map((s) => s.label).join(' · ');
}

export interface ParagraphSuggestions {
  start: number;
  end: number;
  suggestions: Suggestion[];
}

/** Each untagged paragraph (not heading) of a document with its suggestions; paragraphs with none are left out. */
export function suggestUntagged(doc: ParsedDocument, codebook: Codebook, options: SuggestOptions = {}): ParagraphSuggestions[] {
  const suggester = suggesterFor(codebook);
  return summarizeDocument(doc)
    .untaggedBlocks.filter((block) => !block.heading)
    .map((block) => ({ start: block.start, end: block.end, suggestions: suggester.suggest(doc.text, options, block.start, block.end) }))
    .filter((p) => p.suggestions.length > 0);
}

export { stem };
