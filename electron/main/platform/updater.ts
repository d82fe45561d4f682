/** electron-updater behind the UpdaterPort: background download, install only when asked. */
import electronUpdater from 'electron-updater';
import type { UpdaterPort } from '../ports';
import type { Logger } from '../logging/logger';

export function createElectronUpdater(logger: Logger): UpdaterPort {
  const { autoUpdater } = electronUpdater;
  autoUpdater.autoDownload = true;
  // Never installs on quit behind the agent's back; "Restart to update" does it.
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.logger = {
    info: (m: unknown) => logger.info(String(m)),
    warn: (m: unknown) => logger.warn(String(m)),
    error: (m: unknown) => logger.error(String(m)),
    debug: () => undefined,
  };
  return {
    checkForUpdates: () => autoUpdater.checkForUpdates(),
    quitAndInstall: () => autoUpdater.quitAndInstall(false, true),
    onDownloaded: (listener) => void autoUpdater.on('update-downloaded', (info) => listener(info.version)),
  };
}
