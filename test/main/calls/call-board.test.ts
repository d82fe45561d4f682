import { describe, expect, it } from 'vitest';
import type { CachedSession } from '../../../electron/main/db/session-cache';
import { SessionInfo } from '../../../electron/main/evo/dto';
import { CallBoard } from '../../../electron/main/calls/call-board';
import type { BoardChange } from '../../../electron/shared/contract';

const row = (id: string, callState: string, fields: Record<string, unknown> = {}, heldSinceMs: number | null = null): CachedSession => ({
  info: SessionInfo.parse({
    id,
    dateCreated: `2026-11-25T10:0${id.slice(-1)}:00.000Z`,
    dateLastModified: '2026-11-25T10:09:00.000Z',
    callState,
    fromName: `Caller ${id}`,
    heldByUserId: callState === 'Hold' ? 'usr-me' : '',
    log: [{ date: '2026-11-25T10:00:00.000Z', message: 'a long log line that must not travel with the board' }],
    ...fields,
  }),
  heldSinceMs,
});

function board() {
  const changes: BoardChange[] = [];
  const calls = new CallBoard({ viewer: () => ({ userId: 'usr-me', name: 'Dana Agent' }), emit: (change) => changes.push(change) });
  return { calls, changes };
}

describe('the call board', () => {
  it('publishes only what changed, and nothing at all when nothing did', () => {
    const { calls, changes } = board();
    calls.replace([row('S1', 'Connected'), row('S2', 'Hold', {}, 1_000)]);
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ version: 1, currentId: 'S1', lastHeldId: 'S2', removed: [] });
    expect(changes[0]!.upserted.map((call) => [call.id, call.phase, call.heldByMe])).toEqual([
      ['S1', 'live', false],
      ['S2', 'held', true],
    ]);
    calls.replace([row('S1', 'Connected'), row('S2', 'Hold', {}, 1_000)]);
    calls.setConnection('online', null);
    expect(changes).toHaveLength(1);
    calls.replace([row('S1', 'Hold', { dateLastModified: '2026-11-25T10:10:00.000Z' }, 2_000)]);
    expect(changes[1]).toMatchObject({ version: 2, currentId: null, lastHeldId: 'S1', removed: ['S2'] });
    expect(changes[1]!.upserted.map((call) => call.id)).toEqual(['S1']);
  });

  it('carries no session log', () => {
    const { calls, changes } = board();
    calls.replace([row('S1', 'Connected')]);
    expect(JSON.stringify(changes)).not.toContain('a long log line');
    expect(JSON.stringify(calls.snapshot())).not.toContain('a long log line');
  });

  it('marks what is in flight per call, and a hang-up in flight is the ending phase', () => {
    const { calls, changes } = board();
    calls.replace([row('S1', 'Connected')]);
    calls.setPending('S1', 'hangUp');
    expect(changes.at(-1)!.upserted[0]).toMatchObject({ id: 'S1', phase: 'ending', pending: 'hangUp' });
    calls.setPending('S1', null);
    expect(changes.at(-1)!.upserted[0]).toMatchObject({ phase: 'live', pending: null });
  });

  it('a batch of changes reaches listeners as one', () => {
    const { calls, changes } = board();
    calls.replace([row('S1', 'Connected')]);
    calls.setPending('S1', 'hold');
    const before = changes.length;
    calls.batch(() => {
      calls.setPending('S1', null);
      calls.update(row('S1', 'Hold', { dateLastModified: '2026-11-25T10:10:00.000Z' }, 5_000));
    });
    expect(changes.length - before).toBe(1);
    expect(changes.at(-1)!.upserted[0]).toMatchObject({ phase: 'held', pending: null });
  });

  it('forgets what failed or was in flight for a call that has left the board', () => {
    const { calls } = board();
    calls.replace([row('S1', 'Connected')]);
    calls.setFailure('S1', { action: 'hold', code: 'EVO_SERVER_ERROR', message: 'nope' });
    calls.remove('S1');
    calls.replace([row('S1', 'Connected')]);
    expect(calls.get('S1')!.failure).toBeNull();
  });
});
