/**
 * No output, error or log line ever contains the secret key, a UserSig or the callback token.
 *
 * The whole matrix runs through n8n's engine: every operation, in success and failure, under
 * faults, with bad credentials, an expired-UserSig loop and a gateway that echoes the signed
 * URL back, in all three error modes ("Continue (using error output)", "Continue", stop), plus
 * the trigger's callbacks. Everything said is gathered (output items, the run data, thrown
 * errors with their stacks, contexts and causes, every n8n log call and console line, webhook
 * answers) and searched for the secrets and for any UserSig of any credential used.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';
import { writeFileSync } from 'fs';
import { dirname } from 'path';

import { computeTlsSig, createUserSig, USER_SIG_LIFETIME_SECONDS } from '../../nodes/shared/userSig';
import { DEMO_APP, FAULT_KINDS, roomDestroyedBody, tencentCallbackSign } from '../emulator/index.cjs';
import { emulatorCredential, useEmulator } from '../helpers/fixture.cjs';
import { TRIGGER_NODE_TYPE } from '../helpers/n8nHarness.cjs';
import { WebhookHarness } from '../helpers/webhookHarness.cjs';
import { deepSerialize, LOCK, MOVE, SEATS } from './support.cjs';

const { emulator, runNode } = useEmulator();

const TOKEN = 'cb-TOKEN-never-shown-4f9a';
const WRONG_KEY = '0123456789abcdef'.repeat(4);
const TIMEOUT_MS = 500;

/** Every credential identity a test signs with: its UserSigs are secrets too. */
const IDENTITIES = [
	{ sdkAppId: DEMO_APP.sdkAppId, identifier: 'administrator', secretKey: DEMO_APP.secretKey },
	{ sdkAppId: DEMO_APP.sdkAppId, identifier: 'administrator', secretKey: WRONG_KEY },
	{ sdkAppId: DEMO_APP.sdkAppId, identifier: 'viewer-01', secretKey: DEMO_APP.secretKey },
	{ sdkAppId: 1400999999, identifier: 'administrator', secretKey: DEMO_APP.secretKey },
];
const BAD_CREDENTIALS: Array<[string, ICredentialDataDecryptedObject]> = [
	['a wrong secret key (70009)', { secretKey: WRONG_KEY }],
	['an identifier that is not an administrator (60010)', { identifier: 'viewer-01' }],
	['an SDKAppID the host does not know (70020)', { sdkAppId: 1400999999 }],
	['a secret key with a line break (refused before sending)', { secretKey: `${DEMO_APP.secretKey}\nx` }],
	['a base URL carrying a usersig (refused before sending)', { baseUrl: 'http://127.0.0.1:9/?usersig=abc' }],
];

// ---------------------------------------------------------------- what was said

/** Everything the node, n8n and the console said during this file, as text. */
const said: string[] = [];
const logLines: string[] = [];

function capturingLogger() {
	const capture =
		(level: string) =>
		(message: unknown, meta?: unknown): void => {
			logLines.push(deepSerialize({ level, message, meta }));
		};
	return { error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug') };
}

let startedAtMs = 0;

beforeAll(() => {
	startedAtMs = Date.now();
	// n8n-core's own Logger (behind `this.logger` in node contexts) lives in n8n-core's copy of
	// the DI container; creating it re-initialises LoggerProxy, so it comes first.
	const coreDir = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as { Container: { get(type: unknown): unknown } };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] })) as { Logger: unknown };
	const coreLogger = Container.get(Logger) as Record<'error' | 'warn' | 'info' | 'debug', (...args: unknown[]) => void>;
	const capture = capturingLogger();
	for (const level of ['error', 'warn', 'info', 'debug'] as const) jest.spyOn(coreLogger, level).mockImplementation(capture[level]);
	LoggerProxy.init(capture as unknown as Parameters<typeof LoggerProxy.init>[0]);
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
			logLines.push(deepSerialize({ console: method, args }));
		});
	}
});

afterAll(() => {
	jest.restoreAllMocks();
});

type Mode = 'continueErrorOutput' | 'continueRegularOutput' | 'stop';
const MODES: Mode[] = ['continueErrorOutput', 'continueRegularOutput', 'stop'];

interface Collected {
	success: IDataObject[];
	errors: IDataObject[];
	error: unknown;
}

/** Runs the node and keeps everything it produced: items, the run data, the thrown error. */
async function runAndCollect(
	parameters: INodeParameters,
	items: IDataObject[],
	mode: Mode,
	credentialOverrides: ICredentialDataDecryptedObject = {},
): Promise<Collected> {
	const nodeOptions = mode === 'stop' ? {} : { onError: mode };
	const result = await runNode(parameters, items, nodeOptions, { callbackToken: TOKEN, ...credentialOverrides });
	said.push(deepSerialize(result.itemsOf('Tencent Room')), deepSerialize(result.run), deepSerialize(result.error));
	return { success: result.success, errors: result.errors, error: result.error };
}

