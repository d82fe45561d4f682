/**
 * When a hold began and when a call was answered, read from what Evo sends. Evo documents no
 * field for either (../shared/evo-api §5), so both are INFERRED from the session log's wording
 * ("Call placed on hold by …", "Answered by …") and `dateLastModified`. This is the only place
 * that reads them: swap it here when Evo documents real fields.
 */
import { isHeldState } from '../../shared/call-rules';
import type { SessionInfo } from './dto';

const HOLD_ENTRY = /\b(on hold|held)\b/i;
const NOT_A_HOLD = /\b(resum|unhold|off hold|taken off)/i;
const ANSWER_ENTRY = /\banswered\b/i;

const time = (iso: string): number | null => {
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
};

function latestEntry(info: SessionInfo, matches: (message: string) => boolean): number | null {
  for (let i = info.log.length - 1; i >= 0; i -= 1) {
    const line = info.log[i]!;
    if (matches(line.message)) {
      const at = time(line.date);
      if (at !== null) return at;
    }
  }
  return null;
}

/**
 * The server's idea of when the current hold began (epoch ms): the latest hold entry of the log,
 * else `dateLastModified` while the state is Hold; null when the session is not held.
 */
export function serverHoldStart(info: SessionInfo): number | null {
  if (!isHeldState(info)) return null;
  return latestEntry(info, (message) => HOLD_ENTRY.test(message) && !NOT_A_HOLD.test(message)) ?? time(info.dateLastModified);
}

/**
 * When the call was answered (epoch ms): the first "Answered" entry of the log. Without one: a
 * call connected or held now, or an ended one Evo names an answerer for (or an outgoing one not
 * missed), counts from its creation; an incoming call that ended unanswered (declined, missed)
 * and one still ringing were never answered: null.
 */
export function answeredAt(info: SessionInfo): number | null {
  if (info.callState === 'Ringing' && !info.ended) return null;
  const entry = info.log.find((line) => ANSWER_ENTRY.test(line.message) && time(line.date) !== null);
  if (entry) return time(entry.date);
  if (!info.ended) return time(info.dateCreated);
  const answered = Boolean(info.answeredByName) || (info.direction === 'Outgoing' && !info.wasMissed);
  return answered ? time(info.dateCreated) : null;
}

/**
 * Where the open hold span of a held row starts. 'seen': this app sent the hold and stores its
 * answer, so it began now. 'reported': found on the server (a sync after sign-in, another device,
 * a wiped cache), so the server's record says when it began (never later than now).
 */
export type HoldOrigin = 'seen' | 'reported';

export function holdStartMs(info: SessionInfo, origin: HoldOrigin, nowMs: number): number {
  return origin === 'seen' ? nowMs : Math.min(nowMs, serverHoldStart(info) ?? nowMs);
}
