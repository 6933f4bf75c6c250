import { FieldCondition, Filter, FindOptions } from '../port/document-store.port';
import { fieldExpression, isArrayIndex, jsonPath, parseFieldPath } from '../document/field-path';
import { isPlainObject } from '../document/json-document';

/** SQL with named parameters (`@p0`, `@p1`, ...) and their values. */
export interface CompiledSql {
  sql: string;
  params: Record<string, string | number | null>;
}

/**
 * A test on one JSON value, given the SQL for the value (`json_extract` result, or a `json_each`
 * row's `value`) and for its JSON type (`json_type`, or the row's `type`). `elementwise` tests also
 * match an array when one of its elements passes, which is how MongoDB reads `{ tags: 'x' }`.
 */
interface ValueTest {
  elementwise: boolean;
  sql(value: string, type: string): string;
}

const NUMERIC = `('integer', 'real')`;
const FIELD_OPERATORS = new Set(['$eq', '$ne', '$in', '$nin', '$gt', '$gte', '$lt', '$lte', '$exists']);
const RANGE_SQL = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;
type RangeOperator = keyof typeof RANGE_SQL;

/**
 * Translates the port's Mongo-style filter into a parameterised SQL condition. `arrayPaths` are the
 * paths that ever held an array in this collection: only those pay for MongoDB's array semantics,
 * every other field compiles to the bare `json_extract` expression a declared index can serve.
 */
export class FilterCompiler {
  private readonly params: Record<string, string | number | null> = {};
  private parameterCount = 0;
  private aliasCount = 0;

  constructor(private readonly arrayPaths: ReadonlySet<string>) {}

  /** The WHERE condition (`1` for an empty filter) and its parameters. */
  static where(filter: Filter, arrayPaths: ReadonlySet<string>): CompiledSql {
    const compiler = new FilterCompiler(arrayPaths);
    const sql = compiler.filter(filter);
    return { sql, params: compiler.params };
  }

  private filter(filter: Filter): string {
    if (!isPlainObject(filter)) throw new TypeError('A filter must be an object');
    const terms: string[] = [];
    for (const [key, condition] of Object.entries(filter)) {
      if (condition === undefined) continue;
      if (key === '$and' || key === '$or') {
        if (!Array.isArray(condition) || condition.length === 0) throw new TypeError(`${key} takes a non-empty array of filters`);
        const parts = condition.map((sub) => `(${this.filter(sub as Filter)})`);
        terms.push(parts.length === 1 ? parts[0] : `(${parts.join(key === '$and' ? ' AND ' : ' OR ')})`);
      } else if (key.startsWith('$')) {
        throw new TypeError(`Unsupported filter operator ${key}`);
      } else {
        terms.push(this.field(parseFieldPath(key), condition as FieldCondition));
      }
    }
    return terms.length === 0 ? '1' : terms.join(' AND ');
  }

  private field(segments: string[], condition: FieldCondition): string {
    if (!isOperatorObject(condition)) return this.test(segments, this.equals(condition));
    const terms: string[] = [];
    for (const [operator, operand] of Object.entries(condition)) {
      if (operand === undefined) continue;
      if (!FIELD_OPERATORS.has(operator)) throw new TypeError(`Unsupported field operator ${operator}`);
      terms.push(this.operator(segments, operator, operand));
    }
    return terms.length === 0 ? '1' : terms.join(' AND ');
  }

  private operator(segments: string[], operator: string, operand: unknown): string {
    switch (operator) {
      case '$eq':
        return this.test(segments, this.equals(operand));
      case '$ne':
        return not(this.test(segments, this.equals(operand)));
      case '$in':
        return this.test(segments, this.oneOf(operand, operator));
      case '$nin':
        return not(this.test(segments, this.oneOf(operand, operator)));
      case '$exists': {
        const exists = this.test(segments, { elementwise: false, sql: (_value, type) => `${type} IS NOT NULL` });
        return operand ? exists : not(exists);
      }
      default:
        return this.test(segments, this.range(operator as RangeOperator, operand));
    }
  }

