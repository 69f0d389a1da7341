/**
 * Runs the local Tencent Cloud REST emulator with demo data, for trying the nodes in n8n (or
 * with curl) without a Tencent account. PORT (default 8080) and LATENCY_MS (default 0) are read
 * from the environment.
 *
 *   npm run emulator                       start it; one line per request answered
 *   npm run emulator -- --quiet            start it without the request lines
 *   npm run -s emulator -- --print-curl    print a signed curl line for the emulator on PORT, and exit
 */

import { RequestSigner } from '../nodes/TencentRoom/transport/signing';
import { parseCredentialSettings } from '../nodes/shared/credentialSettings';
import { DEMO_APP, DEMO_GROUP_IDS, DEMO_ROOM_IDS, TencentEmulator, seedDemoData, type RequestLogEntry } from '../test/emulator/index.cjs';
import { watchLaunchers } from './launchers.cjs';

const USAGE = 'usage: npm run emulator [-- --quiet | --print-curl]';

interface Options {
	quiet: boolean;
	printCurl: boolean;
}

function readArguments(args: string[]): Options {
	const options: Options = { quiet: false, printCurl: false };
	for (const arg of args) {
		if (arg === '--quiet') options.quiet = true;
		else if (arg === '--print-curl') options.printCurl = true;
		else throw new Error(`unknown argument ${arg}\n${USAGE}`);
	}
	return options;
}

function portFromEnv(): number {
	const text = process.env.PORT;
	if (text === undefined || text === '') return 8080;
	const port = Number(text);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${text}`);
	return port;
}

/**
 * A curl line for a harmless read (the seat list of a demo room), signed for the demo app's
 * administrator by the node's own request signer: the same five query parameters, UserSig valid
 * for 24 h. The key itself is not in it.
 */
function curlLine(baseUrl: string): string {
	const settings = parseCredentialSettings({
		sdkAppId: DEMO_APP.sdkAppId,
		identifier: DEMO_APP.admins[0],
		secretKey: DEMO_APP.secretKey,
		region: 'custom',
		baseUrl,
	});
	const path = new RequestSigner(settings).signedPath('/v4/room_engine_http_mic/get_seat_list');
	const body = JSON.stringify({ RoomId: DEMO_ROOM_IDS.voiceLounge });
	return `curl -s -X POST '${settings.baseUrl}${path}' -H 'Content-Type: application/json' -d '${body}'`;
}

/** One short line per request: the time, the command, Tencent's ErrorCode (or what else happened), the milliseconds. */
function logRequest(entry: RequestLogEntry, ms: number): void {
	const outcome = entry.errorCode !== null ? `ErrorCode ${entry.errorCode}` : entry.httpStatus !== 0 ? `HTTP ${entry.httpStatus}` : 'no answer';
	// The command is the path alone (the query, with its UserSig, is never in the entry); cut a long one.
	const command = entry.command.length > 80 ? `${entry.command.slice(0, 77)}...` : entry.command;
	console.log(`${new Date().toISOString().slice(11, 23)}  ${command}  ${outcome}  ${Math.round(ms)} ms`);
}

async function main(): Promise<void> {
	const options = readArguments(process.argv.slice(2));
	const port = portFromEnv();
	if (options.printCurl) {
		console.log(curlLine(`http://127.0.0.1:${port}`));
		return;
	}

	const emulator = new TencentEmulator({
		latencyMs: Number(process.env.LATENCY_MS ?? 0) || 0,
		onRequestDone: options.quiet ? undefined : logRequest,
	});
	seedDemoData(emulator);
	const baseUrl = await emulator.start(port);

	console.log(`Tencent REST emulator listening on ${baseUrl} (commands under ${baseUrl}/v4/)`);
	console.log('');
	console.log('In the n8n credential "Tencent Room API" choose region "Custom" and enter:');
	console.log(`  Base URL     ${baseUrl}`);
	console.log(`  SDKAppID     ${DEMO_APP.sdkAppId}`);
	console.log(`  Identifier   ${DEMO_APP.admins[0]}`);
	// A throwaway key that exists only in this emulator, printed so the demo can be set up.
	console.log(`  Secret key   ${DEMO_APP.secretKey}`);
	console.log('');
	console.log(`Rooms:  ${Object.values(DEMO_ROOM_IDS).join(', ')}`);
	console.log(`Groups: ${Object.values(DEMO_GROUP_IDS).join(', ')}`);
	console.log(`Without n8n: PORT=${new URL(baseUrl).port} npm run -s emulator -- --print-curl  prints a signed curl line (valid 24 h).`);
	console.log(`Press Ctrl+C to stop${options.quiet ? '.' : '. Each request answered is logged: time, command, ErrorCode, ms (--quiet: not).'}`);

	let stopping = false;
	const shutdown = (why: string): void => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${why}: stopping the emulator`);
		emulator.stop().then(
			() => process.exit(0),
			(error: Error) => {
				console.error(error);
				process.exit(1);
			},
		);
	};
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => shutdown(signal));
	watchLaunchers(shutdown);
}

main().catch((error: Error) => {
	console.error(`emulator: ${error.message}`);
	process.exit(1);
});
