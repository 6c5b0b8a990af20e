// Long work in the extension host runs in time slices, so the editor, other extensions and VS Code's own
// messages get their turn: at most this long between yields.
export const SLICE_MS = 12;

/** Time spent waiting for the event loop's turn since the count was last reset (the bench tells own work from others'). */
export const yielded = { ms: 0 };

/** Gives the event loop a turn, counted in `yielded`; resolves to the time the next slice starts. */
export async function yieldTurn(): Promise<number> {
  const before = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const after = performance.now();
  yielded.ms += after - before;
  return after;
}

/** Yields to the event loop when the current slice of work has run `sliceMs`. */
export function slicer(sliceMs = SLICE_MS): () => Promise<void> {
  let start = performance.now();
  return async () => {
    if (performance.now() - start > sliceMs) start = await yieldTurn();
  };
}
