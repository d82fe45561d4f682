/** `npm run web`. Env: PORT (default 5199), EVO_API_URL, SOFTPHONE_DATA_DIR, EVO_PROMISE_MINUTE_MS (a shorter promise minute, for trying promises out). */
import { startHarness } from './server';

const harness = await startHarness({
  port: Number(process.env.PORT ?? 5199),
  evoApiUrl: process.env.EVO_API_URL || undefined,
  dataDir: process.env.SOFTPHONE_DATA_DIR || undefined,
  twilioChunderw: process.env.EVO_TWILIO_CHUNDERW || undefined,
  promiseMinuteMs: Number(process.env.EVO_PROMISE_MINUTE_MS) || undefined,
});
const simulator = harness.simulator();
if (simulator) console.log(`Evo Voice simulator on ${simulator.url} (${simulator.demoAccount.email} / ${simulator.demoAccount.password})`);
console.log(`data in ${harness.dataDir}`);
console.log(`listening on ${harness.url}`);

const shutdown = () => void harness.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
