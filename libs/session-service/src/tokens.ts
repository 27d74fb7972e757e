export const DIRECTORY = Symbol('Directory');
