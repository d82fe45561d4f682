/**
 * What the first screen waits for, asked by the window's entry (main.ts) before the app's code has
 * loaded: whether the agent is signed in, and the servers the sign-in form offers. Only those; the
 * rest of start-up asks once the app runs.
 */
import type { AuthStatus, Result, ServerList, SoftphoneApi } from '../softphone/api';

export interface FirstAnswers {
  /** The sign-in status as last heard. Taken once: it stops listening when it resolves. */
  status(): Promise<Result<AuthStatus>>;
  readonly servers: Promise<Result<ServerList>>;
}

export function askFirstQuestions(api: SoftphoneApi): FirstAnswers {
  // Main may announce a change (a sign-out from the tray) after answering and before the app
  // listens. Answers and announcements arrive in the order main sent them: the last one heard wins.
  let latest: Result<AuthStatus> | null = null;
  const stop = api.auth.onChanged((status) => (latest = { ok: true, value: status }));
  const answered = api.auth.status().then((result) => {
    latest = result;
  });
  return {
    servers: api.auth.servers(),
    async status() {
      await answered;
      stop();
      return latest!;
    },
  };
}
