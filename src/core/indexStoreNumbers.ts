// The stored index's numbers (see indexStoreCodec.ts), read in order and each checked as it is read: a store
// written by another version, cut short or damaged on disk must be refused, never half used.

/** Anything out of place in a store: the whole store is discarded. */
export class DamagedStore extends Error {}

/** Reads numbers in order, each checked: a count must be a small whole number, a string's number in the table. */
export class NumberReader {
  at = 0;
  constructor(private readonly numbers: Float64Array, readonly strings: string[]) {}
  /** Another reader of the same numbers, from `at`. */
  from(at: number): NumberReader {
    const reader = new NumberReader(this.numbers, this.strings);
    reader.at = at;
    return reader;
  }
  get done(): boolean {
    return this.at === this.numbers.length;
  }
  number(): number {
    if (this.at >= this.numbers.length) throw new DamagedStore();
    return this.numbers[this.at++];
  }
  /** A whole number of at least 0 (a length, a count of characters). */
  whole(): number {
    const n = this.number();
    if (!Number.isInteger(n) || n < 0) throw new DamagedStore();
    return n;
  }
  /** How many items follow: no more than numbers are left. */
  count(): number {
    const n = this.whole();
    if (n > this.numbers.length - this.at) throw new DamagedStore();
    return n;
  }
  string(): string {
    const text = this.strings[this.number()];
    if (typeof text !== 'string') throw new DamagedStore();
    return text;
  }
  /** A string's number in the table, checked. */
  stringNumber(): number {
    const n = this.number();
    if (typeof this.strings[n] !== 'string') throw new DamagedStore();
    return n;
  }
  optionalString(): string | undefined {
    if (this.numbers[this.at] !== -1) return this.string();
    this.at++;
    return undefined;
  }
}
