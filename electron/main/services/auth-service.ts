/**
 * Signing in and out. Holds the one EvoClient of the signed-in agent; the password lives only in
 * that client's memory and, when "Remember me" is allowed, encrypted in the CredentialVault.
 */
import type { AuthStatus, ServerList } from '../../shared/contract';
import { AppError } from '../../shared/result';
import { normaliseServerUrl, type EvoClient } from '../evo/client';
import type { SessionCache } from '../db/session-cache';
import type { Logger } from '../logging/logger';
import type { DemoBackend } from '../ports';
import type { CredentialVault } from './credential-vault';
import type { LastAccountStore } from './last-account';

export interface AuthServiceDeps {
  /** `onCredentialsRejected`: the server refused the password on a re-sign-in (see EvoClient). */
  makeClient(server: string, onCredentialsRejected: () => void): EvoClient;
  vault: CredentialVault;
  cache: SessionCache;
  logger: Logger;
  /** Starts (once) the built-in demo backend and answers where it is and who signs in there. */
  demoServer(): Promise<DemoBackend>;
  /** The built-in simulator's URL once it runs: signing in there by hand is demo mode too. */
  runningDemoServer?(): string | null;
  /** EVO_API_URL or the user's last server; preselected on the sign-in screen. */
  configuredServer?: string;
  lastAccount: LastAccountStore;
  /** First run with no account and no configured server: start in demo mode (npm start). */
  autoDemo?: boolean;
  onChanged(status: AuthStatus): void;
}

/** Who is signed in, in the words the call views use ("held by ..."). */
export interface Viewer {
  userId: string;
  name: string;
}

export interface SignedIn {
  client: EvoClient;
  server: string;
  demo: boolean;
  user: { id: string; name: string; email: string };
}

export const PASSWORD_CHANGED_NOTICE = 'Your password was changed or expired. Sign in again.';
export const PRODUCTION_SERVER = 'https://evovoice.io';
export const STAGING_SERVER = 'https://team.evovoice.io';

export class AuthService {
  private current: SignedIn | null = null;
  private notice: string | null = null;

  constructor(private readonly deps: AuthServiceDeps) {}

  servers(): ServerList {
    const servers = [PRODUCTION_SERVER, STAGING_SERVER].map((url) => ({ url, label: this.serverName(url) }));
    const configured = this.deps.configuredServer;
    if (configured && !servers.some((server) => server.url === configured)) {
      servers.push({ url: configured, label: this.serverName(configured) });
    }
    const last = this.deps.lastAccount.get();
    if (last && !servers.some((server) => server.url === last.server) && last.server !== this.deps.runningDemoServer?.()) {
      servers.push({ url: last.server, label: this.serverName(last.server) });
    }
    const lastReal = last && last.server !== this.deps.runningDemoServer?.() ? last : null;
    return {
      servers,
      preselected: configured ?? lastReal?.server ?? PRODUCTION_SERVER,
      lastEmail: lastReal?.email ?? null,
    };
  }

  /** What the agent calls a server: "Evo Voice", "Staging", "Demo" (the built-in simulator), or its host. */
  serverName(url: string): string {
    if (url === PRODUCTION_SERVER) return 'Evo Voice';
    if (url === STAGING_SERVER) return 'Staging';
    if (url === this.deps.runningDemoServer?.()) return 'Demo';
    try {
      return new URL(url).host;
    } catch {
      return url;
    }
  }

  status(): AuthStatus {
    return {
      signedIn: this.current !== null,
      server: this.current?.server ?? null,
      demo: this.current?.demo ?? false,
      user: this.current?.user ?? null,
      remembered: this.current !== null && !this.current.demo && this.deps.vault.has(),
      canRemember: this.deps.vault.canRemember(),
      notice: this.notice,
    };
  }

  get session(): SignedIn | null {
    return this.current;
  }

  /** Who reads the calls (their own holds say so); null when signed out. */
  viewer(): Viewer | null {
    const user = this.current?.user;
    return user ? { userId: user.id, name: user.name } : null;
  }

  /** The signed-in agent's client, or AUTH_REQUIRED. */
  requireSession(): SignedIn {
    if (!this.current) throw new AppError('AUTH_REQUIRED', 'Please sign in to Evo Voice first.');
    return this.current;
  }

