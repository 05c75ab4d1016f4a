/** A Map that forgets its oldest entry once it holds `limit` entries (0: it keeps nothing). */
export interface BoundedCache<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): void;
}

export function boundedCache<K, V>(limit: number): BoundedCache<K, V> {
  const entries = new Map<K, V>();
  return {
    get: (key) => entries.get(key),
    set(key, value) {
      if (limit <= 0) return;
      if (entries.size >= limit) entries.delete(entries.keys().next().value as K);
      entries.set(key, value);
    },
  };
}
