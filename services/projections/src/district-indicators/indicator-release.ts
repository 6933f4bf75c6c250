import { createHash } from 'node:crypto';
import { IndicatorCell, IndicatorRelease } from '@kinship/contracts';
import { ReleaseDocument } from './district-indicators.document';
import { cellKey, RawTable } from './indicator-table';
import { PreviousRelease, suppress } from './suppression';

/** The canonical order of a release's cells: org unit, period, indicator, group (the total first). */
export function compareCells(a: IndicatorCell, b: IndicatorCell): number {
  return (
    compare(a.orgUnitId, b.orgUnitId) || compare(a.period, b.period) || compare(a.indicator, b.indicator) || compare(a.group ?? '', b.group ?? '')
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SHA-256 (hex) of the canonical JSON of the cells: sorted, each with its members in the contract's order. */
export function contentHashOf(cells: readonly IndicatorCell[]): string {
  const canonical = [...cells].sort(compareCells).map((c) => ({
    orgUnitId: c.orgUnitId,
    level: c.level,
    period: c.period,
    indicator: c.indicator,
    group: c.group,
    value: c.value,
    status: c.status,
  }));
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** What the previous release tells the suppression of the next one. */
export function previousOf(release: ReleaseDocument | null): PreviousRelease | null {
  if (!release) return null;
  const published = new Map<string, number>();
  for (const cell of release.cells) if (cell.value !== null) published.set(cellKey(cell.orgUnitId, cell.period, cell.indicator, cell.group), cell.value);
  return { published, hidden: new Map(Object.entries(release.hiddenValues)) };
}

export function releaseIdOf(sequence: number): string {
  return `district-release-${String(sequence).padStart(6, '0')}`;
}

export interface ReleaseMeta {
  sequence: number;
  issuedAt: string;
  computedAtPosition: number;
  reason: IndicatorRelease['reason'];
}

/** Suppresses the raw table against the previous release and assembles the release to store. */
export function assembleRelease(table: RawTable, previous: ReleaseDocument | null, meta: ReleaseMeta): ReleaseDocument {
  const result = suppress(table.cells, table.relations, previousOf(previous));
  const hiddenValues: Record<string, number> = {};
  const cells: IndicatorCell[] = table.cells.map((raw) => {
    const status = result.hidden.get(raw.key);
    if (status) hiddenValues[raw.key] = raw.value;
    return {
      orgUnitId: raw.orgUnitId,
      level: raw.level,
      period: raw.period,
      indicator: raw.indicator,
      group: raw.group,
      value: status ? null : raw.value,
      status: status ?? 'published',
    };
  });
  cells.sort(compareCells);
  const releaseId = releaseIdOf(meta.sequence);
  return {
    _id: releaseId,
    releaseId,
    sequence: meta.sequence,
    issuedAt: meta.issuedAt,
    computedAtPosition: meta.computedAtPosition,
    reason: meta.reason,
    supersedes: previous?.releaseId ?? null,
    contentHash: contentHashOf(cells),
    hidden: { small: result.small, complementary: result.complementary },
    cells,
    hiddenValues,
  };
}

/** The release as the contract publishes it: without the raw values of the hidden cells. */
export function publicRelease(release: ReleaseDocument): IndicatorRelease {
  return {
    releaseId: release.releaseId,
    sequence: release.sequence,
    issuedAt: release.issuedAt,
    computedAtPosition: release.computedAtPosition,
    reason: release.reason,
    supersedes: release.supersedes,
    contentHash: release.contentHash,
    hidden: release.hidden,
    cells: release.cells,
  };
}
