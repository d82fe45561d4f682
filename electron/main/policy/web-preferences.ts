/** The webPreferences every window gets, as plain data so that it is checked without Electron. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // Middle-click must not open windows either (Electron security checklist, electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick',
    // Calls must ring and timers must tick while the window is in the background.
    backgroundThrottling: false,
  } as const;
}
