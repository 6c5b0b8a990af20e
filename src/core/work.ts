// A count of the parser's steps (tokens visited, characters searched), so tests can assert that the work
// grows linearly with the input instead of timing it. A plain counter: cheap enough to leave on.
export const workCounter = { visits: 0 };
