import { loadConfig, signAccessToken } from '@switchboard/platform';

/**
 * `npm run reporting:rebuild`: asks the running reporting service to rebuild the Report Call
 * Table (POST /api/admin/reporting/rebuild) and prints its progress until the swap. The rebuild
 * runs inside the service because it must hold the live projection still for the swap. The
 * admin token is signed with the deployment's AUTH_SECRET, which this command needs too.
 *
 * REPORTING_URL (default http://127.0.0.1:$PORT, PORT defaulting to 3003) names the service.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3003 });
  if (!config.auth.secretConfigured) throw new Error('AUTH_SECRET is required: the service only accepts tokens signed with its secret');
  const base = process.env['REPORTING_URL'] ?? `http://127.0.0.1:${config.port}`;
  const headers = {
    authorization: `Bearer ${signAccessToken({ subject: 'reporting-rebuild-cli', role: 'admin' }, config.auth.secret, 3600, Date.now())}`,
  };
  const url = `${base}/api/admin/reporting/rebuild`;
  const started = await fetch(url, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`rebuild refused: ${started.status} ${await started.text()}`);
  for (;;) {
    const status = (await (await fetch(url, { headers })).json()) as {
      state: string;
      phase: string | null;
      pbxEventsApplied: number;
      pbxEventsTotal: number;
      agentEventsApplied: number;
      rows: number | null;
      error: string | null;
    };
    const percent = status.pbxEventsTotal > 0 ? Math.floor((100 * status.pbxEventsApplied) / status.pbxEventsTotal) : 0;
    console.log(`${status.state} ${status.phase ?? ''} PBX events ${status.pbxEventsApplied}/${status.pbxEventsTotal} (${percent} %), agent events ${status.agentEventsApplied}`);
    if (status.state === 'done') {
      console.log(`rebuilt: ${status.rows} rows`);
      return;
    }
    if (status.state === 'failed') throw new Error(`rebuild failed: ${status.error}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
