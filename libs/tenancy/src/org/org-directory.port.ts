import { OrgUnit } from './org-unit';

/**
 * Synchronous reads of the org hierarchy. Directories serve them from an in-memory snapshot, so the
 * access policies can stay pure synchronous functions.
 */
export interface OrgDirectoryReader {
  list(): OrgUnit[];
  get(id: string): OrgUnit | null;
  /** The stations of a center, by id; empty for an unknown id or a unit that is not a center. */
  stationsOf(centerId: string): OrgUnit[];
  /** The center of a station (a center is its own center); null for a district or an unknown id. */
  centerOf(unitId: string): OrgUnit | null;
  /** The district a unit belongs to (a district is its own); null for an unknown id. */
  districtOf(unitId: string): OrgUnit | null;
}

/** The org hierarchy of DESIGN §5: reads from memory, writes and reloads through the adapter. */
export interface OrgDirectory extends OrgDirectoryReader {
  /**
   * Adds a unit whose parent exists and is of the right kind (station → center → district).
   * Adding an identical unit again is a no-op; a different unit under an existing id is a conflict.
   */
  add(unit: OrgUnit): Promise<OrgUnit>;
  /** Reloads the snapshot, picking up units other processes added. */
  refresh(): Promise<void>;
}
