import { describe, expect, it, vi } from 'vitest';
import { eventChannels, invokeChannels, IPC_EVENT, IPC_INVOKE } from '../../electron/shared/contract';

const electron = await vi.hoisted(async () => (await import('../support/electron')).createElectronFake());
vi.mock('electron', () => electron);

/** Runs the preload afresh and returns what it exposed. */
async function loadPreload() {
  vi.resetModules();
  await import('../../electron/preload/index');
  const [name, api] = electron.contextBridge.exposeInMainWorld.mock.calls.at(-1) as unknown as [
    string,
    Record<string, Record<string, unknown>>,
  ];
  return { name, api };
}

describe('preload', () => {
  it('exposes exactly the contract as window.softphone, functions only', async () => {
    const { name, api } = await loadPreload();
    expect(name).toBe('softphone');
    const exposed = Object.entries(api).flatMap(([area, methods]) => Object.keys(methods).map((method) => `${area}.${method}`));
    const expected = [
      ...invokeChannels,
      ...eventChannels.map((event) => {
        const [area, name] = event.split('.') as [string, string];
        return `${area}.on${name[0]!.toUpperCase()}${name.slice(1)}`;
      }),
    ];
    expect(exposed.sort()).toEqual(expected.sort());
    for (const methods of Object.values(api)) for (const fn of Object.values(methods)) expect(typeof fn).toBe('function');
    // No namespace beyond the contract's areas (a new one comes with its channels).
    expect(Object.keys(api).sort()).toEqual([...new Set(expected.map((method) => method.split('.')[0]))].sort());
  });

  it('sends a call through the one invoke channel with its contract name', async () => {
    const { api } = await loadPreload();
    await (api.sessions!.hold as (input: unknown) => Promise<unknown>)({ sessionId: 'S1' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE, 'sessions.hold', { sessionId: 'S1' });
  });

  it('delivers only its own event to a subscriber, until it unsubscribes', async () => {
    const { api } = await loadPreload();
    const seen: unknown[] = [];
    const unsubscribe = (api.calls!.onChanged as (cb: (p: unknown) => void) => () => void)((payload) => seen.push(payload));
    electron.ipcRenderer.emit(IPC_EVENT, {}, 'calls.changed', { n: 1 });
    electron.ipcRenderer.emit(IPC_EVENT, {}, 'auth.changed', { n: 2 });
    unsubscribe();
    electron.ipcRenderer.emit(IPC_EVENT, {}, 'calls.changed', { n: 3 });
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('never hands ipcRenderer itself to the page', async () => {
    const { api } = await loadPreload();
    const text =
      JSON.stringify(Object.keys(api)) +
      Object.values(api)
        .map((area) => Object.keys(area).join())
        .join();
    expect(text).not.toMatch(/ipcRenderer|send\b|invoke\b/);
  });
});
