// What every feature is handed: the services, and the command ids in one place.
import type { Codebooks } from './codebooks';
import type { ParsedDocuments } from './documents';

export interface EvidenceServices {
  codebooks: Codebooks;
  documents: ParsedDocuments;
}

export const COMMANDS = {
  tagSelection: 'evidenceTagger.tagSelection',
  retagPassage: 'evidenceTagger.retagPassage',
  removeTags: 'evidenceTagger.removeTags',
  addNote: 'evidenceTagger.addNote',
  nextPassage: 'evidenceTagger.nextPassage',
  previousPassage: 'evidenceTagger.previousPassage',
  nextUntaggedParagraph: 'evidenceTagger.nextUntaggedParagraph',
  openCodebook: 'evidenceTagger.openCodebook',
  showCoverage: 'evidenceTagger.showCoverage',
  toggleHighlight: 'evidenceTagger.toggleHighlight',
  export: 'evidenceTagger.export',
  importCodebook: 'evidenceTagger.importCodebook',
  /** Not in the palette: lets the integration tests read what the decorations show. */
  decorationsForTest: 'evidenceTagger._decorationsForTest',
} as const;
