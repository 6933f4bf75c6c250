/** A bounded least-recently-used map; a Map keeps insertion order, so the first key is the oldest. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly capacity: number,
    /** Called for every value that leaves the cache, e.g. to wipe key material. */
    private readonly onEvict: (value: V) => void = () => undefined,
  ) {
    if (!Number.isInteger(capacity) || capacity < 0) {
      throw new RangeError(`Cache capacity must be a non-negative integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    if (!this.entries.has(key)) return undefined;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.entries.set(key, value);
    return value;
  }

  set(key: K, value: V): void {
    if (this.capacity === 0) {
      this.onEvict(value);
      return;
    }
    this.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      this.delete(this.entries.keys().next().value as K);
    }
  }

  delete(key: K): boolean {
    if (!this.entries.has(key)) return false;
    const value = this.entries.get(key) as V;
    this.entries.delete(key);
    this.onEvict(value);
    return true;
  }

  clear(): void {
    for (const key of [...this.entries.keys()]) this.delete(key);
  }
}
