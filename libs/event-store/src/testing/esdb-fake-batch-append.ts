import type * as grpc from '@grpc/grpc-js';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
// The well-known types the generated messages above are built on (a dependency of the client).
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty } from 'google-protobuf/google/protobuf/empty_pb';
import { appendSize, batchAppendTooLarge } from './esdb-fake-append-size';
import type { AppendOutcome, FakeLog, ProposedRecord, WireExpectation } from './esdb-fake-log';
import { proposedOf, streamNameOf } from './esdb-fake-wire';

type AppendRecorder = (stream: string, expected: WireExpectation) => void;

/**
 * Streams.BatchAppend, the call current servers advertise and the client then prefers: one
 * long-lived bidirectional stream, requests keyed by correlation id, a request's events possibly
 * split over several messages until `is_final`. A conflict comes back as a google.rpc.Status
 * whose details pack an `event_store.client.WrongExpectedVersion`, which is how the client
 * unpacks it.
 */
export function batchAppendHandler(log: FakeLog, record: AppendRecorder, maxAppendSize: number) {
  return (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => {
    const pending = new Map<
      string,
      { stream: string; expected: WireExpectation; proposed: ProposedRecord[] }
    >();
    call.on('data', (req: BatchAppendReq) => {
      const correlation = req.getCorrelationId();
      const key = correlation?.getString() ?? '';
      let batch = pending.get(key);
      if (!batch) {
        const options = req.getOptions() ?? new BatchAppendReq.Options();
        batch = {
          stream: streamNameOf(options.getStreamIdentifier()),
          expected: expectationOf(options),
          proposed: [],
        };
        pending.set(key, batch);
      }
      batch.proposed.push(...req.getProposedMessagesList().map(proposedOf));
      if (!req.getIsFinal()) return;
      pending.delete(key);
      record(batch.stream, batch.expected);
      const resp = new BatchAppendResp()
        .setCorrelationId(correlation)
        .setStreamIdentifier(req.getOptions()?.getStreamIdentifier());
      if (batch.expected.kind === 'unset') {
        call.write(
          resp.setError(
            new Status().setCode(Code.INVALID_ARGUMENT).setMessage('no expected revision'),
          ),
        );
        return;
      }
      if (appendSize(batch.proposed) > maxAppendSize) {
        call.write(resp.setError(batchAppendTooLarge(maxAppendSize)));
        return;
      }
      const outcome = log.append(batch.stream, batch.expected, batch.proposed);
      call.write(
        outcome.ok
          ? resp.setSuccess(success(outcome))
          : resp.setError(wrongExpectedVersion(batch.expected, outcome.current)),
      );
    });
    call.on('end', () => call.end());
    call.on('error', () => undefined);
  };
}

function expectationOf(options: BatchAppendReq.Options): WireExpectation {
  if (options.hasStreamPosition())
    return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return { kind: 'unset' };
}

function success(outcome: Extract<AppendOutcome, { ok: true }>): BatchAppendResp.Success {
  const result = new BatchAppendResp.Success();
  if (outcome.revision === 'no_stream') result.setNoStream(new Empty());
  else result.setCurrentRevision(outcome.revision.toString());
  if (outcome.position === undefined) return result.setNoPosition(new Empty());
  const position = outcome.position.toString();
  return result.setPosition(
    new AllStreamPosition().setCommitPosition(position).setPreparePosition(position),
  );
}

function wrongExpectedVersion(expected: WireExpectation, current: bigint | 'no_stream'): Status {
  const details = new WrongExpectedVersion();
  if (current === 'no_stream') details.setCurrentNoStream(new Empty());
  else details.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'revision') details.setExpectedStreamPosition(expected.revision.toString());
  else if (expected.kind === 'no_stream') details.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') details.setExpectedStreamExists(new Empty());
  else details.setExpectedAny(new Empty());
  const packed = new Any();
  packed.pack(details.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return new Status()
    .setCode(Code.FAILED_PRECONDITION)
    .setMessage('WrongExpectedVersion')
    .setDetails(packed);
}
