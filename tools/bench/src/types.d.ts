// asterisk-ami-client 1.1.5 ships no types. Only what the benchmarks call is declared, with the
// shapes read from its source (lib/AmiClient.js), so a wrong use fails the typecheck.
declare module 'asterisk-ami-client' {
  import { EventEmitter } from 'node:events';

  /** A frame as asterisk-ami-event-utils' toObject builds it: header name → value (last one wins). */
  type AmiClientMessage = Record<string, string | undefined>;

  interface AmiClientOptions {
    reconnect?: boolean;
    keepAlive?: boolean;
    emitEventsByTypes?: boolean;
    emitResponsesById?: boolean;
  }

  class AmiClient extends EventEmitter {
    constructor(options?: AmiClientOptions);
    /** Resolves once the login response arrived (the connector's auth step). */
    connect(
      user: string,
      secret: string,
      options: { host: string; port: number },
    ): Promise<unknown>;
    /** Without an ActionID the client makes one: `--spec_${Date.now()}`. */
    action(message: Record<string, string>, promisable: true): Promise<AmiClientMessage>;
    action(message: Record<string, string>, promisable?: false): this;
    disconnect(): this;
    readonly isConnected: boolean | null;
  }

  namespace AmiClient {
    export type Message = AmiClientMessage;
  }

  export = AmiClient;
}
