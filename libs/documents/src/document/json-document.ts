import { Document } from '../port/document-store.port';

/** What one walk over a document learns: the dotted paths (array positions left out) holding arrays. */
export interface DocumentShape {
  arrayPaths: Set<string>;
}

/**
 * Checks that a document is plain JSON data (what every adapter can store and give back unchanged)
 * and records which paths hold arrays. Undefined object members are dropped, as JSON does.
 */
export function inspectDocument(doc: Document): DocumentShape {
  if (!isPlainObject(doc)) throw new TypeError('A document must be a plain object');
  if (typeof doc._id !== 'string' || doc._id === '') throw new TypeError('A document needs a non-empty string _id');
  const shape: DocumentShape = { arrayPaths: new Set() };
  inspectObject(doc, '', shape);
  return shape;
}

/** Serialises with `_id` first, where MongoDB keeps it. */
export function serialiseDocument(doc: Document): string {
  const { _id, ...rest } = doc;
  return JSON.stringify({ _id, ...rest });
}

/** An object literal (of any realm: `structuredClone` and test sandboxes hand out foreign ones), not a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Object.prototype.toString.call(value) !== '[object Object]') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

function inspectObject(object: Record<string, unknown>, prefix: string, shape: DocumentShape): void {
  for (const [key, value] of Object.entries(object)) {
    if (value === undefined) continue;
    inspectValue(value, prefix === '' ? key : `${prefix}.${key}`, shape);
  }
}

function inspectValue(value: unknown, path: string, shape: DocumentShape): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} is not storable as JSON`);
      return;
    case 'object':
      if (value === null) return;
      if (Array.isArray(value)) {
        shape.arrayPaths.add(path);
        for (const element of value) {
          if (element === undefined) throw new TypeError(`${path}: arrays cannot hold undefined`);
          inspectValue(element, path, shape);
        }
        return;
      }
      if (isPlainObject(value)) return inspectObject(value, path, shape);
      throw new TypeError(`${path}: ${Object.prototype.toString.call(value)} is not plain JSON data (store dates as ISO strings)`);
    default:
      throw new TypeError(`${path}: a ${typeof value} is not storable as JSON`);
  }
}
