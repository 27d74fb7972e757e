import { randomUUID } from 'node:crypto';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import {
  AppendReq,
  AppendResp,
  ReadReq,
  ReadResp,
} from '@eventstore/db-client/generated/streams_pb';
import type { CurrentRevision, FakeRecord, ProposedRecord, WireExpectation } from './esdb-fake-log';

/**
 * Translation between the protobuf messages of the client's own generated code
 * (`@eventstore/db-client/generated/*_pb`) and the fake log's records. Nothing here is copied
 * from a server: it is what the client sends and what it parses back, read from those classes.
 */

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

const identifierOf = (stream: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(stream, 'utf8')));

export function expectationOf(options: AppendReq.Options): WireExpectation {
  const Case = AppendReq.Options.ExpectedStreamRevisionCase;
  switch (options.getExpectedStreamRevisionCase()) {
    case Case.REVISION:
      return { kind: 'revision', revision: BigInt(options.getRevision()) };
    case Case.NO_STREAM:
      return { kind: 'no_stream' };
    case Case.ANY:
      return { kind: 'any' };
    case Case.STREAM_EXISTS:
      return { kind: 'stream_exists' };
    default:
      return { kind: 'unset' };
  }
}

/** Append and BatchAppend carry the same proposed-message shape (two generated classes). */
type ProposedMessage = Pick<
  AppendReq.ProposedMessage,
  'getId' | 'getMetadataMap' | 'getData_asU8' | 'getCustomMetadata_asU8'
>;

export function proposedOf(message: ProposedMessage): ProposedRecord {
  const headers = message.getMetadataMap();
  // The client always sends the id as a string (UUIDOption is a read-side choice).
  const id = message.getId()?.getString() || randomUUID();
  return {
    id,
    type: headers.get('type') ?? '',
    contentType: headers.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

export function appendSuccess(revision: CurrentRevision, position: bigint | undefined): AppendResp {
  const success = new AppendResp.Success();
  if (revision === 'no_stream') success.setNoStream(new Empty());
  else success.setCurrentRevision(revision.toString());
  if (position === undefined) success.setNoPosition(new Empty());
  else
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(position.toString())
        .setPreparePosition(position.toString()),
    );
  return new AppendResp().setSuccess(success);
}

export function wrongExpectedVersion(
  expected: WireExpectation,
  current: CurrentRevision,
): AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedAny(new Empty());
  return new AppendResp().setWrongExpectedVersion(wrong);
}

export function eventResp(record: FakeRecord): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(new UUID().setString(record.id))
    .setStreamIdentifier(identifierOf(record.stream))
    .setStreamRevision(record.revision.toString())
    .setCommitPosition(record.position.toString())
    .setPreparePosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('content-type', record.contentType)
    .set('created', record.created.toString());
  const event = new ReadResp.ReadEvent()
    .setEvent(recorded)
    .setCommitPosition(record.position.toString());
  return new ReadResp().setEvent(event);
}

export const streamNotFoundResp = (stream: string): ReadResp =>
  new ReadResp().setStreamNotFound(
    new ReadResp.StreamNotFound().setStreamIdentifier(identifierOf(stream)),
  );

export const confirmationResp = (): ReadResp =>
  new ReadResp().setConfirmation(
    new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID()),
  );

export const caughtUpResp = (): ReadResp => new ReadResp().setCaughtUp(new ReadResp.CaughtUp());

/** The server-side filter of a read: prefixes OR-ed, else a regex, on the stream name or the type. */
export function filterOf(options: ReadReq.Options): (record: FakeRecord) => boolean {
  const filter = options.getFilter();
  if (!filter) return () => true;
  const onStream = filter.hasStreamIdentifier();
  const expression = onStream ? filter.getStreamIdentifier() : filter.getEventType();
  if (!expression) return () => true;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (record) => {
    const value = onStream ? record.stream : record.type;
    if (prefixes.length) return prefixes.some((p) => value.startsWith(p));
    return regex ? regex.test(value) : true;
  };
}
