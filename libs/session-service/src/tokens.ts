/**
 * The directory in force, as a Directory. In SessionModule it is the LiveDirectory, whose fields
 * read the latest version, so every change reaches the classes that inject it without a restart.
 */
export const DIRECTORY = Symbol('Directory');
