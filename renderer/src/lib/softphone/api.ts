/** Typed access to `window.softphone` (the preload in Electron, the bridge in the harness). */
import type { SoftphoneApi } from '@shared/softphone-api';

export type { SoftphoneApi };
export type { Result, ErrorInfo } from '@shared/result';
export { fail, ok } from '@shared/result';
export type * from '@shared/contract';

declare global {
  interface Window {
    softphone?: SoftphoneApi;
  }
}

export function getSoftphone(): SoftphoneApi {
  if (!window.softphone) {
    throw new Error('window.softphone is missing: open Evo Softphone through Electron or `npm run web`.');
  }
  return window.softphone;
}
