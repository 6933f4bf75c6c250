// Field paths are inlined into SQL (an expression index only serves a query whose expression is
// textually the same, so a path cannot be a bound parameter): this check is what keeps them inert.
const FIELD_PATH = /^[A-Za-z0-9_.]+$/;

/** Splits a dotted field path into its segments, refusing anything that is not a plain path. */
export function parseFieldPath(path: string): string[] {
  if (typeof path !== 'string' || !FIELD_PATH.test(path)) {
    throw new TypeError(`Invalid field path ${JSON.stringify(path)}: only letters, digits, '_' and '.' are allowed`);
  }
  const segments = path.split('.');
  if (segments.some((segment) => segment === '')) {
    throw new TypeError(`Invalid field path ${JSON.stringify(path)}: empty segment`);
  }
  return segments;
}

/** Whether a path segment may address an array position (as in MongoDB's `items.0`). */
export function isArrayIndex(segment: string): boolean {
  return /^(0|[1-9][0-9]*)$/.test(segment);
}

/**
 * A SQLite JSON path from steps that are either object keys or `[n]` array positions. Keys are
 * already validated, so `$.a.b` needs no quoting.
 */
export function jsonPath(steps: readonly string[]): string {
  return '$' + steps.map((step) => (step.startsWith('[') ? step : `.${step}`)).join('');
}

/**
 * The SQL expression for a field of the document column. Indexes and queries both build it here,
 * because SQLite uses an expression index only when the query repeats its expression exactly.
 */
export function fieldExpression(segments: readonly string[]): string {
  if (segments.length === 1 && segments[0] === '_id') return '_id';
  return `json_extract(doc, '${jsonPath(segments)}')`;
}
