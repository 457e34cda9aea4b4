/**
 * The engine's compact storage: a term dictionary with document frequencies, and posting lists in
 * growable typed arrays (story slot + lexical weight per posting), so that a 100k-story archive is
 * kept as numbers, never as text.
 */

/** Term strings ↔ term numbers, with how many live stories contain each term. */
export class TermTable {
  private readonly numbers = new Map<string, number>();
  private readonly names: string[] = [];
  private frequencies = new Int32Array(1024);

  /** Number of distinct terms ever seen (term numbers are below it). */
  get size(): number {
    return this.names.length;
  }

  /** The term's number, creating it if new. */
  intern(term: string): number {
    let n = this.numbers.get(term);
    if (n === undefined) {
      n = this.names.length;
      this.numbers.set(term, n);
      this.names.push(term);
      if (n >= this.frequencies.length) {
        const grown = new Int32Array(this.frequencies.length * 2);
        grown.set(this.frequencies);
        this.frequencies = grown;
      }
    }
    return n;
  }

  /** The term's number, or -1 if never seen. */
  find(term: string): number {
    return this.numbers.get(term) ?? -1;
  }

  name(n: number): string {
    return this.names[n] ?? '';
  }

  frequency(n: number): number {
    return this.frequencies[n] ?? 0;
  }

  adjustFrequency(n: number, delta: number): void {
    this.frequencies[n]! += delta;
  }

  resetFrequencies(): void {
    this.frequencies.fill(0);
  }
}

interface PostingList {
  slots: Int32Array;
  weights: Float32Array;
  length: number;
}

/** Term number → the stories that contain it, with the term's lexical weight in each. */
export class Postings {
  private lists: (PostingList | undefined)[] = [];

  add(term: number, slot: number, weight: number): void {
    let list = this.lists[term];
    if (!list) {
      list = { slots: new Int32Array(4), weights: new Float32Array(4), length: 0 };
      this.lists[term] = list;
    } else if (list.length === list.slots.length) {
      const slots = new Int32Array(list.length * 2);
      const weights = new Float32Array(list.length * 2);
      slots.set(list.slots);
      weights.set(list.weights);
      list.slots = slots;
      list.weights = weights;
    }
    list.slots[list.length] = slot;
    list.weights[list.length] = weight;
    list.length++;
  }

  /** The posting list of a term (views over the filled part), or null. */
  get(term: number): { slots: Int32Array; weights: Float32Array } | null {
    const list = this.lists[term];
    if (!list || list.length === 0) return null;
    return { slots: list.slots.subarray(0, list.length), weights: list.weights.subarray(0, list.length) };
  }

  length(term: number): number {
    return this.lists[term]?.length ?? 0;
  }

  clear(): void {
    this.lists = [];
  }
}

/** A growable Float32Array of fixed-width rows (one row per story slot). */
export class RowStore {
  private data: Float32Array;

  constructor(readonly width: number) {
    this.data = new Float32Array(width * 1024);
  }

  dot(slot: number, vector: Float32Array): number {
    const data = this.data;
    const base = slot * this.width;
    let sum = 0;
    for (let i = 0; i < this.width; i++) sum += data[base + i]! * vector[i]!;
    return sum;
  }

  row(slot: number): Float32Array {
    const end = (slot + 1) * this.width;
    if (end > this.data.length) {
      const grown = new Float32Array(Math.max(end, this.data.length * 2));
      grown.set(this.data);
      this.data = grown;
    }
    return this.data.subarray(slot * this.width, end);
  }
}
