/** The application menu, with Help -> "Open logs folder" and "Copy diagnostics". */
import { app, clipboard, Menu, shell, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(options: { logsDir: string; diagnostics: () => string }): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        { label: 'Open logs folder', click: () => void shell.openPath(options.logsDir) },
        { label: 'Copy diagnostics', click: () => clipboard.writeText(options.diagnostics()) },
        { type: 'separator' },
        { label: `Evo Softphone ${app.getVersion()}`, enabled: false },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
