import { describe, expect, it } from 'vitest';
import {
  agentLeg,
  currentCallId,
  hotkeyIntent,
  lastHeldId,
  phaseOf,
  plan,
  type BoardFacts,
  type CallPhase,
  type Intent,
} from '../../../electron/shared/call-rules';

const call = (id: string, phase: CallPhase, created = '2026-11-25T10:00:00Z', heldSince: string | null = null): BoardFacts => ({
  id,
  phase,
  dateCreated: created,
  heldSince,
});

/** A plan written the way the tables below read: "hold:L,resume:T", "-" for none, or the refusal. */
function outcome(calls: BoardFacts[], intent: Intent): string {
  const result = plan(calls, intent);
  if (!result.ok) return result.blockedBy ? `${result.code}:${result.blockedBy}` : result.code;
  return result.steps.map((step) => `${step.do}:${step.sessionId}`).join(',') || '-';
}

const PHASES: CallPhase[] = ['ringingIn', 'dialing', 'live', 'held', 'heldForTransfer', 'ending'];
const ACTIONS = ['hold', 'resume', 'hangUp', 'transfer', 'answer', 'decline'] as const;
const intent = (action: (typeof ACTIONS)[number], sessionId: string): Intent =>
  action === 'hold'
    ? { type: 'hold', sessionId, reason: 'None' }
    : action === 'answer'
      ? { type: 'answer', sessionId, mode: 'hold' }
      : { type: action, sessionId };

const W = 'CALL_WRONG_PHASE';

describe('call rules: every phase x every action', () => {
  // The target T alone on the board.
  const alone: Record<CallPhase, string[]> = {
    //               hold      resume      hangUp   transfer      answer      decline
    ringingIn:       [W,       W,          'end:T', W,            'answer:T', 'decline:T'],
    dialing:         [W,       W,          'end:T', W,            W,          W],
    live:            ['hold:T', '-',       'end:T', 'transfer:T', W,          W],
    held:            ['-',     'resume:T', 'end:T', 'transfer:T', W,          W],
    heldForTransfer: ['-',     'resume:T', 'end:T', 'transfer:T', W,          W],
    ending:          [W,       W,          '-',     W,            W,          W],
  };
  // T beside another call L that is live: taking T holds L first, always before.
  const besideLive: Record<CallPhase, string[]> = {
    ringingIn:       [W,       W,                 'end:T', W,            'hold:L,answer:T', 'decline:T'],
    dialing:         [W,       W,                 'end:T', W,            W,                 W],
    live:            ['hold:T', '-',              'end:T', 'transfer:T', W,                 W],
    held:            ['-',     'hold:L,resume:T', 'end:T', 'transfer:T', W,                 W],
    heldForTransfer: ['-',     'hold:L,resume:T', 'end:T', 'transfer:T', W,                 W],
    ending:          [W,       W,                 '-',     W,            W,                 W],
  };

  for (const phase of PHASES) {
    for (const [index, action] of ACTIONS.entries()) {
      it(`${action} on a ${phase} call, alone: ${alone[phase][index]}`, () => {
        expect(outcome([call('T', phase)], intent(action, 'T'))).toBe(alone[phase][index]);
      });
      it(`${action} on a ${phase} call, beside a live call: ${besideLive[phase][index]}`, () => {
        expect(outcome([call('L', 'live'), call('T', phase)], intent(action, 'T'))).toBe(besideLive[phase][index]);
      });
    }
  }

  it('refuses an action on a call that is not on the board', () => {
    expect(outcome([call('L', 'live')], { type: 'resume', sessionId: 'nope' })).toBe('CALL_NOT_FOUND');
  });
});

