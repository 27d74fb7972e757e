import { createHttpApp, listen, loadConfig } from '@switchboard/platform';
import { AppModule } from './app.module';

/** The AMI gateway as its own process: AMI_URL in, NATS_URL out. */
async function main(): Promise<void> {
  const config = loadConfig(process.env, { port: 3001 });
  if (config.amiEndpoints.length === 0) throw new Error('AMI_URL is required (ami://user:secret@host:port)');
  if (!config.natsUrl) throw new Error('NATS_URL is required when the gateway runs on its own');
  const app = await createHttpApp(AppModule.forRoot(config));
  await listen(app, config);
}

main().catch((error: unknown) => {
  console.error(`ami-gateway failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
