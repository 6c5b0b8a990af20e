// Which `]` closes a `[`, as pandoc's inBalancedBrackets decides: count `[` and `]`, skipping escapes, code,
// math, raw HTML and raw TeX. The tokens from any offset on are the same whoever starts there, so the answer
// for an offset ("the first `]` at depth 0 from here") is memoised: every offset is walked at most once per
// text block, and an unmatched `[` costs nothing after the first walk past it. Linear, and no recursion.
import type { Opaque } from './opaque';
import { workCounter } from './work';

const UNKNOWN = -2, NONE = -1, OPEN = 91, CLOSE = 93;

export class BracketMatcher {
  private memo = new Int32Array(0);
  private blockStart = 0;
  private blockEnd = 0;
  private memoReady = false;
  /** Offsets whose answer is pending, and where each nesting level's run of them starts (typed stacks). */
  private pending: Int32Array = new Int32Array(64);
  private levels: Int32Array = new Int32Array(64);

  constructor(private readonly text: string, private readonly opaque: Opaque) {}

  beginBlock(start: number, end: number): void {
    this.blockStart = start;
    this.blockEnd = end;
    this.memoReady = false;
  }

  /** The `]` matching the `[` at `open` before `end`, or -1. */
  match(open: number, end: number): number {
    if (!this.memoReady) {
      const length = this.blockEnd - this.blockStart + 1;
      if (this.memo.length < length) this.memo = new Int32Array(Math.max(length, this.memo.length * 2));
      this.memo.fill(UNKNOWN, 0, length);
      this.memoReady = true;
    }
    const close = this.closeFrom(open + 1);
    return close !== NONE && close < end ? close : -1;
  }

  /** The first `]` at depth 0 from offset `from` to the end of the block, or NONE. */
  private closeFrom(from: number): number {
    const { text, memo, blockStart, blockEnd, opaque } = this;
    let pending = this.pending;
    let levels = this.levels;
    let pendingTop = 0;
    let levelTop = 1;
    levels[0] = 0;
    let x = from;
    let steps = 0;
    for (;;) {
      steps++;
      let answer = UNKNOWN;
      if (x >= blockEnd) answer = NONE;
      else answer = memo[x - blockStart];
      if (answer === NONE) {
        // No closer for this level, hence none for any enclosing level either.
        for (let k = 0; k < pendingTop; k++) memo[pending[k] - blockStart] = NONE;
        workCounter.visits += steps;
        return NONE;
      }
      if (answer === UNKNOWN) {
        const c = text.charCodeAt(x);
        if (pendingTop === pending.length) this.pending = pending = grow(pending);
        pending[pendingTop++] = x;
        if (c === OPEN) {
          if (levelTop === levels.length) this.levels = levels = grow(levels);
          levels[levelTop++] = pendingTop;
          x++;
          continue;
        }
        if (c !== CLOSE) {
          x = opaque.isSpecial(c) ? opaque.skip(x, blockEnd) : opaque.nextSpecial(x + 1, blockEnd, false);
          if (x === -1) x = blockEnd;
          continue;
        }
        answer = x;
      }
      // This level closes at `answer`: its pending offsets learn it; the `[` that opened it goes on after it.
      const levelStart = levels[--levelTop];
      for (let k = levelStart; k < pendingTop; k++) memo[pending[k] - blockStart] = answer;
      pendingTop = levelStart;
      if (levelTop === 0) {
        workCounter.visits += steps;
        return answer;
      }
      x = answer + 1;
    }
  }
}

function grow(stack: Int32Array): Int32Array {
  const bigger = new Int32Array(stack.length * 2);
  bigger.set(stack);
  return bigger;
}
