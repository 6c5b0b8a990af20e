// What every feature is handed: the services, and the command ids in one place.
import type { Codebooks } from './codebooks';
import type { ParsedDocuments } from './documents';
import type { RecentTagSets } from './recentTagSets';

export interface EvidenceServices {
  codebooks: Codebooks;
  documents: ParsedDocuments;
  recent: RecentTagSets;
}

export const COMMANDS = {
  tagSelection: 'evidenceTagger.tagSelection',
  tagSelectionAgain: 'evidenceTagger.tagSelectionAgain',
  tagAllOccurrences: 'evidenceTagger.tagAllOccurrences',
  addTagToSelection: 'evidenceTagger.addTagToSelection',
  newCodebookFromPreset: 'evidenceTagger.newCodebookFromPreset',
  renameTag: 'evidenceTagger.renameTag',
  mergeTag: 'evidenceTagger.mergeTag',
  moveTag: 'evidenceTagger.moveTag',
  deleteTag: 'evidenceTagger.deleteTag',
  splitTag: 'evidenceTagger.splitTag',
  retagPassage: 'evidenceTagger.retagPassage',
  removeTags: 'evidenceTagger.removeTags',
  addNote: 'evidenceTagger.addNote',
  nextPassage: 'evidenceTagger.nextPassage',
  previousPassage: 'evidenceTagger.previousPassage',
  nextUntaggedParagraph: 'evidenceTagger.nextUntaggedParagraph',
  openCodebook: 'evidenceTagger.openCodebook',
  showCoverage: 'evidenceTagger.showCoverage',
  toggleHighlight: 'evidenceTagger.toggleHighlight',
  showTally: 'evidenceTagger.showTally',
  export: 'evidenceTagger.export',
  importCodebook: 'evidenceTagger.importCodebook',
  importProject: 'evidenceTagger.importProject',
  compareCoding: 'evidenceTagger.compareCoding',
  compareTally: 'evidenceTagger.compareTally',
  openComparedPlace: 'evidenceTagger.openComparedPlace',
  showSectionPassages: 'evidenceTagger.showSectionPassages',
  reveal: 'evidenceTagger.revealPassage',
  tallyShowFile: 'evidenceTagger.tally.showCurrentFile',
  tallyShowWorkspace: 'evidenceTagger.tally.showWorkspace',
  tallyGroupByFile: 'evidenceTagger.tally.groupByFile',
  tallyGroupByTag: 'evidenceTagger.tally.groupByTag',
  /** Not in the palette: let the integration tests read what the views and decorations show. */
  tallyTreeForTest: 'evidenceTagger._tallyTreeForTest',
  coverageTreeForTest: 'evidenceTagger._coverageTreeForTest',
  matrixForTest: 'evidenceTagger._matrixForTest',
  agreementTreeForTest: 'evidenceTagger._agreementTreeForTest',
  indexStatsForTest: 'evidenceTagger._indexStatsForTest',
  rescanForTest: 'evidenceTagger._rescanForTest',
  saveIndexForTest: 'evidenceTagger._saveIndexForTest',
  reloadIndexForTest: 'evidenceTagger._reloadIndexForTest',
  keystrokesForTest: 'evidenceTagger._keystrokesForTest',
  decorationsForTest: 'evidenceTagger._decorationsForTest',
  quickPickForTest: 'evidenceTagger._quickPickForTest',
} as const;