  /** MongoDB equality: same type and value; `null` also matches a missing field. */
  private equals(operand: unknown): ValueTest {
    if (operand === null) return { elementwise: true, sql: (value) => `${value} IS NULL` };
    switch (typeof operand) {
      case 'string':
        return { elementwise: true, sql: (value, type) => `(${value} = ${this.param(operand)} AND ${type} = 'text')` };
      case 'number':
        return { elementwise: true, sql: (value, type) => `(${value} = ${this.param(finite(operand))} AND ${type} IN ${NUMERIC})` };
      case 'boolean':
        // json_extract gives 1/0 for JSON true/false: the type check keeps the number 1 from matching true.
        return { elementwise: true, sql: (value, type) => `(${value} = ${operand ? 1 : 0} AND ${type} = '${operand}')` };
      default: {
        const json = jsonText(operand);
        const kind = Array.isArray(operand) ? 'array' : 'object';
        return { elementwise: true, sql: (value, type) => `(${type} = '${kind}' AND ${value} = json(${this.param(json)}))` };
      }
    }
  }

  private oneOf(operand: unknown, operator: string): ValueTest {
    if (!Array.isArray(operand)) throw new TypeError(`${operator} takes an array`);
    const strings = operand.filter((item): item is string => typeof item === 'string');
    const numbers = operand.filter((item): item is number => typeof item === 'number').map(finite);
    const others = operand.filter((item) => typeof item !== 'string' && typeof item !== 'number').map((item) => this.equals(item));
    return {
      elementwise: true,
      sql: (value, type) => {
        // One bound JSON array per type keeps the SQL (and so the cached statement) the same for lists of any length.
        const alternatives = [
          ...(strings.length > 0 ? [`(${value} IN (SELECT value FROM json_each(${this.param(JSON.stringify(strings))})) AND ${type} = 'text')`] : []),
          ...(numbers.length > 0 ? [`(${value} IN (SELECT value FROM json_each(${this.param(JSON.stringify(numbers))})) AND ${type} IN ${NUMERIC})`] : []),
          ...others.map((test) => test.sql(value, type)),
        ];
        if (alternatives.length === 0) return '0';
        return alternatives.length === 1 ? alternatives[0] : `(${alternatives.join(' OR ')})`;
      },
    };
  }

  /** MongoDB compares only within a type: `{ age: { $gt: 30 } }` never matches a string or a boolean. */
  private range(operator: RangeOperator, operand: unknown): ValueTest {
    const sqlOperator = RANGE_SQL[operator];
    if (operand === null) {
      const inclusive = operator === '$gte' || operator === '$lte';
      return { elementwise: true, sql: (value) => (inclusive ? `${value} IS NULL` : '0') };
    }
    switch (typeof operand) {
      case 'string':
        return { elementwise: true, sql: (value, type) => `(${value} ${sqlOperator} ${this.param(operand)} AND ${type} = 'text')` };
      case 'number':
        return { elementwise: true, sql: (value, type) => `(${value} ${sqlOperator} ${this.param(finite(operand))} AND ${type} IN ${NUMERIC})` };
      case 'boolean':
        return { elementwise: true, sql: (value, type) => `(${value} ${sqlOperator} ${operand ? 1 : 0} AND ${type} IN ('true', 'false'))` };
      default:
        throw new TypeError(`${operator} compares strings, numbers, booleans or null only`);
    }
  }

  /** Applies a value test at a field path, following MongoDB into arrays met on the way. */
  private test(segments: string[], test: ValueTest): string {
    return this.walk('doc', [], [], segments, test);
  }

