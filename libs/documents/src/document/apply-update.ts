import { Update } from '../port/document-store.port';
import { isArrayIndex, parseFieldPath } from './field-path';
import { isPlainObject } from './json-document';

type Operator = keyof Update;
const OPERATORS: readonly Operator[] = ['$set', '$inc', '$push', '$unset'];

interface Operation {
  operator: Operator;
  path: string;
  segments: string[];
  value: unknown;
}

/** A validated update, ready to apply to any number of documents. */
export interface CompiledUpdate {
  operations: Operation[];
}

/**
 * Checks an update the way MongoDB does before touching anything: known operators, valid paths,
 * `_id` left alone, and no two operations on the same path or on a path and its parent.
 */
export function compileUpdate(update: Update): CompiledUpdate {
  if (!isPlainObject(update)) throw new TypeError('An update must be an object of update operators');
  const operations: Operation[] = [];
  for (const [operator, fields] of Object.entries(update)) {
    if (fields === undefined) continue;
    if (!OPERATORS.includes(operator as Operator)) throw new TypeError(`Unknown update operator ${operator}`);
    if (!isPlainObject(fields)) throw new TypeError(`${operator} takes an object of field paths`);
    for (const [path, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      const segments = parseFieldPath(path);
      if (segments[0] === '_id') throw new TypeError(`${operator} on ${path}: _id cannot be changed`);
      if (operator === '$inc' && (typeof value !== 'number' || !Number.isFinite(value))) {
        throw new TypeError(`$inc on ${path} needs a finite number`);
      }
      operations.push({ operator: operator as Operator, path, segments, value });
    }
  }
  for (let i = 0; i < operations.length; i++) {
    for (let j = i + 1; j < operations.length; j++) {
      if (overlaps(operations[i].segments, operations[j].segments)) {
        throw new TypeError(`Updating the path '${operations[i].path}' would create a conflict at '${operations[j].path}'`);
      }
    }
  }
  return { operations };
}

/** Applies a compiled update to a document in place, with MongoDB's semantics for each operator. */
export function applyUpdate(doc: Record<string, unknown>, update: CompiledUpdate): void {
  for (const { operator, path, segments, value } of update.operations) {
    switch (operator) {
      case '$set': {
        const { parent, key } = parentFor(doc, segments, path);
        assign(parent, key, structuredClone(value));
        break;
      }
      case '$inc': {
        const { parent, key } = parentFor(doc, segments, path);
        const current = read(parent, key);
        if (current === undefined) assign(parent, key, value);
        else if (typeof current === 'number') assign(parent, key, current + (value as number));
        else throw new TypeError(`Cannot apply $inc to ${path}: it holds a non-numeric value`);
        break;
      }
      case '$push': {
        const { parent, key } = parentFor(doc, segments, path);
        const items = pushedItems(value, path);
        const current = read(parent, key);
        if (current === undefined) assign(parent, key, items);
        else if (Array.isArray(current)) current.push(...items);
        else throw new TypeError(`Cannot apply $push to ${path}: it holds a non-array value`);
        break;
      }
      case '$unset':
        unset(doc, segments);
        break;
      default:
        assertNever(operator);
    }
  }
}

function overlaps(a: readonly string[], b: readonly string[]): boolean {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pushedItems(value: unknown, path: string): unknown[] {
  if (isPlainObject(value) && Object.keys(value).some((key) => key.startsWith('$'))) {
    const modifiers = Object.keys(value);
    if (modifiers.length !== 1 || modifiers[0] !== '$each' || !Array.isArray(value.$each)) {
      throw new TypeError(`$push on ${path}: only the $each modifier (with an array) is supported`);
    }
    return structuredClone(value.$each);
  }
  return [structuredClone(value)];
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return Array.isArray(value) || isPlainObject(value);
}

function read(container: Container, key: string): unknown {
  if (Array.isArray(container)) return isArrayIndex(key) ? container[Number(key)] : undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
}

function assign(container: Container, key: string, value: unknown): void {
  if (!Array.isArray(container)) {
    container[key] = value;
    return;
  }
  // MongoDB pads an array with nulls when a position past its end is set.
  const index = Number(key);
  while (container.length < index) container.push(null);
  container[index] = value;
}

/** Walks to the parent of the last segment, creating missing objects on the way like MongoDB. */
function parentFor(doc: Record<string, unknown>, segments: readonly string[], path: string): { parent: Container; key: string } {
  let node: Container = doc;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (Array.isArray(node) && !isArrayIndex(segment)) {
      throw new TypeError(`Cannot create field '${segment}' of ${path}: its parent is an array`);
    }
    if (i === segments.length - 1) return { parent: node, key: segment };
    let child = read(node, segment);
    if (child === undefined || (child === null && Array.isArray(node))) {
      child = {};
      assign(node, segment, child);
    } else if (!isContainer(child)) {
      throw new TypeError(`Cannot create field '${segments[i + 1]}' of ${path}: its parent holds ${JSON.stringify(child)}`);
    }
    node = child as Container;
  }
  throw new TypeError(`Empty field path ${path}`);
}

function unset(doc: Record<string, unknown>, segments: readonly string[]): void {
  let node: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (!isContainer(node)) return;
    node = read(node, segment);
  }
  if (!isContainer(node)) return;
  const key = segments[segments.length - 1];
  if (Array.isArray(node)) {
    // MongoDB keeps array positions stable: an unset element becomes null.
    if (isArrayIndex(key) && Number(key) < node.length) node[Number(key)] = null;
    return;
  }
  delete node[key];
}

function assertNever(value: never): never {
  throw new Error(`Unexpected update operator ${String(value)}`);
}
