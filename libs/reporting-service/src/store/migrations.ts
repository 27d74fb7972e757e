import { Kysely, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';

/** Schema migrations, in the repo and in order; Kysely's Migrator records which ran. */
const migrations: Record<string, Migration> = {
  '0001_report_call_table': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('call_report')
        .addColumn('call_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('queue', 'varchar(128)', (c) => c.notNull())
        .addColumn('pbx_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('caller_number', 'varchar(64)', (c) => c.notNull())
        .addColumn('entered_at', 'varchar(32)')
        .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
        .addColumn('phone_id', 'varchar(128)')
        .addColumn('agent_id', 'varchar(64)')
        .addColumn('user_id', 'varchar(128)')
        .addColumn('attribution', 'varchar(16)', (c) => c.notNull())
        .addColumn('row_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('call_report_pk', ['call_id', 'queue'])
        .execute();
      await db.schema.createIndex('call_report_entered_at').on('call_report').column('entered_at').execute();
      await db.schema
        .createIndex('call_report_user')
        .on('call_report')
        .columns(['user_id', 'attribution', 'entered_at'])
        .execute();
      await db.schema
        .createTable('queue_members')
        .addColumn('pbx_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('queue', 'varchar(128)', (c) => c.notNull())
        .addColumn('interface', 'varchar(255)', (c) => c.notNull())
        .addColumn('state_interface', 'varchar(255)', (c) => c.notNull())
        .addPrimaryKeyConstraint('queue_members_pk', ['pbx_id', 'queue', 'interface'])
        .execute();
      await db.schema
        .createTable('phone_agents')
        .addColumn('pbx_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('state_interface', 'varchar(255)', (c) => c.notNull())
        .addColumn('queue', 'varchar(128)', (c) => c.notNull())
        .addColumn('agent_id', 'varchar(64)', (c) => c.notNull())
        .addPrimaryKeyConstraint('phone_agents_pk', ['pbx_id', 'queue', 'agent_id'])
        .execute();
      await db.schema
        .createTable('call_dispositions')
        .addColumn('call_id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('event_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('position', 'varchar(32)', (c) => c.notNull())
        .execute();
    },
  },
  /**
   * The complete row (issue 5) as columns to filter, sort and aggregate on, and indexes for the
   * common filters. Each filter index ends with sort_at so a filtered page is read in order from
   * the index. Existing rows get sort_at from entered_at; their other new columns stay null until
   * a rebuild (POST /api/admin/reporting/rebuild) re-derives every row from the logs.
   */
  '0002_complete_row_and_filter_indexes': {
    async up(db: Kysely<unknown>) {
      const add = (column: string, type: 'varchar(32)' | 'varchar(255)' | 'varchar(16)' | 'integer') =>
        db.schema.alterTable('call_report').addColumn(column, type).execute();
      await db.schema
        .alterTable('call_report')
        .addColumn('sort_at', 'varchar(32)', (c) => c.notNull().defaultTo(''))
        .execute();
      await sql`update call_report set sort_at = coalesce(entered_at, '')`.execute(db);
      await add('caller_name', 'varchar(255)');
      await add('answered_at', 'varchar(32)');
      await add('ended_at', 'varchar(32)');
      await add('wait_seconds', 'integer');
      await add('ring_seconds', 'integer');
      await add('talk_seconds', 'integer');
      await add('hangup_by', 'varchar(16)');
      await add('attribution_source', 'varchar(32)');
      await add('disposition_code', 'varchar(255)');
      await add('ring_no_answer_count', 'integer');
      // Superseded by the sort_at indexes below.
      await db.schema.dropIndex('call_report_entered_at').execute();
      await db.schema.dropIndex('call_report_user').execute();
      const index = (name: string, columns: string[]) =>
        db.schema.createIndex(name).on('call_report').columns(columns).execute();
      // Keyset order of GET /api/calls (also the time-range filter).
      await index('call_report_sort', ['sort_at', 'call_id', 'queue']);
      await index('call_report_queue_sort', ['queue', 'sort_at']);
      await index('call_report_agent_sort', ['agent_id', 'sort_at']);
      await index('call_report_phone_sort', ['phone_id', 'sort_at']);
      await index('call_report_user_sort', ['user_id', 'attribution', 'sort_at']);
      await index('call_report_outcome_sort', ['outcome', 'sort_at']);
      // callerNumber is a prefix filter, run as a range (>= p and < p + U+FFFF) on both engines.
      await index('call_report_caller_number', ['caller_number']);
    },
  },
  /**
   * The reporting service's own record of the PBX events it applied, in the order it applied
   * them: what a rebuild replays. JetStream keeps PBX events 7 days and the in-process bus none
   * past a restart, so neither can rebuild older rows; the journal can. One row per projection
   * batch (a JSON array, raw-deflated: PBX events repeat their field names and channel names, and
   * writing them plain halved the projection's rate). A batch redelivered
   * after a crash is journaled twice, which a replay absorbs like the live projection did (the
   * reducer and the member upserts are idempotent).
   */
  '0003_pbx_event_journal': {
    async up(db: Kysely<unknown>) {
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      await db.schema
        .createTable('pbx_event_journal')
        .addColumn('id', postgres ? sql`bigserial` : 'integer', (c) =>
          postgres ? c.primaryKey() : c.primaryKey().autoIncrement(),
        )
        .addColumn('event_count', 'integer', (c) => c.notNull())
        .addColumn('events', postgres ? 'bytea' : 'blob', (c) => c.notNull())
        .execute();
    },
  },
  /**
   * Row counts the projection maintains with the rows (store/call-counts.ts), so GET /api/calls
   * reads `total` from one row instead of counting the table on every page. Seeded here from the
   * table. Rows written by replicas of an older version while a rolling upgrade runs are not
   * counted until the next rebuild; `?count=exact` always counts the table itself.
   */
  '0004_call_counts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('call_counts')
        .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('calls', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into call_counts (key, calls) select 'all', count(*) from call_report`.execute(db);
      await sql`insert into call_counts (key, calls)
        select 'agent:' || user_id, count(*) from call_report
        where attribution = 'agent' and user_id is not null group by user_id`.execute(db);
    },
  },
  /**
   * The caller-number prefix filter is a range, so its matches cannot come out of the index in
   * the keyset order: they are sorted. With the keyset columns in the index, the page's keys are
   * sorted from the index alone and only the page's rows are read (CallQueryService.page); before,
   * every match's row was read to be sorted (40 ms for a 1% prefix of 1M rows on SQLite, 2 ms
   * after).
   */
  '0005_caller_number_keyset_index': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('call_report_caller_number_sort')
        .on('call_report')
        .columns(['caller_number', 'sort_at', 'call_id', 'queue'])
        .execute();
      // By definition, not by name: a rebuild's copy of the table named its indexes anew.
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      const { rows } = postgres
        ? await sql<{ name: string }>`select indexname as name from pg_indexes
            where schemaname = current_schema() and tablename = 'call_report' and indexdef like '%(caller_number)'`.execute(db)
        : await sql<{ name: string }>`select name from sqlite_master
            where type = 'index' and tbl_name = 'call_report' and sql like '%("caller_number")'`.execute(db);
      for (const { name } of rows) await db.schema.dropIndex(name).execute();
    },
  },
  /**
   * `total` from counts the database keeps itself: triggers on call_report maintain call_totals
   * (same keys as call_counts), so every writer is counted, whatever its version: during a
   * rolling upgrade, replicas of 0004's release write rows (and their own call_counts) and these
   * rows are in `total` at once, not after a rebuild. call_counts stays for those replicas until
   * none is left; nothing of this release writes or reads it.
   *
   * The triggers lock the hot `all` row first in every statement that changes a count, so two
   * writers' transactions never hold count rows in opposite orders (no deadlock); the agent rows
   * follow in key order. PostgreSQL: one statement-level trigger per operation, its rows from the
   * transition tables (one update of each count per statement, not per row); the counts table is
   * named after the table fired on (call_report → call_totals, a rebuild's call_report__next →
   * call_totals__next), so a rebuild's copy of the trigger counts into the rebuild's table and
   * keeps doing so once renamed. SQLite: row triggers (it has no other kind); the update trigger
   * fires only when the counted columns change.
   */
  '0006_call_totals_by_triggers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('call_totals')
        .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
        .addColumn('calls', 'bigint', (c) => c.notNull())
        .execute();
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      if (postgres) {
        // The transition tables an operation has (no new rows on delete, no old ones on insert)
        // decide the query, so it is built per operation and run with EXECUTE.
        await sql`create function call_report_count_rows() returns trigger language plpgsql as $fn$
          declare
            totals text := replace(TG_TABLE_NAME, 'call_report', 'call_totals');
            parts text[] := '{}';
            deltas text;
            changed boolean;
          begin
            if TG_OP <> 'DELETE' then
              parts := array_append(parts, $q$select 'all' as key, 1 as delta from new_rows union all
                select 'agent:' || user_id, 1 from new_rows where attribution = 'agent' and user_id is not null$q$);
            end if;
            if TG_OP <> 'INSERT' then
              parts := array_append(parts, $q$select 'all' as key, -1 as delta from old_rows union all
                select 'agent:' || user_id, -1 from old_rows where attribution = 'agent' and user_id is not null$q$);
            end if;
            deltas := 'select key, sum(delta) as calls from (' || array_to_string(parts, ' union all ')
              || ') d group by key having sum(delta) <> 0';
            execute 'select exists (' || deltas || ')' into changed;
            if changed then
              execute format('select 1 from %I where key = ''all'' for update', totals);
              execute format('insert into %I as t (key, calls) %s order by key
                on conflict (key) do update set calls = t.calls + excluded.calls', totals, deltas);
            end if;
            return null;
          end $fn$`.execute(db);
        await sql`create trigger call_report_count_insert after insert on call_report
          referencing new table as new_rows for each statement execute function call_report_count_rows()`.execute(db);
        await sql`create trigger call_report_count_update after update on call_report
          referencing old table as old_rows new table as new_rows for each statement execute function call_report_count_rows()`.execute(db);
        await sql`create trigger call_report_count_delete after delete on call_report
          referencing old table as old_rows for each statement execute function call_report_count_rows()`.execute(db);
      } else {
        const bump = (key: string, by: string) =>
          `insert into call_totals (key, calls) select ${key}, ${by} where true on conflict (key) do update set calls = calls + ${by};`;
        const agentKey = (row: 'new' | 'old', by: string) =>
          `insert into call_totals (key, calls) select 'agent:' || ${row}.user_id, ${by} where ${row}.attribution = 'agent' and ${row}.user_id is not null on conflict (key) do update set calls = calls + ${by};`;
        await sql.raw(`create trigger call_report_count_insert after insert on call_report begin
          ${bump("'all'", '1')} ${agentKey('new', '1')} end`).execute(db);
        await sql.raw(`create trigger call_report_count_update after update of user_id, attribution on call_report
          when old.user_id is not new.user_id or old.attribution is not new.attribution begin
          ${agentKey('old', '-1')} ${agentKey('new', '1')} end`).execute(db);
        await sql.raw(`create trigger call_report_count_delete after delete on call_report begin
          ${bump("'all'", '-1')} ${agentKey('old', '-1')} end`).execute(db);
      }
      // Seeded once the triggers exist: on PostgreSQL, creating them waited for every writer in
      // flight and holds the others off until this migration commits, so no row is missed or
      // counted twice.
      await sql`insert into call_totals (key, calls) select 'all', count(*) from call_report`.execute(db);
      await sql`insert into call_totals (key, calls)
        select 'agent:' || user_id, count(*) from call_report
        where attribution = 'agent' and user_id is not null group by user_id`.execute(db);
    },
  },
  /**
   * Two filters that rarely meet (agentId + outcome=timeout: a timed-out call has no agent) had
   * no index to meet in: the page was read in order from one filter's index, every row of it
   * looked up to test the other, to the end of the index when nothing matched (0.3–0.7 s on 1M
   * rows on SQLite; on PostgreSQL up to 1.6 s, the planner reading the whole table backwards,
   * taking the filters for independent). Indexes on each pair of the common equality filters
   * that can exclude each other, ending with sort_at so their matches come out in page order:
   * the device or the agent that answered, or the user, with the outcome (an agent's timeouts);
   * the outcome with the attribution. Pairs that share many rows (a queue with anything) are read
   * fast enough from one index. Each index costs every row write (the projection's rate on SQLite
   * fell by about a fifth with six of them), so pairs whose emptiness follows from the data alone
   * (an agent or a device with attribution=none: nobody answered) are left out, as is agentId +
   * phoneId (one agent's calls on one device: read from the agent's index).
   *
   * The caller-number index carries the filter columns after the keyset: a prefix with another
   * filter is then tested in the index, not by reading each row of the prefix's range.
   */
  '0007_filter_pair_indexes': {
    async up(db: Kysely<unknown>) {
      const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('call_report').columns(columns).execute();
      await index('call_report_agent_outcome_sort', ['agent_id', 'outcome', 'sort_at']);
      await index('call_report_phone_outcome_sort', ['phone_id', 'outcome', 'sort_at']);
      await index('call_report_user_outcome_sort', ['user_id', 'outcome', 'sort_at']);
      await index('call_report_outcome_attribution_sort', ['outcome', 'attribution', 'sort_at']);
      await index('call_report_caller_number_filters', [
        'caller_number', 'sort_at', 'call_id', 'queue', 'outcome', 'attribution', 'agent_id', 'phone_id', 'user_id',
      ]);
      // Superseded by the one above. By definition, not by name (see 0005).
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      const { rows } = postgres
        ? await sql<{ name: string }>`select indexname as name from pg_indexes
            where schemaname = current_schema() and tablename = 'call_report' and indexdef like '%(caller_number, sort_at, call_id, queue)'`.execute(db)
        : await sql<{ name: string }>`select name from sqlite_master
            where type = 'index' and tbl_name = 'call_report' and sql like '%("caller_number", "sort_at", "call_id", "queue")'`.execute(db);
      for (const { name } of rows) await db.schema.dropIndex(name).execute();
    },
  },
  /**
   * Who was logged in on a phone, and when: each session with its login and logout times, so an
   * AgentConnected finds the agent that was on the phone when the call was answered, whenever it
   * is applied. phone_agents only knew the present: an AgentConnected redelivered after the
   * agent's logout (a lone event whose transaction failed comes back after later ones) or
   * applied late for any other reason lost its agent. Sessions open now are seeded as open since
   * always (their login time was not kept). phone_agents stays for the replicas of the previous
   * release during a rolling upgrade.
   */
  '0008_phone_sessions': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('phone_sessions')
        .addColumn('pbx_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('state_interface', 'varchar(255)', (c) => c.notNull())
        .addColumn('queue', 'varchar(128)', (c) => c.notNull())
        .addColumn('agent_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('logged_in_at', 'varchar(32)', (c) => c.notNull())
        .addColumn('logged_out_at', 'varchar(32)')
        .addPrimaryKeyConstraint('phone_sessions_pk', ['pbx_id', 'queue', 'agent_id', 'logged_in_at'])
        .execute();
      await db.schema.createIndex('phone_sessions_phone').on('phone_sessions').columns(['pbx_id', 'state_interface', 'logged_in_at']).execute();
      await sql`insert into phone_sessions (pbx_id, state_interface, queue, agent_id, logged_in_at)
        select pbx_id, state_interface, queue, agent_id, '' from phone_agents`.execute(db);
    },
  },
  /**
   * The pairs 0007 left to one filter's index cost more than was expected there: with nothing
   * matching, both planners read the whole table in page order (1.3–1.7 s on 1M rows, PostgreSQL
   * and SQLite alike, measured on a loaded machine), since they take the filters for independent.
   * agentId + phoneId is a real question where agents hot-desk (one agent's calls on one device),
   * and agentId or phoneId + attribution too (an agent's calls not disposed). Three more indexes;
   * the projection's rate pays for them (see docs/benchmarks.md).
   */
  '0009_more_filter_pair_indexes': {
    async up(db: Kysely<unknown>) {
      const index = (name: string, columns: string[]) => db.schema.createIndex(name).on('call_report').columns(columns).execute();
      await index('call_report_agent_phone_sort', ['agent_id', 'phone_id', 'sort_at']);
      await index('call_report_agent_attribution_sort', ['agent_id', 'attribution', 'sort_at']);
      await index('call_report_phone_attribution_sort', ['phone_id', 'attribution', 'sort_at']);
    },
  },
  /**
   * Dispositions kept until their call's rows exist, per (call id, PBX, agent). A call id is
   * unique on one PBX only (Asterisk's Linkedid: its clock and a counter that restarts with it),
   * and a call taken by two agents (a transfer to another queue) is disposed by each: kept by
   * call id alone, only the latest survived, and the other PBX's or agent's row never got its
   * own. pbx_id is '' for a disposition recorded before CallDisposed named its PBX (it reaches
   * that call on any PBX). call_dispositions stays for the previous release's replicas during a
   * rolling upgrade: a disposition one of them keeps there before its rows exist reaches them at
   * the next rebuild.
   */
  '0010_call_dispositions_by_pbx_and_agent': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('call_dispositions_kept')
        .addColumn('call_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('pbx_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('agent_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('event_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('call_dispositions_kept_pk', ['call_id', 'pbx_id', 'agent_id'])
        .execute();
      const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
      const field = (name: string) => (postgres ? sql`coalesce((event_json::json -> 'data' ->> ${name}), '')` : sql`coalesce(json_extract(event_json, ${`$.data.${name}`}), '')`);
      await sql`insert into call_dispositions_kept (call_id, pbx_id, agent_id, event_json)
        select call_id, ${field('pbxId')}, ${field('agentId')}, event_json from call_dispositions`.execute(db);
    },
  },
  /**
   * No length limit on text (PostgreSQL). The projection stores what the PBX and the agents send,
   * and Asterisk bounds little of it: caller ID name and number are free text from whoever calls,
   * a uniqueid/linkedid takes up to 150 characters (AST_MAX_UNIQUEID, a systemname prefix
   * included), interface and queue names are the administrator's. A value longer than its
   * varchar(n) failed the statement ("value too long"), so the PBX consumer split the batch and
   * redelivered that call's events for ever: the call never got a row. SQLite ignores varchar
   * lengths, so the two stores disagreed.
   *
   * Every varchar column of the projection's tables becomes text: binary-coercible, so PostgreSQL
   * changes the catalogue only (no table rewrite, the indexes kept). The columns are read from the
   * catalogue rather than listed, so none is missed; a rebuild's copies (`__next`, made LIKE the
   * live tables, fresh-tables.ts) are changed too when they exist, so a rebuild running across the
   * upgrade does not swap varchar columns back in. Copies made afterwards inherit text. The tables
   * are those of PROJECTION_TABLES when this was written, in its order (call_report before
   * call_totals, as the count triggers lock them). SQLite: nothing to do.
   */
  '0011_text_without_length_limits': {
    async up(db: Kysely<unknown>) {
      if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
      const live = [
        'call_report',
        'call_totals',
        'call_counts',
        'queue_members',
        'phone_agents',
        'phone_sessions',
        'call_dispositions',
        'call_dispositions_kept',
        'projection_checkpoints',
      ];
      const tables = live.flatMap((t) => [t, `${t}__next`]);
      const { rows } = await sql<{ table_name: string; column_name: string }>`
        select table_name::text as table_name, column_name::text as column_name from information_schema.columns
        where table_schema = current_schema() and data_type = 'character varying' and table_name::text = any(${tables}::text[])
        order by array_position(${tables}::text[], table_name::text), ordinal_position`.execute(db);
      const columnsOf = new Map<string, string[]>();
      for (const r of rows) columnsOf.set(r.table_name, [...(columnsOf.get(r.table_name) ?? []), r.column_name]);
      for (const [table, columns] of columnsOf) {
        // One statement per table: its lock taken once, all its columns changed at once.
        await sql`alter table ${sql.table(table)} ${sql.join(columns.map((c) => sql`alter column ${sql.ref(c)} type text`))}`.execute(db);
      }
    },
  },
  /**
   * An index for `search` (a substring, any case, of the caller's number and name, the call id
   * and the disposition code), which read the table in page order until a page matched: 0.7–0.9 s
   * on 1M rows for a rare term, or none. Both indexes are of trigrams (every 3 characters), so they
   * serve terms of 3 characters or more; query/call-search.ts decides when to use them.
   *
   * PostgreSQL: pg_trgm (a trusted extension since PostgreSQL 13: the database's owner may create
   * it) and a GIN index on exactly the expressions the filter compares (`lower(coalesce(c, ''))`,
   * call-filter.ts), so the filter's own LIKEs use it and the planner estimates them from the
   * index's statistics. A rebuild's copy under way (`call_report__next`, made LIKE the table before
   * this) gets the index too (see 0011).
   *
   * SQLite: an FTS5 table with the trigram tokenizer, keyed by call_report's rowid and kept by
   * triggers on call_report (an update only when a searched column changes). Contentless (it
   * stores no copy of the text; contentless_delete lets the triggers delete by rowid) and
   * detail=none (no positions: a third of the size, and cheaper to write): it answers "every
   * trigram of the term is in the row", a superset of the matches that the filter's LIKE then
   * narrows. The rowid is not declared (call_report's key is call_id, queue), but SQLite keeps it
   * through VACUUM and VACUUM INTO for a table with indexes, and nothing here deletes rows and
   * renumbers; a rebuild makes both afresh.
   */
  '0012_search_index': {
    async up(db: Kysely<unknown>) {
      const searched = ['caller_number', 'caller_name', 'call_id', 'disposition_code'];
      if (db.getExecutor().adapter instanceof PostgresAdapter) {
        await sql`create extension if not exists pg_trgm`.execute(db);
        const { rows } = await sql<{ name: string }>`select table_name::text as name from information_schema.tables
          where table_schema = current_schema() and table_name::text in ('call_report', 'call_report__next')`.execute(db);
        for (const { name } of rows) {
          const expressions = searched.map((c) => sql`lower(coalesce(${sql.ref(c)}, '')) gin_trgm_ops`);
          await sql`create index ${sql.id(`${name}_search`)} on ${sql.table(name)} using gin (${sql.join(expressions)})`.execute(db);
          // The planner estimates the LIKEs from the statistics of the index's expressions, which
          // only ANALYZE gathers (autovacuum analyzes after many writes, not after a new index):
          // without them a rare term's page was planned as a read of the whole table.
          await sql`analyze ${sql.table(name)}`.execute(db);
        }
        return;
      }
      const columns = searched.join(', ');
      const values = (row: 'new' | 'old') => searched.map((c) => `${row}.${c}`).join(', ');
      await sql.raw(`create virtual table call_report_search using fts5(${columns},
        tokenize = 'trigram', content = '', contentless_delete = 1, detail = none)`).execute(db);
      await sql.raw(`create trigger call_report_search_insert after insert on call_report begin
        insert into call_report_search (rowid, ${columns}) values (new.rowid, ${values('new')}); end`).execute(db);
      await sql.raw(`create trigger call_report_search_update after update of ${columns} on call_report
        when ${searched.map((c) => `old.${c} is not new.${c}`).join(' or ')} begin
        delete from call_report_search where rowid = old.rowid;
        insert into call_report_search (rowid, ${columns}) values (new.rowid, ${values('new')}); end`).execute(db);
      await sql.raw(`create trigger call_report_search_delete after delete on call_report begin
        delete from call_report_search where rowid = old.rowid; end`).execute(db);
      // FTS5 writes what a statement added to the index when the next statement of the
      // transaction begins (its savepoint), so a projection batch leaves several small segments,
      // which FTS5 merges as it goes: 4 at a time by default, which (with the fill below not
      // merged yet) cost the projection a fifth of its rate on a 1M-row table; 16 at a time (the
      // most it takes), about 5%.
      await sql.raw(`insert into call_report_search (call_report_search, rank) values ('automerge', 16)`).execute(db);
      await sql.raw(`insert into call_report_search (rowid, ${columns}) select rowid, ${columns} from call_report`).execute(db);
      // The existing rows in one segment: else the merging of what the fill wrote falls on the
      // projection's next writes.
      await sql.raw(`insert into call_report_search (call_report_search) values ('optimize')`).execute(db);
    },
  },
};

export const reportMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
