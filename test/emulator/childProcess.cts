/**
 * Runs the emulator in its own process, driven over IPC by RemoteEmulator. A benchmark then
 * measures the node alone (CPU, event loop), and the emulator's timing is not disturbed by it.
 */
import { TencentEmulator } from './TencentEmulator.cjs';
import { seedDemoData } from './demoData.cjs';
import { LatencyProxy } from './latencyProxy.cjs';
import type { EmulatorOptions } from './types.cjs';

/** Options of the emulator's process: the emulator's own, plus what sits around it. */
export interface EmulatorProcessOptions extends EmulatorOptions {
	seedDemo?: boolean;
	/** Serve through a LatencyProxy with this round trip (clients then pay it per TCP and TLS handshake, and per request). */
	networkRoundTripMs?: number;
}

interface Command {
	id: number;
	method: string;
	args: unknown[];
}

const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorProcessOptions;
const emulator = new TencentEmulator(options);
let farProxy: LatencyProxy | undefined;

async function main(): Promise<void> {
	let baseUrl = await emulator.start(0);
	if (options.networkRoundTripMs !== undefined) {
		const url = new URL(baseUrl);
		const far = new LatencyProxy(Number(url.port), options.networkRoundTripMs);
		url.port = String(await far.start());
		farProxy = far;
		baseUrl = url.origin;
	}
	if (options.seedDemo) seedDemoData(emulator);
	process.on('message', (message: Command) => {
		void handle(message);
	});
	// The parent went away (killed, crashed): do not outlive it.
	process.on('disconnect', () => process.exit(0));
	process.send?.({ ready: true, baseUrl });
}

async function handle({ id, method, args }: Command): Promise<void> {
	try {
		if (method === 'proxyStats') {
			process.send?.({ id, result: farProxy?.readStats(args[0] === true) ?? null });
			return;
		}
		const target = (emulator as unknown as Record<string, unknown>)[method];
		const result = typeof target === 'function' ? await (target as (...a: unknown[]) => unknown).apply(emulator, args) : target;
		process.send?.({ id, result });
		if (method === 'stop') process.exit(0);
	} catch (error) {
		process.send?.({ id, error: error instanceof Error ? error.message : String(error) });
	}
}

void main();