describe('call rules: taking a call while the line is busy', () => {
  it('holds every live call before taking another, even when Evo reports two', () => {
    const calls = [call('A', 'live'), call('B', 'live'), call('T', 'held')];
    expect(outcome(calls, { type: 'resume', sessionId: 'T' })).toBe('hold:A,hold:B,resume:T');
  });

  it('answering with End & answer hangs up the live call first', () => {
    expect(outcome([call('L', 'live'), call('T', 'ringingIn')], { type: 'answer', sessionId: 'T', mode: 'end' })).toBe('end:L,answer:T');
  });

  it('a call still ringing out cannot be held: resuming or holding-and-answering is refused, ending-and-answering is not', () => {
    const calls = [call('D', 'dialing'), call('T', 'held'), call('R', 'ringingIn')];
    expect(outcome(calls, { type: 'resume', sessionId: 'T' })).toBe('CALL_LINE_BUSY:D');
    expect(outcome(calls, { type: 'answer', sessionId: 'R', mode: 'hold' })).toBe('CALL_LINE_BUSY:D');
    expect(outcome(calls, { type: 'answer', sessionId: 'R', mode: 'end' })).toBe('end:D,answer:R');
  });

  it('a call still being hung up blocks the line until it is gone', () => {
    expect(outcome([call('E', 'ending'), call('T', 'held')], { type: 'resume', sessionId: 'T' })).toBe('CALL_LINE_BUSY:E');
  });

  it('frees the line for a new call: nothing to do, hold the live one, or end it', () => {
    expect(outcome([call('H', 'held')], { type: 'freeLine', mode: 'hold' })).toBe('-');
    expect(outcome([call('L', 'live'), call('H', 'held')], { type: 'freeLine', mode: 'hold' })).toBe('hold:L');
    expect(outcome([call('L', 'live')], { type: 'freeLine', mode: 'end' })).toBe('end:L');
    expect(outcome([call('D', 'dialing')], { type: 'freeLine', mode: 'hold' })).toBe('CALL_LINE_BUSY:D');
  });
});

describe('call rules: the current call, the last hold, the hotkey', () => {
  const older = '2026-11-25T10:00:00Z';
  const newer = '2026-11-25T10:05:00Z';

  it('the current call is the newest live one, else the newest being dialled, else none', () => {
    expect(currentCallId([call('A', 'live', older), call('B', 'live', newer), call('D', 'dialing', newer)])).toBe('B');
    expect(currentCallId([call('D', 'dialing', older), call('H', 'held', newer)])).toBe('D');
    expect(currentCallId([call('H', 'held'), call('R', 'ringingIn')])).toBeNull();
  });

  it('the last hold is the one held most recently, whatever its creation', () => {
    const calls = [call('A', 'held', newer, '2026-11-25T10:06:00Z'), call('B', 'heldForTransfer', older, '2026-11-25T10:07:00Z')];
    expect(lastHeldId(calls)).toBe('B');
    expect(lastHeldId([call('L', 'live')])).toBeNull();
  });

  it('the hotkey holds the current call; with none live it resumes the last hold; else nothing', () => {
    expect(hotkeyIntent([call('L', 'live'), call('H', 'held')])).toEqual({ type: 'hold', sessionId: 'L', reason: 'None' });
    expect(hotkeyIntent([call('H', 'held', older, older), call('K', 'held', older, newer)])).toEqual({ type: 'resume', sessionId: 'K' });
    expect(hotkeyIntent([call('D', 'dialing'), call('H', 'held')])).toBeNull();
    expect(hotkeyIntent([call('R', 'ringingIn')])).toBeNull();
  });
});

describe('call rules: phases and legs', () => {
  const facts = (callState: string, extra: Partial<{ direction: string; holdReason: string; ended: boolean }> = {}) => ({
    id: 'S',
    callState,
    direction: 'Incoming',
    holdReason: 'None',
    ended: false,
    ...extra,
  });

  it.each([
    [facts('Ringing'), false, 'ringingIn'],
    [facts('Ringing', { direction: 'Outgoing' }), false, 'dialing'],
    [facts('Connected'), false, 'live'],
    [facts('Passive'), false, 'live'],
    [facts('Hold'), false, 'held'],
    [facts('Hold', { holdReason: 'Transferring' }), false, 'heldForTransfer'],
    [facts('Disconnected'), false, 'ending'],
    [facts('Connected'), true, 'ending'],
    [facts('Hold', { ended: true }), false, null],
  ] as const)('%o (end in flight: %s) is %s', (session, ending, phase) => {
    expect(phaseOf(session, ending)).toBe(phase);
  });

  it("the agent's leg is the Agent member's CallSid, else the session's", () => {
    const members = [
      { role: 'Caller', callSid: 'CA-caller' },
      { role: 'Agent', callSid: 'CA-agent' },
    ];
    expect(agentLeg({ callSid: 'CA-session', members })).toBe('CA-agent');
    expect(agentLeg({ callSid: 'CA-session', members: [{ role: 'Agent', callSid: '' }] })).toBe('CA-session');
  });
});