// ---------------------------------------------------------------- what must not appear

function userSigPrefix(identity: (typeof IDENTITIES)[number]): string {
	// The UserSig of one identity differs only from its TLS.time on: its first part is the same
	// at every second, so finding that part finds any of its UserSigs, whenever signed.
	const a = createUserSig({ ...identity, expireSeconds: USER_SIG_LIFETIME_SECONDS, nowMs: 1_700_000_000_000 });
	const b = createUserSig({ ...identity, expireSeconds: USER_SIG_LIFETIME_SECONDS, nowMs: 1_800_000_000_000 });
	let length = 0;
	while (a[length] === b[length]) length++;
	return a.slice(0, length);
}

function secretsNow(): Map<string, string> {
	const secrets = new Map<string, string>([
		['secret key', DEMO_APP.secretKey],
		['wrong secret key', WRONG_KEY],
		['callback token', TOKEN],
	]);
	const fromSecond = Math.floor(startedAtMs / 1000) - 2;
	const toSecond = Math.floor(Date.now() / 1000) + 2;
	for (const [index, identity] of IDENTITIES.entries()) {
		secrets.set(`UserSig prefix of identity ${index}`, userSigPrefix(identity));
		for (let second = fromSecond; second <= toSecond; second++) {
			const nowMs = second * 1000;
			secrets.set(`UserSig ${index}@${second}`, createUserSig({ ...identity, expireSeconds: USER_SIG_LIFETIME_SECONDS, nowMs }));
			secrets.set(
				`TLS.sig ${index}@${second}`,
				computeTlsSig(identity.sdkAppId, identity.identifier, identity.secretKey, second, USER_SIG_LIFETIME_SECONDS),
			);
		}
	}
	return secrets;
}

function leaksIn(text: string): string[] {
	const leaks: string[] = [];
	for (const [name, secret] of secretsNow()) if (text.includes(secret)) leaks.push(name);
	return leaks;
}

// ---------------------------------------------------------------- the matrix

let roomCounter = 0;
function freshRoom(): string {
	const roomId = `secret-${++roomCounter}`;
	emulator.createRoom({ roomId, seatCount: 4, members: ['alice', 'bob', 'carol'] });
	emulator.takeSeat(roomId, 'alice', 0);
	emulator.takeSeat(roomId, 'bob', 1);
	return roomId;
}

beforeAll(() => {
	emulator.createRoom({ roomId: 'secret-live', type: 'live', members: ['ann', 'ben', 'cid'] });
	emulator.createGroup({ groupId: '@TGS#secret', members: [{ account: 'ann', joinTime: 1_700_000_000 }] });
});

const options = { timeoutMs: TIMEOUT_MS };
/** Each operation with a good item and one Tencent refuses (room or group missing, seat taken). */
const OPERATIONS: Array<[string, INodeParameters, () => IDataObject[]]> = [
	['seat.getMany', { resource: 'seat', operation: 'getMany', roomId: '={{ $json.room }}', options }, () => [{ room: freshRoom() }, { room: 'secret-gone' }]],
	['seat.lock', { resource: 'seat', operation: 'lock', roomId: '={{ $json.room }}', seatIndex: 2, options }, () => [{ room: freshRoom() }, { room: 'secret-gone' }]],
	['seat.unlock', { resource: 'seat', operation: 'unlock', roomId: '={{ $json.room }}', seatIndex: 9, options }, () => [{ room: freshRoom() }]],
	...(['cancel', 'forceMove', 'exchange'] as const).map((policy): [string, INodeParameters, () => IDataObject[]] => [
		`seat.moveUser ${policy}`,
		{ resource: 'seat', operation: 'moveUser', roomId: '={{ $json.room }}', memberAccount: 'alice', seatIndex: '={{ $json.seat }}', policy, options },
		() => [{ room: freshRoom(), seat: policy === 'cancel' ? 3 : 1 }, { room: freshRoom(), seat: policy === 'cancel' ? 1 : 0 }],
	]),
	['member.getMany', { resource: 'member', operation: 'getMany', roomId: '={{ $json.room }}', returnAll: true, options }, () => [{ room: 'secret-live' }, { room: 'secret-gone' }]],
	['member.getManyOnline', { resource: 'member', operation: 'getManyOnline', groupId: '={{ $json.group }}', returnAll: true, options }, () => [{ group: '@TGS#secret' }, { group: '@TGS#gone' }]],
];

function expectNoLeaks(): void {
	expect(leaksIn(said.join('\n'))).toEqual([]);
	expect(leaksIn(logLines.join('\n'))).toEqual([]);
}

