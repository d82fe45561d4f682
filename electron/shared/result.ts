import type { ErrorCode } from './error-codes';

export type { ErrorCode } from './error-codes';

/** The envelope every IPC answer travels in: nothing throws across the process boundary. */
export interface ErrorInfo {
  /** Stable, machine-readable: `EVO_NOT_FOUND`, `IPC_INVALID_PAYLOAD`, ... (error-codes.ts). */
  code: ErrorCode;
  /** A sentence an agent can act on. Never a stack trace, never a secret. */
  message: string;
  /** True when trying the same thing again may work (network, 5xx). */
  retryable?: boolean;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, retryable = false): Result<never> => ({
  ok: false,
  error: retryable ? { code, message, retryable } : { code, message },
});

/** An error that already carries its stable code; services throw it, the router turns it into a Result. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryable = false,
    /** The message is the server's own words (quoted as such to the agent), not ours. */
    readonly fromServer = false,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toInfo(): ErrorInfo {
    return this.retryable ? { code: this.code, message: this.message, retryable: true } : { code: this.code, message: this.message };
  }
}
