import { isPlainObject } from '../document/json-document';

/** The member that stands for an array held directly inside another array, on servers that store none. */
export const NESTED_ARRAY_KEY = '_kinshipNestedArray';

/** How values travel between the port and the server: unchanged, or with a server's gap worked around. */
export interface DocumentCodec {
  /** The value as it is written. `insideArray` says the value is an array's element. */
  encode(value: unknown, insideArray?: boolean): unknown;
  /** A `$push` operand (a value, or `{ $each: [...] }`): the pushed items become array elements. */
  encodePush(value: unknown): unknown;
  /** A stored value as the port returns it. */
  decode<T>(value: T): T;
}

/** For servers that store every JSON value as it is (MongoDB, FerretDB 2). */
export const PLAIN_CODEC: DocumentCodec = {
  encode: (value) => value,
  encodePush: (value) => value,
  decode: (value) => value,
};

/**
 * FerretDB 1.x refuses an array directly inside an array (`[1, []]`, `[[1, 2]]`), which MongoDB and the
 * port allow. On such a server every inner array is written as `{ _kinshipNestedArray: [...] }` and read
 * back as the array, so documents round-trip unchanged; filters compare the wrapped form, so an equality
 * on a whole value still matches, but matching one element of an inner array does not.
 */
export class NestedArrayCodec implements DocumentCodec {
  encode(value: unknown, insideArray = false): unknown {
    if (Array.isArray(value)) {
      const items = value.map((item) => this.encode(item, true));
      return insideArray ? { [NESTED_ARRAY_KEY]: items } : items;
    }
    if (!isPlainObject(value)) return value;
    if (isWrapper(value)) throw new TypeError(`${NESTED_ARRAY_KEY} is reserved for arrays inside arrays on this server`);
    const copy: Record<string, unknown> = {};
    for (const [key, member] of Object.entries(value)) copy[key] = this.encode(member);
    return copy;
  }

  decode<T>(value: T): T {
    return decode(value) as T;
  }

  encodePush(value: unknown): unknown {
    if (isPlainObject(value) && Array.isArray(value.$each)) return { $each: value.$each.map((item) => this.encode(item, true)) };
    return this.encode(value, true);
  }
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) {
    // Most documents hold no inner array: give them back untouched rather than copied.
    let copy: unknown[] | null = null;
    value.forEach((item, i) => {
      const decoded = isPlainObject(item) && isWrapper(item) ? decode(item[NESTED_ARRAY_KEY]) : decode(item);
      if (decoded !== item) (copy ??= [...value])[i] = decoded;
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, member] of Object.entries(value)) {
    const decoded = decode(member);
    if (decoded !== member) (copy ??= { ...value })[key] = decoded;
  }
  return copy ?? value;
}

function isWrapper(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === NESTED_ARRAY_KEY && Array.isArray(value[NESTED_ARRAY_KEY]);
}
