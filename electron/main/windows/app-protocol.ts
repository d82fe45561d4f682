/** Serves the built renderer from `app://softphone/` (never file://), with the CSP on every answer. */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, mimeType, resolveAppAsset } from '../policy/app-assets';
import { contentSecurityPolicy } from '../policy/content-security';

/** Must run before `app.whenReady()`: privileges cannot be granted later. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  const csp = contentSecurityPolicy();
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppAsset(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'content-type': mimeType(file), 'content-security-policy': csp, 'x-content-type-options': 'nosniff' },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