describe('every operation, in every error mode', () => {
	it.each(MODES)('success and Tencent refusals (%s): nothing secret, and Tencent\'s RequestId kept', async (mode) => {
		for (const [name, parameters, items] of OPERATIONS) {
			const { success, errors, error } = await runAndCollect(parameters, items(), mode);
			// Each operation's items hold exactly one that Tencent refuses.
			const roomEngine = name !== 'member.getManyOnline';
			if (mode === 'stop') {
				expect({ name, stopped: error !== undefined }).toEqual({ name, stopped: true });
				// Room Engine refusals carry the RequestId support asks for, in the message too.
				const description = (error as { description?: string }).description ?? '';
				expect(description).toMatch(roomEngine ? /Tencent ErrorCode 1\d{5}: .*RequestId: Id-[0-9a-f]{32}-O-Seq-\d+\./ : /Tencent ErrorCode 10010: group not found\./);
				continue;
			}
			const failures = mode === 'continueRegularOutput' ? success.filter((item) => item.details) : errors;
			expect({ name, failures: failures.length }).toEqual({ name, failures: 1 });
			const details = failures[0].details as { errorCode: number | null; requestId: string | null };
			if (roomEngine) {
				expect(details.errorCode).toBeGreaterThanOrEqual(100000);
				expect(details.requestId).toMatch(/^Id-[0-9a-f]{32}-O-Seq-\d+$/);
			} else {
				expect(details).toMatchObject({ errorCode: 10010, requestId: null });
			}
		}
		expectNoLeaks();
	});

	it.each(MODES)('under faults of every kind (%s)', async (mode) => {
		// A read, an idempotent write, a move (checked by reading the seats) and the Chat-style read:
		// each meets two fault kinds, so all seven occur in every mode.
		const subjects = ['seat.getMany', 'seat.lock', 'seat.moveUser exchange', 'member.getManyOnline'];
		let next = 0;
		for (const [name, parameters, items] of OPERATIONS) {
			if (!subjects.includes(name)) continue;
			emulator.clearFaults();
			for (let i = 0; i < 2; i++) emulator.injectFault(FAULT_KINDS[next++ % FAULT_KINDS.length]);
			await runAndCollect(parameters, items(), mode);
		}
		emulator.clearFaults();
		const faults = new Set(emulator.requests.map((request) => request.fault).filter(Boolean));
		expect([...faults].sort()).toEqual([...FAULT_KINDS].sort());
		expectNoLeaks();
	});
});

describe('bad credentials', () => {
	it.each(BAD_CREDENTIALS)('%s, in every mode: nothing secret', async (_label, override) => {
		for (const mode of MODES) {
			for (const [name, parameters, items] of OPERATIONS) {
				if (name !== 'seat.getMany' && name !== 'seat.moveUser exchange' && name !== 'member.getManyOnline') continue;
				const itemCount = items().length;
				const { success, errors, error } = await runAndCollect(parameters, items(), mode, override);
				// Every item fails, in the form the mode gives.
				if (mode === 'continueErrorOutput') expect({ success: success.length, errors: errors.length }).toEqual({ success: 0, errors: itemCount });
				if (mode === 'continueRegularOutput') expect(success.filter((item) => item.details)).toHaveLength(itemCount);
				if (mode === 'stop') expect(error).toBeDefined();
			}
		}
		expectNoLeaks();
	});
});

describe('UserSig expiry and the server clock', () => {
	it.each(MODES)('an expired UserSig, re-signed, expired again (%s): nothing secret', async (mode) => {
		emulator.injectErrorCode(70001, { command: SEATS, count: 2 });
		emulator.injectErrorCode(70052, { command: LOCK, count: 1 });
		await runAndCollect(OPERATIONS[0][1], [{ room: freshRoom() }], mode);
		await runAndCollect(OPERATIONS[1][1], [{ room: freshRoom() }], mode);
		expect(emulator.requests.filter((request) => request.errorCode === 70001)).toHaveLength(2);
		expectNoLeaks();
	});
});

