import { runPsql } from './psql.mjs';

/**
 * FerretDB 1.24's PostgreSQL backend stores each document in one `jsonb` column (`_jsonb`) and
 * builds MongoDB indexes as btree indexes on expressions such as `(_jsonb -> '_id')`. Its
 * query pushdown, though, matches equality with containment (`_jsonb -> '_id' @> '"inv_1"'`),
 * which a btree cannot answer: every `findOne({_id})`, every update by `{_id, rev}` and every
 * list query scanned the whole table (~250 ms per lookup at 100,000 invoices).
 *
 * This installs, in FerretDB's database, an event trigger that gives each index FerretDB creates
 * a GIN twin over the same expressions (`jsonb_path_ops`, which answers `@>`), and drops the
 * twin with its index. So every index an app declares (the `_id` one, the invoice list's
 * compound one) serves the queries FerretDB generates, with nothing FerretDB- or
 * PostgreSQL-specific in the apps. Idempotent: safe on every start, and it also twins the
 * indexes of a data directory created before it existed.
 */
const SQL = String.raw`
CREATE OR REPLACE FUNCTION portico_twin_name(index_name text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$ SELECT 'portico_gin_' || left(md5(index_name), 20) $$;

CREATE OR REPLACE FUNCTION portico_twin_index(index_oid oid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  idx pg_index%ROWTYPE;
  index_name text;
  access_method name;
  keys text[] := '{}';
  key text;
BEGIN
  SELECT * INTO idx FROM pg_index WHERE indexrelid = index_oid;
  IF NOT FOUND OR idx.indexprs IS NULL THEN RETURN; END IF;
  SELECT c.relname, am.amname INTO index_name, access_method
    FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.oid = index_oid;
  -- Only FerretDB's own btree indexes: never a twin of a twin.
  IF access_method <> 'btree' OR index_name LIKE 'portico_gin_%' THEN RETURN; END IF;
  FOR k IN 1..idx.indnkeyatts LOOP
    key := pg_get_indexdef(index_oid, k, true);
    IF key !~ '^\(*_jsonb ->' THEN RETURN; END IF;
    keys := keys || format('(%s) jsonb_path_ops', key);
  END LOOP;
  EXECUTE format(
    'CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s)',
    portico_twin_name(index_name), idx.indrelid::regclass, array_to_string(keys, ', ')
  );
END $$;

CREATE OR REPLACE FUNCTION portico_on_create_index() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE command record;
BEGIN
  FOR command IN SELECT objid FROM pg_event_trigger_ddl_commands() WHERE object_type = 'index' LOOP
    PERFORM portico_twin_index(command.objid);
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION portico_on_drop_index() RETURNS event_trigger
LANGUAGE plpgsql AS $$
DECLARE dropped record;
BEGIN
  FOR dropped IN SELECT schema_name, object_name FROM pg_event_trigger_dropped_objects()
    WHERE object_type = 'index' AND object_name NOT LIKE 'portico_gin_%' LOOP
    EXECUTE format('DROP INDEX IF EXISTS %I.%I', dropped.schema_name, portico_twin_name(dropped.object_name));
  END LOOP;
END $$;

DROP EVENT TRIGGER IF EXISTS portico_twin_indexes;
CREATE EVENT TRIGGER portico_twin_indexes ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION portico_on_create_index();
DROP EVENT TRIGGER IF EXISTS portico_drop_twin_indexes;
CREATE EVENT TRIGGER portico_drop_twin_indexes ON sql_drop WHEN TAG IN ('DROP INDEX')
  EXECUTE FUNCTION portico_on_drop_index();

SELECT count(portico_twin_index(i.indexrelid)) FROM pg_index i
  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attname = '_jsonb';
`;

/** Runs the SQL above in FerretDB's database. */
export function installIndexTwins({ port, database }) {
  runPsql({ port, database }, ['-v', 'ON_ERROR_STOP=1', '-q'], SQL);
}
