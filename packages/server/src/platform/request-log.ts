import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * Fastify's per-request log lines (incoming, completed, route not found) at debug instead of info, for a server
 * whose terminal is read by a person (`serve --demo`): a short session made 1,600 lines of them and scrolled the
 * one-time admin password away. Errors keep their level; JINGUO_LOG_LEVEL=debug shows the rest again.
 */
export class DebugRequestLog extends LogController {
  incomingRequest(request: FastifyRequest) {
    request.log.debug({ req: request }, 'incoming request');
  }

  requestCompleted(error: Error | null | undefined, _request: FastifyRequest, reply: FastifyReply) {
    if (error) reply.log.error({ res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  routeNotFound(request: FastifyRequest) {
    request.log.debug(`Route ${request.raw.method}:${request.raw.url} not found`);
  }
}
