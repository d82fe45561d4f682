/** The remembered account: server, email and password, encrypted by the SecretStore. Main only. */
import { z } from 'zod';
import type { SecretStore } from '../ports';

const KEY = 'evo-account';
const Saved = z.object({ server: z.string(), email: z.string(), password: z.string() });
export type SavedAccount = z.infer<typeof Saved>;

export class CredentialVault {
  constructor(private readonly store: SecretStore) {}

  canRemember(): boolean {
    return this.store.canStore();
  }

  /** 'unavailable' (nothing stored) when the OS cannot encrypt for real; 'failed' when the disk refused it. */
  remember(account: SavedAccount): 'remembered' | 'unavailable' | 'failed' {
    if (!this.store.canStore()) return 'unavailable';
    try {
      this.store.save(KEY, JSON.stringify(account));
      return 'remembered';
    } catch {
      return 'failed';
    }
  }

  recall(): SavedAccount | null {
    const raw = this.store.load(KEY);
    if (!raw) return null;
    try {
      const parsed = Saved.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  has(): boolean {
    return this.store.load(KEY) !== null;
  }

  forget(): void {
    this.store.remove(KEY);
  }
}

/** The SecretStore for tests and the browser harness: memory only, never written anywhere. */
export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();

  constructor(private readonly encryptionAvailable = true) {}

  canStore(): boolean {
    return this.encryptionAvailable;
  }

  save(key: string, secret: string): void {
    this.secrets.set(key, secret);
  }

  load(key: string): string | null {
    return this.secrets.get(key) ?? null;
  }

  remove(key: string): void {
    this.secrets.delete(key);
  }
}
