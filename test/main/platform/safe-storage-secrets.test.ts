import { mkdtempSync, writeFileSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CredentialVault } from '../../../electron/main/services/credential-vault';

const electron = await vi.hoisted(async () => (await import('../../support/electron')).createElectronFake());
vi.mock('electron', () => electron);
const { SafeStorageSecrets } = await import('../../../electron/main/platform/safe-storage-secrets');

const account = { server: 'https://evovoice.io', email: 'dana@example.com', password: 'hunter2-Secret!' };

describe('credentials in safeStorage (mocked electron)', () => {
  beforeEach(() => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(true);
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret');
  });

  it('stores the account encrypted in a 0600 file and reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evo-secrets-'));
    const vault = new CredentialVault(new SafeStorageSecrets(dir));
    expect(vault.remember(account)).toBe('remembered');
    const file = join(dir, 'evo-account.bin');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file).toString('latin1')).not.toContain('hunter2');
    expect(electron.safeStorage.encryptString).toHaveBeenCalled();
    expect(vault.recall()).toEqual(account);
    vault.forget();
    expect(vault.recall()).toBeNull();
  });

  it('a data folder that refuses the secret file: not remembered, and no exception reaches the sign-in', () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'evo-secrets-')), 'a-file');
    writeFileSync(blocker, '');
    const vault = new CredentialVault(new SafeStorageSecrets(join(blocker, 'secrets')));
    expect(vault.remember(account)).toBe('failed');
    expect(vault.recall()).toBeNull();
  });

  it('refuses to remember a password when encryption is unavailable', () => {
    electron.safeStorage.isEncryptionAvailable.mockReturnValue(false);
    const vault = new CredentialVault(new SafeStorageSecrets(mkdtempSync(join(tmpdir(), 'evo-secrets-'))));
    expect(vault.canRemember()).toBe(false);
    expect(vault.remember(account)).toBe('unavailable');
    expect(vault.recall()).toBeNull();
  });

  it("refuses Linux's basic_text backend, which is no protection at all", () => {
    electron.safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    const secrets = new SafeStorageSecrets(mkdtempSync(join(tmpdir(), 'evo-secrets-')));
    expect(secrets.canStore()).toBe(process.platform !== 'linux');
  });

  it('treats an unreadable file as nothing remembered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evo-secrets-'));
    const secrets = new SafeStorageSecrets(dir);
    secrets.save('evo-account', 'not json');
    expect(new CredentialVault(secrets).recall()).toBeNull();
  });
});
