/** A copy of an object without some keys (credentials that must not travel on). */
export function omit<T extends object, K extends keyof T>(value: T, ...keys: K[]): Omit<T, K> {
  const copy: Record<PropertyKey, unknown> = { ...(value as Record<PropertyKey, unknown>) };
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}
