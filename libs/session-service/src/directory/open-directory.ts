import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Logger } from '@nestjs/common';
import { streamNames } from '@switchboard/contracts';
import type { DirectoryLog } from './directory-log';
import { LiveDirectory } from './live-directory';
import { loadDirectory } from './load-directory';

/**
 * The directory in force at start-up. The YAML file names the PBX (its stream) and seeds the
 * stream when it is empty (first start, or two replicas racing: one seed wins, the other reads
 * it). Once seeded, the stream is the directory: later edits of the file are not applied — start-up
 * says so, and PUT /api/admin/directory imports the file.
 */
export async function openDirectory(file: string, log: DirectoryLog): Promise<LiveDirectory> {
  const fromFile = loadDirectory(file);
  const fileSha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  const logger = new Logger('Directory');
  const recorded = await log.read(fromFile.pbxId);
  if (!recorded) {
    const seeded = await log.seed(fromFile, fileSha256, new Date().toISOString());
    logger.log(`directory seeded from ${file} into ${streamNames.directory(fromFile.pbxId)} (version ${seeded.version})`);
    return new LiveDirectory(seeded);
  }
  if (recorded.fileSha256 !== fileSha256)
    logger.warn(
      `${file} changed since it seeded the directory: version ${recorded.version} from ${streamNames.directory(fromFile.pbxId)} is in force; import the file with PUT /api/admin/directory to apply it`,
    );
  return new LiveDirectory(recorded);
}
