// Fast lookups over a codebook: is this key a dimension, what does this tag id (or alias) mean, what was meant.
import type { Codebook, Dimension, Tag } from './schema';

export interface ResolvedTag {
  dimension: Dimension;
  tag: Tag;
}

/** A tag in codebook order with how deep it sits under its parents (0 for a top-level tag). */
export interface TagInTree {
  tag: Tag;
  depth: number;
}

export class CodebookLookup {
  private readonly dimensions = new Map<string, Dimension>();
  private readonly tags = new Map<string, Map<string, Tag>>();
  /** dimension → parent id (undefined: top level) → its sub-tags in codebook order. */
  private readonly childTags = new Map<string, Map<string | undefined, Tag[]>>();
  /** dimension → tag id → ids of its ancestors, nearest first; filled as tags are asked about. */
  private readonly ancestorIds = new Map<string, Map<string, readonly string[]>>();
  /** Whether any tag has a parent: without one, roll-ups return the tags as they are. */
  readonly hasHierarchy: boolean;

  constructor(readonly codebook: Codebook) {
    let hierarchy = false;
    for (const dimension of codebook.dimensions) {
      this.dimensions.set(dimension.id, dimension);
      const byName = new Map<string, Tag>();
      for (const tag of dimension.tags) {
        byName.set(tag.id, tag);
        for (const alias of tag.aliases) if (!byName.has(alias)) byName.set(alias, tag);
      }
      this.tags.set(dimension.id, byName);
      const children = new Map<string | undefined, Tag[]>();
      for (const tag of dimension.tags) {
        // A parent that is not a tag of the dimension (a codebook that skipped validation) counts as none.
        const parent = tag.parent !== undefined && byName.get(tag.parent)?.id === tag.parent ? tag.parent : undefined;
        if (parent !== undefined) hierarchy = true;
        const list = children.get(parent);
        if (list) list.push(tag);
        else children.set(parent, [tag]);
      }
      this.childTags.set(dimension.id, children);
    }
    this.hasHierarchy = hierarchy;
  }

  /** Ids of the tag's parent, grandparent and so on (empty for a top-level or unknown tag). */
  ancestors(dimensionId: string, tagId: string): readonly string[] {
    if (!this.hasHierarchy) return NONE;
    let known = this.ancestorIds.get(dimensionId);
    if (!known) this.ancestorIds.set(dimensionId, (known = new Map()));
    let chain = known.get(tagId);
    if (!chain) {
      const list: string[] = [];
      const seen = new Set([tagId]);
      // Stops at a circle too, should a codebook that skipped validation have one.
      for (let up = this.tag(dimensionId, tagId)?.parent; up !== undefined && !seen.has(up) && this.tag(dimensionId, up)?.id === up; up = this.tag(dimensionId, up)?.parent) {
        seen.add(up);
        list.push(up);
      }
      known.set(tagId, (chain = list));
    }
    return chain;
  }

  /** The tag's colours, or its nearest ancestor's when it has none of its own. */
  colourOf(dimensionId: string, tagId: string): Tag['color'] {
    const own = this.tag(dimensionId, tagId)?.color;
    if (own) return own;
    for (const up of this.ancestors(dimensionId, tagId)) {
      const colour = this.tag(dimensionId, up)?.color;
      if (colour) return colour;
    }
    return undefined;
  }

  /** The tags whose parent is this tag (or, for undefined, the top-level tags), in codebook order. */
  children(dimensionId: string, tagId: string | undefined): readonly Tag[] {
    return this.childTags.get(dimensionId)?.get(tagId) ?? NO_TAGS;
  }

  /** The dimension's tags depth first: each parent followed by its sub-tags, in codebook order. */
  tree(dimensionId: string): TagInTree[] {
    const out: TagInTree[] = [];
    // Iterative, so a very deep chain of sub-tags cannot overflow the stack.
    const stack: TagInTree[] = [...this.children(dimensionId, undefined)].reverse().map((tag) => ({ tag, depth: 0 }));
    while (stack.length) {
      const next = stack.pop()!;
      out.push(next);
      const below = this.children(dimensionId, next.tag.id);
      for (let i = below.length - 1; i >= 0; i--) stack.push({ tag: below[i], depth: next.depth + 1 });
    }
    return out;
  }

  /**
   * A passage's tags with every ancestor added, each once: what tallies count, so a passage tagged with a
   * sub-tag counts for its parent too, and one tagged with two sub-tags of a parent counts for it once.
   */
  rollUp(tags: Record<string, string[]>): Record<string, string[]> {
    if (!this.hasHierarchy) return tags;
    let out: Record<string, string[]> | undefined;
    for (const dimension in tags) {
      const ids = tags[dimension];
      let all: Set<string> | undefined;
      for (const id of ids) {
        const ancestors = this.ancestors(dimension, id);
        if (ancestors.length === 0) continue;
        all ??= new Set(ids);
        for (const up of ancestors) all.add(up);
      }
      if (all && all.size > ids.length) (out ??= { ...tags })[dimension] = [...all];
    }
    return out ?? tags;
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

const NONE: readonly string[] = [];
const NO_TAGS: readonly Tag[] = [];

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
