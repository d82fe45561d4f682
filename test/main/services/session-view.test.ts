import { describe, expect, it } from 'vitest';
import { SessionInfo } from '../../../electron/main/evo/dto';
import { agentCallSid, toSessionView } from '../../../electron/main/services/session-view';
import { SessionView } from '../../../electron/shared/contract';

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

  it('takes the other party\'s number from the side they are on', () => {
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

describe("the agent's own leg (HoldSession's local call SID)", () => {
  it("is the Agent member's call", () => {
    const members = [
      { role: 'Caller', callSid: 'CA-caller' },
      { role: 'Agent', callSid: 'CA-agent' },
    ];
    expect(agentCallSid(session({ members }))).toBe('CA-agent');
  });

  it("falls back to the session's call when no agent leg is known", () => {
    expect(agentCallSid(session({ members: [{ role: 'Caller', callSid: 'CA-caller' }] }))).toBe('CA-session');
    expect(agentCallSid(session({ members: [{ role: 'Agent', callSid: '' }] }))).toBe('CA-session');
  });
});
