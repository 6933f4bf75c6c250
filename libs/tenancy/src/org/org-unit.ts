/** District → service center (the chain head) → stations (DESIGN §5). A tenant is a station. */
export const ORG_UNIT_KINDS = ['district', 'center', 'station'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];

/** One node of the org hierarchy; `parentId` is null for a district only. */
export interface OrgUnit {
  id: string;
  kind: OrgUnitKind;
  parentId: string | null;
  name: string;
}

/** The kind each kind must hang under. */
export const PARENT_KIND: Record<OrgUnitKind, OrgUnitKind | null> = {
  district: null,
  center: 'district',
  station: 'center',
};

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Org unit ids are kebab-case slugs (`guangrui-1`), so they fit in stream ids and URLs unescaped. */
export function isOrgUnitId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 64 && SLUG.test(value);
}

/** The unit breaks a rule of the hierarchy: bad id, wrong kind of parent, missing parent. */
export class InvalidOrgUnitError extends Error {
  override readonly name = 'InvalidOrgUnitError';
  constructor(
    readonly unitId: string,
    reason: string,
  ) {
    super(`Org unit ${unitId}: ${reason}`);
  }
}

/** A unit with this id already exists and differs from the one being added. */
export class OrgUnitConflictError extends Error {
  override readonly name = 'OrgUnitConflictError';
  constructor(
    readonly existing: OrgUnit,
    readonly attempted: OrgUnit,
  ) {
    super(`Org unit ${existing.id} already exists as a ${existing.kind} named "${existing.name}" under ${existing.parentId ?? 'nothing'}`);
  }
}

/** Checks the unit's own fields; the parent's existence and kind are checked against a directory. */
export function assertOrgUnitShape(unit: OrgUnit): void {
  if (!isOrgUnitId(unit.id)) throw new InvalidOrgUnitError(String(unit.id), 'the id must be a kebab-case slug');
  if (!(ORG_UNIT_KINDS as readonly string[]).includes(unit.kind)) {
    throw new InvalidOrgUnitError(unit.id, `unknown kind ${String(unit.kind)}`);
  }
  if (typeof unit.name !== 'string' || unit.name.trim().length === 0) {
    throw new InvalidOrgUnitError(unit.id, 'the name must not be empty');
  }
  const parentKind = PARENT_KIND[unit.kind];
  if (parentKind === null && unit.parentId !== null) {
    throw new InvalidOrgUnitError(unit.id, 'a district has no parent');
  }
  if (parentKind !== null && !isOrgUnitId(unit.parentId)) {
    throw new InvalidOrgUnitError(unit.id, `a ${unit.kind} needs a ${parentKind} as parent`);
  }
}

export function sameOrgUnit(a: OrgUnit, b: OrgUnit): boolean {
  return a.id === b.id && a.kind === b.kind && a.parentId === b.parentId && a.name === b.name;
}