describe('a gateway that echoes the signed URL back', () => {
	type Echo = { status?: number; body: string | Record<string, unknown>; headers?: Record<string, string> };
	const echoes: Array<[string, (url: string) => Echo]> = [
		['in ErrorInfo', (url) => ({ body: { ActionStatus: 'FAIL', ErrorCode: 60002, ErrorInfo: `bad url ${url}`, RequestId: 'Id-echo' } })],
		['in the RequestId', (url) => ({ body: { ActionStatus: 'FAIL', ErrorCode: 100004, ErrorInfo: 'gone', RequestId: url } })],
		['as the bare UserSig in ErrorInfo', (url) => ({ body: { ActionStatus: 'FAIL', ErrorCode: 70003, ErrorInfo: `sig ${new URLSearchParams(url.split('?')[1]).get('usersig')} truncated` } })],
		['in an HTML 404 page', (url) => ({ status: 404, body: `<html><body>Cannot POST ${url}</body></html>`, headers: { 'Content-Type': 'text/html' } })],
		['in a 200 text answer', (url) => ({ status: 200, body: `upstream said: ${url}`, headers: { 'Content-Type': 'text/plain' } })],
	];

	it.each(echoes)('%s: the UserSig never reaches an item, an error or a log', async (_label, answer) => {
		const seen: string[] = [];
		for (const mode of MODES) {
			for (const [command, parameters, items] of [
				[SEATS, OPERATIONS[0][1], OPERATIONS[0][2]],
				[MOVE, OPERATIONS[5][1], OPERATIONS[5][2]],
			] as const) {
				emulator.clearFaults();
				const built = answer('');
				emulator.overrideNextAnswer({
					command,
					count: 8,
					status: built.status,
					headers: built.headers,
					body: ({ url }) => {
						seen.push(url);
						return answer(url).body;
					},
				});
				await runAndCollect(parameters, items(), mode);
			}
		}
		emulator.clearFaults();
		// The echo really carried a UserSig this file can recognise (so the search below means something).
		expect(seen.length).toBeGreaterThan(0);
		expect(leaksIn(seen.join('\n'))).toContain('UserSig prefix of identity 0');
		expectNoLeaks();
	});
});

describe('the trigger', () => {
	it('valid, forged, stale and unsigned callbacks: nothing says the callback token', async () => {
		const harness = new WebhookHarness({
			workflow: {
				nodes: [
					{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters: {} },
					{ name: 'Received', type: 'n8n-nodes-base.noOp' },
				],
				connections: [['Tencent Room Trigger', 'Received']],
			},
			credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) },
		});
		await harness.start();
		try {
			await harness.activate();
			const command = 'Room.CallbackAfterDestroyRoom';
			const body = roomDestroyedBody({ roomId: 'secret-1' });
			const answers = [
				await emulator.sendCallback({ url: harness.url, command, body, token: TOKEN }),
				await emulator.sendCallback({ url: harness.url, command, body, token: `${TOKEN}-forged` }),
				await emulator.sendCallback({ url: harness.url, command, body, token: TOKEN, nowMs: Date.now() - 3_600_000 }),
				await emulator.sendCallback({ url: harness.url, command, body }),
				await emulator.sendCallback({ url: harness.url, command, body, token: TOKEN, sdkAppId: 1400999999 }),
				await emulator.sendCallback({
					url: harness.url,
					command,
					body,
					token: TOKEN,
					query: { Sign: tencentCallbackSign(TOKEN, 1).slice(0, 10) },
				}),
			];
			expect(answers.map((answer) => answer.status)).toEqual([200, 401, 401, 401, 401, 401]);
			const runs = await harness.settled();
			expect(runs).toHaveLength(1);
			said.push(deepSerialize(answers.map((answer) => ({ ...answer, url: '' }))), deepSerialize(harness.calls), deepSerialize(runs.map((run) => run.run)));
		} finally {
			await harness.stop();
		}
		// The token is in no answer, item or log line (the URLs Tencent called carry only Sign).
		expectNoLeaks();
		expect(logLines.some((line) => line.includes('refused a callback'))).toBe(true);
	});
});

describe('the search itself', () => {
	it('finds a secret that is there: a planted UserSig, key and token are reported', () => {
		const userSig = createUserSig({ ...IDENTITIES[0], expireSeconds: USER_SIG_LIFETIME_SECONDS, nowMs: Date.now() });
		const planted = new Error(`request failed: https://x/v4/a/b?usersig=${userSig}`, { cause: { config: { key: DEMO_APP.secretKey, TOKEN } } });
		const leaks = leaksIn(deepSerialize({ context: { nested: [planted] } }));
		expect(leaks).toEqual(expect.arrayContaining(['secret key', 'callback token', 'UserSig prefix of identity 0']));
		expect(leaks.some((name) => name.startsWith('UserSig 0@'))).toBe(true);
	});

	it('gathered every kind of material, and n8n logged through the capture', () => {
		expect(said.length).toBeGreaterThan(300);
		expect(logLines.length).toBeGreaterThan(0);
		expect(logLines.some((line) => line.includes('Workflow execution'))).toBe(true);
		expectNoLeaks();
		const report = process.env.RELIABILITY_REPORT;
		if (report) {
			const figures = {
				pieces: said.length,
				logLines: logLines.length,
				megabytesSearched: Math.round(([...said, ...logLines].reduce((sum, text) => sum + text.length, 0) / 1e6) * 10) / 10,
				secretsSearched: secretsNow().size,
				leaks: leaksIn([...said, ...logLines].join('\n')).length,
			};
			writeFileSync(report.replace(/(\.json)?$/, '-secrets.json'), `${JSON.stringify(figures, null, 2)}\n`);
		}
	});
});
