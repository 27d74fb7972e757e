import * as grpc from '@grpc/grpc-js';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { MaximumAppendSizeExceeded } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import type { ProposedRecord } from './esdb-fake-log';

/** The server's default MaxAppendSize (1 MiB). */
export const SERVER_MAX_APPEND_SIZE = 1_048_576;

/**
 * What an append counts against MaxAppendSize, roughly as the server does: each event's data and
 * metadata bytes and its type. The server refuses the whole append once the sum passes the bound,
 * before it looks at the expected revision; nothing is written.
 */
export function appendSize(proposed: readonly ProposedRecord[]): number {
  return proposed.reduce((sum, p) => sum + p.data.length + p.customMetadata.length + Buffer.byteLength(p.type), 0);
}

/** Streams.Append's refusal: the status and trailers the client turns into MaxAppendSizeExceededError. */
export function appendTooLarge(maxAppendSize: number): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set('exception', 'maximum-append-size-exceeded');
  metadata.set('maximum-append-size', String(maxAppendSize));
  return { code: grpc.status.INVALID_ARGUMENT, details: `Maximum Append Size of ${maxAppendSize} Exceeded.`, metadata };
}

/** Streams.BatchAppend's refusal: a google.rpc.Status packing MaximumAppendSizeExceeded. */
export function batchAppendTooLarge(maxAppendSize: number): Status {
  const packed = new Any();
  packed.pack(new MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize).serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded');
  return new Status().setCode(Code.INVALID_ARGUMENT).setMessage(`Maximum Append Size of ${maxAppendSize} Exceeded.`).setDetails(packed);
}
