/**
 * What the agent reads when a call action fails or is refused: the action, the caller, and where
 * the caller stands now ("Couldn't put Jane on hold: Evo answered 'Queue full'. Jane can still
 * hear you."). Main writes these once; the window, the hotkey and the tray all show them.
 */
import type { CallPhase } from '../../shared/call-rules';
import { callActionTable, stepTable, type Intent, type Refusal, type Step } from '../../shared/call-action-table';
import type { CallAction } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { isolate } from '../../shared/bidi';

export type Who = (sessionId: string) => { name: string; phase: CallPhase | null };

/** Who a call is, for our sentences: the caller's name isolated (it is the caller's text, not ours). */
export const whoOn =
  (board: { get(sessionId: string): { displayName: string; phase: CallPhase } | undefined }): Who =>
  (sessionId) => {
    const call = board.get(sessionId);
    return { name: call ? isolate(call.displayName) : 'the caller', phase: call?.phase ?? null };
  };

/** Evo's own words are quoted as such; our sentences (network, timeouts) are used as they are. */
export function reasonOf(error: unknown): string {
  if (!(error instanceof AppError)) return 'something went wrong in Evo Softphone';
  const text = error.message.replace(/[.\s]+$/, '');
  // Our own sentences keep their capital ("Evo Voice did not answer…" names a product).
  return error.fromServer ? `Evo answered '${isolate(text)}'` : text;
}

const lowerFirst = (text: string) => (/^[A-Z][a-z]/.test(text) ? text[0]!.toLowerCase() + text.slice(1) : text);

/** Where the caller stands after a failed step, in a short sentence. */
function standing(name: string, phase: CallPhase | null): string {
  switch (phase) {
    case 'held':
    case 'heldForTransfer':
      return `${name} is still on hold.`;
    case 'ringingIn':
      return 'The call is still ringing.';
    case 'dialing':
      return `The call to ${name} is still ringing.`;
    case 'unknown':
      return `Evo reports ${name}'s call in a state this app does not know.`;
    case null:
      return '';
    default:
      return `${name} can still hear you.`;
  }
}

/** `party`: who an AddConferenceMember invites (a name, or the number formatted). */
const verbs: Record<Step['do'], (name: string, step: Step, party: string) => string> = {
  hold: (name, step) => (step.do === 'hold' && step.reason === 'Transferring' ? `hold ${name} for transfer` : `put ${name} on hold`),
  resume: (name) => `resume ${name}`,
  end: (name) => `hang up on ${name}`,
  answer: (name) => `answer ${name}`,
  decline: (name) => `decline ${name}`,
  transfer: (name) => `transfer ${name}`,
  addMember: (name, _step, party) => `add ${party} to the call with ${name}`,
  leave: (name) => `leave the call with ${name}`,
  endAll: (name) => `end the call with ${name} for everyone`,
};

/** The board's name for what a step does (the pending and failure marks). */
export const actionOf = (step: Step): CallAction => stepTable[step.do].shownAs(step);

/** What the agent asked for, as the board names it: Retry sends it again, whole (a swap, not its hold). */
export function actionOfIntent(intent: Intent): CallAction | null {
  if (intent.type === 'freeLine') return null;
  if (intent.type === 'hold' && intent.reason === 'Transferring') return 'holdForTransfer';
  return callActionTable[intent.type].shownAs;
}

/** A step that failed, said as the agent needs it. `then` says what was not done because of it. */
export function stepFailed(step: Step, error: unknown, who: Who, then = '', party = 'them'): string {
  const { name, phase } = who(step.sessionId);
  return [`Couldn't ${verbs[step.do](name, step, party)}: ${reasonOf(error)}.`, standing(name, phase), then].filter(Boolean).join(' ');
}

/** A number that is not one, refused before any request: the action, why, and where the caller stands. */
export function badDestination(action: string, problem: string, who: ReturnType<Who>): AppError {
  return new AppError(
    'DESTINATION_INVALID',
    [`Couldn't ${action}: ${lowerFirst(problem.replace(/\.$/, ''))}.`, standing(who.name, who.phase)].join(' ').trim(),
  );
}

/**
 * What a failed step left undone of ending a consult. Once the consult call is hung up (the first
 * step), the agent must know it is gone: the consulted person is no longer on the line.
 */
