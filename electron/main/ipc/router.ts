/**
 * The IPC router: the only place a renderer's request enters main. Every request is checked in
 * this order: known channel, trusted sender, valid payload; then a plain handler runs and its
 * answer (or failure) is wrapped in a Result. Nothing throws back across IPC.
 */
import type { z } from 'zod';
import { AppError, fail, ok, type Result } from '../../shared/result';
import { invokeContract, type InvokeChannel, type OutputOf, type ParsedInputOf } from '../../shared/contract';
import type { Logger } from '../logging/logger';

export type Handlers = {
  [C in InvokeChannel]: (input: ParsedInputOf<C>) => Promise<OutputOf<C>> | OutputOf<C>;
};

/** What the transport knows of who sent a request. */
export interface Sender {
  /** webContents id in Electron; the socket's id in the harness. */
  id: number;
  isMainFrame: boolean;
  /** The sending frame's origin, e.g. `app://softphone`. */
  origin: string;
}

export interface RouterOptions {
  isTrustedSender(sender: Sender): boolean;
  logger: Logger;
}

export interface Router {
  dispatch(channel: unknown, payload: unknown, sender: Sender): Promise<Result<unknown>>;
}

const isChannel = (channel: unknown): channel is InvokeChannel =>
  typeof channel === 'string' && Object.prototype.hasOwnProperty.call(invokeContract, channel);

export function createRouter(handlers: Handlers, options: RouterOptions): Router {
  return {
    async dispatch(channel, payload, sender) {
      if (!isChannel(channel)) {
        const name = typeof channel === 'string' ? channel.slice(0, 60) : typeof channel;
        return fail('IPC_UNKNOWN_CHANNEL', `Unknown request "${name}".`);
      }
      if (!options.isTrustedSender(sender)) {
        options.logger.warn('ipc: refused a request from an untrusted sender', { channel, origin: sender.origin });
        return fail('IPC_FORBIDDEN_SENDER', 'This request did not come from the Evo Softphone window.');
      }
      const [inputSchema, outputSchema] = invokeContract[channel];
      const input = inputSchema.safeParse(payload);
      if (!input.success) return fail('IPC_INVALID_PAYLOAD', describeIssues(channel, input.error));
      try {
        const handler = handlers[channel] as (value: unknown) => unknown;
        const value = await handler(input.data);
        const output = (outputSchema as z.ZodType).safeParse(value);
        if (!output.success) {
          options.logger.error('ipc: handler answered outside the contract', { channel, issues: output.error.issues.length });
          return fail('INTERNAL', 'Evo Softphone hit an internal error. Please try again.');
        }
        return ok(output.data);
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toInfo() };
        options.logger.error('ipc: handler failed', { channel, error: error instanceof Error ? error.name : typeof error });
        return fail('INTERNAL', 'Evo Softphone hit an internal error. Please try again.');
      }
    },
  };
}

function describeIssues(channel: string, error: z.ZodError): string {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` at "${first.path.map(String).join('.').slice(0, 80)}"` : '';
  return `Invalid request for ${channel}${where}: ${(first?.message ?? 'unexpected input').slice(0, 200)}.`;
}
