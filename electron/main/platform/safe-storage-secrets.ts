/**
 * SecretStore on Electron's safeStorage: each secret encrypted into its own 0600 file in userData.
 * Refuses to store anything when encryption is unavailable or is Linux's `basic_text` (a
 * hard-coded key, i.e. no protection at all).
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../ports';

export class SafeStorageSecrets implements SecretStore {
  constructor(private readonly dir: string) {}

  canStore(): boolean {
    if (!safeStorage.isEncryptionAvailable()) return false;
    return process.platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text';
  }

  save(key: string, secret: string): void {
    if (!this.canStore()) throw new Error('Secure storage is not available');
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const file = this.file(key);
    writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
    chmodSync(file, 0o600);
  }

  load(key: string): string | null {
    const file = this.file(key);
    if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
    try {
      return safeStorage.decryptString(readFileSync(file));
    } catch {
      return null;
    }
  }

  remove(key: string): void {
    rmSync(this.file(key), { force: true });
  }

  private file(key: string): string {
    return join(this.dir, `${key.replace(/[^a-z0-9-]/gi, '_')}.bin`);
  }
}
