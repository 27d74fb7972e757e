// Prints the scrypt hash of a PIN or password for the directory (pinHash, passwordHash).
// The secret is read from stdin, never from the command line: arguments end up in shell history
// and in `ps` output for every user of the machine to see.
//
//   printf 1234 | npm run -s hash-secret
import { hashSecret } from '@switchboard/platform';

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline is what `echo` adds; it is not part of the secret.
  const secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (secret === '') {
    console.error('usage: printf <secret> | npm run -s hash-secret');
    process.exit(2);
  }
  console.log(await hashSecret(secret));
}

void main();
