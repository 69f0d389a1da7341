/**
 * The live callback configuration (live_config) over real HTTP on 127.0.0.1, signed like
 * Tencent's clients sign; the Live.* and live Mic.* callbacks it drives, received by a local
 * HTTP server and checked against Sign = sha256(token + RequestTime); and what users do from
 * their clients (a chat message, a gift) with the "Before" callbacks honoured: allow, block with
 * a code, Tencent's 2 s timeout, HTTP 500. The clock is pinned; the choices tested here are
 * written down in errorCodes.cts ("Choice:").
 */
import { createHash } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { rawRequest } from '../helpers/rawHttp.cjs';

import {
	DEMO_APP,
	type EmulatorApp,
	type EmulatorOptions,
	ErrorCodes,
	LIVE_CALLBACK_COMMANDS,
	TencentEmulator,
	tencentCallbackSign,
} from './index.cjs';
import { signedCommandUrl } from './testSigning.cjs';

const ADMIN = 'administrator';
const T0 = 1_750_000_000_000;
const T0_SECONDS = T0 / 1000;
const REQUEST_ID = /^Id-[0-9a-f]{32}-O-Seq-\d+$/;

const CFG = 'live_config';
const SET_CALLBACK = `${CFG}/set_callback`;
const UPDATE_CALLBACK = `${CFG}/update_callback`;
const GET_CALLBACK = `${CFG}/get_callback`;
const SET_TOKEN = `${CFG}/set_callback_token`;
const GET_TOKEN = `${CFG}/get_callback_token`;
const DELETE_TOKEN = `${CFG}/delete_callback_token`;

const LIVE = 'live_engine_http_srv';
const CONF = 'room_engine_http_srv';
const MIC = 'room_engine_http_mic';

const CREATED = 'Live.CallbackAfterCreateRoom';
const DESTROYED = 'Live.CallbackAfterDestroyRoom';
const UPDATED = 'Live.CallbackAfterUpdateRoomInfo';
const SET_META = 'Live.CallbackAfterSetMetadata';
const DEL_META = 'Live.CallbackAfterDelMetadata';
const MEMBER_STATE = 'Live.CallbackAfterMemberStateChanged';
const SEAT_CHANGED = 'Mic.CallbackAfterSeatInfoChanged';
const BEFORE_MSG = 'Group.CallbackBeforeSendMsg';
const AFTER_MSG = 'Group.CallbackAfterSendMsg';
const BEFORE_GIFT = 'Live.CallbackBeforeSendGift';

const OK_ANSWER = '{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}';

// ---------------------------------------------------------------- harness

interface Reply {
	status: number;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
}

interface Harness {
	emulator: TencentEmulator;
	clock: { ms: number };
	call(command: string, body?: unknown, options?: { app?: EmulatorApp }): Promise<Reply>;
	tick(ms?: number): void;
}

const started: TencentEmulator[] = [];
const servers: http.Server[] = [];

async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
	const clock = { ms: T0 };
	const emulator = new TencentEmulator({ now: () => clock.ms, ...options });
	started.push(emulator);
	await emulator.start();
	return {
		emulator,
		clock,
		call(command, body = {}, callOptions = {}) {
			const app = callOptions.app ?? options.apps?.[0] ?? DEMO_APP;
			const url = signedCommandUrl(emulator.baseUrl, command, { sdkAppId: app.sdkAppId, secretKey: app.secretKey, identifier: ADMIN, nowMs: clock.ms });
			return rawRequest(url, { method: 'POST', body: JSON.stringify(body), agent: false, headers: { 'Content-Type': 'application/json' } }) as Promise<Reply>;
		},
		tick(ms = 1000) {
			clock.ms += ms;
		},
	};
}

afterEach(async () => {
	await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
	await Promise.all(
		servers.splice(0).map(
			(server) =>
				new Promise<void>((resolve) => {
					server.closeAllConnections();
					server.close(() => resolve());
				}),
		),
	);
});

function expectError(reply: Reply, code: number): void {
	expect(reply.status).toBe(200);
	expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
	expect(reply.json.RequestId).toMatch(REQUEST_ID);
	expect(reply.json.ErrorInfo).not.toBe('');
	expect(reply.json.Response).toBeUndefined();
}

function expectOk(reply: Reply): void {
	expect(reply.status).toBe(200);
	expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
	expect(reply.json.RequestId).toMatch(REQUEST_ID);
}

// ---------------------------------------------------------------- callback receiver

interface Received {
	path: string;
	query: URLSearchParams;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	at: number;
}

interface Receiver {
	url: string;
	received: Received[];
	waitFor(count: number): Promise<void>;
}

