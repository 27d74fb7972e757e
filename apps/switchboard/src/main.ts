import fs from 'node:fs';
import path from 'node:path';
import { PbxSimulator } from '@switchboard/pbx-sim';
import { createHttpApp, listen, loadConfig, shutdownOptions } from '@switchboard/platform';
import { SwitchboardModule } from './app.module';

/**
 * `npm start`: the whole platform in one Node process with the in-process bus and the embedded
 * stores under ./data. Without AMI_URL the PBX simulator runs alongside in demo mode, so the site
 * works on a laptop: agents log in by feature code and calls land in the Report Call Table.
 */
async function main(): Promise<void> {
  let simulator: PbxSimulator | null = null;
  let config = loadConfig(process.env, {
    directoryFile: fs.existsSync(path.resolve(__dirname, '../../agent-session/config/directory.yaml'))
      ? path.resolve(__dirname, '../../agent-session/config/directory.yaml')
      : path.resolve('apps/agent-session/config/directory.yaml'),
  });
  if (config.amiEndpoints.length === 0) {
    simulator = new PbxSimulator({ port: Number(process.env['SIM_PORT'] ?? 0), demo: true });
    const { port } = await simulator.start();
    console.log(`No AMI_URL: PBX simulator started on 127.0.0.1:${port} (demo mode)`);
    config = {
      ...config,
      amiEndpoints: [{ pbxId: 'pbx1', host: '127.0.0.1', port, username: 'gateway', secret: 'gateway-secret' }],
    };
  }
  const app = await createHttpApp(SwitchboardModule.forRoot(config));
  // The simulator stops after the application: the gateway logs off a PBX that is still there.
  await listen(app, config, { ...shutdownOptions(), afterClose: async () => simulator?.stop() });
  console.log(`Switchboard listening on http://localhost:${config.port} (GET /api/agents, GET /api/calls)`);
}

main().catch((error: unknown) => {
  console.error(`switchboard failed to start: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
