/** A directory that cannot be used, naming the path of the first offending field: `agents[2].line: required`. */
export class DirectoryError extends Error {
  readonly code = 'invalid_directory';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'DirectoryError';
  }
}
