// Cues: phrases in a codebook that suggest a tag. A cue matches as a whole word or phrase (not inside a
// longer word), ignoring case, except a cue with capitals after its first letter (RCT, EMIS, TaRL), which is
// an acronym or a name and must match as written. A plural ending (s, es) is allowed.
import type { Codebook } from './codebook/schema';

const cache = new Map<string, RegExp>();

export function cuePattern(cue: string): RegExp {
  let pattern = cache.get(cue);
  if (!pattern) {
    const escaped = cue.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    const exact = /\p{Lu}/u.test(cue.slice(1));
    // A plural (s or es) counts as the cue: "RCT" finds "RCTs", "mentor" finds "mentors".
    const plural = /\p{L}$/u.test(cue) ? '(?:e?s)?' : '';
    pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${plural}(?![\\p{L}\\p{N}])`, exact ? 'gu' : 'giu');
    cache.set(cue, pattern);
  }
  return pattern;
}

export interface CueHit {
  dimension: string;
  tag: string;
  cue: string;
  /** Offsets of the match in the text. */
  start: number;
  end: number;
}

/** Every cue of the codebook that occurs in `text`, in text order. */
export function findCues(text: string, codebook: Codebook): CueHit[] {
  const hits: CueHit[] = [];
  for (const dimension of codebook.dimensions) {
    for (const tag of dimension.tags) {
      for (const cue of tag.cues) {
        const pattern = cuePattern(cue);
        pattern.lastIndex = 0;
        for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
          hits.push({ dimension: dimension.id, tag: tag.id, cue, start: match.index, end: match.index + match[0].length });
        }
      }
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}
