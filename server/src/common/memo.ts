/**
 * `compute` with its last `limit` answers kept by key, the oldest forgotten first. Answers are
 * shared between callers, so they must only be read (make them frozen when that is not obvious).
 * String keys cost one hash per string: V8 keeps a string's hash with it.
 */
export function remembering<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const answers = new Map<K, V>();
  return (key) => {
    const known = answers.get(key);
    if (known !== undefined || answers.has(key)) return known as V;
    const v = compute(key);
    if (answers.size >= limit) answers.delete(answers.keys().next().value as K);
    answers.set(key, v);
    return v;
  };
}