export function consultNotDone(type: string, consultEnded: boolean, caller: string, consult: string): string {
  const ended = `Your call with ${consult} has ended`;
  switch (type) {
    case 'completeTransfer':
      return consultEnded ? `${ended}.` : `${caller} was not transferred.`;
    case 'merge':
      return consultEnded ? `${ended}; the calls were not merged.` : 'The calls were not merged.';
    default:
      return consultEnded ? `${ended}.` : `${caller} is still on hold.`;
  }
}

/** The final step of a swap failed after the other call was held: say where both callers are. */
export function swapFailed(step: Step, error: unknown, who: Who, restored: string[], stillHeld: string[]): string {
  const { name } = who(step.sessionId);
  const back = restored.map((id) => `${who(id).name} is back on the line`);
  const held = stillHeld.map((id) => `${who(id).name} is on hold too`);
  const target = step.do === 'resume' ? `${name} is still on hold` : '';
  const tail = [target, ...back, ...held].filter(Boolean).join('; ');
  return `Couldn't ${verbs[step.do](name, step, 'them')}: ${reasonOf(error)}.${tail ? ` ${tail[0]!.toUpperCase()}${tail.slice(1)}.` : ''}`;
}

/** What the preparation's failure cost: the action the agent asked for did not happen. */
export function notDone(intent: Intent, who: Who): string {
  if (intent.type === 'freeLine') return 'The new call was not started.';
  return callActionTable[intent.type].notDone(who(intent.sessionId).name);
}

export function refusal(code: Refusal, action: string, target: string | null, blockedBy: string | null, who: Who): AppError {
  switch (code) {
    case 'CALL_NOT_FOUND':
      return new AppError(code, 'That call is not among your calls any more. It may have ended.');
    case 'CALL_WRONG_PHASE': {
      // blockedBy: the other call of a pair (the caller of a consult) is the one in the way.
      const { name } = who(target ?? '');
      const other = who(blockedBy ?? target ?? '');
      return new AppError(code, `You can't ${action} ${name} now: ${phaseWords(other.name, other.phase)}.`);
    }
    case 'CALL_NOT_CONFERENCE': {
      const { name } = who(target ?? '');
      return new AppError(code, `You can't leave the call with ${name}: nobody else is on it to carry on. Hang up instead.`);
    }
    case 'CALL_NOT_CONSULT': {
      const { name } = who(target ?? '');
      return new AppError(code, `The call with ${name} is not a consult: no caller is waiting to be transferred.`);
    }
    case 'CALL_LINE_BUSY': {
      const { name, phase } = who(blockedBy ?? '');
      return new AppError(
        code,
        phase === 'ending'
          ? `Wait a moment: the call with ${name} is still being hung up.`
          : `The call to ${name} is still ringing. Wait for an answer or hang it up first.`,
      );
    }
  }
}

function phaseWords(name: string, phase: CallPhase | null): string {
  switch (phase) {
    case 'ringingIn':
      return 'the call is still ringing';
    case 'dialing':
      return `the call to ${name} is still ringing`;
    case 'held':
    case 'heldForTransfer':
      return `${name} is on hold`;
    case 'ending':
      return 'the call is being hung up';
    case 'live':
      return `you are talking to ${name}`;
    case 'unknown':
      return `Evo reports ${name}'s call in a state this app does not know`;
    default:
      return 'the call has ended';
  }
}

/** Where the app last knew a caller to be, in a few words. */
const believed = (name: string, phase: CallPhase): string =>
  phase === 'held' || phase === 'heldForTransfer'
    ? `${name}: on hold`
    : phase === 'live'
      ? `${name}: on the line`
      : phase === 'ringingIn' || phase === 'dialing'
        ? `${name}: ringing`
        : phase === 'ending'
          ? `${name}: hanging up`
          : `${name}: unknown`;

/**
 * An action Evo has not answered for a while (a partition): not confirmed, and where each caller
 * is believed to be, as the board last heard from Evo. Nothing is sent again meanwhile.
 */
export function unconfirmed(
  step: Step,
  seconds: number,
  who: Who,
  calls: readonly { id: string; displayName: string; phase: CallPhase }[],
): string {
  const places = calls.map((call) => believed(isolate(call.displayName), call.phase)).join('; ');
  return `Not confirmed: Evo Voice has not answered "${verbs[step.do](who(step.sessionId).name, step, 'them')}" for ${seconds} s. Last known: ${places || 'no calls'}. Nothing will be sent again; check before retrying.`;
}
