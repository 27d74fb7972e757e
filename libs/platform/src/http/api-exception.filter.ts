import { Catch, HttpException, HttpStatus, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** HTTP statuses without a more precise code of ours. */
const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_input',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'invalid_input',
  415: 'invalid_input',
};

/**
 * Every error leaves the API as `{code, message}`: ours keep their stable code; framework errors
 * (malformed JSON, unknown route, body too large) get the code of their status; anything
 * unexpected is a 500 `internal` whose details stay in the log, not in the response.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.describe(exception);
    void reply.status(status).send(body);
  }

  private describe(exception: unknown): { status: number; body: { code: string; message: string } } {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response && 'message' in response) {
        return { status, body: { code: String(response.code), message: String(response.message) } };
      }
      return { status, body: { code: CODE_BY_STATUS[status] ?? 'error', message: exception.message } };
    }
    // Fastify's own errors (e.g. a body that is not JSON) carry a statusCode.
    const statusCode = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return { status: statusCode, body: { code: CODE_BY_STATUS[statusCode] ?? 'invalid_input', message: (exception as Error).message } };
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: 'internal', message: 'internal error' } };
  }
}
