// Shared fixtures for the unit tests.
import { CodebookLookup, DEFAULT_CODEBOOK, codebookSchema, type Codebook } from '../../src/core';

/** The default codebook plus a dimension `k` (tag `v`), so short test documents stay short. */
export const TEST_CODEBOOK: Codebook = codebookSchema.parse({
  ...DEFAULT_CODEBOOK,
  dimensions: [...DEFAULT_CODEBOOK.dimensions, { id: 'k', label: 'K', tags: [{ id: 'v', label: 'V', definition: 'a test tag' }, { id: 'w', label: 'W', definition: 'another test tag' }] }],
});

export const lookup = new CodebookLookup(TEST_CODEBOOK);
export const defaultLookup = new CodebookLookup(DEFAULT_CODEBOOK);
