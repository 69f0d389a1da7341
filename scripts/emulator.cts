/**
 * Runs the local Tencent Cloud REST emulator with demo data, for trying the nodes in n8n
 * without a Tencent account. PORT (default 8080) and LATENCY_MS (default 0) are read from
 * the environment.
 */
import { DEMO_APP, DEMO_GROUP_IDS, DEMO_ROOM_IDS, TencentEmulator, seedDemoData } from '../test/emulator/index.cjs';

function portFromEnv(): number {
	const text = process.env.PORT;
	if (text === undefined || text === '') return 8080;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${text}`);
	return port;
}

async function main(): Promise<void> {
	const emulator = new TencentEmulator({ latencyMs: Number(process.env.LATENCY_MS ?? 0) || 0 });
	seedDemoData(emulator);
	const baseUrl = await emulator.start(portFromEnv());

	console.log(`Tencent REST emulator listening on ${baseUrl}`);
	console.log('');
	console.log('In the n8n credential "Tencent Room API" choose region "custom" and enter:');
	console.log(`  Base URL     ${baseUrl}`);
	console.log(`  SDKAppID     ${DEMO_APP.sdkAppId}`);
	console.log(`  Identifier   ${DEMO_APP.admins[0]}`);
	// A throwaway key that exists only in this emulator, printed so the demo can be set up.
	console.log(`  Secret key   ${DEMO_APP.secretKey}`);
	console.log('');
	console.log(`Rooms:  ${Object.values(DEMO_ROOM_IDS).join(', ')}`);
	console.log(`Groups: ${Object.values(DEMO_GROUP_IDS).join(', ')}`);
	console.log('Press Ctrl+C to stop.');

	let stopping = false;
	const shutdown = (signal: NodeJS.Signals): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: stopping the emulator`);
		emulator.stop().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	process.once('SIGINT', shutdown);
	process.once('SIGTERM', shutdown);
}

main().catch((error: Error) => {
	console.error(`emulator failed to start: ${error.message}`);
	process.exit(1);
});
