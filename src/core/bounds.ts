// Binary searches over sorted offsets (line starts, piece starts), shared by the line table and edited text.

/** The number of entries of a sorted array that are at most `value`. */
export function upperBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The line holding an offset, by binary search over the offsets where lines start. */
export function lineOfOffset(lineStarts: ArrayLike<number>, offset: number): number {
  return Math.max(0, upperBound(lineStarts, offset) - 1);
}
