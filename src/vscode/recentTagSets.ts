// The tag sets used most recently (per workspace), for "Tag Selection Again" and the top of the first pick.
import * as vscode from 'vscode';
import { z } from '../core/zod';
import type { CodebookLookup, TagValues } from '../core';

const KEY = 'evidenceTagger.recentTagSets';
const MAX = 5;
/** What is read back from storage is validated like anything else read from disk. */
const storedSchema = z.array(z.record(z.string(), z.array(z.string()))).catch([]);

export class RecentTagSets {
  constructor(private readonly memento: vscode.Memento) {}

  /** Most recent first; only sets whose every tag the codebook still knows. */
  list(lookup: CodebookLookup): Record<string, string[]>[] {
    return storedSchema.parse(this.memento.get(KEY, [])).filter((tags) => Object.entries(tags).every(([d, ids]) => ids.every((id) => lookup.tag(d, id))));
  }

  last(lookup: CodebookLookup): Record<string, string[]> | undefined {
    return this.list(lookup)[0];
  }

  async remember(values: TagValues): Promise<void> {
    const tags = Object.fromEntries(Object.entries(values.tags).filter(([, ids]) => ids.length > 0));
    if (Object.keys(tags).length === 0) return;
    const key = describeKey(tags);
    const stored = storedSchema.parse(this.memento.get(KEY, [])).filter((t) => describeKey(t) !== key);
    await this.memento.update(KEY, [tags, ...stored].slice(0, MAX));
  }
}

const describeKey = (tags: Record<string, string[]>) => JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : 1)));

/** "research · instrumental · organisational": tag ids in codebook order. */
export function describeTagSet(tags: Record<string, string[]>, lookup: CodebookLookup): string {
  return lookup.codebook.dimensions.flatMap((d) => tags[d.id] ?? []).join(' · ');
}

/** "Research evidence, Instrumental use": labels, for tooltips and messages. */
export function labelTagSet(tags: Record<string, string[]>, lookup: CodebookLookup): string {
  return lookup.codebook.dimensions.flatMap((d) => (tags[d.id] ?? []).map((id) => lookup.tag(d.id, id)?.label ?? id)).join(', ');
}
