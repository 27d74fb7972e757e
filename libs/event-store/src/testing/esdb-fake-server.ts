import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import {
  SupportedMethod,
  SupportedMethods,
} from '@eventstore/db-client/generated/serverfeatures_pb';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import {
  ReadReq,
  type AppendReq,
  type AppendResp,
  type ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import { SERVER_MAX_APPEND_SIZE, appendSize, appendTooLarge } from './esdb-fake-append-size';
import { batchAppendHandler } from './esdb-fake-batch-append';
import { FakeLog, type ProposedRecord, type WireExpectation } from './esdb-fake-log';
import {
  appendSuccess,
  caughtUpResp,
  confirmationResp,
  eventResp,
  expectationOf,
  filterOf,
  proposedOf,
  streamNameOf,
  streamNotFoundResp,
  wrongExpectedVersion,
} from './esdb-fake-wire';

export interface EsdbFakeServerOptions {
  /** Advertise Streams.BatchAppend, as current servers do (the client then appends through it);
   *  default: Streams.Append only, as older servers. */
  readonly batchAppend?: boolean;
  /** The server's MaxAppendSize: an append carrying more is refused whole (default 1 MiB, as
   *  the server's default). */
  readonly maxAppendSize?: number;
}

export interface FakeAppend {
  readonly stream: string;
  readonly expected: WireExpectation;
  /** The call it came through. */
  readonly via: 'Append' | 'BatchAppend';
}

export interface FakeRead {
  readonly stream: string;
  readonly direction: 'forwards' | 'backwards';
  /** Where the client asked the read to start. */
  readonly from: bigint | 'start' | 'end';
  /** Events the server sent back. */
  readonly sent: number;
}

export interface EsdbFakeServer {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly url: string;
  /** Every append as it arrived, with the expectation it carried: a test can prove that no
   *  request went out with "any" (or without an expectation). */
  readonly appends: readonly FakeAppend[];
  /** Every stream read as it was asked for: a test can prove that a read from a revision went
   *  out as one, not as a whole stream filtered by the client. */
  readonly reads: readonly FakeRead[];
  stop(): Promise<void>;
}

/**
 * A wire-level stand-in for an EventStoreDB node, for tests only: a real gRPC server
 * (@grpc/grpc-js, plaintext, 127.0.0.1, a free port) serving the service definitions that
 * @eventstore/db-client ships in `generated/*_grpc_pb` — the very descriptors its client stubs are
 * made from, so the official client talks to it unchanged. It holds events in memory and serves:
 *
 * - ServerFeatures.GetSupportedMethods: Read and Append, plus BatchAppend when asked for (the
 *   client appends through BatchAppend when a server advertises it, else through Append);
 * - Streams.Append and Streams.BatchAppend: expected revision / no stream / stream exists / any,
 *   wrong-expected-version, and the server's MaxAppendSize (maximum-append-size-exceeded);
 * - Streams.Read: one stream forwards or backwards, from the start, the end or a revision
 *   (stream-not-found when missing), and
 *   subscriptions to $all from the start, the end or a position (exclusive), with the stream-name
 *   or event-type filter (prefixes or regex), catch-up then caught-up then live events.
 *
 * Not served (UNIMPLEMENTED): reads of $all without a subscription, stream subscriptions, delete,
 * tombstone; nor idempotent re-appends, checkpoints, links, ACLs, deadlines.
 */
export async function startEsdbFakeServer(
  options: EsdbFakeServerOptions = {},
): Promise<EsdbFakeServer> {
  const log = new FakeLog();
  const maxAppendSize = options.maxAppendSize ?? SERVER_MAX_APPEND_SIZE;
  const appends: FakeAppend[] = [];
  const reads: FakeRead[] = [];
  const server = new grpc.Server();

  server.addService(ServerFeaturesService, {
    getSupportedMethods: (
      _call: grpc.ServerUnaryCall<Empty, SupportedMethods>,
      callback: grpc.sendUnaryData<SupportedMethods>,
    ) => {
      const served: { readonly path: string }[] = [
        StreamsService.read,
        StreamsService.append,
        ServerFeaturesService.getSupportedMethods,
      ];
      if (options.batchAppend) served.push(StreamsService.batchAppend);
      const methods = served.map(({ path }) => {
        const [, service, method] = path.split('/');
        return new SupportedMethod().setServiceName(service).setMethodName(method);
      });
      callback(
        null,
        new SupportedMethods().setEventStoreServerVersion('0.0.0-fake').setMethodsList(methods),
      );
    },
  });

  server.addService(StreamsService, {
    batchAppend: batchAppendHandler(
      log,
      (stream, expected) => appends.push({ stream, expected, via: 'BatchAppend' }),
      maxAppendSize,
    ),

    append: (
      call: grpc.ServerReadableStream<AppendReq, AppendResp>,
      callback: grpc.sendUnaryData<AppendResp>,
    ) => {
      let appendOptions: AppendReq.Options | undefined;
      const proposed: ProposedRecord[] = [];
      call.on('data', (req: AppendReq) => {
        if (req.hasOptions()) appendOptions = req.getOptions();
        else if (req.hasProposedMessage())
          proposed.push(proposedOf(req.getProposedMessage() as AppendReq.ProposedMessage));
      });
      call.on('error', () => undefined);
      // Checked and committed when the request is complete, in one tick: racing appends serialise.
      call.on('end', () => {
        if (!appendOptions)
          return callback({
            code: grpc.status.INVALID_ARGUMENT,
            details: 'append without options',
          });
        const stream = streamNameOf(appendOptions.getStreamIdentifier());
        const expected = expectationOf(appendOptions);
        appends.push({ stream, expected, via: 'Append' });
        if (expected.kind === 'unset')
          return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'no expected revision' });
        if (appendSize(proposed) > maxAppendSize) return callback(appendTooLarge(maxAppendSize));
        const outcome = log.append(stream, expected, proposed);
        callback(
          null,
          outcome.ok
            ? appendSuccess(outcome.revision, outcome.position)
            : wrongExpectedVersion(expected, outcome.current),
        );
      });
    },

    read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => {
      const readOptions = call.request.getOptions();
      const fail = (code: grpc.status, details: string) => call.emit('error', { code, details });
      if (!readOptions) return fail(grpc.status.INVALID_ARGUMENT, 'read without options');
      if (readOptions.hasStream() && !readOptions.hasSubscription())
        return readStream(call, readOptions);
      if (readOptions.hasAll() && readOptions.hasSubscription())
        return subscribeToAll(call, readOptions);
      fail(grpc.status.UNIMPLEMENTED, 'the fake serves stream reads and $all subscriptions only');
    },
  });

  function readStream(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
  ): void {
    const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
    const stream = streamNameOf(streamOptions.getStreamIdentifier());
    const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
    const read = {
      stream,
      direction: forwards ? 'forwards' : 'backwards',
      from: streamOptions.hasRevision()
        ? BigInt(streamOptions.getRevision())
        : streamOptions.hasEnd()
          ? 'end'
          : 'start',
    } as const;
    const events = log.stream(stream);
    if (!events) {
      reads.push({ ...read, sent: 0 });
      call.write(streamNotFoundResp(stream));
      call.end();
      return;
    }
    const from = startRevision(streamOptions, forwards, events[events.length - 1].revision);
    const selected = forwards
      ? events.filter((e) => e.revision >= from)
      : [...events].reverse().filter((e) => e.revision <= from);
    const sent = selected.slice(0, Number(options.getCount()));
    reads.push({ ...read, sent: sent.length });
    for (const record of sent) call.write(eventResp(record));
    call.end();
  }

  function subscribeToAll(
    call: grpc.ServerWritableStream<ReadReq, ReadResp>,
    options: ReadReq.Options,
  ): void {
    const allOptions = options.getAll() as ReadReq.Options.AllOptions;
    const from = allOptions.hasPosition()
      ? BigInt((allOptions.getPosition() as ReadReq.Options.Position).getCommitPosition())
      : allOptions.hasEnd()
        ? log.lastPosition()
        : undefined;
    const matches = filterOf(options);
    call.write(confirmationResp());
    // Catch-up, caught-up and the live listener in one synchronous run: no append can slip
    // between the last caught-up event and the first live one, and none is sent twice.
    for (const record of log.after(from)) if (matches(record)) call.write(eventResp(record));
    call.write(caughtUpResp());
    const unsubscribe = log.onAppend((record) => {
      if (matches(record)) call.write(eventResp(record));
    });
    call.on('cancelled', unsubscribe);
    call.on('close', unsubscribe);
  }

  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    appends,
    reads,
    stop: async () => {
      log.clearListeners();
      // Subscriptions never end on their own: a graceful shutdown would wait for the clients.
      server.forceShutdown();
    },
  };
}

/** Where a stream read starts (inclusive): a revision, or the start / end seen from the direction. */
function startRevision(
  options: ReadReq.Options.StreamOptions,
  forwards: boolean,
  last: bigint,
): bigint {
  if (options.hasRevision()) return BigInt(options.getRevision());
  if (options.hasEnd()) return forwards ? last + 1n : last;
  return forwards ? 0n : -1n;
}
