import type { AuthStatus, ServerList, SoftphoneApi } from '../softphone/api';
import type { FirstAnswers } from '../start-up/first-answers';
import { SignInDraft } from './sign-in-draft.svelte';

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
  /** The fields the last sign-in attempt was refused for, to mark them invalid. */
  missing = $state<{ email: boolean; password: boolean }>({ email: false, password: false });
  /** The sign-in form's fields. */
  readonly form = new SignInDraft();
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

  /** The signed-in server as the agent knows it: "Evo Voice", "Staging", "Demo", or its host. */
  get serverName(): string {
    const url = this.status?.server ?? '';
    if (this.status?.demo) return 'Demo';
    const listed = this.servers?.servers.find((server) => server.url === url);
    if (listed) return listed.label;
    return /^[a-z]+:\/\/([^/]+)/i.exec(url)?.[1] ?? url;
  }

  /** Asks main, or takes what the window's entry already asked (`first`, at start-up only). */
  async load(first?: FirstAnswers): Promise<void> {
    this.unsubscribe ??= this.api.auth.onChanged((status) => (this.status = status));
    const [status, servers] = await Promise.all([
      first ? first.status() : this.api.auth.status(),
      first?.servers ?? this.api.auth.servers(),
    ]);
    if (status.ok) this.status = status.value;
    if (servers.ok) {
      this.servers = servers.value;
      this.form.adopt(servers.value);
    }
    if (!status.ok) this.error = status.error.message;
  }

  async signIn(form: SignInForm): Promise<boolean> {
    this.missing = { email: !form.email.trim(), password: !form.password };
    if (this.missing.email || this.missing.password) {
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
