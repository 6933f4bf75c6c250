import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from '@kinship/http';
import {
  DeadLetterAlreadyReplayedError,
  DeadLetterNotFoundError,
  DeadLetterReplayFailedError,
  NoLiveConsumerError,
} from '@kinship/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProjectionBehindError, ProjectionNotFoundError, RebuildInProgressError } from './projection/projection-runner';
import { PositionBeyondHeadError } from './read-your-writes/read-your-writes';
import { DirectoryAccessDeniedError, DirectoryEntryNotFoundError } from './resident-directory/resident-directory.service';

type Problem = Pick<ProblemDetails, 'status' | 'title' | 'detail' | 'code'>;

const HANDLED = [
  ProjectionBehindError,
  PositionBeyondHeadError,
  ProjectionNotFoundError,
  RebuildInProgressError,
  DirectoryAccessDeniedError,
  DirectoryEntryNotFoundError,
  DeadLetterNotFoundError,
  DeadLetterAlreadyReplayedError,
  NoLiveConsumerError,
  DeadLetterReplayFailedError,
] as const;

/**
 * The expected failures of the read side as problem+json, including the one that is not the client's
 * fault: a projection that stays behind a read-your-writes position answers 504 `projection-behind`.
 */
@Catch(...HANDLED)
export class ProjectionsProblemFilter implements ExceptionFilter {
  catch(exception: InstanceType<(typeof HANDLED)[number]>, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const problem = problemOf(exception);
    request.log?.info({ status: problem.status, code: problem.code }, 'request not served');
    const body: ProblemDetails = {
      type: problemType(problem.code as string),
      ...problem,
      instance: request.url.split('?')[0],
      correlationId: String(request.id),
    };
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
  }
}

function problemOf(error: InstanceType<(typeof HANDLED)[number]>): Problem {
  if (error instanceof ProjectionBehindError) {
    return {
      status: 504,
      code: 'projection-behind',
      title: 'The read model has not caught up yet',
      detail: `The ${error.projection} projection has not reached position ${error.position} in time; retry shortly.`,
    };
  }
  if (error instanceof PositionBeyondHeadError) {
    return { status: 400, code: 'position-beyond-head', title: 'No command returned that position', detail: error.message };
  }
  if (error instanceof ProjectionNotFoundError) {
    return { status: 404, code: 'projection-not-found', title: 'No such projection', detail: error.message };
  }
  if (error instanceof RebuildInProgressError) {
    return { status: 409, code: 'rebuild-in-progress', title: 'A rebuild is already running', detail: error.message };
  }
  if (error instanceof DirectoryAccessDeniedError) {
    return { status: 403, code: 'directory-access-denied', title: 'Forbidden', detail: error.message };
  }
  if (error instanceof DirectoryEntryNotFoundError) {
    return { status: 404, code: 'resident-not-in-directory', title: 'Not in this directory', detail: error.message };
  }
  if (error instanceof DeadLetterNotFoundError) {
    return { status: 404, code: 'dead-letter-not-found', title: 'No such dead letter', detail: error.message };
  }
  if (error instanceof DeadLetterAlreadyReplayedError) {
    return { status: 409, code: 'dead-letter-already-replayed', title: 'Already replayed', detail: error.message };
  }
  if (error instanceof NoLiveConsumerError) {
    return { status: 409, code: 'no-live-consumer', title: 'Nothing consumes that group now', detail: error.message };
  }
  return { status: 422, code: 'dead-letter-replay-failed', title: 'The replay failed again', detail: error.message };
}
