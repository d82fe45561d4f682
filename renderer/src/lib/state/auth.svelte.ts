import type { AuthStatus, ServerList, SoftphoneApi } from '../api';

export interface SignInForm {
  server: string;
  email: string;
  password: string;
  remember: boolean;
}

/** The agent's sign-in: status from main, the form's busy and error states. */
export class AuthState {
  #status = $state<AuthStatus | null>(null);
  servers = $state<ServerList | null>(null);
  busy = $state<'signIn' | 'demo' | 'signOut' | null>(null);
  error = $state<string | null>(null);
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly api: SoftphoneApi,
    /** Told of every new status: the app starts or stops the agent's data and phone from it. */
    private readonly onStatus: (status: AuthStatus) => void = () => {},
  ) {}

  get status(): AuthStatus | null {
    return this.#status;
  }

  set status(status: AuthStatus | null) {
    this.#status = status;
    if (status) this.onStatus(status);
  }

  get signedIn(): boolean {
    return this.status?.signedIn ?? false;
  }

  async load(): Promise<void> {
    this.unsubscribe ??= this.api.auth.onChanged((status) => (this.status = status));
    const [status, servers] = await Promise.all([this.api.auth.status(), this.api.auth.servers()]);
    if (status.ok) this.status = status.value;
    if (servers.ok) this.servers = servers.value;
    if (!status.ok) this.error = status.error.message;
  }

  async signIn(form: SignInForm): Promise<boolean> {
    if (!form.email.trim() || !form.password) {
      this.error = 'Enter your email and password.';
      return false;
    }
    return this.run('signIn', () => this.api.auth.signIn(form));
  }

  signInDemo(): Promise<boolean> {
    return this.run('demo', () => this.api.auth.signInDemo());
  }

  signOut(): Promise<boolean> {
    return this.run('signOut', () => this.api.auth.signOut());
  }

  dispose(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private async run(
    kind: 'signIn' | 'demo' | 'signOut',
    call: () => Promise<{ ok: true; value: AuthStatus } | { ok: false; error: { message: string } }>,
  ): Promise<boolean> {
    if (this.busy) return false;
    this.busy = kind;
    this.error = null;
    try {
      const result = await call();
      if (result.ok) this.status = result.value;
      else this.error = result.error.message;
      return result.ok;
    } finally {
      this.busy = null;
    }
  }
}
