import { CellStatus, SMALL_COUNT_MAX } from '@kinship/contracts';

/**
 * Statistical disclosure control for a release (DESIGN §4), as a pure function of the raw table, its linear
 * relations and the previous release (ADR 0011).
 *
 * The rule, exactly:
 * 1. Primary: a count cell with a value from 1 to SMALL_COUNT_MAX is hidden ('suppressed-small'); so is a cell
 *    whose `basis` (the number of cases a median is taken over) is from 1 to SMALL_COUNT_MAX.
 * 2. Sticky: a cell the previous release hid stays hidden ('suppressed-complementary' unless rule 1 applies),
 *    unless its raw value has changed since. Publishing an unchanged value that was hidden would let anyone solve
 *    the previous release's equations for the other cells it hid with it.
 * 3. Complementary, to a fixpoint over every relation: an observer knows a cell when it is published now, or was
 *    published in the previous release with the value it still has (assuming unchanged values is the observer's
 *    best guess). For every linear relation — `sum` (a total and its parts: year = Σ months, chain = Σ stations,
 *    district = Σ chains, all groups = Σ groups) and `balance` (new citizens present at the end of a period =
 *    present before it + arrivals + transfers in − departures − transfers out) — the cells hidden now and not
 *    known that way must not be exactly one: one unknown in one linear equation is solved by it. When one is
 *    alone, a second cell of the relation is hidden: the smallest non-zero value among the cells that hiding makes
 *    unknown (then any zero, then, as a last resort, any published cell), ties broken by key. For every `same` relation (a stock's year and its last
 *    month, which are equal) all members are hidden as soon as one is.
 * Hiding only ever adds cells, so the iteration ends; it stops when no relation touched by a newly hidden cell
 * needs another.
 * Not covered: disclosure by combining several equations at once (each relation is protected on its own),
 * inequalities between indicators (disputes are some of the safety cases), and cells that are not counts (hours,
 * fen, medians of five or more), which are never hidden.
 */

export interface TableCell {
  key: string;
  value: number;
  /** Counts are suppressible; hours and money are not. */
  suppressible: boolean;
  /** For a median: how many observations it is taken over (small ones are hidden). */
  basis?: number;
}

/**
 * How cells of a table depend on each other: a total and its parts; any other linear equation between cells
 * (`balance`: a stock at the end of a period is the stock before it plus the period's flows in, minus its flows
 * out; only which cells take part matters, not their coefficients); or cells that are equal (`same`).
 */
export type Relation = { kind: 'sum'; total: string; parts: string[] } | { kind: 'balance'; members: string[] } | { kind: 'same'; members: string[] };

/** The cells of a relation. */
export function membersOf(relation: Relation): string[] {
  return relation.kind === 'sum' ? [relation.total, ...relation.parts] : relation.members;
}

/** What the previous release published and, privately, the raw values of the cells it hid. */
export interface PreviousRelease {
  published: ReadonlyMap<string, number>;
  hidden: ReadonlyMap<string, number>;
}

export type SuppressionStatus = Exclude<CellStatus, 'published'>;

export interface SuppressionResult {
  /** Status of every hidden cell; cells not in it are published. */
  hidden: Map<string, SuppressionStatus>;
  small: number;
  complementary: number;
}

const isSmall = (n: number) => n >= 1 && n <= SMALL_COUNT_MAX;

export function suppress(cells: readonly TableCell[], relations: readonly Relation[], previous: PreviousRelease | null = null): SuppressionResult {
  const byKey = new Map(cells.map((cell) => [cell.key, cell]));
  const hidden = new Map<string, SuppressionStatus>();

  for (const cell of cells) {
    if ((cell.suppressible && isSmall(cell.value)) || (cell.basis !== undefined && isSmall(cell.basis))) hidden.set(cell.key, 'suppressed-small');
  }
  for (const [key, value] of previous?.hidden ?? []) {
    const cell = byKey.get(key);
    if (cell && cell.value === value && !hidden.has(key)) hidden.set(key, 'suppressed-complementary');
  }

  /** Known to an observer of both releases although hidden now: published before with the same value. */
  const knownFromPrevious = (key: string) => previous?.published.get(key) === byKey.get(key)?.value;
  const unknown = (key: string) => hidden.has(key) && !knownFromPrevious(key);

  // A worklist: every relation once, then again whenever one of its cells is newly hidden.
  const byMember = new Map<string, number[]>();
  relations.forEach((relation, index) => {
    for (const key of membersOf(relation)) {
      const list = byMember.get(key);
      if (list) list.push(index);
      else byMember.set(key, [index]);
    }
  });
  const queued = new Set<number>(relations.keys());
  const queue = [...relations.keys()];
  const hide = (key: string) => {
    hidden.set(key, 'suppressed-complementary');
    for (const index of byMember.get(key) ?? []) {
      if (!queued.has(index)) {
        queued.add(index);
        queue.push(index);
      }
    }
  };
  for (let next = 0; next < queue.length; next += 1) {
    const index = queue[next] as number;
    queued.delete(index);
    const relation = relations[index] as Relation;
    if (relation.kind === 'same') {
      if (!relation.members.some((key) => hidden.has(key))) continue;
      for (const key of relation.members) if (byKey.has(key) && !hidden.has(key)) hide(key);
      continue;
    }
    const members = membersOf(relation).filter((key) => byKey.has(key));
    if (members.filter(unknown).length !== 1) continue;
    const complement = pickComplement(members.filter((key) => !hidden.has(key)).map((key) => byKey.get(key) as TableCell), knownFromPrevious);
    if (complement) hide(complement);
  }

  let small = 0;
  for (const status of hidden.values()) if (status === 'suppressed-small') small += 1;
  return { hidden, small, complementary: hidden.size - small };
}

function pickComplement(candidates: TableCell[], knownFromPrevious: (key: string) => boolean): string | null {
  const order = (a: TableCell, b: TableCell) => a.value - b.value || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const fresh = candidates.filter((cell) => !knownFromPrevious(cell.key));
  const choice =
    fresh.filter((cell) => cell.value !== 0).sort(order)[0] ??
    fresh.sort(order)[0] ??
    candidates.filter((cell) => cell.value !== 0).sort(order)[0] ??
    candidates.sort(order)[0];
  return choice?.key ?? null;
}
