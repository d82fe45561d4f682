/** `npm run simulator`: the Evo Voice simulator on its own, for development and manual testing. */
import { startSimulator } from './server';

const simulator = await startSimulator({ port: Number(process.env.SIM_PORT ?? 0) || 0, controls: true });
const { email, password } = simulator.demoAccount;
console.log(`Evo Voice simulator listening on ${simulator.url}`);
console.log(`Sign in as ${email} / ${password}. Control it with POST ${simulator.url}/__sim/faults, /__sim/ring.`);
const shutdown = () => void simulator.close().then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
