/**
 * The preload: exposes `window.softphone`, named functions built from the contract, and nothing
 * else. ipcRenderer itself never reaches the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/channels';
import type { Result } from '../shared/result';
import { buildSoftphoneApi } from '../shared/softphone-api';

const api = buildSoftphoneApi({
  invoke: (channel, payload) => ipcRenderer.invoke(IPC_INVOKE, channel, payload) as Promise<Result<unknown>>,
  subscribe(event, listener) {
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(IPC_EVENT, relay);
    return () => ipcRenderer.removeListener(IPC_EVENT, relay);
  },
});

contextBridge.exposeInMainWorld('softphone', api);