/** A local callback endpoint; `respond` answers (default: Tencent's OK JSON), or never when it does nothing. */
async function startReceiver(respond?: (res: http.ServerResponse, received: Received) => void): Promise<Receiver> {
	const received: Received[] = [];
	const waiters: Array<{ count: number; resolve: () => void }> = [];
	const server = http.createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://127.0.0.1');
			const entry: Received = { path: url.pathname, query: url.searchParams, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: Date.now() };
			received.push(entry);
			for (const waiter of waiters.filter((w) => received.length >= w.count)) {
				waiters.splice(waiters.indexOf(waiter), 1);
				waiter.resolve();
			}
			if (respond) respond(res, entry);
			else res.writeHead(200, { 'Content-Type': 'application/json' }).end(OK_ANSWER);
		});
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/live/callback?tenant=9`,
		received,
		waitFor: (count) => (received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
	};
}

/** Answers every callback with this JSON. */
const answering = (answer: unknown) => (res: http.ServerResponse) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));

/** The Sign a receiver computes, independently of the emulator. */
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

function expectSigned(callback: Received, token: string): void {
	const requestTime = callback.query.get('RequestTime') as string;
	expect(requestTime).toMatch(/^\d+$/);
	expect(callback.query.get('Sign')).toBe(sha256Hex(`${token}${requestTime}`));
	expect(callback.query.get('Sign')).toBe(tencentCallbackSign(token, requestTime));
}

function expectUnsigned(callback: Received): void {
	expect(callback.query.has('Sign')).toBe(false);
	expect(callback.query.has('RequestTime')).toBe(false);
}

/** A live room owned by host, viewers v1..v3, 4 seats. */
function liveRoom(h: Harness, roomId = 'live-1', extra: { isMessageDisabled?: boolean } = {}): void {
	h.emulator.createRoom({ roomId, type: 'live', owner: 'host', members: ['v1', 'v2', 'v3'], seatCount: 4, ...extra });
}

// ================================================================ live_config commands

describe('live_config callback commands', () => {
	it('get_callback and update_callback answer 100301 and get_callback_token 100302 while nothing is configured', async () => {
		const h = await startHarness();
		expectError(await h.call(GET_CALLBACK, {}), ErrorCodes.liveCallbackNotFound);
		expect(ErrorCodes.liveCallbackNotFound).toBe(100301);
		expectError(await h.call(UPDATE_CALLBACK, { Url: 'https://example.com/cb', CallbackCommandList: [CREATED] }), 100301);
		expectError(await h.call(GET_TOKEN, {}), ErrorCodes.liveCallbackTokenNotFound);
		expect(ErrorCodes.liveCallbackTokenNotFound).toBe(100302);
		expect(h.emulator.getLiveCallbackConfig()).toEqual({ callback: null, token: null });
	});

	it('set_callback stores Url and CallbackCommandList as given; get_callback answers them under Response; a second set_callback is 100300; update_callback replaces them', async () => {
		const h = await startHarness();
		const list = [CREATED, 'Live.CallbackMemberStateChanged', 'Some.FutureCallback', CREATED];
		const set = await h.call(SET_CALLBACK, { Url: 'https://example.com/live?x=1', CallbackCommandList: list });
		expectOk(set);
		expect(set.json.Response).toBeUndefined();

		const got = await h.call(GET_CALLBACK, {});
		expectOk(got);
		expect(got.json.Response).toEqual({ Url: 'https://example.com/live?x=1', CallbackCommandList: list });

		const again = await h.call(SET_CALLBACK, { Url: 'https://other.example.com/', CallbackCommandList: [] });
		expectError(again, ErrorCodes.liveCallbackExists);
		expect(ErrorCodes.liveCallbackExists).toBe(100300);
		expect((await h.call(GET_CALLBACK, {})).json.Response.Url).toBe('https://example.com/live?x=1');

		expectOk(await h.call(UPDATE_CALLBACK, { Url: 'http://example.org/cb', CallbackCommandList: [SEAT_CHANGED] }));
		expect((await h.call(GET_CALLBACK, {})).json.Response).toEqual({ Url: 'http://example.org/cb', CallbackCommandList: [SEAT_CHANGED] });
		expect(h.emulator.getLiveCallbackConfig()).toEqual({ callback: { Url: 'http://example.org/cb', CallbackCommandList: [SEAT_CHANGED] }, token: null });

		expect(h.emulator.mutations.map((m) => m.detail.action)).toEqual(['setLiveCallback', 'updateLiveCallback']);
		expect(h.emulator.mutations[1].detail.previous).toEqual({ Url: 'https://example.com/live?x=1', CallbackCommandList: list });
	});

	it('an empty CallbackCommandList is a configuration (choice: "send nothing"): stored, answered, and set_callback then answers 100300', async () => {
		const h = await startHarness();
		expectOk(await h.call(SET_CALLBACK, { Url: 'https://example.com/cb', CallbackCommandList: [] }));
		expect((await h.call(GET_CALLBACK, {})).json.Response).toEqual({ Url: 'https://example.com/cb', CallbackCommandList: [] });
		expectError(await h.call(SET_CALLBACK, { Url: 'https://example.com/cb', CallbackCommandList: [CREATED] }), 100300);
	});

	it.each([
		['no Url', { CallbackCommandList: [CREATED] }],
		['an empty Url', { Url: '', CallbackCommandList: [CREATED] }],
		['a Url that is not a URL', { Url: 'example.com/cb', CallbackCommandList: [CREATED] }],
		['an ftp:// Url', { Url: 'ftp://example.com/cb', CallbackCommandList: [CREATED] }],
		['a numeric Url', { Url: 42, CallbackCommandList: [CREATED] }],
		['no CallbackCommandList', { Url: 'https://example.com/cb' }],
		['a CallbackCommandList that is a string', { Url: 'https://example.com/cb', CallbackCommandList: CREATED }],
		['a CallbackCommandList holding a number', { Url: 'https://example.com/cb', CallbackCommandList: [CREATED, 7] }],
		['a CallbackCommandList holding ""', { Url: 'https://example.com/cb', CallbackCommandList: [''] }],
	])('set_callback and update_callback answer 100002 for %s, before 100300 / 100301, and change nothing', async (_name, body) => {
		const h = await startHarness();
		expectError(await h.call(SET_CALLBACK, body), ErrorCodes.roomInvalidParameter);
		// No configuration: 100002 still comes first.
		expectError(await h.call(UPDATE_CALLBACK, body), ErrorCodes.roomInvalidParameter);
		expectOk(await h.call(SET_CALLBACK, { Url: 'https://example.com/ok', CallbackCommandList: [CREATED] }));
		expectError(await h.call(SET_CALLBACK, body), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(UPDATE_CALLBACK, body), ErrorCodes.roomInvalidParameter);
		expect((await h.call(GET_CALLBACK, {})).json.Response).toEqual({ Url: 'https://example.com/ok', CallbackCommandList: [CREATED] });
	});

	it('set_callback_token needs Token and IsTokenEnable the first time (100002 otherwise); later only the changed field, the other kept', async () => {
		const h = await startHarness();
		expectError(await h.call(SET_TOKEN, { Token: 'first-token' }), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(SET_TOKEN, { IsTokenEnable: true }), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(SET_TOKEN, {}), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(GET_TOKEN, {}), 100302);

		expectOk(await h.call(SET_TOKEN, { Token: 'first-token', IsTokenEnable: true }));
		const got = await h.call(GET_TOKEN, {});
		expectOk(got);
		expect(got.json.Response).toEqual({ Token: 'first-token', IsTokenEnable: true });

		expectOk(await h.call(SET_TOKEN, { IsTokenEnable: false }));
		expect((await h.call(GET_TOKEN, {})).json.Response).toEqual({ Token: 'first-token', IsTokenEnable: false });
		expectOk(await h.call(SET_TOKEN, { Token: 'second-token' }));
		expect((await h.call(GET_TOKEN, {})).json.Response).toEqual({ Token: 'second-token', IsTokenEnable: false });
		// Neither field: nothing to change (choice).
		expectError(await h.call(SET_TOKEN, {}), ErrorCodes.roomInvalidParameter);
		// The token configuration does not need a callback configuration.
		expectError(await h.call(GET_CALLBACK, {}), 100301);
		expect(h.emulator.getLiveCallbackConfig().token).toEqual({ Token: 'second-token', IsTokenEnable: false });
	});

	it('set_callback_token: Token is 1 to 128 characters (code points) and IsTokenEnable a boolean; anything else is 100002 and changes nothing', async () => {
		const h = await startHarness();
		expectError(await h.call(SET_TOKEN, { Token: '', IsTokenEnable: true }), 100002);
		expectError(await h.call(SET_TOKEN, { Token: 'x'.repeat(129), IsTokenEnable: true }), 100002);
		expectError(await h.call(SET_TOKEN, { Token: 12345, IsTokenEnable: true }), 100002);
		expectError(await h.call(SET_TOKEN, { Token: 'ok', IsTokenEnable: 'yes' }), 100002);
		expectError(await h.call(GET_TOKEN, {}), 100302);
		expectOk(await h.call(SET_TOKEN, { Token: 'x'.repeat(128), IsTokenEnable: true }));
		// 128 characters of 3 bytes each (384 bytes) are 128 characters.
		expectOk(await h.call(SET_TOKEN, { Token: '令'.repeat(128) }));
		expect((await h.call(GET_TOKEN, {})).json.Response).toEqual({ Token: '令'.repeat(128), IsTokenEnable: true });
		expectError(await h.call(SET_TOKEN, { Token: '令'.repeat(129) }), 100002);
		expectError(await h.call(SET_TOKEN, { IsTokenEnable: 1 }), 100002);
		expect((await h.call(GET_TOKEN, {})).json.Response).toEqual({ Token: '令'.repeat(128), IsTokenEnable: true });
	});

	it('delete_callback_token (choice) removes the token configuration, 100302 when none; delete_callback does not exist (60009)', async () => {
		const h = await startHarness();
		expectError(await h.call(DELETE_TOKEN, {}), 100302);
		expectOk(await h.call(SET_TOKEN, { Token: 'tok', IsTokenEnable: true }));
		expectOk(await h.call(DELETE_TOKEN, {}));
		expectError(await h.call(GET_TOKEN, {}), 100302);
		const unknown = await h.call(`${CFG}/delete_callback`, {});
		expect(unknown.json.ErrorCode).toBe(ErrorCodes.unknownCommand);
	});

	it('each app has its own configuration', async () => {
		const other: EmulatorApp = { sdkAppId: 1400000002, secretKey: 'b'.repeat(64), admins: [ADMIN] };
		const h = await startHarness({ apps: [DEMO_APP, other] });
		expectOk(await h.call(SET_CALLBACK, { Url: 'https://one.example.com/', CallbackCommandList: [CREATED] }));
		expectError(await h.call(GET_CALLBACK, {}, { app: other }), 100301);
		expectOk(await h.call(SET_CALLBACK, { Url: 'https://two.example.com/', CallbackCommandList: [] }, { app: other }));
		expect((await h.call(GET_CALLBACK, {})).json.Response.Url).toBe('https://one.example.com/');
		expect(h.emulator.getLiveCallbackConfig(other.sdkAppId).callback).toEqual({ Url: 'https://two.example.com/', CallbackCommandList: [] });
	});

	it('setLiveCallbackConfig sets the configuration directly (what get_callback then answers), checks its input, and clearLiveCallbackConfig removes it', async () => {
		const h = await startHarness();
		h.emulator.setLiveCallbackConfig({ url: 'https://example.com/setup', commands: [CREATED], token: 'setup-token' });
		expect((await h.call(GET_CALLBACK, {})).json.Response).toEqual({ Url: 'https://example.com/setup', CallbackCommandList: [CREATED] });
		expect((await h.call(GET_TOKEN, {})).json.Response).toEqual({ Token: 'setup-token', IsTokenEnable: true });
		// Without token: the token configuration stays.
		h.emulator.setLiveCallbackConfig({ url: 'https://example.com/again', commands: [] });
		expect(h.emulator.getLiveCallbackConfig()).toEqual({
			callback: { Url: 'https://example.com/again', CallbackCommandList: [] },
			token: { Token: 'setup-token', IsTokenEnable: true },
		});
		expect(h.emulator.mutations).toEqual([]);

		expect(() => h.emulator.setLiveCallbackConfig({ url: 'ftp://x/', commands: [] })).toThrow(/http/);
		expect(() => h.emulator.setLiveCallbackConfig({ url: 'https://x/', commands: 'all' as never })).toThrow(/CallbackCommandList/);
		expect(() => h.emulator.setLiveCallbackConfig({ url: 'https://x/', commands: [], token: '' })).toThrow(/Token/);
		expect(() => h.emulator.setLiveCallbackConfig({ url: 'https://x/', commands: [], timeoutMs: 0 })).toThrow(/timeoutMs/);
		expect(() => h.emulator.setLiveCallbackConfig({ url: 'https://x/', commands: [], sdkAppId: 42 })).toThrow(/no app 42/);
		expect(h.emulator.getLiveCallbackConfig().callback?.Url).toBe('https://example.com/again');

		h.emulator.clearLiveCallbackConfig();
		expect(h.emulator.getLiveCallbackConfig()).toEqual({ callback: null, token: null });
		expectError(await h.call(GET_CALLBACK, {}), 100301);
	});
});

// ================================================================ live callbacks for REST changes

describe('the live configuration drives the live callbacks', () => {
	it('every live change made through REST sends its configured callback to the live Url, signed with the token (Sign = sha256(token + RequestTime)), with the body its page lists', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		expectOk(await h.call(SET_CALLBACK, { Url: receiver.url, CallbackCommandList: [...LIVE_CALLBACK_COMMANDS] }));
		expectOk(await h.call(SET_TOKEN, { Token: 'xxxxyyyy', IsTokenEnable: true }));

		expectOk(
			await h.call(`${LIVE}/create_room`, {
				RoomInfo: { RoomId: 'show-1', RoomType: 'Live', RoomName: 'Show', Owner_Account: 'host', MaxSeatCount: 3, CoverURL: 'https://img/c.png', Category: ['music'] },
			}),
		);
		h.tick(1000);
		expectOk(await h.call(`${LIVE}/update_room_info`, { RoomInfo: { RoomId: 'show-1', RoomName: 'Show, live', ActivityStatus: 2 } }));
		expectOk(await h.call(`${LIVE}/set_room_metadata`, { RoomId: 'show-1', Metadata: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'a', Value: '3' }] }));
		expectOk(await h.call(`${LIVE}/del_room_metadata`, { RoomId: 'show-1', Keys: ['b', 'missing'] }));
		h.emulator.addRoomMembers('show-1', ['v1', 'v2']);
		expectOk(await h.call(`${MIC}/pick_user_on_seat`, { RoomId: 'show-1', Index: 1, Member_Account: 'v1' }));
		expectOk(await h.call(`${LIVE}/ban_member`, { RoomId: 'show-1', MemberList_Account: ['v1'], Duration: 60 }));
		h.emulator.setRoomStats('show-1', { TotalViewers: 12, TotalLikesReceived: 5 });
		expectOk(await h.call(`${LIVE}/destroy_room`, { RoomId: 'show-1' }));
		await h.emulator.waitForCallbacks();

		const commands = receiver.received.map((callback) => callback.body.CallbackCommand);
		expect(commands).toEqual([CREATED, UPDATED, SET_META, DEL_META, SEAT_CHANGED, MEMBER_STATE, SEAT_CHANGED, DESTROYED]);
		for (const callback of receiver.received) {
			expect(callback.path).toBe('/live/callback');
			expect(callback.query.get('tenant')).toBe('9');
			expect(callback.query.get('SdkAppid')).toBe(String(DEMO_APP.sdkAppId));
			expect(callback.query.get('CallbackCommand')).toBe(callback.body.CallbackCommand);
			expect(callback.query.get('contenttype')).toBe('json');
			expectSigned(callback, 'xxxxyyyy');
		}
		expect(receiver.received[0].query.get('RequestTime')).toBe(String(T0_SECONDS));
		const [created, updated, setMeta, delMeta, picked, offline, freed, destroyed] = receiver.received.map((callback) => callback.body);
		expect(created).toEqual({
			CallbackCommand: CREATED,
			Operator_Account: ADMIN,
			RoomInfo: {
				RoomId: 'show-1',
				RoomName: 'Show',
				RoomType: 'Live',
				Owner_Account: 'host',
				MaxMemberCount: 100000,
				IsMessageDisabled: false,
				CustomInfo: '',
				IsSeatEnabled: true,
				TakeSeatMode: 'FreeToTake',
				MaxSeatCount: 3,
				CreateTime: T0_SECONDS,
				IsPublicVisible: true,
				CoverURL: 'https://img/c.png',
				Category: ['music'],
			},
			EventTime: T0,
		});
		expect(updated).toEqual({
			CallbackCommand: UPDATED,
			Operator_Account: ADMIN,
			RoomInfo: {
				RoomId: 'show-1',
				RoomName: 'Show, live',
				MaxMemberCount: 100000,
				IsMessageDisabled: false,
				CoverURL: 'https://img/c.png',
				Category: ['music'],
				ActivityStatus: 2,
				IsPublicVisible: true,
				TakeSeatMode: 'FreeToTake',
				CustomInfo: '',
			},
			EventTime: T0 + 1000,
		});
		expect(setMeta).toEqual({
			CallbackCommand: SET_META,
			Operator_Account: ADMIN,
			RoomId: 'show-1',
			Metadata: [
				{ Key: 'a', Value: '3' },
				{ Key: 'b', Value: '2' },
			],
			EventTime: T0 + 1000,
		});
		// Only the key that existed.
		expect(delMeta).toEqual({ CallbackCommand: DEL_META, Operator_Account: ADMIN, RoomId: 'show-1', Keys: ['b'], EventTime: T0 + 1000 });
		expect(picked.Operator_Account).toBeUndefined();
		expect(picked.SeatList[1]).toEqual({ Index: 1, Member_Account: 'v1', IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		expect(offline).toEqual({
			CallbackCommand: MEMBER_STATE,
			RoomId: 'show-1',
			EventType: 'Offline',
			EventCause: 'Leave',
			MemberList: [{ Member_Account: 'v1' }],
			EventTime: T0 + 1000,
		});
		expect(freed.SeatList[1]).toEqual({ Index: 1, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		expect(destroyed).toEqual({
			CallbackCommand: DESTROYED,
			Operator_Account: ADMIN,
			RoomId: 'show-1',
			EventType: 'DestroyByUser',
			EventTime: T0 + 1000,
			RoomInfo: {
				RoomName: 'Show, live',
				RoomType: 'Live',
				Owner_Account: 'host',
				IsSeatEnabled: true,
				TakeSeatMode: 'FreeToTake',
				MaxMemberCount: 100000,
				MaxSeatCount: 3,
				Category: ['music'],
				CustomInfo: '',
				IsMessageDisabled: false,
				CoverURL: 'https://img/c.png',
				ActivityStatus: 2,
				IsPublicVisible: true,
				ViewCount: 0,
				BackgroundURL: '',
				IsUnlimitedRoomEnabled: false,
			},
			Statistic: { TotalViewers: 12, TotalGiftsSent: 0, TotalGiftCoins: 0, TotalUniqueGiftSenders: 0, TotalLikesReceived: 5 },
		});

		const deliveries = h.emulator.callbackDeliveries;
		expect(deliveries.map((d) => [d.command, d.route, d.status, d.error])).toEqual(commands.map((command) => [command, 'live', 200, null]));
		expect(deliveries.every((d) => d.decision === undefined)).toBe(true);
		// Each callback names the REST request that caused it.
		const bySeq = new Map(h.emulator.requests.map((r) => [r.seq, r.command]));
		expect(deliveries.map((d) => bySeq.get(d.requestSeq))).toEqual([
			`${LIVE}/create_room`,
			`${LIVE}/update_room_info`,
			`${LIVE}/set_room_metadata`,
			`${LIVE}/del_room_metadata`,
			`${MIC}/pick_user_on_seat`,
			`${LIVE}/ban_member`,
			`${LIVE}/ban_member`,
			`${LIVE}/destroy_room`,
		]);
	});

	it('only the configured commands are sent, names matched verbatim; Live.CallbackMemberStateChanged subscribes to Live.CallbackAfterMemberStateChanged (choice)', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		liveRoom(h);
		h.emulator.takeSeat('live-1', 'v1', 0);
		expectOk(await h.call(SET_CALLBACK, { Url: receiver.url, CallbackCommandList: ['Live.CallbackMemberStateChanged', 'live.callbackaftersetmetadata'] }));
		expectOk(await h.call(`${LIVE}/set_room_metadata`, { RoomId: 'live-1', Metadata: [{ Key: 'k', Value: 'v' }] }));
		expectOk(await h.call(`${LIVE}/ban_member`, { RoomId: 'live-1', MemberList_Account: ['v1', 'v2'], Duration: 60 }));
		await h.emulator.waitForCallbacks();
		expect(receiver.received.map((callback) => callback.body.CallbackCommand)).toEqual([MEMBER_STATE]);
		expect(receiver.received[0].body.MemberList).toEqual([{ Member_Account: 'v1' }, { Member_Account: 'v2' }]);
		expect(receiver.received[0].query.get('CallbackCommand')).toBe(MEMBER_STATE);
		// No token configuration: no Sign.
		expectUnsigned(receiver.received[0]);
	});

	it('an empty CallbackCommandList sends nothing (choice), for any live change', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		liveRoom(h);
		expectOk(await h.call(SET_CALLBACK, { Url: receiver.url, CallbackCommandList: [] }));
		expectOk(await h.call(SET_TOKEN, { Token: 'tok', IsTokenEnable: true }));
		expectOk(await h.call(`${LIVE}/create_room`, { RoomInfo: { RoomId: 'live-2', RoomType: 'Live' } }));
		expectOk(await h.call(`${LIVE}/update_room_info`, { RoomInfo: { RoomId: 'live-1', RoomName: 'renamed' } }));
		expectOk(await h.call(`${LIVE}/set_room_metadata`, { RoomId: 'live-1', Metadata: [{ Key: 'k', Value: 'v' }] }));
		expectOk(await h.call(`${MIC}/pick_user_on_seat`, { RoomId: 'live-1', Index: 0, Member_Account: 'v1' }));
		expectOk(await h.call(`${LIVE}/destroy_room`, { RoomId: 'live-2' }));
		await h.emulator.waitForCallbacks();
		expect(receiver.received).toEqual([]);
		expect(h.emulator.callbackDeliveries).toEqual([]);
	});

	it('update_callback moves the callbacks to the new Url; IsTokenEnable false and delete_callback_token make them unsigned', async () => {
		const h = await startHarness();
		const first = await startReceiver();
		const second = await startReceiver();
		liveRoom(h);
		expectOk(await h.call(SET_CALLBACK, { Url: first.url, CallbackCommandList: [SET_META] }));
		expectOk(await h.call(SET_TOKEN, { Token: 'tok-1', IsTokenEnable: true }));
		const setMeta = (value: string) => h.call(`${LIVE}/set_room_metadata`, { RoomId: 'live-1', Metadata: [{ Key: 'k', Value: value }] });
		expectOk(await setMeta('1'));
		expectOk(await h.call(UPDATE_CALLBACK, { Url: second.url, CallbackCommandList: [SET_META] }));
		expectOk(await setMeta('2'));
		expectOk(await h.call(SET_TOKEN, { IsTokenEnable: false }));
		expectOk(await setMeta('3'));
		expectOk(await h.call(SET_TOKEN, { Token: 'tok-2', IsTokenEnable: true }));
		expectOk(await setMeta('4'));
		expectOk(await h.call(DELETE_TOKEN, {}));
		expectOk(await setMeta('5'));
		await h.emulator.waitForCallbacks();

		expect(first.received.map((callback) => callback.body.Metadata[0].Value)).toEqual(['1']);
		expectSigned(first.received[0], 'tok-1');
		expect(second.received.map((callback) => callback.body.Metadata[0].Value)).toEqual(['2', '3', '4', '5']);
		expectSigned(second.received[0], 'tok-1');
		expectUnsigned(second.received[1]);
		expectSigned(second.received[2], 'tok-2');
		expectUnsigned(second.received[3]);
	});

	it('conference rooms keep the Chat console target (setCallbackTarget); live rooms use the live configuration only (choice)', async () => {
		const h = await startHarness();
		const chat = await startReceiver();
		const live = await startReceiver();
		liveRoom(h);
		h.emulator.createRoom({ roomId: 'conf-1', type: 'conference', owner: 'alice', members: ['bob'], seatCount: 2 });
		h.emulator.setCallbackTarget({ url: chat.url, token: 'chat-token' });
		h.emulator.setLiveCallbackConfig({ url: live.url, commands: [SEAT_CHANGED, CREATED], token: 'live-token' });
		expectOk(await h.call(`${MIC}/pick_user_on_seat`, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }));
		expectOk(await h.call(`${MIC}/pick_user_on_seat`, { RoomId: 'live-1', Index: 0, Member_Account: 'v1' }));
		expectOk(await h.call(`${CONF}/kick_user_out`, { RoomId: 'conf-1', MemberList_Account: ['bob'], Reason: 'x' }));
		expectOk(await h.call(`${CONF}/create_room`, { RoomInfo: { RoomId: 'conf-2', RoomType: 'Conference' } }));
		await h.emulator.waitForCallbacks();

		expect(chat.received.map((callback) => [callback.body.CallbackCommand, callback.body.RoomId])).toEqual([
			[SEAT_CHANGED, 'conf-1'],
			['Room.CallbackAfterMemberLeave', 'conf-1'],
			[SEAT_CHANGED, 'conf-1'],
		]);
		for (const callback of chat.received) expectSigned(callback, 'chat-token');
		expect(live.received.map((callback) => [callback.body.CallbackCommand, callback.body.RoomId])).toEqual([[SEAT_CHANGED, 'live-1']]);
		expectSigned(live.received[0], 'live-token');
		expect(h.emulator.callbackDeliveries.map((d) => d.route)).toEqual(['chat', 'live', 'chat', 'chat']);
	});

	it('a REST change never waits for or fails because of a live callback: an unanswered one times out in the log, an HTTP 500 is logged', async () => {
		const h = await startHarness();
		liveRoom(h);
		const silent = await startReceiver(() => undefined);
		h.emulator.setLiveCallbackConfig({ url: silent.url, commands: [SET_META], timeoutMs: 150 });
		const sent = Date.now();
		expectOk(await h.call(`${LIVE}/set_room_metadata`, { RoomId: 'live-1', Metadata: [{ Key: 'k', Value: '1' }] }));
		expect(Date.now() - sent).toBeLessThan(150);
		await h.emulator.waitForCallbacks();

		const failing = await startReceiver((res) => res.writeHead(500).end('boom'));
		// A REST update keeps the delivery options given by setLiveCallbackConfig.
		expectOk(await h.call(UPDATE_CALLBACK, { Url: failing.url, CallbackCommandList: [SET_META] }));
		expectOk(await h.call(`${LIVE}/set_room_metadata`, { RoomId: 'live-1', Metadata: [{ Key: 'k', Value: '2' }] }));
		await h.emulator.waitForCallbacks();

		expect(h.emulator.callbackDeliveries.map((d) => [d.command, d.status, d.error])).toEqual([
			[SET_META, 0, 'timeout'],
			[SET_META, 500, null],
		]);
		expect(h.emulator.callbackDeliveries[0].elapsedMs).toBeGreaterThanOrEqual(140);
		expect(h.emulator.getRoomMetadata('live-1')).toEqual([{ Key: 'k', Value: '2' }]);
	});
});

// ================================================================ users' messages

describe('userSendsMessage: a user\'s chat message, Group.CallbackBeforeSendMsg honoured', () => {
	it('without a Chat target: delivered at once, recorded as from a user, no callback', async () => {
		const h = await startHarness();
		liveRoom(h);
		const result = await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'hello' });
		expect(result).toEqual({ delivered: true, callbackMs: 0, seq: 1, text: 'hello' });
		expect(h.emulator.getRoomMessages('live-1')).toEqual([
			{ seq: 1, Sender_Account: 'v1', TextContent: 'hello', ExtensionInfo: '', time: T0, requestSeq: 0, fromUser: true },
		]);
		expect(h.emulator.callbackDeliveries).toEqual([]);
		expect(h.emulator.mutations).toEqual([]);
		// Counted like send_text_msg's.
		expect((await h.call(`${LIVE}/get_room_stats`, { RoomId: 'live-1' })).json.Response.TotalMsgCount).toBe(1);
	});

	it('allowed (ErrorCode 0): the Before callback waits for the answer, the message is recorded, then Group.CallbackAfterSendMsg goes; both signed with the Chat token', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: receiver.url, token: 'chat-token' });
		const result = await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v2', text: 'hi all' });
		expect(result).toMatchObject({ delivered: true, decision: 'allowed', seq: 1, text: 'hi all' });
		expect(result.blockedBy).toBeUndefined();
		expect(result.callbackMs).toBeLessThan(2000);
		// The Before callback had arrived before userSendsMessage resolved; the After one follows.
		expect(receiver.received).toHaveLength(1);
		await h.emulator.waitForCallbacks();

		const [before, after] = receiver.received;
		expect(before.query.get('CallbackCommand')).toBe(BEFORE_MSG);
		expect(before.body).toEqual({
			CallbackCommand: BEFORE_MSG,
			GroupId: 'live-1',
			Type: 'AVChatRoom',
			From_Account: 'v2',
			Operator_Account: '',
			Random: expect.any(Number),
			OnlineOnlyFlag: 0,
			MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'hi all' } }],
			CloudCustomData: '',
			EventTime: T0,
		});
		expect(after.body).toEqual({ ...before.body, CallbackCommand: AFTER_MSG, MsgSeq: 1, MsgTime: T0_SECONDS, EventTime: T0 });
		for (const callback of receiver.received) expectSigned(callback, 'chat-token');

		expect(h.emulator.getRoomMessages('live-1').map((m) => [m.Sender_Account, m.TextContent, m.fromUser])).toEqual([['v2', 'hi all', true]]);
		const deliveries = h.emulator.callbackDeliveries;
		expect(deliveries.map((d) => [d.command, d.route, d.status, d.decision, d.answerErrorCode, d.requestSeq])).toEqual([
			[BEFORE_MSG, 'chat', 200, 'allowed', 0, 0],
			[AFTER_MSG, 'chat', 200, undefined, undefined, 0],
		]);
		expect(deliveries[0].elapsedMs).toBe(result.callbackMs);
	});

	it('blocked (a non-zero ErrorCode): not recorded, no After callback, blockedBy is the code, decided well within 2 s', async () => {
		const h = await startHarness();
		const receiver = await startReceiver(answering({ ActionStatus: 'OK', ErrorInfo: 'no spam', ErrorCode: 1 }));
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: receiver.url });
		const started = Date.now();
		const result = await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'buy cheap coins' });
		expect(Date.now() - started).toBeLessThan(2000);
		expect(result).toMatchObject({ delivered: false, blockedBy: 1, decision: 'blocked' });
		expect(result.callbackMs).toBeLessThan(2000);

		// A custom code (Chat's 120001..130000) blocks too, and is what blockedBy reports.
		const custom = await startReceiver(answering({ ActionStatus: 'FAIL', ErrorInfo: 'custom', ErrorCode: 120001 }));
		h.emulator.setCallbackTarget({ url: custom.url });
		expect(await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'again' })).toMatchObject({ delivered: false, blockedBy: 120001 });
		await h.emulator.waitForCallbacks();

		expect(h.emulator.getRoomMessages('live-1')).toEqual([]);
		expect([...receiver.received, ...custom.received].map((callback) => callback.body.CallbackCommand)).toEqual([BEFORE_MSG, BEFORE_MSG]);
		const deliveries = h.emulator.callbackDeliveries;
		expect(deliveries.map((d) => [d.command, d.decision, d.answerErrorCode])).toEqual([
			[BEFORE_MSG, 'blocked', 1],
			[BEFORE_MSG, 'blocked', 120001],
		]);
		expect(deliveries.every((d) => d.elapsedMs < 2000)).toBe(true);
	});

	it('an allowing answer with MsgBody replaces the text (choice): recorded and sent on as the answer gave it', async () => {
		const h = await startHarness();
		const receiver = await startReceiver(answering({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'you are ***' } }] }));
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: receiver.url });
		const result = await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'you are dumb' });
		expect(result).toMatchObject({ delivered: true, decision: 'allowed', text: 'you are ***' });
		await h.emulator.waitForCallbacks();
		expect(h.emulator.getRoomMessages('live-1')[0].TextContent).toBe('you are ***');
		expect(receiver.received[1].body.MsgBody).toEqual([{ MsgType: 'TIMTextElem', MsgContent: { Text: 'you are ***' } }]);
	});

	it('no answer within 2 s (Tencent\'s limit): decided "timedOut" at 2 s and the message is delivered normally (choice)', async () => {
		const h = await startHarness();
		const silent = await startReceiver(() => undefined);
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: silent.url, commands: [BEFORE_MSG] });
		const started = Date.now();
		const result = await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'still here?' });
		const waited = Date.now() - started;
		expect(waited).toBeGreaterThanOrEqual(1990);
		expect(waited).toBeLessThan(2500);
		expect(result).toMatchObject({ delivered: true, decision: 'timedOut', seq: 1 });
		expect(result.callbackMs).toBeGreaterThanOrEqual(1990);
		expect(result.callbackMs).toBeLessThan(2500);
		expect(silent.received).toHaveLength(1);
		expect(h.emulator.getRoomMessages('live-1')).toHaveLength(1);
		expect(h.emulator.callbackDeliveries.map((d) => [d.command, d.status, d.error, d.decision, d.answerErrorCode])).toEqual([
			[BEFORE_MSG, 0, 'timeout', 'timedOut', null],
		]);
	});

	it('an HTTP 500 or an unreadable answer: decided "failed", the message is delivered normally (choice), and the After callback still goes', async () => {
		const h = await startHarness();
		// 500 with a blocking body: the status decides.
		const failing = await startReceiver((res) => res.writeHead(500, { 'Content-Type': 'application/json' }).end('{"ErrorCode":1}'));
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: failing.url });
		const result = await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'one' });
		expect(result).toMatchObject({ delivered: true, decision: 'failed', seq: 1 });
		expect(result.callbackMs).toBeLessThan(2000);

		const garbled = await startReceiver((res, received) => {
			if (received.body.CallbackCommand === BEFORE_MSG) res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>maintenance</html>');
			else res.writeHead(200).end(OK_ANSWER);
		});
		h.emulator.setCallbackTarget({ url: garbled.url });
		expect(await h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'two' })).toMatchObject({ delivered: true, decision: 'failed', seq: 2 });
		await h.emulator.waitForCallbacks();

		expect(h.emulator.getRoomMessages('live-1').map((m) => m.TextContent)).toEqual(['one', 'two']);
		expect(h.emulator.callbackDeliveries.map((d) => [d.command, d.status, d.decision ?? null])).toEqual([
			[BEFORE_MSG, 500, 'failed'],
			[AFTER_MSG, 500, null],
			[BEFORE_MSG, 200, 'failed'],
			[AFTER_MSG, 200, null],
		]);
	});

	it('banned, muted, messages disabled or filtered: refused before any callback (choice), nothing recorded', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		liveRoom(h, 'live-1');
		liveRoom(h, 'quiet', { isMessageDisabled: true });
		h.emulator.addRoomMembers('quiet', [{ account: 'mod', role: 'Admin' }]);
		h.emulator.setCallbackTarget({ url: receiver.url });
		expectOk(await h.call(`${LIVE}/ban_member`, { RoomId: 'live-1', MemberList_Account: ['v1'], Duration: 60 }));
		expectOk(await h.call(`${LIVE}/mute_member`, { RoomId: 'live-1', MemberList_Account: ['v2'], MuteTime: 60 }));

		const send = (roomId: string, from: string, text = 'hello') => h.emulator.userSendsMessage({ roomId, from, text });
		expect(await send('live-1', 'v1')).toEqual({ delivered: false, refusedWith: ErrorCodes.memberBanned, callbackMs: 0 });
		expect(await send('live-1', 'v2')).toEqual({ delivered: false, refusedWith: ErrorCodes.memberMuted, callbackMs: 0 });
		expect(await send('quiet', 'v3')).toEqual({ delivered: false, refusedWith: ErrorCodes.memberMuted, callbackMs: 0 });
		expect(await send('live-1', 'v3', 'a FORBIDDEN-WORD here')).toEqual({ delivered: false, refusedWith: ErrorCodes.messageFiltered, callbackMs: 0 });
		await h.emulator.waitForCallbacks();
		expect(receiver.received).toEqual([]);

		// The owner and Admins may speak when messages are disabled; the mute ends with its time.
		expect((await send('quiet', 'host')).delivered).toBe(true);
		expect((await send('quiet', 'mod')).delivered).toBe(true);
		h.tick(61_000);
		expect((await send('live-1', 'v2')).delivered).toBe(true);
		await h.emulator.waitForCallbacks();
		expect(receiver.received.map((callback) => callback.body.CallbackCommand)).toEqual([BEFORE_MSG, AFTER_MSG, BEFORE_MSG, AFTER_MSG, BEFORE_MSG, AFTER_MSG]);
	});

	it('refuses impossible input with plain Errors: an unknown room, a conference room, an empty sender or text', async () => {
		const h = await startHarness();
		liveRoom(h);
		h.emulator.createRoom({ roomId: 'conf-1', type: 'conference', owner: 'alice' });
		await expect(h.emulator.userSendsMessage({ roomId: 'nope', from: 'v1', text: 'x' })).rejects.toThrow(/does not exist/);
		await expect(h.emulator.userSendsMessage({ roomId: 'conf-1', from: 'alice', text: 'x' })).rejects.toThrow(/live rooms/);
		await expect(h.emulator.userSendsMessage({ roomId: 'live-1', from: '', text: 'x' })).rejects.toThrow(/from/);
		await expect(h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: '' })).rejects.toThrow(/text/);
	});

	it('stop() drops a Before callback that is out, promptly: logged as dropped, decided "failed"', async () => {
		const h = await startHarness();
		const silent = await startReceiver(() => undefined);
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: silent.url, commands: [BEFORE_MSG] });
		const sending = h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'x' });
		await silent.waitFor(1);
		const stopping = Date.now();
		await h.emulator.stop();
		expect(Date.now() - stopping).toBeLessThan(1000);
		expect(await sending).toMatchObject({ decision: 'failed' });
		expect(h.emulator.callbackDeliveries.map((d) => [d.status, d.error, d.decision])).toEqual([[0, 'dropped: the emulator stopped', 'failed']]);
	});

	it('a REST change does not wait for a Before callback that is out', async () => {
		const h = await startHarness();
		const silent = await startReceiver(() => undefined);
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: silent.url, commands: [BEFORE_MSG], timeoutMs: 400 });
		const sending = h.emulator.userSendsMessage({ roomId: 'live-1', from: 'v1', text: 'x' });
		await silent.waitFor(1);
		const started = Date.now();
		expectOk(await h.call(`${MIC}/pick_user_on_seat`, { RoomId: 'live-1', Index: 0, Member_Account: 'v2' }));
		expect(Date.now() - started).toBeLessThan(300);
		expect(await sending).toMatchObject({ delivered: true, decision: 'timedOut' });
		expect(h.emulator.getRoomMessages('live-1')).toHaveLength(1);
	});
});

// ================================================================ users' gifts

describe('userSendsGift: Live.CallbackBeforeSendGift honoured', () => {
	it('allowed (ErrorCode 0): the gift is recorded and counted in get_room_stats; the body carries GiftWater, signed with the live token', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		liveRoom(h);
		h.emulator.setLiveCallbackConfig({ url: receiver.url, commands: [BEFORE_GIFT], token: 'gift-token' });
		const first = await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v1', to: 'host', giftId: 'rose', count: 3, coins: 30 });
		expect(first).toMatchObject({ delivered: true, decision: 'allowed', seq: 1 });
		expect(await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v1', to: ['host', 'v2'], giftId: 'star' })).toMatchObject({ delivered: true, seq: 2 });

		expect(receiver.received[0].body).toEqual({
			CallbackCommand: BEFORE_GIFT,
			Operator_Account: 'v1',
			RoomId: 'live-1',
			GiftWater: { From_Account: 'v1', To_Account: ['host'], Time: T0_SECONDS, GiftId: 'rose', Count: 3, Coins: 30 },
			EventTime: T0,
		});
		expectSigned(receiver.received[0], 'gift-token');
		expect(h.emulator.getRoomGifts('live-1')).toEqual([
			{ seq: 1, From_Account: 'v1', To_Account: ['host'], GiftId: 'rose', Count: 3, Coins: 30, time: T0 },
			{ seq: 2, From_Account: 'v1', To_Account: ['host', 'v2'], GiftId: 'star', Count: 1, Coins: 1, time: T0 },
		]);
		const stats = (await h.call(`${LIVE}/get_room_stats`, { RoomId: 'live-1' })).json.Response;
		expect(stats).toMatchObject({ TotalGiftsSent: 4, TotalGiftCoins: 31, TotalUniqueGiftSenders: 1 });
		expect(h.emulator.callbackDeliveries.map((d) => [d.command, d.route, d.decision])).toEqual([
			[BEFORE_GIFT, 'live', 'allowed'],
			[BEFORE_GIFT, 'live', 'allowed'],
		]);
	});

	it('ErrorCode 1 rejects; a code within [102100, 102200] rejects and is passed through; neither records the gift', async () => {
		const h = await startHarness();
		let code = 1;
		const receiver = await startReceiver((res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: code })));
		liveRoom(h);
		h.emulator.setLiveCallbackConfig({ url: receiver.url, commands: [BEFORE_GIFT] });
		expect(await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v1', to: 'host', giftId: 'rose' })).toMatchObject({ delivered: false, blockedBy: 1, decision: 'blocked' });
		code = 102150;
		expect(await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v1', to: 'host', giftId: 'rose' })).toMatchObject({ delivered: false, blockedBy: 102150 });
		expect(h.emulator.getRoomGifts('live-1')).toEqual([]);
		expect((await h.call(`${LIVE}/get_room_stats`, { RoomId: 'live-1' })).json.Response.TotalGiftsSent).toBe(0);
	});

	it('no answer in time lets the gift through (choice); no live configuration, no callback; a banned sender is refused (100016)', async () => {
		const h = await startHarness();
		liveRoom(h);
		expect(await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v1', to: 'host', giftId: 'rose' })).toEqual({ delivered: true, callbackMs: 0, seq: 1 });
		const silent = await startReceiver(() => undefined);
		h.emulator.setLiveCallbackConfig({ url: silent.url, commands: [BEFORE_GIFT], timeoutMs: 200 });
		const result = await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v2', to: 'host', giftId: 'rose' });
		expect(result).toMatchObject({ delivered: true, decision: 'timedOut', seq: 2 });
		expect(result.callbackMs).toBeGreaterThanOrEqual(190);
		expectOk(await h.call(`${LIVE}/ban_member`, { RoomId: 'live-1', MemberList_Account: ['v3'], Duration: 60 }));
		expect(await h.emulator.userSendsGift({ roomId: 'live-1', from: 'v3', to: 'host', giftId: 'rose' })).toEqual({
			delivered: false,
			refusedWith: ErrorCodes.memberBanned,
			callbackMs: 0,
		});
		expect(silent.received).toHaveLength(1);
	});
});
