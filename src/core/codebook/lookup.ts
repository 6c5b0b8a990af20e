// Fast lookups over a codebook: is this key a dimension, what does this tag id (or alias) mean, what was meant.
import type { Codebook, Dimension, Tag } from './schema';

export interface ResolvedTag {
  dimension: Dimension;
  tag: Tag;
}

export class CodebookLookup {
  private readonly dimensions = new Map<string, Dimension>();
  private readonly tags = new Map<string, Map<string, Tag>>();

  constructor(readonly codebook: Codebook) {
    for (const dimension of codebook.dimensions) {
      this.dimensions.set(dimension.id, dimension);
      const byName = new Map<string, Tag>();
      for (const tag of dimension.tags) {
        byName.set(tag.id, tag);
        for (const alias of tag.aliases) if (!byName.has(alias)) byName.set(alias, tag);
      }
      this.tags.set(dimension.id, byName);
    }
  }

  isDimension(key: string): boolean {
    return this.dimensions.has(key);
  }

  dimension(id: string): Dimension | undefined {
    return this.dimensions.get(id);
  }

  /** The tag a value names in a dimension, by id or alias. */
  tag(dimensionId: string, value: string): Tag | undefined {
    return this.tags.get(dimensionId)?.get(value);
  }

  /** The closest tag id for a misspelt value, or undefined when nothing is close enough. */
  suggest(dimensionId: string, value: string): string | undefined {
    const names = this.tags.get(dimensionId);
    if (!names) return undefined;
    const wanted = value.toLowerCase();
    let best: { id: string; distance: number } | undefined;
    for (const [name, tag] of names) {
      const candidate = name.toLowerCase();
      const distance = candidate.startsWith(wanted) || wanted.startsWith(candidate) ? Math.abs(candidate.length - wanted.length) * 0.5 : editDistance(wanted, candidate);
      if (!best || distance < best.distance) best = { id: tag.id, distance };
    }
    const limit = Math.max(2, Math.floor(wanted.length / 3));
    return best && best.distance <= limit ? best.id : undefined;
  }
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
