/** The bounded caches of `dictionary.ts`. */

/** A map that keeps about `2 × limit` recent keys: a young and an old generation. */
export class TwoGenerationCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    const hit = this.young.get(key);
    if (hit !== undefined || this.young.has(key)) return hit;
    const aged = this.old.get(key);
    if (aged !== undefined || this.old.has(key)) this.set(key, aged as V);
    return aged;
  }
  has(key: string): boolean {
    return this.young.has(key) || this.old.has(key);
  }
  set(key: string, value: V): void {
    if (this.young.size >= this.limit) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
