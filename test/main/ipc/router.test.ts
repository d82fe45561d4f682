import { describe, expect, it } from 'vitest';
import { createRouter, type Handlers, type Sender } from '../../../electron/main/ipc/router';
import { AppError } from '../../../electron/shared/result';
import { MemoryLogger } from '../../support/logger';

const trusted: Sender = { id: 1, isMainFrame: true, origin: 'app://softphone' };

function routerWith(overrides: Partial<Handlers> = {}) {
  const handlers = {
    'app.info': () => ({ name: 'Evo Softphone', version: '1.2.3', platform: 'linux' }),
    ...overrides,
  } as Handlers;
  const logger = new MemoryLogger();
  const router = createRouter(handlers, {
    logger,
    isTrustedSender: (sender) => sender.id === 1 && sender.isMainFrame && sender.origin === 'app://softphone',
  });
  return { router, logger };
}

describe('IPC router', () => {
  it('answers a known channel from a trusted sender with the handler value', async () => {
    const { router } = routerWith();
    expect(await router.dispatch('app.info', undefined, trusted)).toEqual({
      ok: true,
      value: { name: 'Evo Softphone', version: '1.2.3', platform: 'linux' },
    });
  });

  it.each([['nope'], ['__proto__'], ['constructor'], [42], [null], [{ toString: () => 'app.info' }]])(
    'refuses the unknown channel %j with a typed error',
    async (channel) => {
      const { router } = routerWith();
      const result = await router.dispatch(channel, undefined, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } });
    },
  );

  it('refuses a malformed payload before the handler runs', async () => {
    let called = false;
    const { router } = routerWith({
      'sessions.hold': () => {
        called = true;
        throw new Error('unreachable');
      },
    });
    for (const payload of [
      undefined,
      'S1',
      { sessionId: 5 },
      { sessionId: '' },
      { sessionId: 'S1', reason: 'Lunch' },
      { sessionId: 'S1', extra: 1 },
    ]) {
      const result = await router.dispatch('sessions.hold', payload, trusted);
      expect(result).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
    }
    expect(called).toBe(false);
  });

  it.each([
    [{ id: 2, isMainFrame: true, origin: 'app://softphone' }],
    [{ id: 1, isMainFrame: false, origin: 'app://softphone' }],
    [{ id: 1, isMainFrame: true, origin: 'https://evil.example' }],
  ])('refuses the foreign sender %j', async (sender) => {
    const { router, logger } = routerWith();
    const result = await router.dispatch('app.info', undefined, sender);
    expect(result).toMatchObject({ ok: false, error: { code: 'IPC_FORBIDDEN_SENDER' } });
    expect(logger.lines.join('\n')).toContain('untrusted sender');
  });

  it('passes an AppError through as its code and message', async () => {
    const { router } = routerWith({
      'sessions.resume': () => {
        throw new AppError('EVO_NOT_FOUND', 'That call has ended.');
      },
    });
    expect(await router.dispatch('sessions.resume', { sessionId: 'S1' }, trusted)).toEqual({
      ok: false,
      error: { code: 'EVO_NOT_FOUND', message: 'That call has ended.' },
    });
  });

  it('hides the details of an unexpected failure', async () => {
    const { router } = routerWith({
      'auth.status': () => {
        throw new Error('password=hunter2 at /home/agent/secret');
      },
    });
    const result = await router.dispatch('auth.status', undefined, trusted);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('hunter2');
  });

  it('refuses to answer outside the contract', async () => {
    const { router } = routerWith({ 'app.info': () => ({ name: 'x' }) as never });
    expect(await router.dispatch('app.info', undefined, trusted)).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});

describe('session ids in the contract', () => {
  const sessionChannels = ['sessions.get', 'sessions.hold', 'sessions.resume', 'sessions.end', 'sessions.answer'] as const;

  it.each(['.', '..', ' .. ', '%2e', '%2E%2e', '.%2e', '%252e%252e', 'a/b', '..\\x', '%2F', 'x\u0000'])(
    'refuses %j before any handler runs',
    async (sessionId) => {
      let called = 0;
      const handlers = Object.fromEntries(sessionChannels.map((channel) => [channel, () => (called += 1)]));
      const { router } = routerWith(handlers as Partial<Handlers>);
      for (const channel of sessionChannels) {
        expect(await router.dispatch(channel, { sessionId }, trusted)).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_PAYLOAD' } });
      }
      expect(called).toBe(0);
    },
  );

  it.each(['SE6f1c2d', 'a.b', '...', 'abc..', 'x%41'])('lets the ordinary id %j through', async (sessionId) => {
    const seen: string[] = [];
    const { router } = routerWith({ 'sessions.get': ((input: { sessionId: string }) => void seen.push(input.sessionId)) as never });
    await router.dispatch('sessions.get', { sessionId }, trusted);
    expect(seen).toEqual([sessionId]);
  });
});
