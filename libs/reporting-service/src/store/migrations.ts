import { Kysely, type Migration, type MigrationProvider } from 'kysely';

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
};

export const reportMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};
