/** What the agent is told about Voice SDK warnings and errors: plain words, no codes first. */

const warnings: Record<string, string> = {
  'constant-audio-input-level': 'Your microphone seems silent. Check that it is plugged in and not muted.',
  'constant-audio-output-level': 'No sound is reaching you from the caller.',
  'high-rtt': 'The line is slow; there may be a delay.',
  'low-mos': 'Call quality is poor right now.',
  'high-jitter': 'The connection is unsteady; the caller may sound choppy.',
  'high-packet-loss': 'Parts of the audio are getting lost.',
  'high-packets-lost-fraction': 'Parts of the audio are getting lost.',
  'low-bytes-received': 'No audio is arriving from the caller.',
  'low-bytes-sent': 'Your audio is not being sent. Check your microphone.',
  'ice-connectivity-lost': 'The connection dropped for a moment; trying to recover.',
};

/** The most important warning first: the agent sees one sentence, not a list. */
const priority = [
  'ice-connectivity-lost',
  'low-bytes-sent',
  'constant-audio-input-level',
  'low-bytes-received',
  'constant-audio-output-level',
  'high-packet-loss',
  'high-packets-lost-fraction',
  'low-mos',
  'high-jitter',
  'high-rtt',
];

export function qualitySentence(active: ReadonlySet<string>): string | null {
  const top = priority.find((name) => active.has(name)) ?? [...active][0];
  return top ? (warnings[top] ?? 'Call quality is degraded.') : null;
}

export function sdkErrorMessage(error: { code?: number; message?: string } | undefined): string {
  const code = error?.code ?? 0;
  if (code === 31208 || code === 31401 || code === 31402)
    return 'Evo Softphone may not use the microphone. Allow it in your system settings.';
  if (code === 20101 || code === 20104 || code === 31204 || code === 31205) return 'The phone sign-in expired. Reconnecting…';
  if (code === 31005 || code === 31009 || code === 53000 || code === 53001) return 'The phone lost its connection. Reconnecting…';
  if (code === 31003 || code === 53405) return 'The call could not connect its audio (network or firewall).';
  if (code === 31486) return 'The number is busy.';
  if (code === 31480) return 'Nobody answered.';
  if (code === 13224 || code === 21211 || code === 31404) return "That number can't be called.";
  return 'The phone hit a problem. If calls fail, sign out and in again.';
}
