/** The question asked before signing out with calls on the board, counting what is at stake. */
import { isHeldPhase } from '@shared/call-rules';
import type { CallView } from '../softphone/api';

const callers = (n: number) => `${n} caller${n === 1 ? '' : 's'}`;

export function signOutQuestion(calls: readonly CallView[]): string {
  const held = calls.filter((call) => isHeldPhase(call.phase)).length;
  const other = calls.length - held;
  const parts: string[] = [];
  if (other > 0) parts.push(other === 1 ? 'You are on a call' : `You have ${other} calls open`);
  if (held > 0) parts.push(`${callers(held)} ${held === 1 ? 'is' : 'are'} on hold`);
  const sentence = parts.join(' and ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}. Sign out anyway?`;
}
