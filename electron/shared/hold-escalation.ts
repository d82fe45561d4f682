/**
 * How insistent a hold has become: the reminders (desktop notifications) and the held-call timers
 * in the window escalate together, from the same schedule (Settings: hold reminders, in seconds).
 */

/** Offsets (ms after the hold began) of reminder number 1, 2, 3, ... */
export function reminderOffset(scheduleSec: readonly number[], index: number): number {
  const steps = scheduleSec.length > 0 ? scheduleSec : [30, 60];
  if (index < steps.length) return steps[index]! * 1000;
  // "30, 60" means after 30 s, after 60 s, and then every 60 s.
  const last = Math.max(5, steps.at(-1)!);
  return (last + (index - steps.length + 1) * last) * 1000;
}

/** How many reminders a hold of this length has had: 0 none yet, 1 after the first, ... */
export function reminderLevel(scheduleSec: readonly number[], heldForMs: number): number {
  let level = 0;
  while (level < 1000 && reminderOffset(scheduleSec, level) <= heldForMs) level += 1;
  return level;
}