  /**
   * `source` is SQL for a JSON document (the column, or an array element); `steps` lead from it to
   * the current node, whose array-free path from the document root is `logical`.
   */
  private walk(source: string, steps: string[], logical: string[], rest: string[], test: ValueTest): string {
    if (rest.length === 0) return this.leaf(source, steps, logical, test);
    const [next, ...after] = rest;
    const direct = () => this.walk(source, [...steps, next], [...logical, next], after, test);
    if (steps.length === 0 || !this.arrayPaths.has(logical.join('.'))) return direct();

    // This node held an array in some document: there MongoDB tests every element (and a position).
    const path = jsonPath(steps);
    const positional = isArrayIndex(next) ? this.walk(source, [...steps, `[${next}]`], logical, after, test) : null;
    const alias = this.alias();
    const element = this.walk(`${alias}.value`, [], logical, rest, test);
    const anyElement = `EXISTS (SELECT 1 FROM json_each(${source}, '${path}') AS ${alias} WHERE CASE ${alias}.type WHEN 'object' THEN ${element} ELSE 0 END)`;
    const inArray = positional ? `(${positional} OR ${anyElement})` : anyElement;
    return `(CASE json_type(${source}, '${path}') WHEN 'array' THEN ${inArray} ELSE ${direct()} END)`;
  }

  private leaf(source: string, steps: string[], logical: string[], test: ValueTest): string {
    const atRoot = source === 'doc' && steps.every((step) => !step.startsWith('['));
    const value = atRoot ? fieldExpression(steps) : `json_extract(${source}, '${jsonPath(steps)}')`;
    const type = value === '_id' ? `'text'` : `json_type(${source}, '${jsonPath(steps)}')`;
    const plain = test.sql(value, type);
    if (!test.elementwise || !this.arrayPaths.has(logical.join('.'))) return plain;
    const alias = this.alias();
    const anyElement = `EXISTS (SELECT 1 FROM json_each(${source}, '${jsonPath(steps)}') AS ${alias} WHERE ${test.sql(`${alias}.value`, `${alias}.type`)})`;
    return `(${plain} OR (CASE ${type} WHEN 'array' THEN ${anyElement} ELSE 0 END))`;
  }

  private param(value: string | number): string {
    const name = `p${this.parameterCount++}`;
    this.params[name] = value;
    return `@${name}`;
  }

  private alias(): string {
    return `e${this.aliasCount++}`;
  }
}

/** ORDER BY for the port's sort, on the same expressions declared indexes are built from. */
export function orderBy(sort: FindOptions['sort']): string {
  if (sort === undefined) return '';
  const keys = Object.entries(sort).map(([path, direction]) => {
    if (direction !== 1 && direction !== -1) throw new TypeError(`Sort direction of ${path} must be 1 or -1`);
    return `${fieldExpression(parseFieldPath(path))} ${direction === 1 ? 'ASC' : 'DESC'}`;
  });
  return keys.length === 0 ? '' : ` ORDER BY ${keys.join(', ')}`;
}

/** `{ $gt: 1 }` is a set of operators; `{ city: 'x' }` is an embedded document to compare whole. */
function isOperatorObject(condition: unknown): condition is Record<string, unknown> {
  if (!isPlainObject(condition)) return false;
  const keys = Object.keys(condition);
  const operators = keys.filter((key) => key.startsWith('$')).length;
  if (operators > 0 && operators < keys.length) throw new TypeError(`A condition cannot mix operators and fields: ${keys.join(', ')}`);
  return operators > 0;
}

/** `x IS NOT 1` rather than `NOT x`: a test that yields NULL (a missing field) must negate to true. */
function not(sql: string): string {
  return `(${sql}) IS NOT 1`;
}

function finite(value: number): number {
  if (!Number.isFinite(value)) throw new TypeError(`${value} cannot be compared`);
  return value;
}

function jsonText(value: unknown): string {
  if (!Array.isArray(value) && !isPlainObject(value)) {
    throw new TypeError(`${Object.prototype.toString.call(value)} cannot be compared (filters take JSON values)`);
  }
  return JSON.stringify(value);
}
