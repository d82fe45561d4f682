/**
 * Every error's code is one of ERROR_CODES: the compiler holds the code to it (ErrorCode), the
 * contract refuses any other at run time, and the list carries no name nothing uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CallFailure, ErrorCode } from '../../../electron/shared/contract';
import { ERROR_CODES } from '../../../electron/shared/error-codes';

const root = join(__dirname, '../../..');
/** The product's own source; the simulator speaks Evo's wire, not our codes. */
function productFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === join('electron', 'main', 'simulator') ? [] : productFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) && !path.endsWith('error-codes.ts') ? [path] : [];
  });
}
const sources = [...productFiles('electron'), ...productFiles(join('renderer', 'src'))].map((path) => ({
  path: relative(root, join(root, path)),
  text: readFileSync(join(root, path), 'utf8'),
}));

describe('error codes', () => {
  it('every code the product gives an error (AppError, fail, a `code:` field) is one of ERROR_CODES', () => {
    const given = new Set<string>();
    for (const { text } of sources) {
      for (const match of text.matchAll(/(?:new AppError\(\s*|\bfail\(\s*|\bcode: )'([A-Z][A-Z0-9_]*)'/g)) given.add(match[1]!);
    }
    expect(given.size).toBeGreaterThan(30);
    expect([...given].filter((code) => !(ERROR_CODES as readonly string[]).includes(code))).toEqual([]);
  });

  it('every listed code is given by some product code (no name kept for nothing)', () => {
    const unused = ERROR_CODES.filter((code) => !sources.some(({ text }) => text.includes(`'${code}'`)));
    expect(unused).toEqual([]);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it("the contract takes a listed code and refuses any other, so a failure can't reach the window with a made-up code", () => {
    expect(ErrorCode.options).toEqual([...ERROR_CODES]);
    expect(CallFailure.safeParse({ action: 'hold', code: 'EVO_TIMEOUT', message: 'Evo Voice did not answer within 8 s.' }).success).toBe(
      true,
    );
    expect(CallFailure.safeParse({ action: 'hold', code: 'AUTH_SOMETHING_NEW', message: 'x' }).success).toBe(false);
    expect(CallFailure.safeParse({ action: 'hold', code: 'evo_timeout', message: 'x' }).success).toBe(false);
  });
});
