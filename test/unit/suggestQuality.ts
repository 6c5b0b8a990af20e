// Suggestion quality on hand-labelled passages: the share of passages whose top suggestion in a dimension is
// one of the passage's labels (precision), and the share of labelled passages that get one at all (recall).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { suggesterFor, type Codebook } from '../../src/core';

export interface LabelledPassage {
  source: string;
  text: string;
  labels: Record<string, string[]>;
  /** Labelled after the cues were last changed, so not used to choose them. */
  heldOut?: boolean;
}

export const LABELLED: LabelledPassage[] = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/suggestions/labelled.json'), 'utf8')).passages;

export interface DimensionQuality {
  dimension: string;
  labelled: number;
  suggested: number;
  correct: number;
  precision: number;
  recall: number;
  misses: string[];
}

export function measureSuggestions(codebook: Codebook, passages: LabelledPassage[] = LABELLED): DimensionQuality[] {
  const suggester = suggesterFor(codebook);
  const dimensions = [...new Set(passages.flatMap((p) => Object.keys(p.labels)))];
  return dimensions.map((dimension) => {
    const labelled = passages.filter((p) => p.labels[dimension]?.length);
    let suggested = 0;
    let correct = 0;
    const misses: string[] = [];
    for (const passage of labelled) {
      const top = suggester.top(passage.text).find((s) => s.dimension === dimension);
      if (!top) continue;
      suggested++;
      if (passage.labels[dimension].includes(top.tag)) correct++;
      else misses.push(`${top.tag} (${top.cues.join(', ')}) for ${passage.labels[dimension].join('/')}: ${passage.text.slice(0, 60)}`);
    }
    return { dimension, labelled: labelled.length, suggested, correct, precision: suggested ? correct / suggested : 0, recall: labelled.length ? suggested / labelled.length : 0, misses };
  });
}
