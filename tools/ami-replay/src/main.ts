import { loadCapture } from './load-capture';
import { AmiReplayServer } from './replay-server';

const USAGE = `usage: npm run replay -- <capture.ami|capture.jsonl> [--port 5038] [--speed N | --fast | --one-chunk] [--loop]

Serves a recorded AMI capture as an Asterisk would: banner, login (any user unless AMI_USERNAME /
AMI_SECRET are set), then the recorded events. Point the gateway at it:
  AMI_URL=ami://gateway:secret@127.0.0.1:5038 npm start`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--') && !/^\d+(\.\d+)?$/.test(a));
  if (!file || args.includes('--help')) {
    console.log(USAGE);
    process.exit(file ? 0 : 2);
  }
  const frames = loadCapture(file);
  const speedArg = arg(args, '--speed');
  const speed = args.includes('--fast') ? 'max' : speedArg ? Number(speedArg) : 1;
  if (speed !== 'max' && !(speed > 0)) throw new Error('--speed must be a positive number');
  const server = new AmiReplayServer({
    frames,
    port: Number(arg(args, '--port') ?? 5038),
    speed,
    oneChunk: args.includes('--one-chunk'),
    username: process.env['AMI_USERNAME'],
    secret: process.env['AMI_SECRET'],
  });
  const { port } = await server.start();
  console.log(`ami-replay: ${frames.length} events from ${file} on 127.0.0.1:${port} (speed ${speed})`);
  await server.done;
  console.log(`ami-replay: sent ${server.sent} events`);
  if (!args.includes('--loop')) {
    // Give the client a moment to read the tail before the server goes.
    setTimeout(() => void server.stop().then(() => process.exit(0)), 1000);
  }
}

main().catch((error: unknown) => {
  console.error(`ami-replay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
