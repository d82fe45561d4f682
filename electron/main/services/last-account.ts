/**
 * The last server and email used to sign in: not secret, kept so the sign-in screen is filled in
 * and so that "no account configured yet" (first run) can be told apart.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const LastAccount = z.object({ server: z.string(), email: z.string() });
export type LastAccount = z.infer<typeof LastAccount>;

export class LastAccountStore {
  private readonly file: string;

  constructor(dataDir: string) {
    this.file = join(dataDir, 'last-account.json');
  }

  get(): LastAccount | null {
    try {
      const parsed = LastAccount.safeParse(JSON.parse(readFileSync(this.file, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Best effort: a disk that refuses the file only costs the prefilled form next time. */
  set(account: LastAccount): boolean {
    try {
      writeFileSync(`${this.file}.tmp`, JSON.stringify(account), { mode: 0o600 });
      renameSync(`${this.file}.tmp`, this.file);
      return true;
    } catch {
      return false;
    }
  }
}
