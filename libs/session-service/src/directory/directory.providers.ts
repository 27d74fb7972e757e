import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@switchboard/platform';
import { DIRECTORY } from '../tokens';
import { DirectoryFollower } from './directory-follower';
import { DirectoryLog } from './directory-log';
import { LiveDirectory } from './live-directory';
import { openDirectory } from './open-directory';

/**
 * The directory as every replica holds it: its stream (DirectoryLog), the version in force
 * (LiveDirectory, also injected as DIRECTORY: a Directory whose fields read the latest version)
 * and the follower that swaps it when any replica records a change.
 */
export const directoryProviders: Provider[] = [
  DirectoryLog,
  {
    provide: LiveDirectory,
    inject: [APP_CONFIG, DirectoryLog],
    useFactory: (config: AppConfig, log: DirectoryLog) => openDirectory(config.directoryFile, log),
  },
  { provide: DIRECTORY, useExisting: LiveDirectory },
  DirectoryFollower,
];
