import { Pool } from 'pg';
import { OrgDirectory } from './org-directory.port';
import { OrgSnapshot } from './org-snapshot';
import { InvalidOrgUnitError, OrgUnit, OrgUnitConflictError, OrgUnitKind, PARENT_KIND, assertOrgUnitShape, sameOrgUnit } from './org-unit';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** A pool the caller owns (left open by `close`), or a connection string the directory opens a pool for. */
export type PostgresOrgDirectoryOptions = ({ pool: Pool } | { connectionString: string; poolSize?: number }) & {
  /** The PostgreSQL schema of the org table (default `kinship_tenancy`). */
  schema?: string;
};

interface OrgUnitRow {
  id: string;
  kind: OrgUnitKind;
  parent_id: string | null;
  name: string;
}

function toUnit(row: OrgUnitRow): OrgUnit {
  return { id: row.id, kind: row.kind, parentId: row.parent_id, name: row.name };
}

/**
 * The org hierarchy in PostgreSQL (a table in a schema of its own), served from an in-memory snapshot:
 * reads stay synchronous for the access policies. `open()` migrates and loads; `add()` and `refresh()`
 * reload the snapshot.
 */
export class PostgresOrgDirectory implements OrgDirectory {
  readonly schema: string;

  private readonly pool: Pool;
  private readonly ownsPool: boolean;
  private readonly table: string;
  private snapshot = new OrgSnapshot([]);

  /** Empty until `migrate()` and `refresh()` (or use `open`). */
  constructor(options: PostgresOrgDirectoryOptions) {
    this.schema = options.schema ?? 'kinship_tenancy';
    if (!IDENTIFIER.test(this.schema)) {
      throw new RangeError(`PostgreSQL schema name ${JSON.stringify(this.schema)} must match ${IDENTIFIER.source}`);
    }
    this.table = `"${this.schema}".org_units`;
    this.ownsPool = !('pool' in options);
    this.pool = 'pool' in options ? options.pool : new Pool({ connectionString: options.connectionString, max: options.poolSize ?? 2 });
    // An idle connection dropped by the server is reported on the pool; unheard, the event would end the process.
    if (this.ownsPool) this.pool.on('error', (error) => console.error('PostgresOrgDirectory: an idle connection failed', error));
  }

  /** A directory with its table created when missing and its snapshot loaded. */
  static async open(options: PostgresOrgDirectoryOptions): Promise<PostgresOrgDirectory> {
    const directory = new PostgresOrgDirectory(options);
    try {
      await directory.migrate();
      await directory.refresh();
    } catch (error) {
      await directory.close();
      throw error;
    }
    return directory;
  }

  /** Creates the schema and the org table when missing; safe to run from several processes at once. */
  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`kinship-migrate:${this.schema}`]);
      await client.query(`
        CREATE SCHEMA IF NOT EXISTS "${this.schema}";
        CREATE TABLE IF NOT EXISTS ${this.table} (
          id        text PRIMARY KEY,
          kind      text NOT NULL CHECK (kind IN ('district', 'center', 'station')),
          parent_id text REFERENCES ${this.table} (id),
          name      text NOT NULL
        );
        CREATE INDEX IF NOT EXISTS org_units_parent ON ${this.table} (parent_id);
      `);
      await client.query('COMMIT');
      client.release();
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      client.release(error as Error);
      throw error;
    }
  }

  async add(unit: OrgUnit): Promise<OrgUnit> {
    const candidate: OrgUnit = { id: unit.id, kind: unit.kind, parentId: unit.parentId ?? null, name: unit.name?.trim() };
    assertOrgUnitShape(candidate);
    // Checked against the table, not the snapshot: another process may have added the parent or the unit.
    const { rows } = await this.pool.query<OrgUnitRow>(`SELECT id, kind, parent_id, name FROM ${this.table} WHERE id = ANY ($1::text[])`, [
      [candidate.id, candidate.parentId].filter((id): id is string => id !== null),
    ]);
    const existing = rows.find((row) => row.id === candidate.id);
    if (existing) return this.settle(toUnit(existing), candidate);
    const parentKind = PARENT_KIND[candidate.kind];
    if (parentKind !== null && candidate.parentId !== null) {
      const parent = rows.find((row) => row.id === candidate.parentId);
      if (!parent) throw new InvalidOrgUnitError(candidate.id, `its parent ${candidate.parentId} does not exist`);
      if (parent.kind !== parentKind) {
        throw new InvalidOrgUnitError(candidate.id, `a ${candidate.kind} must belong to a ${parentKind}, ${parent.id} is a ${parent.kind}`);
      }
    }
    // Units are never changed nor removed, so the parent read above is still what the foreign key finds.
    const inserted = await this.pool.query(
      `INSERT INTO ${this.table} (id, kind, parent_id, name) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING RETURNING id`,
      [candidate.id, candidate.kind, candidate.parentId, candidate.name],
    );
    if (inserted.rowCount === 0) {
      // Another process added the id in between: the same unit is fine, a different one is a conflict.
      const { rows: raced } = await this.pool.query<OrgUnitRow>(`SELECT id, kind, parent_id, name FROM ${this.table} WHERE id = $1`, [
        candidate.id,
      ]);
      return this.settle(toUnit(raced[0]), candidate);
    }
    await this.refresh();
    return this.snapshot.get(candidate.id) as OrgUnit;
  }

  async refresh(): Promise<void> {
    const { rows } = await this.pool.query<OrgUnitRow>(`SELECT id, kind, parent_id, name FROM ${this.table}`);
    this.snapshot = new OrgSnapshot(rows.map(toUnit));
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

  /** Ends the pool when the directory opened it. */
  async close(): Promise<void> {
    if (this.ownsPool && !this.pool.ended) await this.pool.end();
  }

  /** The unit already stored: adding it again is a no-op that still refreshes the snapshot. */
  private async settle(existing: OrgUnit, candidate: OrgUnit): Promise<OrgUnit> {
    if (!sameOrgUnit(existing, candidate)) throw new OrgUnitConflictError(existing, candidate);
    await this.refresh();
    return this.snapshot.get(candidate.id) as OrgUnit;
  }
}
