export type FieldError = { path: string; message: string };

export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PRECONDITION_FAILED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'SECOND_FACTOR_REQUIRED'
  | 'SECOND_FACTOR_INVALID'
  | 'SECOND_FACTOR_ENROLMENT_REQUIRED'
  | 'CSRF'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

/** The few errors a service throws; one handler turns them into { statusCode, code, message, fields, requestId }. Messages are Chinese. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fields?: FieldError[]) {
    super(400, 'VALIDATION', message, fields);
  }
}

/** One field is wrong: the message names it. */
export function fieldError(path: string, message: string): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}

export class UnauthenticatedError extends AppError {
  constructor(message = '请先登录') {
    super(401, 'UNAUTHENTICATED', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = '没有权限执行此操作') {
    super(403, 'FORBIDDEN', message);
  }
}

/** Also what a caller gets for a record outside their scope: it does not exist for them. */
export class NotFoundError extends AppError {
  constructor(what = '记录') {
    super(404, 'NOT_FOUND', `${what}不存在或无权访问`);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, fields?: FieldError[]) {
    super(409, 'CONFLICT', message, fields);
  }
}

/** If-Match named a version that is no longer current: someone changed the record since the caller loaded it. */
export class PreconditionFailedError extends AppError {
  constructor(message: string) {
    super(412, 'PRECONDITION_FAILED', message);
  }
}

/** An Idempotency-Key already used for a different request (another body, record or endpoint). */
export class IdempotencyKeyReusedError extends AppError {
  constructor(message: string) {
    super(422, 'IDEMPOTENCY_KEY_REUSED', message);
  }
}

/**
 * True when a database error is a unique-constraint violation (SQLite or PostgreSQL): a check-then-insert
 * can still lose a race, and the constraint is the final word, answered as 409 rather than 500.
 */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return !!e && (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY');
}
