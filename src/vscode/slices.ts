// Long work in the extension host runs in time slices, so the editor, other extensions and VS Code's own
// messages get their turn: at most this long between yields.
export const SLICE_MS = 12;

/**
 * Time spent waiting for the event loop's turn, and the longest slice a slicer ran, since they were last
 * reset (the bench tells own work from others', and checks the slices).
 */
export const yielded = { ms: 0, longestSliceMs: 0 };

/** Gives the event loop a turn, counted in `yielded`; resolves to the time the next slice starts. */
export async function yieldTurn(): Promise<number> {
  const before = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const after = performance.now();
  yielded.ms += after - before;
  return after;
}

/** Yields to the event loop when the current slice of work has run `sliceMs`. One slicer shared by steps that follow one another keeps one clock. */
export function slicer(sliceMs = SLICE_MS): () => Promise<void> {
  let start = performance.now();
  return async () => {
    const ran = performance.now() - start;
    if (ran <= sliceMs) return;
    yielded.longestSliceMs = Math.max(yielded.longestSliceMs, ran);
    start = await yieldTurn();
  };
}
