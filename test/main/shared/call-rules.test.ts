import { describe, expect, it } from 'vitest';
import {
  agentLeg,
  currentCallId,
  findConsultCall,
  isConference,
  otherParties,
  lastHeldId,
  phaseOf,
  type BoardFacts,
  type CallPhase,
} from '../../../electron/shared/call-rules';
import { hotkeyIntent, plan, type Intent } from '../../../electron/shared/call-action-table';

const call = (id: string, phase: CallPhase, created = '2026-11-25T10:00:00Z', heldSince: string | null = null): BoardFacts => ({
  id,
  phase,
  dateCreated: created,
  heldSince,
  consultOf: null,
  conference: false,
});

/** A plan written the way the tables below read: "hold:L,resume:T", "-" for none, or the refusal. */
function outcome(calls: BoardFacts[], intent: Intent): string {
  const result = plan(calls, intent);
  if (!result.ok) return result.blockedBy ? `${result.code}:${result.blockedBy}` : result.code;
  return result.steps.map((step) => `${step.do}:${step.sessionId}`).join(',') || '-';
}

const PHASES: CallPhase[] = ['ringingIn', 'dialing', 'live', 'held', 'heldForTransfer', 'ending', 'unknown'];
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
    ringingIn: [W, W, 'end:T', W, 'answer:T', 'decline:T'],
    dialing: [W, W, 'end:T', W, W, W],
    live: ['hold:T', '-', 'end:T', 'transfer:T', W, W],
    held: ['-', 'resume:T', 'end:T', 'transfer:T', W, W],
    heldForTransfer: ['-', 'resume:T', 'end:T', 'transfer:T', W, W],
    ending: [W, W, '-', W, W, W],
    unknown: ['hold:T', 'resume:T', 'end:T', W, W, W],
  };
  // T beside another call L that is live: taking T holds L first, always before.
  const besideLive: Record<CallPhase, string[]> = {
    ringingIn: [W, W, 'end:T', W, 'hold:L,answer:T', 'decline:T'],
    dialing: [W, W, 'end:T', W, W, W],
    live: ['hold:T', '-', 'end:T', 'transfer:T', W, W],
    held: ['-', 'hold:L,resume:T', 'end:T', 'transfer:T', W, W],
    heldForTransfer: ['-', 'hold:L,resume:T', 'end:T', 'transfer:T', W, W],
    ending: [W, W, '-', W, W, W],
    unknown: ['hold:T', 'hold:L,resume:T', 'end:T', W, W, W],
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

  it('a call in a state this app does not know is held (never ended) before another is taken', () => {
    const calls = [call('U', 'unknown'), call('T', 'held'), call('R', 'ringingIn')];
    expect(outcome(calls, { type: 'resume', sessionId: 'T' })).toBe('hold:U,resume:T');
    expect(outcome(calls, { type: 'answer', sessionId: 'R', mode: 'hold' })).toBe('hold:U,answer:R');
    expect(outcome(calls, { type: 'answer', sessionId: 'R', mode: 'end' })).toBe('hold:U,answer:R');
    expect(outcome([call('U', 'unknown')], { type: 'freeLine', mode: 'end' })).toBe('hold:U');
  });

  it('a call in an unknown state is never the current call, and the hotkey does not act on it', () => {
    expect(currentCallId([call('U', 'unknown'), call('H', 'held')])).toBeNull();
    expect(hotkeyIntent([call('U', 'unknown')])).toBeNull();
    expect(hotkeyIntent([call('U', 'unknown'), call('H', 'held')])).toEqual({ type: 'resume', sessionId: 'H' });
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
    // Passive (undocumented) and a newer Evo's states are never shown as talking.
    [facts('Passive'), false, 'unknown'],
    [facts('Parked'), false, 'unknown'],
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

describe('call rules: conferences, every phase x every conference action', () => {
  const conference = (id: string, phase: CallPhase): BoardFacts => ({ ...call(id, phase), conference: true });
  const NC = 'CALL_NOT_CONFERENCE';
  const CONFERENCE_ACTIONS = ['addParticipant', 'leave', 'consult', 'hangUp'] as const;
  const plain: Record<CallPhase, string[]> = {
    //               addParticipant  leave   consult    hangUp
    ringingIn: [W, W, W, 'end:T'],
    dialing: [W, W, W, 'end:T'],
    live: ['addMember:T', NC, 'hold:T', 'end:T'],
    held: [W, W, W, 'end:T'],
    heldForTransfer: [W, W, '-', 'end:T'],
    ending: [W, W, W, '-'],
    unknown: [W, W, W, 'end:T'],
  };
  // The same call once it is a conference: hanging up ends it for everyone; leaving is possible.
  const asConference: Record<CallPhase, string[]> = {
    ringingIn: [W, W, W, 'endAll:T'],
    dialing: [W, W, W, 'endAll:T'],
    live: ['addMember:T', 'leave:T', 'hold:T', 'endAll:T'],
    held: [W, W, W, 'endAll:T'],
    heldForTransfer: [W, W, '-', 'endAll:T'],
    ending: [W, W, W, '-'],
    unknown: [W, W, W, 'endAll:T'],
  };
  for (const phase of PHASES) {
    for (const [index, type] of CONFERENCE_ACTIONS.entries()) {
      it(`${type} on a ${phase} call: ${plain[phase][index]}; as a conference: ${asConference[phase][index]}`, () => {
        expect(outcome([call('T', phase)], { type, sessionId: 'T' })).toBe(plain[phase][index]);
        expect(outcome([conference('T', phase)], { type, sessionId: 'T' })).toBe(asConference[phase][index]);
      });
    }
  }

  it('consult first holds the caller for transfer, not a plain hold', () => {
    expect(plan([call('T', 'live')], { type: 'consult', sessionId: 'T' })).toEqual({
      ok: true,
      steps: [{ do: 'hold', sessionId: 'T', reason: 'Transferring' }],
    });
  });
});

describe('call rules: ending a consult (C consults about caller K), every consult phase', () => {
  const consult = (phase: CallPhase): BoardFacts => ({ ...call('C', phase, '2026-11-25T10:05:00Z'), consultOf: 'K' });
  const AFTER = ['completeTransfer', 'merge', 'cancelConsult'] as const;
  // The caller is held for transfer, as Consult first leaves them.
  const table: Record<CallPhase, string[]> = {
    //               completeTransfer      merge                          cancelConsult
    ringingIn: [W, W, W],
    dialing: [W, W, 'end:C,resume:K'],
    live: ['end:C,transfer:K', 'end:C,resume:K,addMember:K', 'end:C,resume:K'],
    held: ['end:C,transfer:K', 'end:C,resume:K,addMember:K', 'end:C,resume:K'],
    heldForTransfer: [W, W, W],
    ending: [W, W, W],
    unknown: [W, W, W],
  };
  for (const phase of PHASES) {
    for (const [index, type] of AFTER.entries()) {
      it(`${type} from a ${phase} consult: ${table[phase][index]}`, () => {
        expect(outcome([call('K', 'heldForTransfer'), consult(phase)], { type, sessionId: 'C' })).toBe(table[phase][index]);
      });
    }
  }

  it('the consult call always hangs up first; a caller the agent swapped back to is not resumed again', () => {
    const calls = [call('K', 'live'), consult('held')];
    expect(outcome(calls, { type: 'completeTransfer', sessionId: 'C' })).toBe('end:C,transfer:K');
    expect(outcome(calls, { type: 'merge', sessionId: 'C' })).toBe('end:C,addMember:K');
    expect(outcome(calls, { type: 'cancelConsult', sessionId: 'C' })).toBe('end:C');
  });

  it('refuses a call that is no consult, a caller who is gone, and a line another call still rings out on', () => {
    expect(outcome([call('K', 'heldForTransfer'), call('C', 'live')], { type: 'merge', sessionId: 'C' })).toBe('CALL_NOT_CONSULT');
    expect(outcome([consult('live')], { type: 'cancelConsult', sessionId: 'C' })).toBe('CALL_NOT_FOUND');
    const ringingOut = [call('K', 'heldForTransfer'), consult('live'), call('D', 'dialing')];
    expect(outcome(ringingOut, { type: 'cancelConsult', sessionId: 'C' })).toBe('CALL_LINE_BUSY:D');
    expect(outcome([call('K', 'ringingIn'), consult('live')], { type: 'merge', sessionId: 'C' })).toBe('CALL_WRONG_PHASE:K');
  });

  it('merging holds any other live call before the caller comes back: one live call', () => {
    const calls = [call('K', 'heldForTransfer'), consult('live'), call('L', 'live')];
    expect(outcome(calls, { type: 'merge', sessionId: 'C' })).toBe('end:C,hold:L,resume:K,addMember:K');
  });
});

describe('call rules: who is on a conference, and which call is the consult', () => {
  const member = (role: string, callState: string) => ({ role, callState, callSid: `CA-${role}-${callState}` });

  it('the other parties are the members besides the agent still ringing, connected or held', () => {
    const members = [
      member('Caller', 'Connected'),
      member('Agent', 'Connected'),
      member('Transfer', 'Ringing'),
      member('Transfer', 'None'),
    ];
    expect(otherParties({ members }).map((each) => `${each.role}:${each.callState}`)).toEqual(['Caller:Connected', 'Transfer:Ringing']);
  });

  it('a conference has two others on it, or Evo made it one', () => {
    expect(isConference({ members: [member('Caller', 'Connected'), member('Agent', 'Connected')] })).toBe(false);
    expect(isConference({ members: [member('Caller', 'Connected'), member('Agent', 'Connected'), member('Transfer', 'Ringing')] })).toBe(
      true,
    );
    expect(isConference({ conferenceSid: 'CF1', members: [member('Caller', 'Connected')] })).toBe(true);
    expect(isConference({ members: [member('Caller', 'Connected'), member('Transfer', 'None')] })).toBe(false);
  });

  it('the consult is the new outgoing call to the number asked for, matched by digits', () => {
    const calls = [
      { id: 'OLD', direction: 'Outgoing', number: '+15550100321' },
      { id: 'IN', direction: 'Incoming', number: '+15550100321' },
      { id: 'NEW', direction: 'Outgoing', number: '+1 (555) 010-0321' },
    ];
    expect(findConsultCall(calls, { number: '+15550100321', known: new Set(['OLD']) })?.id).toBe('NEW');
    expect(findConsultCall(calls, { number: '+15550100999', known: new Set() })).toBeUndefined();
  });
});