  async signIn(input: { server: string; email: string; password: string; remember: boolean }): Promise<AuthStatus> {
    const server = normaliseServerUrl(input.server);
    const signedIn = await this.connect(server, input.email, input.password, this.isDemoServer(server));
    this.notice = null;
    if (!signedIn.demo) this.deps.lastAccount.set({ server: signedIn.server, email: signedIn.user.email });
    if (input.remember) {
      const remembered = this.deps.vault.remember({ server, email: input.email, password: input.password });
      if (remembered === 'unavailable') this.notice = "This computer offers no secure storage, so your password won't be remembered.";
      if (remembered === 'failed')
        this.notice = "Your password could not be saved on this computer (is the disk full or read-only?), so it won't be remembered.";
    } else {
      this.deps.vault.forget();
    }
    return this.activate(signedIn);
  }

  async signInDemo(): Promise<AuthStatus> {
    const demo = await this.deps.demoServer();
    const signedIn = await this.connect(demo.url, demo.demoAccount.email, demo.demoAccount.password, true);
    this.notice = null;
    return this.activate(signedIn);
  }

  /** At start-up: sign in again with the remembered account, if any. Never throws. */
  async restore(): Promise<AuthStatus> {
    const saved = this.deps.vault.recall();
    if (!saved) {
      // Nothing configured on this computer yet: show the app working on its built-in demo backend.
      if (this.deps.autoDemo && !this.deps.configuredServer && !this.deps.lastAccount.get()) {
        return this.signInDemo().catch(() => this.status());
      }
      return this.status();
    }
    try {
      const signedIn = await this.connect(saved.server, saved.email, saved.password, this.isDemoServer(saved.server));
      this.notice = null;
      return this.activate(signedIn);
    } catch (error) {
      if (error instanceof AppError && error.code === 'AUTH_INVALID_CREDENTIALS') this.deps.vault.forget();
      this.notice = error instanceof AppError ? error.message : 'Could not sign in again.';
      this.deps.logger.warn('auth: could not restore the remembered sign-in', {
        code: error instanceof AppError ? error.code : 'unknown',
      });
      this.deps.onChanged(this.status());
      return this.status();
    }
  }

  async signOut(): Promise<AuthStatus> {
    const previous = this.current;
    this.current = null;
    this.notice = null;
    this.deps.vault.forget();
    // The cache stays: the same agent signing in again finds the hold times where they were. A
    // different account (or server) wipes it at its sign-in (SessionCache.useScope).
    this.deps.onChanged(this.status());
    if (previous) {
      // Best effort: the local sign-out already happened whatever the server says.
      await previous.client.signOut().catch(() => undefined);
    }
    return this.status();
  }

  private isDemoServer(server: string): boolean {
    const running = this.deps.runningDemoServer?.();
    return running !== null && running !== undefined && normaliseServerUrl(running) === normaliseServerUrl(server);
  }

  private async connect(server: string, email: string, password: string, demo: boolean): Promise<SignedIn> {
    let signedIn: SignedIn | null = null;
    const client = this.deps.makeClient(server, () => signedIn && this.credentialsRejected(signedIn));
    const response = await client.signIn({ email: email.trim(), password });
    signedIn = {
      client,
      server: client.baseUrl,
      demo,
      user: { id: response.userId, name: response.displayName || response.userName || email, email: response.userName || email },
    };
    return signedIn;
  }

  /**
   * The server refused the password when the client signed in again: it was changed or expired.
   * Trying it again would lock the account, so the session ends here (which stops polling), the
   * remembered password goes, and the sign-in screen says why. The cache stays for the next sign-in.
   */
  private credentialsRejected(rejected: SignedIn): void {
    if (this.current !== rejected) return;
    this.current = null;
    this.deps.vault.forget();
    this.notice = PASSWORD_CHANGED_NOTICE;
    this.deps.logger.warn('auth: the server refused the password on a re-sign-in; signed out');
    this.deps.onChanged(this.status());
  }

  private activate(signedIn: SignedIn): AuthStatus {
    this.current = signedIn;
    // Named so that, signed in elsewhere later, the window can say whose notes are hidden.
    this.deps.cache.useScope(`${signedIn.server}|${signedIn.user.id}`, `${signedIn.user.email} on ${hostOf(signedIn.server)}`);
    const status = this.status();
    this.deps.onChanged(status);
    return status;
  }
}

const hostOf = (server: string): string => {
  try {
    return new URL(server).host;
  } catch {
    return server;
  }
};
