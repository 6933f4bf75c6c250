import Database from 'better-sqlite3';
import { OrgDirectory } from './org-directory.port';
import { OrgSnapshot } from './org-snapshot';
import { InvalidOrgUnitError, OrgUnit, OrgUnitConflictError, OrgUnitKind, PARENT_KIND, assertOrgUnitShape, sameOrgUnit } from './org-unit';

interface OrgUnitRow {
  id: string;
  kind: OrgUnitKind;
  parent_id: string | null;
  name: string;
}

function toUnit(row: OrgUnitRow): OrgUnit {
  return { id: row.id, kind: row.kind, parentId: row.parent_id, name: row.name };
}

/** The org hierarchy in SQLite (own table), served from an in-memory snapshot reloaded on every add. */
export class SqliteOrgDirectory implements OrgDirectory {
  private readonly db: Database.Database;
  private readonly ownsDatabase: boolean;
  private snapshot: OrgSnapshot;
  private readonly selectAll: Database.Statement<[], OrgUnitRow>;
  private readonly selectOne: Database.Statement<[string], OrgUnitRow>;
  private readonly insert: Database.Statement<[string, string, string | null, string]>;

  /** A file name (opened and owned by the directory) or a shared connection (left open by `close`). */
  constructor(database: string | Database.Database) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? new Database(database) : database;
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS tenancy_org_units (
        id        TEXT PRIMARY KEY,
        kind      TEXT NOT NULL CHECK (kind IN ('district', 'center', 'station')),
        parent_id TEXT REFERENCES tenancy_org_units (id),
        name      TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS tenancy_org_units_parent ON tenancy_org_units (parent_id);
    `);
    this.selectAll = this.db.prepare('SELECT id, kind, parent_id, name FROM tenancy_org_units');
    this.selectOne = this.db.prepare('SELECT id, kind, parent_id, name FROM tenancy_org_units WHERE id = ?');
    this.insert = this.db.prepare('INSERT INTO tenancy_org_units (id, kind, parent_id, name) VALUES (?, ?, ?, ?)');
    this.snapshot = this.load();
  }

  async add(unit: OrgUnit): Promise<OrgUnit> {
    const candidate: OrgUnit = { id: unit.id, kind: unit.kind, parentId: unit.parentId ?? null, name: unit.name?.trim() };
    assertOrgUnitShape(candidate);
    // Checked against the table, not the snapshot: another process may have added the parent or the unit.
    this.db
      .transaction(() => {
        const existing = this.selectOne.get(candidate.id);
        if (existing) {
          if (sameOrgUnit(toUnit(existing), candidate)) return;
          throw new OrgUnitConflictError(toUnit(existing), candidate);
        }
        const parentKind = PARENT_KIND[candidate.kind];
        if (parentKind !== null && candidate.parentId !== null) {
          const parent = this.selectOne.get(candidate.parentId);
          if (!parent) throw new InvalidOrgUnitError(candidate.id, `its parent ${candidate.parentId} does not exist`);
          if (parent.kind !== parentKind) {
            throw new InvalidOrgUnitError(candidate.id, `a ${candidate.kind} must belong to a ${parentKind}, ${parent.id} is a ${parent.kind}`);
          }
        }
        this.insert.run(candidate.id, candidate.kind, candidate.parentId, candidate.name);
      })
      .immediate();
    this.snapshot = this.load();
    return this.snapshot.get(candidate.id) as OrgUnit;
  }

  async refresh(): Promise<void> {
    this.snapshot = this.load();
  }

  list(): OrgUnit[] {
    return this.snapshot.list();
  }

  get(id: string): OrgUnit | null {
    return this.snapshot.get(id);
  }

  stationsOf(centerId: string): OrgUnit[] {
    return this.snapshot.stationsOf(centerId);
  }

  centerOf(unitId: string): OrgUnit | null {
    return this.snapshot.centerOf(unitId);
  }

  districtOf(unitId: string): OrgUnit | null {
    return this.snapshot.districtOf(unitId);
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) this.db.close();
  }

  private load(): OrgSnapshot {
    return new OrgSnapshot(this.selectAll.all().map(toUnit));
  }
}
