import { describe, expect, it } from 'vitest';
import { SessionInfo } from '../../../electron/main/evo/dto';
import { toCallView, toSessionView } from '../../../electron/main/calls/session-view';
import { CallView, SessionView } from '../../../electron/shared/contract';

const session = (fields: Record<string, unknown> = {}) =>
  SessionInfo.parse({
    id: 'SE1',
    dateCreated: '2025-03-01T10:00:00Z',
    dateLastModified: '2025-03-01T10:05:00Z',
    callState: 'Connected',
    direction: 'Incoming',
    fromAddress: '+15550100199',
    toAddress: '+15550100001',
    callSid: 'CA-session',
    ...fields,
  });
const dana = { userId: 'usr-dana', name: 'Dana Agent' };
const view = (fields: Record<string, unknown> = {}, heldSinceMs: number | null = null, viewer: typeof dana | null = dana) =>
  toSessionView({ info: session(fields), heldSinceMs }, viewer);

describe('what the agent sees of a session', () => {
  it('is a valid SessionView of the contract', () => {
    expect(SessionView.safeParse(view()).success).toBe(true);
  });

  it('names the caller of an incoming call, else shows their number formatted', () => {
    expect(view({ fromName: 'Jane Doe', displayName: '+15550100199' }).displayName).toBe('Jane Doe');
    expect(view({ displayName: '+15550100199' }).displayName).toBe('+1 555 010 0199');
    expect(view({ displayName: 'Front desk' }).displayName).toBe('Front desk');
    expect(view({ displayName: '', fromAddress: '' }).displayName).toBe('Unknown caller');
  });

  it("takes the other party's number from the side they are on", () => {
    expect(view({ direction: 'Incoming' }).number).toBe('+15550100199');
    expect(view({ direction: 'Outgoing' }).number).toBe('+15550100001');
    expect(view({ direction: 'Outgoing', toAddress: '', destination: '+442079460958' }).number).toBe('+442079460958');
    expect(view({ direction: 'Incoming', fromAddress: '', fromPhoneNumber: '+15550100777' }).number).toBe('+15550100777');
  });

  it('shows a held call with when the hold began (from the cache) and who held it', () => {
    const heldAt = Date.parse('2025-03-01T10:03:00Z');
    expect(view({ callState: 'Hold', holdReason: 'Transferring', heldByUserId: 'usr-dana' }, heldAt)).toMatchObject({
      held: true,
      holdReason: 'Transferring',
      heldBy: 'Dana Agent',
      heldSince: '2025-03-01T10:03:00.000Z',
    });
    expect(view({ callState: 'Hold', heldByUserId: 'usr-other' }, heldAt).heldBy).toBe('Another agent');
    expect(view({ callState: 'Hold' }, null)).toMatchObject({ held: true, heldBy: '', heldSince: null });
  });

  it('never shows an ended call as held, whatever its last call state', () => {
    expect(view({ callState: 'Hold', ended: true, heldByUserId: 'usr-dana' }, Date.now())).toMatchObject({
      held: false,
      heldBy: '',
      heldSince: null,
      ended: true,
    });
  });

  it('does not claim the agent held a call when nobody is signed in', () => {
    expect(view({ callState: 'Hold', heldByUserId: 'usr-dana' }, null, null).heldBy).toBe('Another agent');
  });
});

describe('a call on the board', () => {
  const call = (fields: Record<string, unknown> = {}, heldSinceMs: number | null = null) =>
    toCallView(
      { info: session({ log: [{ date: '2025-03-01T10:00:30Z', message: 'Answered by Dana Agent' }], ...fields }), heldSinceMs },
      dana,
      { pending: null, failure: null },
    );

  it('has its phase, when it was answered, and no log', () => {
    const live = call();
    expect(CallView.safeParse(live).success).toBe(true);
    expect(live).toMatchObject({ phase: 'live', answeredAt: '2025-03-01T10:00:30.000Z', heldByMe: false });
    expect(live).not.toHaveProperty('log');
  });

  it("says whose hold it is: the agent's own, or another agent's", () => {
    expect(call({ callState: 'Hold', heldByUserId: 'usr-dana' }, 1)).toMatchObject({ phase: 'held', heldByMe: true, heldBy: 'Dana Agent' });
    expect(call({ callState: 'Hold', holdReason: 'Transferring', heldByUserId: 'usr-x' }, 1)).toMatchObject({
      phase: 'heldForTransfer',
      heldByMe: false,
      heldBy: 'Another agent',
    });
  });

  it('is not on the board once ended', () => {
    expect(call({ ended: true })).toBeNull();
  });
});
