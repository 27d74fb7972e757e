import fs from 'node:fs';
import path from 'node:path';
import { createHttpApp, listen, loadConfig } from '@switchboard/platform';
import { AppModule } from './app.module';

/** Agent sessions as their own process: feature codes and commands in, decisions in the event store. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, {
    port: 3002,
    directoryFile: defaultDirectoryFile(),
  });
  if (!config.natsUrl) throw new Error('NATS_URL is required when agent-session runs on its own');
  const app = await createHttpApp(AppModule.forRoot(config));
  await listen(app, config);
}

/** Beside the sources (ts-node), or from the workspace root (compiled into dist/). */
function defaultDirectoryFile(): string {
  const besideSource = path.resolve(__dirname, '../config/directory.yaml');
  return fs.existsSync(besideSource) ? besideSource : path.resolve('apps/agent-session/config/directory.yaml');
}

main().catch((error: unknown) => {
  console.error(`agent-session failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
