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
};

export const reportMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
