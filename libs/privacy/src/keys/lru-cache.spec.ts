import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('evicts the least recently used entry once full', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, string>(2, (value) => evicted.push(value));
    cache.set('a', 'A');
    cache.set('b', 'B');
    expect(cache.get('a')).toBe('A');
    cache.set('c', 'C');

    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('A');
    expect(cache.get('c')).toBe('C');
    expect(cache.size).toBe(2);
    expect(evicted).toEqual(['B']);
  });

  it('hands every removed value to the eviction callback, including on delete and clear', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, string>(5, (value) => evicted.push(value));
    cache.set('a', 'A');
    cache.set('a', 'A2');
    cache.set('b', 'B');
    expect(cache.delete('b')).toBe(true);
    expect(cache.delete('b')).toBe(false);
    cache.clear();
    expect(evicted).toEqual(['A', 'B', 'A2']);
    expect(cache.size).toBe(0);
  });

  it('keeps nothing when its capacity is zero', () => {
    const evicted: string[] = [];
    const cache = new LruCache<string, string>(0, (value) => evicted.push(value));
    cache.set('a', 'A');
    expect(cache.get('a')).toBeUndefined();
    expect(evicted).toEqual(['A']);
  });

  it('rejects a negative capacity', () => {
    expect(() => new LruCache(-1)).toThrow(RangeError);
  });
});
