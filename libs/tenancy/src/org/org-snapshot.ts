import { assertNever } from '../assert-never';
import { OrgDirectoryReader } from './org-directory.port';
import { OrgUnit } from './org-unit';

/** An immutable, indexed view of the hierarchy that directories swap whole on every change. */
export class OrgSnapshot implements OrgDirectoryReader {
  private readonly byId: ReadonlyMap<string, OrgUnit>;
  private readonly children: ReadonlyMap<string, OrgUnit[]>;

  constructor(units: readonly OrgUnit[]) {
    const byId = new Map<string, OrgUnit>();
    const children = new Map<string, OrgUnit[]>();
    const sorted = [...units].sort((a, b) => a.id.localeCompare(b.id));
    for (const unit of sorted) {
      const frozen = Object.freeze({ ...unit });
      byId.set(unit.id, frozen);
      if (unit.parentId === null) continue;
      const siblings = children.get(unit.parentId) ?? [];
      siblings.push(frozen);
      children.set(unit.parentId, siblings);
    }
    this.byId = byId;
    this.children = children;
  }

  list(): OrgUnit[] {
    return [...this.byId.values()];
  }

  get(id: string): OrgUnit | null {
    return this.byId.get(id) ?? null;
  }

  stationsOf(centerId: string): OrgUnit[] {
    if (this.get(centerId)?.kind !== 'center') return [];
    return (this.children.get(centerId) ?? []).filter((unit) => unit.kind === 'station');
  }

  centerOf(unitId: string): OrgUnit | null {
    const unit = this.get(unitId);
    if (unit === null) return null;
    switch (unit.kind) {
      case 'center':
        return unit;
      case 'station':
        return unit.parentId === null ? null : this.get(unit.parentId);
      case 'district':
        return null;
      default:
        return assertNever(unit.kind);
    }
  }

  districtOf(unitId: string): OrgUnit | null {
    let unit = this.get(unitId);
    while (unit !== null && unit.kind !== 'district') {
      unit = unit.parentId === null ? null : this.get(unit.parentId);
    }
    return unit;
  }
}
