import { FieldCondition, Filter, FindOptions, IndexSpec, Update } from '../port/document-store.port';
import { compileUpdate } from '../document/apply-update';
import { parseFieldPath } from '../document/field-path';
import { isPlainObject } from '../document/json-document';
import { DocumentCodec } from './nested-arrays';

// The port's filter and update subsets are MongoDB's own, so they go to the server as they are. What this
// module adds is the refusal the SQLite adapter gives: MongoDB would happily run `$where`, `$regex`, a RegExp
// value or a `$`-prefixed path, and would read an `undefined` operand as null; the port allows none of these.

const FIELD_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists']);
const RANGE_OPERATORS = new Set(['$gt', '$gte', '$lt', '$lte']);

/** A plain JSON value ready for the driver: checked, with undefined object members left out (as JSON does). */
type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The port filter, checked against the port's subset and stripped of undefined conditions. */
export function mongoFilter(filter: Filter, codec: DocumentCodec): Record<string, unknown> {
  if (!isPlainObject(filter)) throw new TypeError('A filter must be an object');
  const result: Record<string, unknown> = {};
  for (const [key, condition] of Object.entries(filter)) {
    if (condition === undefined) continue;
    if (key === '$and' || key === '$or') {
      if (!Array.isArray(condition) || condition.length === 0) throw new TypeError(`${key} takes a non-empty array of filters`);
      result[key] = condition.map((sub) => mongoFilter(sub as Filter, codec));
    } else if (key.startsWith('$')) {
      throw new TypeError(`Unsupported filter operator ${key}`);
    } else {
      parseFieldPath(key);
      const checked = fieldCondition(condition as FieldCondition, codec);
      if (checked !== undefined) result[key] = checked;
    }
  }
  return result;
}

function fieldCondition(condition: FieldCondition, codec: DocumentCodec): unknown {
  if (!isOperatorObject(condition)) return codec.encode(jsonValue(condition, 'a filter value'));
  const result: Record<string, unknown> = {};
  for (const [operator, operand] of Object.entries(condition)) {
    if (operand === undefined) continue;
    if (!FIELD_OPERATORS.has(operator)) throw new TypeError(`Unsupported field operator ${operator}`);
    if (operator === '$in' || operator === '$nin') {
      if (!Array.isArray(operand)) throw new TypeError(`${operator} takes an array`);
      result[operator] = operand.map((item) => codec.encode(jsonValue(item, operator)));
    } else if (operator === '$exists') {
      if (typeof operand !== 'boolean') throw new TypeError('$exists takes true or false');
      result[operator] = operand;
    } else if (RANGE_OPERATORS.has(operator) && operand !== null && !['string', 'number', 'boolean'].includes(typeof operand)) {
      throw new TypeError(`${operator} compares strings, numbers, booleans or null only`);
    } else {
      result[operator] = codec.encode(jsonValue(operand, operator));
    }
  }
  // Every operand undefined: the SQLite adapter then matches everything, so the condition is dropped.
  return Object.keys(result).length === 0 ? undefined : result;
}

/** `{ $gt: 1 }` is a set of operators; `{ city: 'x' }` is an embedded document to compare whole. */
function isOperatorObject(condition: unknown): condition is Record<string, unknown> {
  if (!isPlainObject(condition)) return false;
  const keys = Object.keys(condition);
  const operators = keys.filter((key) => key.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) throw new TypeError(`A condition cannot mix operators and fields: ${keys.join(', ')}`);
  return operators > 0;
}

/** Checks that a value is plain JSON data and copies it without undefined object members. */
export function jsonValue(value: unknown, where: string): JsonValue {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${where}: ${value} is not a JSON number`);
      return value;
    case 'object': {
      if (value === null) return null;
      if (Array.isArray(value)) {
        return value.map((item) => {
          if (item === undefined) throw new TypeError(`${where}: arrays cannot hold undefined`);
          return jsonValue(item, where);
        });
      }
      if (!isPlainObject(value)) {
        throw new TypeError(`${where}: ${Object.prototype.toString.call(value)} is not plain JSON data (store dates as ISO strings)`);
      }
      const copy: Record<string, JsonValue> = {};
      for (const [key, member] of Object.entries(value)) {
        if (member === undefined) continue;
        if (key.startsWith('$')) throw new TypeError(`${where}: field names cannot start with '$' (${key})`);
        copy[key] = jsonValue(member, where);
      }
      return copy;
    }
    default:
      throw new TypeError(`${where}: a ${typeof value} is not JSON data`);
  }
}

/** The sort checked like the SQLite adapter's: plain paths, directions 1 or -1, in key order. */
export function mongoSort(sort: FindOptions['sort']): Record<string, 1 | -1> | undefined {
  if (sort === undefined) return undefined;
  if (!isPlainObject(sort)) throw new TypeError('A sort must be an object of field paths');
  const entries = Object.entries(sort);
  for (const [path, direction] of entries) {
    parseFieldPath(path);
    if (direction !== 1 && direction !== -1) throw new TypeError(`Sort direction of ${path} must be 1 or -1`);
  }
  return entries.length === 0 ? undefined : (sort as Record<string, 1 | -1>);
}

export function nonNegativeInteger(value: number | undefined, option: string): number {
  if (value === undefined) return 0;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${option} must be a non-negative integer, got ${value}`);
  return value;
}

/**
 * The port update as a MongoDB update document, validated as the SQLite adapter validates it (known
 * operators, plain paths, `_id` untouched, no two operations on overlapping paths, `$inc` by a finite
 * number, `$push` with no modifier but `$each`), so both adapters refuse the same updates the same way.
 */
export function mongoUpdate(update: Update, codec: DocumentCodec): Record<string, Record<string, unknown>> {
  const result: Record<string, Record<string, unknown>> = {};
  for (const { operator, path, value } of compileUpdate(update).operations) {
    let checked: unknown;
    switch (operator) {
      case '$set':
        checked = codec.encode(jsonValue(value, `$set on ${path}`));
        break;
      case '$inc':
        checked = value;
        break;
      case '$push':
        checked = codec.encodePush(pushValue(value, path));
        break;
      case '$unset':
        checked = true;
        break;
    }
    (result[operator] ??= {})[path] = checked;
  }
  return result;
}

function pushValue(value: unknown, path: string): unknown {
  if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
    const modifiers = Object.keys(value);
    if (modifiers.length !== 1 || modifiers[0] !== '$each' || !Array.isArray(value.$each)) {
      throw new TypeError(`$push on ${path}: only the $each modifier (with an array) is supported`);
    }
    return { $each: jsonValue(value.$each, `$push on ${path}`) };
  }
  return jsonValue(value, `$push on ${path}`);
}

/** An index's key document, its paths checked like every other path. */
export function indexKey(collection: string, spec: IndexSpec): Record<string, 1 | -1> {
  const fields = Object.entries(spec.fields ?? {});
  if (fields.length === 0) throw new TypeError(`An index on ${collection} needs at least one field`);
  for (const [path, direction] of fields) {
    parseFieldPath(path);
    if (direction !== 1 && direction !== -1) throw new TypeError(`Index direction of ${path} must be 1 or -1`);
  }
  return Object.fromEntries(fields) as Record<string, 1 | -1>;
}
