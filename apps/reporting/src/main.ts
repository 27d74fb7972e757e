import { createHttpApp, listen, loadConfig } from '@switchboard/platform';
import { AppModule } from './app.module';

/** Reporting as its own process: PBX events and agent events in, the Report Call Table out. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3003 });
  if (!config.natsUrl) throw new Error('NATS_URL is required when reporting runs on its own');
  const app = await createHttpApp(AppModule.forRoot(config));
  await listen(app, config);
}

main().catch((error: unknown) => {
  console.error(`reporting failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
