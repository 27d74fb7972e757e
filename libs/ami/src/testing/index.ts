// Test helpers of @switchboard/ami: import this file by relative path (or a
// `@switchboard/ami/testing` alias); it is deliberately not part of the library's index.
export * from './fuzz-parser';
export * from './captures';
