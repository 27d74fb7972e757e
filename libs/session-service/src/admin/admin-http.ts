import { HttpStatus } from '@nestjs/common';
import { ApiError, parseInput } from '@switchboard/platform';
import type { FastifyReply } from 'fastify';
import { z, type ZodTypeAny } from 'zod';

/** A path parameter checked like a body field: `id: letters, digits…` (400 invalid_input). */
export function pathParam<S extends ZodTypeAny>(name: string, schema: S, value: unknown): z.output<S> {
  return parseInput(z.object({ [name]: schema }), { [name]: value })[name] as z.output<S>;
}

/** A body may repeat the key of the path (a view PUT back), but not name another entry. */
export function samePathKey(name: string, inBody: string | undefined, inPath: string): void {
  if (inBody !== undefined && inBody !== inPath)
    throw new ApiError('invalid_input', `${name}: is ${inBody} in the body but ${inPath} in the path`, HttpStatus.BAD_REQUEST);
}

/** The version as an entity tag, for If-Match on the next change. */
export function tagVersion(reply: FastifyReply, version: number): void {
  void reply.header('etag', `"${version}"`);
}

export function notFound(what: string): ApiError {
  return new ApiError('not_found', `${what} is not in the directory`, HttpStatus.NOT_FOUND);
}
