/**
 * The browser harness for the renderer benchmarks, in a process of its own: in the app, main is
 * a process apart from the window, and here the test driver (Playwright) would otherwise share
 * main's event loop and slow every IPC answer. Prints the URL, and closes when stdin ends.
 */
import { startHarness } from '../../electron/harness/server';

const harness = await startHarness({ quiet: true, simulator: { seed: { history: 1000, liveCall: false } } });
await harness.core.auth.signInDemo();
await harness.core.history.history({ fresh: true });
process.stdout.write(`${harness.url}\n`);
process.stdin.resume();
process.stdin.on('end', () => void harness.close().then(() => process.exit(0)));
