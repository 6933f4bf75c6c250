// The tables and the append function of the PostgreSQL event store, for one schema. Kept apart from the
// adapter so the SQL reads as a whole; only the adapter imports it.

/** Lock class of the advisory lock that serialises migrations ('KINS'); the object id is the schema's hash. */
export const ADVISORY_LOCK_CLASS = 0x4b494e53;

/**
 * Global positions are `transaction id × POSITIONS_PER_TRANSACTION + index in the append`, so one append
 * holds at most this many events. 2^12 leaves 2^41 transaction ids before a position outgrows a JS number.
 */
export const POSITIONS_PER_TRANSACTION = 4096;

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** The schema name, quoted for SQL; only plain lower-case identifiers are accepted, so quoting is enough. */
export function quoteSchema(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new RangeError(`PostgreSQL schema name ${JSON.stringify(schema)} must match ${IDENTIFIER.source}`);
  }
  return `"${schema}"`;
}

/** Idempotent DDL: the events, the checkpoints and the append function. Run under a migration lock. */
export function migrationSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};

    CREATE TABLE IF NOT EXISTS ${s}.events (
      global_position bigint    PRIMARY KEY,
      transaction_id  xid8      NOT NULL DEFAULT pg_current_xact_id(),
      stream_id       text      NOT NULL,
      stream_version  integer   NOT NULL,
      category        text      NOT NULL,
      id              text      NOT NULL,
      type            text      NOT NULL,
      schema_version  integer   NOT NULL,
      tenant_id       text      NOT NULL,
      occurred_at     text      NOT NULL,
      data            json      NOT NULL,
      metadata        json      NOT NULL,
      CONSTRAINT events_id_unique UNIQUE (id),
      CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
    );
    CREATE INDEX IF NOT EXISTS events_category_position ON ${s}.events (category, global_position);

    CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
      name       text        PRIMARY KEY,
      position   bigint      NOT NULL,
      updated_at timestamptz NOT NULL
    );

    ${appendFunctionSql(schema)}
  `;
}

/*
 * One call, one round trip, one implicit transaction per append. Outcomes:
 *   appended  (r_version = new stream version, r_position = last global position, r_transaction = xid)
 *   repeated  (the same ids already sit where this append would put them: the original result)
 *   conflict  (r_version = the stream's actual version, NULL when it has no events)
 *   duplicate (r_duplicate = an id of the batch stored elsewhere; only looked for when p_find_duplicates)
 * A concurrent append that wins the same stream version makes the INSERT fail with a unique violation
 * (23505) once the winner commits; the adapter then calls again and gets one of the outcomes above.
 *
 * Why positions are made of the transaction id: readers return only rows of transactions older than
 * every transaction still running (id below pg_snapshot_xmin), so rows that become visible later always
 * belong to newer transactions than any row already returned. Ordered by (transaction id, index), as
 * Emmett orders its reads, a reader that has reached a position can never later find a smaller one.
 * A position drawn from a sequence would not do: a transaction can take its id before another but its
 * sequence value after it, and a reader would then see the larger value first and skip the smaller one.
 * Encoding the pair in one number keeps the port's single position, needs no lock, and lets the read
 * condition be an index range on the primary key.
 */
function appendFunctionSql(schema: string): string {
  const s = quoteSchema(schema);
  return `
    CREATE OR REPLACE FUNCTION ${s}.append_to_stream(
      p_stream_id text,
      p_category text,
      p_mode text,
      p_expected bigint,
      p_ids text[],
      p_types text[],
      p_schema_versions integer[],
      p_tenant_ids text[],
      p_occurred_at text[],
      p_data json[],
      p_metadata json[],
      p_find_duplicates boolean
    ) RETURNS TABLE (r_outcome text, r_version bigint, r_position bigint, r_transaction xid8, r_duplicate text)
    LANGUAGE plpgsql AS $append$
    DECLARE
      v_count integer := cardinality(p_ids);
      v_found_stream text;
      v_found_version bigint;
      v_would_start bigint;
      v_stored_ids text[];
      v_last bigint;
      v_current bigint;
      v_duplicate text;
      v_xid xid8;
      v_base bigint;
    BEGIN
      IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
        -- Two appends in one transaction would draw the same positions.
        RAISE EXCEPTION 'append_to_stream must run in a transaction of its own that has written nothing yet';
      END IF;
      IF v_count > ${POSITIONS_PER_TRANSACTION} THEN
        RAISE EXCEPTION 'one append holds at most ${POSITIONS_PER_TRANSACTION} events, not %', v_count;
      END IF;
      SELECT e.stream_id, e.stream_version INTO v_found_stream, v_found_version
        FROM ${s}.events e WHERE e.id = p_ids[1];
      v_would_start := CASE p_mode WHEN 'any' THEN v_found_version WHEN 'no-stream' THEN 0 ELSE p_expected + 1 END;
      IF v_found_stream = p_stream_id AND v_found_version = v_would_start THEN
        SELECT array_agg(r.id ORDER BY r.stream_version), max(r.global_position) INTO v_stored_ids, v_last
          FROM (SELECT e.id, e.stream_version, e.global_position FROM ${s}.events e
                 WHERE e.stream_id = p_stream_id AND e.stream_version >= v_found_version
                 ORDER BY e.stream_version LIMIT v_count) r;
        IF v_stored_ids = p_ids THEN
          RETURN QUERY SELECT 'repeated'::text, v_found_version + v_count - 1, v_last, NULL::xid8, NULL::text;
          RETURN;
        END IF;
      END IF;

      SELECT max(e.stream_version) INTO v_current FROM ${s}.events e WHERE e.stream_id = p_stream_id;
      IF (p_mode = 'no-stream' AND v_current IS NOT NULL)
         OR (p_mode = 'version' AND v_current IS DISTINCT FROM p_expected) THEN
        RETURN QUERY SELECT 'conflict'::text, v_current, NULL::bigint, NULL::xid8, NULL::text;
        RETURN;
      END IF;

      IF p_find_duplicates THEN
        SELECT e.id INTO v_duplicate FROM ${s}.events e
         WHERE e.id = ANY (p_ids) ORDER BY array_position(p_ids, e.id) LIMIT 1;
        IF v_duplicate IS NOT NULL THEN
          RETURN QUERY SELECT 'duplicate'::text, NULL::bigint, NULL::bigint, NULL::xid8, v_duplicate;
          RETURN;
        END IF;
      END IF;

      v_xid := pg_current_xact_id();
      v_base := v_xid::text::bigint * ${POSITIONS_PER_TRANSACTION};

      INSERT INTO ${s}.events (global_position, transaction_id, stream_id, stream_version, category, id, type,
                               schema_version, tenant_id, occurred_at, data, metadata)
      SELECT v_base + t.n - 1, v_xid, p_stream_id, COALESCE(v_current, -1) + t.n, p_category,
             t.id, t.type, t.schema_version, t.tenant_id, t.occurred_at, t.data, t.metadata
        FROM unnest(p_ids, p_types, p_schema_versions, p_tenant_ids, p_occurred_at, p_data, p_metadata)
             WITH ORDINALITY AS t(id, type, schema_version, tenant_id, occurred_at, data, metadata, n);

      RETURN QUERY SELECT 'appended'::text, COALESCE(v_current, -1) + v_count, v_base + v_count - 1, v_xid, NULL::text;
    END;
    $append$;
  `;
}
