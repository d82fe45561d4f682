import { describe, expect, it } from 'vitest';
import { SessionInfo } from '../../../electron/main/evo/dto';
import { answeredAt, holdStartMs, serverHoldStart } from '../../../electron/main/evo/session-times';

const session = (fields: Record<string, unknown>) =>
  SessionInfo.parse({
    id: 'SE1',
    dateCreated: '2026-11-25T10:00:00.000Z',
    dateLastModified: '2026-11-25T10:09:00.000Z',
    callState: 'Connected',
    ...fields,
  });
const at = (iso: string) => Date.parse(iso);

describe('when a hold began, by the server', () => {
  it('is the latest hold entry of the log', () => {
    const info = session({
      callState: 'Hold',
      log: [
        { date: '2026-11-25T10:00:00.000Z', message: 'Incoming call from Jane Doe' },
        { date: '2026-11-25T10:02:00.000Z', message: 'Call placed on hold by Dana Agent' },
        { date: '2026-11-25T10:03:00.000Z', message: 'Call resumed by Dana Agent' },
        { date: '2026-11-25T10:05:00.000Z', message: 'Call placed on hold by Dana Agent for transfer' },
        { date: '2026-11-25T10:06:00.000Z', message: 'Note added' },
      ],
    });
    expect(serverHoldStart(info)).toBe(at('2026-11-25T10:05:00.000Z'));
  });

  it('is dateLastModified when the log has no hold entry', () => {
    const info = session({ callState: 'Hold', log: [{ date: '2026-11-25T10:00:00.000Z', message: 'Incoming call' }] });
    expect(serverHoldStart(info)).toBe(at('2026-11-25T10:09:00.000Z'));
  });

  it('is null when the call is not held (or has ended)', () => {
    expect(serverHoldStart(session({ callState: 'Connected' }))).toBeNull();
    expect(serverHoldStart(session({ callState: 'Hold', ended: true }))).toBeNull();
  });

  it('a resume entry is not a hold entry', () => {
    const info = session({ callState: 'Hold', log: [{ date: '2026-11-25T10:03:00.000Z', message: 'Call taken off hold by Dana Agent' }] });
    expect(serverHoldStart(info)).toBe(at('2026-11-25T10:09:00.000Z'));
  });

  it("a hold this app sent starts now; one it found starts at the server's time, never in the future", () => {
    const info = session({ callState: 'Hold', log: [{ date: '2026-11-25T10:05:00.000Z', message: 'Call placed on hold by Oscar' }] });
    const now = at('2026-11-25T10:10:00.000Z');
    expect(holdStartMs(info, 'seen', now)).toBe(now);
    expect(holdStartMs(info, 'reported', now)).toBe(at('2026-11-25T10:05:00.000Z'));
    // The server's clock ahead of ours: the hold cannot have begun after now.
    expect(holdStartMs(info, 'reported', at('2026-11-25T10:04:00.000Z'))).toBe(at('2026-11-25T10:04:00.000Z'));
  });
});

describe('when a call was answered', () => {
  it('is the first "Answered" entry; without one, the creation of a connected call; null while ringing', () => {
    const answered = session({ log: [{ date: '2026-11-25T10:00:20.000Z', message: 'Answered by Dana Agent' }] });
    expect(answeredAt(answered)).toBe(at('2026-11-25T10:00:20.000Z'));
    expect(answeredAt(session({ log: [] }))).toBe(at('2026-11-25T10:00:00.000Z'));
    expect(answeredAt(session({ callState: 'Ringing' }))).toBeNull();
  });

  it('an ended call keeps its answer; one that ended unanswered (declined, missed) has none', () => {
    const ended = { ended: true, callState: 'Disconnected' };
    const answered = session({ ...ended, log: [{ date: '2026-11-25T10:00:20.000Z', message: 'Answered by Dana Agent' }] });
    expect(answeredAt(answered)).toBe(at('2026-11-25T10:00:20.000Z'));
    expect(answeredAt(session({ ...ended, direction: 'Incoming', log: [] }))).toBeNull();
    expect(answeredAt(session({ ...ended, direction: 'Incoming', answeredByName: 'Dana Agent' }))).toBe(at('2026-11-25T10:00:00.000Z'));
    expect(answeredAt(session({ ...ended, direction: 'Outgoing' }))).toBe(at('2026-11-25T10:00:00.000Z'));
  });
});
