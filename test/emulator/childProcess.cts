/**
 * Runs the emulator in its own process, driven over IPC by RemoteEmulator. A benchmark then
 * measures the node alone (CPU, event loop), and the emulator's timing is not disturbed by it.
 */
import { TencentEmulator } from './TencentEmulator.cjs';
import { seedDemoData } from './demoData.cjs';
import type { EmulatorOptions } from './types.cjs';

interface Command {
	id: number;
	method: string;
	args: unknown[];
}

const options = JSON.parse(process.argv[2] ?? '{}') as EmulatorOptions & { seedDemo?: boolean };
const emulator = new TencentEmulator(options);

async function main(): Promise<void> {
	const baseUrl = await emulator.start(0);
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
		const target = (emulator as unknown as Record<string, unknown>)[method];
		const result = typeof target === 'function' ? await (target as (...a: unknown[]) => unknown).apply(emulator, args) : target;
		process.send?.({ id, result });
		if (method === 'stop') process.exit(0);
	} catch (error) {
		process.send?.({ id, error: error instanceof Error ? error.message : String(error) });
	}
}

void main();
