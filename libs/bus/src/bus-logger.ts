/**
 * Where the bus adapters report what they handle themselves (a poison message, a fetch that keeps
 * failing): Nest's Logger and console both fit.
 */
export interface BusLogger {
  warn(message: string): void;
  error(message: string): void;
}

export const consoleBusLogger: BusLogger = {
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};
