/**
 * The emulator over real HTTP (and HTTPS) on 127.0.0.1. Most tests pin the clock and sign with a small
 * zlib-based signer; one uses Tencent's own tls-sig-api-v2 with the real clock, and one
 * Tencent's published test vector, so the verifier is checked against Tencent's signers.
 */
import { X509Certificate, createPrivateKey } from 'crypto';
import * as http from 'http';
import { deflateSync } from 'zlib';

import { rawRequest } from '../helpers/rawHttp.cjs';

import {
	DEMO_APP,
	DEMO_GROUP_IDS,
	DEMO_ROOM_IDS,
	type EmulatorApp,
	type EmulatorOptions,
	FAULT_KINDS,
	LATE_APPLY_FAULT_KINDS,
	TencentEmulator,
	type TestCertificates,
	makeTestCertificates,
	seedDemoData,
	verifyUserSig,
} from './index.cjs';
import { type QueryKey, escapeBase64, makeUserSig, signedCommandUrl, sigJson } from './testSigning.cjs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TLSSigAPIv2 = require('tls-sig-api-v2') as { Api: new (sdkAppId: number, key: string) => { genUserSig(id: string, expire: number): string } };

const ADMIN = 'administrator';
const T0 = 1_750_000_000_000;
const SEATS = 'room_engine_http_mic/get_seat_list';
const LOCK = 'room_engine_http_mic/lock_seat';
const MOVE = 'room_engine_http_mic/move_user_to_seat';
const LIVE_MEMBERS = 'live_engine_http_srv/get_member_list';
const GROUP_MEMBERS = 'group_open_avchatroom_http_svc/get_members';
const ACCOUNT_CHECK = 'im_open_login_svc/account_check';
const REQUEST_ID = /^Id-[0-9a-f]{32}-O-Seq-\d+$/;

// ---------------------------------------------------------------- signing (test side): see testSigning.cts

/** zlib stream of stored (uncompressed) blocks, as Tencent's Go library writes. */
function storedZlib(data: Buffer): Buffer {
	const parts: Buffer[] = [Buffer.from([0x78, 0x01])];
	for (let offset = 0; offset === 0 || offset < data.length; offset += 65535) {
		const block = data.subarray(offset, offset + 65535);
		const header = Buffer.alloc(5);
		header[0] = offset + 65535 >= data.length ? 1 : 0;
		header.writeUInt16LE(block.length, 1);
		header.writeUInt16LE(~block.length & 0xffff, 3);
		parts.push(header, block);
	}
	let a = 1;
	let b = 0;
	for (const byte of data) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	const adler = Buffer.alloc(4);
	adler.writeUInt32BE(((b << 16) | a) >>> 0);
	parts.push(adler);
	return Buffer.concat(parts);
}

// ---------------------------------------------------------------- HTTP (test side)

interface Reply {
	status: number;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
	headers: http.IncomingHttpHeaders;
}

function httpRequest(url: string, options: { method?: string; body?: string; timeoutMs?: number; ca?: string } = {}): Promise<Reply> {
	return rawRequest(url, {
		method: options.method,
		body: options.body,
		timeoutMs: options.timeoutMs,
		ca: options.ca,
		agent: false,
		headers: { 'Content-Type': 'application/json' },
	}) as Promise<Reply>;
}

interface CallOptions {
	/** Overrides; a key present with undefined is left out of the URL. */
	query?: Partial<Record<QueryKey, string | undefined>>;
	identifier?: string;
	app?: EmulatorApp;
	rawBody?: string;
	method?: string;
	timeoutMs?: number;
	path?: string;
	/** HTTPS: the CA certificate (PEM) the client trusts. */
	ca?: string;
}

interface Harness {
	emulator: TencentEmulator;
	clock: { ms: number };
	call(command: string, body?: unknown, options?: CallOptions): Promise<Reply>;
}

const started: TencentEmulator[] = [];

async function startHarness(options: EmulatorOptions = {}, realClock = false): Promise<Harness> {
	const clock = { ms: T0 };
	const emulator = new TencentEmulator({ ...(realClock ? {} : { now: () => clock.ms }), ...options });
	started.push(emulator);
	await emulator.start();
	const now = () => (realClock ? Date.now() : clock.ms);
	return {
		emulator,
		clock,
		call(command, body = {}, callOptions = {}) {
			const app = callOptions.app ?? options.apps?.[0] ?? DEMO_APP;
			const identifier = callOptions.identifier ?? ADMIN;
			const url = signedCommandUrl(
				emulator.baseUrl,
				command,
				{ sdkAppId: app.sdkAppId, secretKey: app.secretKey, identifier, nowMs: now() },
				callOptions.query,
				callOptions.path,
			);
			return httpRequest(url, {
				method: callOptions.method,
				body: callOptions.rawBody ?? (callOptions.method === 'GET' ? undefined : JSON.stringify(body)),
				timeoutMs: callOptions.timeoutMs,
				ca: callOptions.ca,
			});
		},
	};
}

afterEach(async () => {
	await Promise.all(started.splice(0).map((emulator) => emulator.stop()));
});

/** A live room `r1` with 8 seats: alice on 0, bob on 1, carol on 2, dave a member off-seat. */
async function seatHarness(options: EmulatorOptions = {}): Promise<Harness> {
	const h = await startHarness(options);
	h.emulator.createRoom({ roomId: 'r1', members: ['alice', 'bob', 'carol', 'dave'] });
	h.emulator.takeSeat('r1', 'alice', 0);
	h.emulator.takeSeat('r1', 'bob', 1);
	h.emulator.takeSeat('r1', 'carol', 2);
	return h;
}

function seatOccupants(emulator: TencentEmulator, roomId = 'r1'): string[] {
	return emulator.getSeats(roomId).map((seat) => seat.Member_Account);
}

function expectError(reply: Reply, code: number): void {
	expect(reply.status).toBe(200);
	expect(reply.json).toMatchObject({ ActionStatus: 'FAIL', ErrorCode: code });
	expect(typeof reply.json.ErrorInfo).toBe('string');
	expect(reply.json.ErrorInfo).not.toBe('');
}

function expectOk(reply: Reply): void {
	expect(reply.status).toBe(200);
	expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
}

// ================================================================ calling convention and UserSig

describe('calling convention and UserSig', () => {
	it('accepts a request signed by Tencent\'s tls-sig-api-v2 (real clock)', async () => {
		const h = await startHarness({}, true);
		h.emulator.createRoom({ roomId: 'r1' });
		const usersig = new TLSSigAPIv2.Api(DEMO_APP.sdkAppId, DEMO_APP.secretKey).genUserSig(ADMIN, 86400);
		const reply = await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } });
		expectOk(reply);
		expect(reply.json.RequestId).toMatch(REQUEST_ID);
		expect(reply.headers['content-type']).toMatch(/^application\/json/);
	});

	describe('Tencent\'s published vector', () => {
		const vector = {
			app: { sdkAppId: 1400000000, secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e', admins: [ADMIN] },
			nowSeconds: 1700000000,
			expire: 15552000,
			userSig:
				'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCwCiZuamhrBRYsz05WslLycqyoS89ws-EJCIhJLTXK1jTIsy8vM0yO98ir9sotzDSpyDf1cI0KNzE1slWoBQr40pw__',
		};
		const check = (userSig: string, nowSeconds: number) =>
			verifyUserSig({ userSig, sdkAppId: vector.app.sdkAppId, identifier: ADMIN, secretKey: vector.app.secretKey, nowSeconds });

		it('verifies the tls-sig-api-v2 string and its expiry boundary', () => {
			expect(check(vector.userSig, vector.nowSeconds)).toEqual({ ok: true });
			expect(check(vector.userSig, vector.nowSeconds + vector.expire)).toEqual({ ok: true });
			expect(check(vector.userSig, vector.nowSeconds + vector.expire + 1)).toMatchObject({ ok: false, code: 70001 });
		});

		it('verifies a stored-block encoding of the same document', () => {
			const json = sigJson({ sdkAppId: vector.app.sdkAppId, identifier: ADMIN, secretKey: vector.app.secretKey, timeSeconds: vector.nowSeconds, expire: vector.expire });
			expect(JSON.parse(json)['TLS.sig']).toBe('JCzxanF8NTTXau4m+2h9wv7gYJnyNksm0xm1NEXU274=');
			const stored = escapeBase64(storedZlib(Buffer.from(json)).toString('base64'));
			expect(stored).not.toBe(vector.userSig);
			expect(check(stored, vector.nowSeconds)).toEqual({ ok: true });
		});

		it('accepts the vector over HTTP with a pinned clock', async () => {
			const h = await startHarness({ apps: [vector.app], now: () => vector.nowSeconds * 1000 });
			h.emulator.createRoom({ roomId: 'r1', sdkAppId: vector.app.sdkAppId });
			expectOk(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig: vector.userSig } }));
		});
	});

	it('refuses a UserSig made with another key (70009)', async () => {
		const h = await startHarness();
		const usersig = makeUserSig({ sdkAppId: DEMO_APP.sdkAppId, identifier: ADMIN, secretKey: 'f'.repeat(64), timeSeconds: T0 / 1000 });
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } }), 70009);
	});

	it('refuses a UserSig made for another identifier (70013)', async () => {
		const app = { ...DEMO_APP, admins: [ADMIN, 'second-admin'] };
		const h = await startHarness({ apps: [app] });
		const usersig = makeUserSig({ sdkAppId: app.sdkAppId, identifier: 'second-admin', secretKey: app.secretKey, timeSeconds: T0 / 1000 });
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } }), 70013);
	});

	it('refuses a UserSig made for another SDKAppID (70014)', async () => {
		const h = await startHarness();
		const usersig = makeUserSig({ sdkAppId: 1400999999, identifier: ADMIN, secretKey: DEMO_APP.secretKey, timeSeconds: T0 / 1000 });
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } }), 70014);
	});

	it('refuses an expired UserSig (70001), accepting it up to time + expire', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'r1' });
		const usersig = makeUserSig({ sdkAppId: DEMO_APP.sdkAppId, identifier: ADMIN, secretKey: DEMO_APP.secretKey, timeSeconds: T0 / 1000, expire: 60 });
		h.clock.ms = T0 + 60_000;
		expectOk(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } }));
		h.clock.ms = T0 + 61_000;
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } }), 70001);
	});

	it('refuses tampered or truncated UserSigs (70003) and another version (70005)', async () => {
		const h = await startHarness();
		const good = makeUserSig({ sdkAppId: DEMO_APP.sdkAppId, identifier: ADMIN, secretKey: DEMO_APP.secretKey, timeSeconds: T0 / 1000 });
		for (const usersig of [good.slice(0, good.length / 2), `${good.slice(0, 20)}AAAA${good.slice(24)}`, 'not-a-usersig!', escapeBase64(Buffer.from('{"TLS.ver":"2.0"}').toString('base64'))]) {
			expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } }), 70003);
		}
		const missingSig = escapeBase64(deflateSync(Buffer.from(JSON.stringify({ 'TLS.ver': '2.0', 'TLS.identifier': ADMIN }))).toString('base64'));
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig: missingSig } }), 70003);
		const oldVersion = makeUserSig({ sdkAppId: DEMO_APP.sdkAppId, identifier: ADMIN, secretKey: DEMO_APP.secretKey, timeSeconds: T0 / 1000, version: '1.0' });
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig: oldVersion } }), 70005);
	});

	it('refuses an empty or missing UserSig (70002)', async () => {
		const h = await startHarness();
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig: '' } }), 70002);
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig: undefined } }), 70002);
	});

	it('refuses a validly signed identifier that is not an App administrator (60010)', async () => {
		const h = await startHarness();
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { identifier: 'just-a-user' }), 60010);
	});

	it('checks random: an integer within 0..4294967295 (60002)', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'r1' });
		for (const random of [undefined, '', 'abc', '-1', '1.5', '4294967296', '99999999999999999999']) {
			expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { random } }), 60002);
		}
		for (const random of ['0', '4294967295']) expectOk(await h.call(SEATS, { RoomId: 'r1' }, { query: { random } }));
	});

	it('checks contenttype=json (60002)', async () => {
		const h = await startHarness();
		for (const contenttype of [undefined, 'JSON', 'xml']) {
			expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { contenttype } }), 60002);
		}
	});

	it('checks sdkappid (60012), identifier (60015) and unknown SDKAppIDs (70020)', async () => {
		const h = await startHarness();
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { sdkappid: undefined } }), 60012);
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { sdkappid: 'abc' } }), 60012);
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { identifier: undefined } }), 60015);
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { query: { identifier: '' } }), 60015);
		const other = { sdkAppId: 1400777777, secretKey: 'k'.repeat(64), admins: [ADMIN] };
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { app: other }), 70020);
	});

	it('refuses bodies that are not a JSON object (60003)', async () => {
		const h = await startHarness();
		for (const rawBody of ['', '{', '[]', '"text"', 'null', '42']) {
			expectError(await h.call(SEATS, undefined, { rawBody }), 60003);
		}
	});

	it('refuses unknown commands and non-POST methods (60009)', async () => {
		const h = await startHarness();
		expectError(await h.call('room_engine_http_mic/no_such_command', {}), 60009);
		expectError(await h.call('', {}, { path: '/v4/nothing' }), 60009);
		expectError(await h.call('', {}, { path: '/' }), 60009);
		expectError(await h.call(SEATS, {}, { method: 'GET' }), 60009);
	});

	it('keeps each app\'s rooms apart', async () => {
		const second = { sdkAppId: 1400000002, secretKey: '2'.repeat(64), admins: ['ops-admin'] };
		const h = await startHarness({ apps: [DEMO_APP, second] });
		h.emulator.createRoom({ roomId: 'only-in-second', sdkAppId: second.sdkAppId });
		expectError(await h.call(SEATS, { RoomId: 'only-in-second' }), 100004);
		expectOk(await h.call(SEATS, { RoomId: 'only-in-second' }, { app: second, identifier: 'ops-admin' }));
		// Another app's admin is not this app's admin.
		expectError(await h.call(SEATS, { RoomId: 'only-in-second' }, { app: second }), 60010);
	});
});

// ================================================================ get_seat_list

describe('room_engine_http_mic/get_seat_list', () => {
	it('lists every seat; an empty seat has no Member_Account', async () => {
		const h = await seatHarness();
		h.emulator.setSeatFlags('r1', 5, { forbidTaken: true, forbidAudio: true });
		const reply = await h.call(SEATS, { RoomId: 'r1' });
		expectOk(reply);
		expect(reply.json.RequestId).toMatch(REQUEST_ID);
		const list = reply.json.Response.SeatList;
		expect(list).toHaveLength(8);
		expect(list[0]).toEqual({ Index: 0, Member_Account: 'alice', IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		expect(list[3]).toEqual({ Index: 3, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		expect(list[5]).toEqual({ Index: 5, IsTakenDisabled: true, IsVideoDisabled: false, IsAudioDisabled: true });
	});

	it('answers 100004 for a missing or destroyed room, 100211 without seats, 100002 for a bad RoomId', async () => {
		const h = await seatHarness();
		expectError(await h.call(SEATS, { RoomId: 'nope' }), 100004);
		h.emulator.createRoom({ roomId: 'gone' });
		h.emulator.destroyRoom('gone');
		expectError(await h.call(SEATS, { RoomId: 'gone' }), 100004);
		h.emulator.createRoom({ roomId: 'no-seats', seatsEnabled: false });
		expectError(await h.call(SEATS, { RoomId: 'no-seats' }), 100211);
		for (const body of [{}, { RoomId: '' }, { RoomId: 7 }, { RoomId: 'x'.repeat(49) }]) {
			const reply = await h.call(SEATS, body);
			expectError(reply, 100002);
			expect(reply.json.ErrorInfo).toMatch(/RoomId/);
		}
		// 48 bytes is still a valid ID (the room just does not exist).
		expectError(await h.call(SEATS, { RoomId: 'x'.repeat(48) }), 100004);
	});
});

// ================================================================ lock_seat

describe('room_engine_http_mic/lock_seat', () => {
	it('locks a seat, removing whoever sits there, and logs both changes', async () => {
		const h = await seatHarness();
		const reply = await h.call(LOCK, { RoomId: 'r1', Index: 1, ForbidTaken: true, ForbidVideo: true });
		expectOk(reply);
		expect(reply.json.Response).toBeUndefined();
		expect(h.emulator.getSeats('r1')[1]).toEqual({ Index: 1, Member_Account: '', IsTakenDisabled: true, IsVideoDisabled: true, IsAudioDisabled: false });
		expect(h.emulator.getRoomMembers('r1')).toContain('bob');
		const requestSeq = h.emulator.requests[0].seq;
		expect(h.emulator.mutations).toEqual([
			{ seq: expect.any(Number), requestSeq, command: LOCK, roomId: 'r1', detail: { action: 'removeFromSeat', reason: 'seatLocked', Index: 1, Member_Account: 'bob' } },
			{
				seq: expect.any(Number),
				requestSeq,
				command: LOCK,
				roomId: 'r1',
				detail: expect.objectContaining({ action: 'setSeatFlags', Index: 1, ForbidTaken: true, ForbidVideo: true, ForbidAudio: false }),
			},
		]);
	});

	it('treats absent flags as false, so the same call with no flags unlocks', async () => {
		const h = await seatHarness();
		h.emulator.setSeatFlags('r1', 4, { forbidTaken: true, forbidVideo: true, forbidAudio: true });
		expectOk(await h.call(LOCK, { RoomId: 'r1', Index: 4 }));
		expect(h.emulator.getSeats('r1')[4]).toMatchObject({ IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		// Muting without locking leaves the occupant seated.
		expectOk(await h.call(LOCK, { RoomId: 'r1', Index: 0, ForbidTaken: false, ForbidAudio: true }));
		expect(h.emulator.getSeats('r1')[0]).toMatchObject({ Member_Account: 'alice', IsAudioDisabled: true });
	});

	it('answers 100004, 100211 and 100002 (Index out of range, bad fields) without changing anything', async () => {
		const h = await seatHarness();
		h.emulator.createRoom({ roomId: 'no-seats', seatsEnabled: false });
		expectError(await h.call(LOCK, { RoomId: 'nope', Index: 0, ForbidTaken: true }), 100004);
		expectError(await h.call(LOCK, { RoomId: 'no-seats', Index: 0, ForbidTaken: true }), 100211);
		expectError(await h.call(LOCK, { RoomId: 'r1', Index: 8, ForbidTaken: true }), 100002);
		for (const body of [
			{ RoomId: 'r1', ForbidTaken: true },
			{ RoomId: 'r1', Index: -1 },
			{ RoomId: 'r1', Index: 1.5 },
			{ RoomId: 'r1', Index: '1' },
			{ RoomId: 'r1', Index: 1, ForbidTaken: 'yes' },
			{ Index: 1, ForbidTaken: true },
		]) {
			expectError(await h.call(LOCK, body), 100002);
		}
		expect(seatOccupants(h.emulator)).toEqual(['alice', 'bob', 'carol', '', '', '', '', '']);
		expect(h.emulator.mutations).toEqual([]);
		expect(h.emulator.requests.every((entry) => !entry.applied)).toBe(true);
	});
});

// ================================================================ move_user_to_seat

describe('room_engine_http_mic/move_user_to_seat', () => {
	const move = (h: Harness, Member_Account: string, SeatIndex: number, Policy: number, RoomId = 'r1') =>
		h.call(MOVE, { RoomId, SeatIndex, Member_Account, Policy });

	it('moves to an empty seat whatever the policy', async () => {
		const h = await seatHarness();
		expectOk(await move(h, 'bob', 5, 0));
		expect(seatOccupants(h.emulator)).toEqual(['alice', '', 'carol', '', '', 'bob', '', '']);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([{ action: 'moveToSeat', Member_Account: 'bob', FromIndex: 1, ToIndex: 5 }]);
	});

	it('Policy 0 refuses an occupied seat (100210)', async () => {
		const h = await seatHarness();
		expectError(await move(h, 'bob', 2, 0), 100210);
		expect(seatOccupants(h.emulator).slice(0, 3)).toEqual(['alice', 'bob', 'carol']);
	});

	it('Policy 1 moves and kicks the occupant off the seat (who stays a member)', async () => {
		const h = await seatHarness();
		expectOk(await move(h, 'bob', 2, 1));
		expect(seatOccupants(h.emulator).slice(0, 3)).toEqual(['alice', '', 'bob']);
		expect(h.emulator.getRoomMembers('r1')).toContain('carol');
		expect(h.emulator.mutations.map((m) => m.detail.action)).toEqual(['removeFromSeat', 'moveToSeat']);
	});

	it('Policy 2 exchanges the two users\' seats', async () => {
		const h = await seatHarness();
		expectOk(await move(h, 'bob', 2, 2));
		expect(seatOccupants(h.emulator).slice(0, 3)).toEqual(['alice', 'carol', 'bob']);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{ action: 'exchangeSeats', Member_Account: 'bob', FromIndex: 1, ToIndex: 2, Other_Member_Account: 'carol' },
		]);
	});

	it('refuses a locked target (100200) for every policy', async () => {
		const h = await seatHarness();
		h.emulator.setSeatFlags('r1', 6, { forbidTaken: true });
		for (const policy of [0, 1, 2]) expectError(await move(h, 'bob', 6, policy), 100200);
		expect(seatOccupants(h.emulator)[1]).toBe('bob');
	});

	it('answers every documented error, in order', async () => {
		const h = await seatHarness();
		h.emulator.createRoom({ roomId: 'no-seats', seatsEnabled: false, members: ['zed'] });
		h.emulator.setSeatFlags('r1', 6, { forbidTaken: true });
		expectError(await move(h, 'bob', 3, 0, 'nope'), 100004);
		expectError(await move(h, 'zed', 0, 0, 'no-seats'), 100211);
		expectError(await move(h, 'stranger', 3, 0), 100005);
		expectError(await move(h, 'dave', 3, 0), 100206);
		// Not on a seat is checked before the target seat.
		expectError(await move(h, 'dave', 99, 0), 100206);
		expectError(await move(h, 'bob', 8, 0), 100002);
		expectError(await move(h, 'bob', 6, 0), 100200);
		expectError(await move(h, 'bob', 1, 0), 100203);
		expectError(await move(h, 'bob', 2, 0), 100210);
		for (const body of [
			{ RoomId: 'r1', SeatIndex: 3, Member_Account: 'bob' },
			{ RoomId: 'r1', SeatIndex: 3, Member_Account: 'bob', Policy: 3 },
			{ RoomId: 'r1', SeatIndex: 3, Member_Account: 'bob', Policy: '1' },
			{ RoomId: 'r1', SeatIndex: 3, Member_Account: '', Policy: 0 },
			{ RoomId: 'r1', SeatIndex: -1, Member_Account: 'bob', Policy: 0 },
			{ RoomId: 'r1', Member_Account: 'bob', Policy: 0 },
			{ SeatIndex: 3, Member_Account: 'bob', Policy: 0 },
		]) {
			expectError(await h.call(MOVE, body), 100002);
		}
		expect(h.emulator.mutations).toEqual([]);
	});
});

// ================================================================ live get_member_list

describe('live_engine_http_srv/get_member_list', () => {
	type Page = { Next: string; MemberCount: number; MemberList: Array<{ Member_Account: string }> };

	async function allPages(h: Harness, roomId: string): Promise<Page[]> {
		const pages: Page[] = [];
		let next = '';
		do {
			const reply = await h.call(LIVE_MEMBERS, { RoomId: roomId, Next: next });
			expectOk(reply);
			pages.push(reply.json.Response);
			next = reply.json.Response.Next;
		} while (next !== '' && pages.length < 50);
		return pages;
	}

	it('lists at most the first 1000 of 1,250 members, in pages of 100, with MemberCount 1250', async () => {
		const h = await startHarness();
		seedDemoData(h.emulator);
		const pages = await allPages(h, DEMO_ROOM_IDS.liveBigStage);
		expect(pages).toHaveLength(10);
		expect(pages.every((page) => page.MemberCount === 1250 && page.MemberList.length === 100)).toBe(true);
		const listed = pages.flatMap((page) => page.MemberList.map((member) => member.Member_Account));
		expect(new Set(listed).size).toBe(1000);
		expect(listed).toEqual(h.emulator.getRoomMembers(DEMO_ROOM_IDS.liveBigStage).slice(0, 1000));
		expect(pages[9].Next).toBe('');
		expect(pages[0].MemberList[0]).toEqual({ Member_Account: 'host-big' });
	});

	it('honours liveMemberPageSize and answers a small room in one page', async () => {
		const h = await startHarness({ liveMemberPageSize: 300 });
		h.emulator.createRoom({ roomId: 'big', members: Array.from({ length: 1100 }, (_, i) => `u${i}`) });
		h.emulator.createRoom({ roomId: 'small', members: ['a', 'b'] });
		h.emulator.createRoom({ roomId: 'empty' });
		expect((await allPages(h, 'big')).map((page) => page.MemberList.length)).toEqual([300, 300, 300, 100]);
		const reply = await h.call(LIVE_MEMBERS, { RoomId: 'small', Next: '' });
		expect(reply.json.Response).toEqual({ Next: '', MemberCount: 2, MemberList: [{ Member_Account: 'a' }, { Member_Account: 'b' }] });
		expect((await h.call(LIVE_MEMBERS, { RoomId: 'empty', Next: '' })).json.Response).toEqual({ Next: '', MemberCount: 0, MemberList: [] });
	});

	it('answers 100004, 100006 (conference room) and 100002 (unknown Next, bad fields)', async () => {
		const h = await startHarness({ liveMemberPageSize: 2 });
		h.emulator.createRoom({ roomId: 'live-a', members: ['a', 'b', 'c'] });
		h.emulator.createRoom({ roomId: 'live-b', members: ['a', 'b', 'c'] });
		h.emulator.createRoom({ roomId: 'meeting', type: 'conference', members: ['a'] });
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'nope', Next: '' }), 100004);
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'meeting', Next: '' }), 100006);
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'live-a', Next: 'made-up' }), 100002);
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'live-a' }), 100002);
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'live-a', Next: 0 }), 100002);
		expectError(await h.call(LIVE_MEMBERS, { Next: '' }), 100002);
		// A cursor is only good for the room that handed it out.
		const cursor = (await h.call(LIVE_MEMBERS, { RoomId: 'live-a', Next: '' })).json.Response.Next;
		expect(cursor).not.toBe('');
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'live-b', Next: cursor }), 100002);
		expect((await h.call(LIVE_MEMBERS, { RoomId: 'live-a', Next: cursor })).json.Response.MemberList).toEqual([{ Member_Account: 'c' }]);
	});

	it('serves a snapshot refreshed at most every 40 s', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'r', members: ['a', 'b', 'c'] });
		const names = async () => {
			const response = (await h.call(LIVE_MEMBERS, { RoomId: 'r', Next: '' })).json.Response;
			return { count: response.MemberCount, names: response.MemberList.map((m: { Member_Account: string }) => m.Member_Account) };
		};
		expect(await names()).toEqual({ count: 3, names: ['a', 'b', 'c'] });
		h.emulator.addRoomMembers('r', ['d', 'e']);
		h.emulator.removeRoomMembers('r', ['a']);
		h.clock.ms = T0 + 39_999;
		expect(await names()).toEqual({ count: 3, names: ['a', 'b', 'c'] });
		h.clock.ms = T0 + 40_000;
		expect(await names()).toEqual({ count: 4, names: ['b', 'c', 'd', 'e'] });
	});
});

// ================================================================ AVChatRoom get_members

describe('group_open_avchatroom_http_svc/get_members', () => {
	type Member = { Member_Account: string; JoinTime: number; NickName?: string; Avatar?: string };

	it('returns the 1000 newest of 1,200 members in 2 pages of 500, newest first, without duplicates', async () => {
		const h = await startHarness();
		seedDemoData(h.emulator);
		const first = await h.call(GROUP_MEMBERS, { GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: 0 });
		expectOk(first);
		expect(first.json.RequestId).toBeUndefined();
		expect(first.json.Response).toBeUndefined();
		expect(first.json.MemberList).toHaveLength(500);
		expect(first.json.NextTimestamp).not.toBe(0);
		const second = await h.call(GROUP_MEMBERS, { GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: first.json.NextTimestamp });
		expect(second.json.MemberList).toHaveLength(500);
		expect(second.json.NextTimestamp).toBe(0);

		const members: Member[] = [...first.json.MemberList, ...second.json.MemberList];
		expect(new Set(members.map((m) => m.Member_Account)).size).toBe(1000);
		const joinTimes = members.map((m) => m.JoinTime);
		expect(joinTimes).toEqual([...joinTimes].sort((a, b) => b - a));
		// The newest is the last to join; the 200 oldest are not listed.
		expect(members[0].Member_Account).toBe('audience-1200');
		expect(members[999].Member_Account).toBe('audience-0201');
	});

	it('sends NickName and Avatar only when set', async () => {
		const h = await startHarness();
		h.emulator.createGroup({
			groupId: 'g',
			members: [
				{ account: 'plain', joinTime: 100 },
				{ account: 'named', joinTime: 200, nickName: 'Named', avatar: 'https://example.com/n.png' },
			],
		});
		const reply = await h.call(GROUP_MEMBERS, { GroupId: 'g', Timestamp: 0 });
		expect(reply.json).toEqual({
			ActionStatus: 'OK',
			ErrorCode: 0,
			ErrorInfo: '',
			MemberList: [
				{ Member_Account: 'named', JoinTime: 200, NickName: 'Named', Avatar: 'https://example.com/n.png' },
				{ Member_Account: 'plain', JoinTime: 100 },
			],
			NextTimestamp: 0,
		});
	});

	it('makes tied JoinTimes unique so NextTimestamp pages exactly', async () => {
		const h = await startHarness();
		h.emulator.createGroup({ groupId: 'g', type: 'Community', members: Array.from({ length: 700 }, (_, i) => ({ account: `m${i}`, joinTime: 5000 })) });
		const first = (await h.call(GROUP_MEMBERS, { GroupId: 'g', Timestamp: 0 })).json;
		const second = (await h.call(GROUP_MEMBERS, { GroupId: 'g', Timestamp: first.NextTimestamp })).json;
		expect([first.MemberList.length, second.MemberList.length, second.NextTimestamp]).toEqual([500, 200, 0]);
		const accounts = [...first.MemberList, ...second.MemberList].map((m: Member) => m.Member_Account);
		expect(new Set(accounts).size).toBe(700);
	});

	it('filters by Mark', async () => {
		const h = await startHarness();
		seedDemoData(h.emulator);
		const reply = await h.call(GROUP_MEMBERS, { GroupId: DEMO_GROUP_IDS.avChatRoom, Mark: 1000, Timestamp: 0 });
		expectOk(reply);
		const members: Member[] = reply.json.MemberList;
		expect(members).toHaveLength(120);
		expect(reply.json.NextTimestamp).toBe(0);
		// Every tenth demo member (audience-0001, -0011, …) carries mark 1000.
		expect(members.every((m) => Number(m.Member_Account.slice(-4)) % 10 === 1)).toBe(true);
		expect((await h.call(GROUP_MEMBERS, { GroupId: DEMO_GROUP_IDS.avChatRoom, Mark: 7, Timestamp: 0 })).json.MemberList).toEqual([]);
	});

	it('serves a snapshot refreshed at most every 40 s', async () => {
		const h = await startHarness();
		h.emulator.createGroup({ groupId: 'g', members: [{ account: 'a', joinTime: 10 }, { account: 'b', joinTime: 20 }] });
		const accounts = async () => (await h.call(GROUP_MEMBERS, { GroupId: 'g', Timestamp: 0 })).json.MemberList.map((m: Member) => m.Member_Account);
		expect(await accounts()).toEqual(['b', 'a']);
		h.emulator.addGroupMembers('g', [{ account: 'c', joinTime: 30 }]);
		h.emulator.removeGroupMembers('g', ['a']);
		h.clock.ms = T0 + 39_999;
		expect(await accounts()).toEqual(['b', 'a']);
		h.clock.ms = T0 + 40_000;
		expect(await accounts()).toEqual(['c', 'b']);
	});

	it('answers 10010, 10015, 10007 and 10004, with no RequestId', async () => {
		const h = await startHarness();
		seedDemoData(h.emulator);
		const cases: Array<[unknown, number]> = [
			[{ GroupId: '@TGS#missing', Timestamp: 0 }, 10010],
			[{ GroupId: '', Timestamp: 0 }, 10015],
			[{ GroupId: 'g'.repeat(49), Timestamp: 0 }, 10015],
			[{ GroupId: 'bad\nid', Timestamp: 0 }, 10015],
			[{ GroupId: DEMO_GROUP_IDS.publicGroup, Timestamp: 0 }, 10007],
			[{ Timestamp: 0 }, 10004],
			[{ GroupId: 12, Timestamp: 0 }, 10004],
			[{ GroupId: DEMO_GROUP_IDS.avChatRoom }, 10004],
			[{ GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: '0' }, 10004],
			[{ GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: -5 }, 10004],
			[{ GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: 0, Mark: 'vip' }, 10004],
		];
		for (const [body, code] of cases) {
			const reply = await h.call(GROUP_MEMBERS, body);
			expectError(reply, code);
			expect(reply.json.RequestId).toBeUndefined();
		}
		for (const type of ['Private', 'ChatRoom'] as const) {
			h.emulator.createGroup({ groupId: `t-${type}`, type });
			expectError(await h.call(GROUP_MEMBERS, { GroupId: `t-${type}`, Timestamp: 0 }), 10007);
		}
		// Common-layer errors keep the Chat style too.
		const unsigned = await h.call(GROUP_MEMBERS, { GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: 0 }, { query: { usersig: '' } });
		expectError(unsigned, 70002);
		expect(unsigned.json.RequestId).toBeUndefined();
	});

	it('produces 10002 (internal error fault) and, by injection, 10001 and 10003', async () => {
		const h = await startHarness();
		seedDemoData(h.emulator);
		const body = { GroupId: DEMO_GROUP_IDS.avChatRoom, Timestamp: 0 };
		h.emulator.injectFault('internalErrorBeforeApply', { command: GROUP_MEMBERS });
		expectError(await h.call(GROUP_MEMBERS, body), 10002);
		h.emulator.injectErrorCode(10001, { command: GROUP_MEMBERS });
		h.emulator.injectErrorCode(10003, { command: GROUP_MEMBERS });
		expectError(await h.call(GROUP_MEMBERS, body), 10001);
		expectError(await h.call(GROUP_MEMBERS, body), 10003);
		expectOk(await h.call(GROUP_MEMBERS, body));
	});
});

// ================================================================ frequency limit

describe('frequency limit', () => {
	it('accepts 20 of 25 concurrent calls at 20/s and refuses 5 with the code, applying nothing', async () => {
		const h = await seatHarness({ rateLimitPerSecond: 20 });
		const replies = await Promise.all(Array.from({ length: 25 }, () => h.call(LOCK, { RoomId: 'r1', Index: 4, ForbidAudio: true })));
		expect(replies.filter((r) => r.json.ErrorCode === 0)).toHaveLength(20);
		const refused = replies.filter((r) => r.json.ErrorCode !== 0);
		expect(refused).toHaveLength(5);
		refused.forEach((r) => expectError(r, 60018));
		expect(h.emulator.mutations).toHaveLength(20);
		const stats = h.emulator.stats();
		// Only admitted calls count against the window: 20, never more than the limit.
		expect(stats).toEqual({
			total: 25,
			byCommand: { [LOCK]: 25 },
			rateLimited: 5,
			maxPerSecondByCommand: { [LOCK]: 20 },
			peakConcurrentRequests: expect.any(Number),
		});
		// Another command has its own budget.
		expectOk(await h.call(SEATS, { RoomId: 'r1' }));
	});

	it('slides the window, and refused calls do not use it up', async () => {
		const h = await seatHarness({ rateLimitPerSecond: 2, rateLimitErrorCode: 60007 });
		const codes = async () => (await h.call(SEATS, { RoomId: 'r1' })).json.ErrorCode as number;
		expect([await codes(), await codes(), await codes()]).toEqual([0, 0, 60007]);
		h.clock.ms = T0 + 500;
		expect(await codes()).toBe(60007);
		h.clock.ms = T0 + 999;
		expect(await codes()).toBe(60007);
		// Both calls at T0 leave the window; the refused ones at +500 and +999 never entered it.
		h.clock.ms = T0 + 1000;
		expect([await codes(), await codes(), await codes()]).toEqual([0, 0, 60007]);
		expect(h.emulator.stats().rateLimited).toBe(4);
	});

	it('computes the busiest 1000 ms window per command', async () => {
		const h = await seatHarness({ rateLimitPerSecond: 0 });
		for (const at of [0, 500, 1200, 1300, 2400]) {
			h.clock.ms = T0 + at;
			await h.call(SEATS, { RoomId: 'r1' });
		}
		await h.call(LOCK, { RoomId: 'r1', Index: 3 });
		expect(h.emulator.stats().maxPerSecondByCommand).toEqual({ [SEATS]: 3, [LOCK]: 1 });
	});

	it('is off with rateLimitPerSecond 0', async () => {
		const h = await seatHarness({ rateLimitPerSecond: 0 });
		const replies = await Promise.all(Array.from({ length: 30 }, () => h.call(SEATS, { RoomId: 'r1' })));
		expect(replies.every((r) => r.json.ErrorCode === 0)).toBe(true);
	});
});

// ================================================================ faults

describe('faults', () => {
	const lockBob = (h: Harness, options: CallOptions = {}) => h.call(LOCK, { RoomId: 'r1', Index: 1, ForbidTaken: true }, options);
	const bobSeated = (h: Harness) => h.emulator.getSeats('r1')[1].Member_Account === 'bob';

	it('internalErrorBeforeApply: 100001, nothing applied; only the next matching request', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('internalErrorBeforeApply', { command: LOCK });
		expectOk(await h.call(SEATS, { RoomId: 'r1' }));
		expectError(await lockBob(h), 100001);
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.mutations).toEqual([]);
		expect(h.emulator.requests[1]).toMatchObject({ command: LOCK, fault: 'internalErrorBeforeApply', applied: false, errorCode: 100001, httpStatus: 200 });
		expectOk(await lockBob(h));
		expect(bobSeated(h)).toBe(false);
	});

	it('internalErrorAfterApply: the change is applied, then 100001', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('internalErrorAfterApply');
		const reply = await lockBob(h);
		expectError(reply, 100001);
		expect(reply.json.RequestId).toMatch(REQUEST_ID);
		expect(bobSeated(h)).toBe(false);
		expect(h.emulator.mutations.map((m) => m.detail.action)).toEqual(['removeFromSeat', 'setSeatFlags']);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'internalErrorAfterApply', applied: true, errorCode: 100001 });
	});

	it('http502: an nginx HTML page, nothing applied', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('http502');
		const reply = await lockBob(h);
		expect(reply.status).toBe(502);
		expect(reply.headers['content-type']).toMatch(/text\/html/);
		expect(reply.text).toContain('502 Bad Gateway');
		expect(reply.json).toBeUndefined();
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'http502', applied: false, httpStatus: 502, errorCode: null });
	});

	it('connectionReset: the socket is reset without an answer, nothing applied', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('connectionReset');
		await expect(lockBob(h)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'connectionReset', applied: false, httpStatus: 0, errorCode: null });
	});

	it('stall: no answer until the client gives up, nothing applied', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('stall');
		await expect(lockBob(h, { timeoutMs: 150 })).rejects.toMatchObject({ code: 'CLIENT_TIMEOUT' });
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'stall', applied: false, httpStatus: 0 });
		expectOk(await lockBob(h));
	});

	it('stop() returns promptly while a request is stalled', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('stall', { count: 2 });
		const pending = [lockBob(h), lockBob(h)].map((p) => p.then(() => 'answered', (error: NodeJS.ErrnoException) => error.code));
		while (h.emulator.requests.filter((e) => e.fault === 'stall').length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
		const before = Date.now();
		await h.emulator.stop();
		expect(Date.now() - before).toBeLessThan(500);
		expect(await Promise.all(pending)).toEqual(['ECONNRESET', 'ECONNRESET']);
	});

	it('truncatedJson: applied, HTTP 200, body cut in half', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('truncatedJson', { command: SEATS });
		const reply = await h.call(SEATS, { RoomId: 'r1' });
		expect(reply.status).toBe(200);
		expect(reply.json).toBeUndefined();
		expect(reply.text.startsWith('{"ActionStatus":"OK"')).toBe(true);
		const full = (await h.call(SEATS, { RoomId: 'r1' })).text;
		expect(reply.text.length).toBe(Math.floor(full.length / 2));
		h.emulator.injectFault('truncatedJson');
		await lockBob(h);
		expect(bobSeated(h)).toBe(false);
		expect(h.emulator.requests.map((e) => [e.fault, e.applied])).toEqual([
			['truncatedJson', true],
			[null, true],
			['truncatedJson', true],
		]);
	});

	it('rateLimited: the frequency code, nothing applied', async () => {
		const h = await seatHarness({ rateLimitErrorCode: 60019 });
		h.emulator.injectFault('rateLimited');
		expectError(await lockBob(h), 60019);
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.stats().rateLimited).toBe(1);
	});

	it('injected error codes can apply first (ambiguous 60008)', async () => {
		const h = await seatHarness();
		h.emulator.injectErrorCode(60008, { afterApply: true });
		expectError(await lockBob(h), 60008);
		expect(bobSeated(h)).toBe(false);
	});

	it('counts, matches commands, and are consumed only by requests that reach a command', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('internalErrorBeforeApply', { command: LOCK, count: 2 });
		// Refused before reaching the command: does not consume the fault.
		expectError(await lockBob(h, { query: { usersig: '' } }), 70002);
		expectError(await lockBob(h), 100001);
		expectError(await lockBob(h), 100001);
		expectOk(await lockBob(h));
		expect(() => h.emulator.injectFault('internalErrorBeforeApply', { command: 'room_engine_http_mic/typo' })).toThrow(/unknown command/);
		expect(() => h.emulator.injectFault('nope' as never)).toThrow(/unknown fault kind/);
	});

	it('setFaultRate is seeded and repeatable; queued faults come first; clearFaults stops both', async () => {
		const sequence = async (seed: number) => {
			const h = await seatHarness({ seed });
			h.emulator.setFaultRate(0.5, ['internalErrorBeforeApply', 'rateLimited'], { commands: [SEATS] });
			const codes: number[] = [];
			for (let i = 0; i < 12; i += 1) codes.push((await h.call(SEATS, { RoomId: 'r1' })).json.ErrorCode);
			expectOk(await h.call(MOVE, { RoomId: 'r1', SeatIndex: 4, Member_Account: 'bob', Policy: 0 }));
			return { h, codes };
		};
		const first = await sequence(42);
		const again = await sequence(42);
		expect(again.codes).toEqual(first.codes);
		expect(first.codes.some((c) => c === 0)).toBe(true);
		expect(first.codes.some((c) => c !== 0)).toBe(true);
		expect(new Set(first.codes)).toEqual(new Set([0, 100001, 60018]));

		const h = first.h;
		h.emulator.setFaultRate(1, ['rateLimited']);
		h.emulator.injectFault('http502');
		expect((await h.call(SEATS, { RoomId: 'r1' })).status).toBe(502);
		expectError(await h.call(SEATS, { RoomId: 'r1' }), 60018);
		h.emulator.clearFaults();
		expectOk(await h.call(SEATS, { RoomId: 'r1' }));
	});
});

// ================================================================ late application (Tencent applies what the client gave up on)

/** Polls until `done` holds; fails after `withinMs`. */
async function waitUntil(done: () => boolean, withinMs: number): Promise<void> {
	const deadline = Date.now() + withinMs;
	while (!done()) {
		if (Date.now() > deadline) throw new Error(`condition not met within ${withinMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('late application faults', () => {
	const lockBob = (h: Harness, options: CallOptions = {}) => h.call(LOCK, { RoomId: 'r1', Index: 1, ForbidTaken: true }, options);
	const bobSeated = (h: Harness) => h.emulator.getSeats('r1')[1].Member_Account === 'bob';

	it('are kept out of FAULT_KINDS and the fault rate; lateApplyMs lies within 1..2999 (default 2500)', () => {
		expect(LATE_APPLY_FAULT_KINDS).toEqual(['lateApply', 'resetThenLateApply']);
		expect(FAULT_KINDS).toEqual(['internalErrorBeforeApply', 'internalErrorAfterApply', 'http502', 'connectionReset', 'stall', 'truncatedJson', 'rateLimited']);
		const emulator = new TencentEmulator();
		expect(emulator.lateApplyMs).toBe(2500);
		expect(() => emulator.setFaultRate(0.5, ['lateApply' as never])).toThrow(/unknown fault kind/);
		emulator.injectFault('resetThenLateApply', { command: LOCK, count: 2 });
		emulator.setLateApplyMs(2999);
		expect(emulator.lateApplyMs).toBe(2999);
		emulator.setLateApplyMs(1);
		for (const bad of [0, 3000, -5, 2.5, Number.NaN]) {
			expect(() => emulator.setLateApplyMs(bad)).toThrow(/lateApplyMs must be an integer within 1\.\.2999/);
			expect(() => new TencentEmulator({ lateApplyMs: bad })).toThrow(/lateApplyMs must be an integer within 1\.\.2999/);
		}
		expect(emulator.lateApplyMs).toBe(1);
		expect(new TencentEmulator({ lateApplyMs: 800 }).lateApplyMs).toBe(800);
	});

	it('lateApply: a client that gives up after 300 ms leaves the seat unlocked, then it is locked at ~2.5 s under that request', async () => {
		const h = await seatHarness();
		h.emulator.injectFault('lateApply', { command: LOCK });
		const sent = Date.now();
		await expect(lockBob(h, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'CLIENT_TIMEOUT' });
		expect(Date.now() - sent).toBeLessThan(1000);
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.getSeats('r1')[1].IsTakenDisabled).toBe(false);
		expect(h.emulator.mutations).toEqual([]);
		const request = h.emulator.requests[0];
		expect(request).toMatchObject({ command: LOCK, fault: 'lateApply', applied: false, httpStatus: 0, errorCode: null });

		// Still nothing well before the late time...
		await sleep(Math.max(0, sent + 2000 - Date.now()));
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.mutations).toEqual([]);
		// ...then Tencent applies the call its client gave up on.
		await waitUntil(() => h.emulator.mutations.length > 0, 2500);
		const elapsed = Date.now() - sent;
		expect(elapsed).toBeGreaterThanOrEqual(2450);
		// Scheduled at 2500 ms, inside Tencent's 3 s window; the slack is for a loaded machine.
		expect(elapsed).toBeLessThan(3500);
		expect(bobSeated(h)).toBe(false);
		expect(h.emulator.getSeats('r1')[1].IsTakenDisabled).toBe(true);
		expect(h.emulator.mutations.map((m) => [m.requestSeq, m.command, m.detail.action])).toEqual([
			[request.seq, LOCK, 'removeFromSeat'],
			[request.seq, LOCK, 'setSeatFlags'],
		]);
		// Nobody was left to answer.
		expect(h.emulator.requests).toHaveLength(1);
		expect(h.emulator.requests[0]).toMatchObject({ seq: request.seq, fault: 'lateApply', applied: true, httpStatus: 0, errorCode: null });
	});

	it('lateApply: a client that waits gets the answer after the late application', async () => {
		const h = await seatHarness({ lateApplyMs: 400 });
		h.emulator.injectFault('lateApply');
		const sent = Date.now();
		const reply = await lockBob(h);
		expect(Date.now() - sent).toBeGreaterThanOrEqual(380);
		expectOk(reply);
		expect(reply.json.RequestId).toMatch(REQUEST_ID);
		expect(bobSeated(h)).toBe(false);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'lateApply', applied: true, httpStatus: 200, errorCode: 0 });
		// Only the next matching request; a business refusal found late is answered as such.
		h.emulator.setLateApplyMs(50);
		h.emulator.injectFault('lateApply', { command: LOCK });
		expectOk(await h.call(SEATS, { RoomId: 'r1' }));
		expectError(await h.call(LOCK, { RoomId: 'r1', Index: 99, ForbidTaken: true }), 100002);
		expect(h.emulator.requests.map((e) => [e.command, e.fault, e.applied])).toEqual([
			[LOCK, 'lateApply', true],
			[SEATS, null, true],
			[LOCK, 'lateApply', false],
		]);
	});

	it('resetThenLateApply: ECONNRESET at once, the change applied later under that request', async () => {
		const h = await seatHarness();
		h.emulator.setLateApplyMs(600);
		h.emulator.injectFault('resetThenLateApply', { command: LOCK });
		const sent = Date.now();
		await expect(lockBob(h)).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(Date.now() - sent).toBeLessThan(400);
		expect(bobSeated(h)).toBe(true);
		expect(h.emulator.mutations).toEqual([]);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'resetThenLateApply', applied: false, httpStatus: 0, errorCode: null });

		await waitUntil(() => h.emulator.mutations.length > 0, 2000);
		expect(Date.now() - sent).toBeGreaterThanOrEqual(580);
		expect(bobSeated(h)).toBe(false);
		const seq = h.emulator.requests[0].seq;
		expect(h.emulator.mutations.every((m) => m.requestSeq === seq)).toBe(true);
		expect(h.emulator.requests[0]).toMatchObject({ fault: 'resetThenLateApply', applied: true, httpStatus: 0, errorCode: null });
		// A retry after the reset finds the seat already locked and locks it again: no new removal.
		expectOk(await lockBob(h));
		expect(h.emulator.mutations.filter((m) => m.detail.action === 'removeFromSeat')).toHaveLength(1);
	});

	it('stop() before the late time applies nothing, and returns promptly', async () => {
		const h = await seatHarness({ lateApplyMs: 400 });
		h.emulator.injectFault('lateApply', { command: LOCK });
		h.emulator.injectFault('resetThenLateApply', { command: MOVE });
		const waiting = lockBob(h).then(
			() => 'answered',
			(error: NodeJS.ErrnoException) => error.code,
		);
		await expect(h.call(MOVE, { RoomId: 'r1', SeatIndex: 5, Member_Account: 'alice', Policy: 0 })).rejects.toMatchObject({ code: 'ECONNRESET' });
		await waitUntil(() => h.emulator.requests.length === 2, 1000);
		const before = Date.now();
		await h.emulator.stop();
		expect(Date.now() - before).toBeLessThan(300);
		expect(await waiting).toBe('ECONNRESET');
		await sleep(700);
		expect(h.emulator.mutations).toEqual([]);
		expect(seatOccupants(h.emulator).slice(0, 6)).toEqual(['alice', 'bob', 'carol', '', '', '']);
		expect(h.emulator.requests.map((e) => [e.fault, e.applied])).toEqual([
			['lateApply', false],
			['resetThenLateApply', false],
		]);
	});
});

// ================================================================ HTTPS

describe('HTTPS', () => {
	let certs: TestCertificates;

	beforeAll(() => {
		certs = makeTestCertificates();
	});

	const tlsFailure = (promise: Promise<unknown>) => promise.then(
		() => 'connected',
		(error: NodeJS.ErrnoException) => error.code,
	);

	it('makes throwaway certificates: a CA, and EC P-256 leaves for 127.0.0.1 and localhost, a wrong host, expired', () => {
		const ca = new X509Certificate(certs.caCert);
		expect(ca.ca).toBe(true);
		expect(ca.checkIssued(ca)).toBe(true);
		const leaf = (pem: string) => new X509Certificate(pem);
		const caSigned = leaf(certs.caSigned.cert);
		expect(caSigned.ca).toBe(false);
		expect(caSigned.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost');
		expect(caSigned.checkIssued(ca) && caSigned.verify(ca.publicKey)).toBe(true);
		expect(caSigned.checkPrivateKey(createPrivateKey(certs.caSigned.key))).toBe(true);
		expect(createPrivateKey(certs.caSigned.key).asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
		const selfSigned = leaf(certs.selfSigned.cert);
		expect(selfSigned.checkIssued(selfSigned) && selfSigned.verify(selfSigned.publicKey)).toBe(true);
		expect(selfSigned.checkIP('127.0.0.1')).toBe('127.0.0.1');
		const wrongHost = leaf(certs.wrongHost.cert);
		expect(wrongHost.subjectAltName).toBe('DNS:example.invalid');
		expect(wrongHost.verify(ca.publicKey)).toBe(true);
		const expired = leaf(certs.expired.cert);
		expect(expired.verify(ca.publicKey)).toBe(true);
		const expiredAt = Date.parse(expired.validTo);
		expect(expiredAt).toBeLessThan(Date.now());
		expect(expiredAt).toBeGreaterThan(Date.now() - 2 * 24 * 3600 * 1000);
		for (const cert of [caSigned, selfSigned, wrongHost]) expect(Date.parse(cert.validTo)).toBeGreaterThan(Date.now());
		// Fresh keys each time.
		expect(makeTestCertificates().caSigned.key).not.toBe(certs.caSigned.key);
	});

	it('serves signed account_check and get_seat_list over HTTPS with a CA-signed certificate', async () => {
		const h = await seatHarness({ tls: certs.caSigned });
		expect(h.emulator.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
		const seats = await h.call(SEATS, { RoomId: 'r1' }, { ca: certs.caCert });
		expectOk(seats);
		expect(seats.json.Response.SeatList[0]).toMatchObject({ Index: 0, Member_Account: 'alice' });
		const accounts = await h.call(ACCOUNT_CHECK, { CheckItem: [{ UserID: 'bob' }] }, { ca: certs.caCert });
		expectOk(accounts);
		expect(accounts.json.ResultItem).toEqual([{ UserID: 'bob', ResultCode: 0, ResultInfo: '', AccountStatus: 'Imported' }]);
		// UserSig checks and faults work the same under TLS: a reset reaches the TCP socket beneath.
		expectError(await h.call(SEATS, { RoomId: 'r1' }, { ca: certs.caCert, query: { usersig: '' } }), 70002);
		h.emulator.injectFault('connectionReset');
		await expect(h.call(SEATS, { RoomId: 'r1' }, { ca: certs.caCert })).rejects.toMatchObject({ code: 'ECONNRESET' });
		expect(h.emulator.requests.map((e) => [e.command, e.errorCode, e.fault])).toEqual([
			[SEATS, 0, null],
			[ACCOUNT_CHECK, 0, null],
			[SEATS, 70002, null],
			[SEATS, null, 'connectionReset'],
		]);
	});

	it('a self-signed certificate fails without a trusted CA (DEPTH_ZERO_SELF_SIGNED_CERT), and works when trusted itself', async () => {
		const h = await seatHarness({ tls: certs.selfSigned });
		expect(await tlsFailure(h.call(SEATS, { RoomId: 'r1' }))).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
		expect(h.emulator.requests).toEqual([]);
		expectOk(await h.call(SEATS, { RoomId: 'r1' }, { ca: certs.selfSigned.cert }));
	});

	it('a CA-signed certificate for another host fails with the CA trusted (ERR_TLS_CERT_ALTNAME_INVALID)', async () => {
		const h = await seatHarness({ tls: certs.wrongHost });
		expect(await tlsFailure(h.call(SEATS, { RoomId: 'r1' }, { ca: certs.caCert }))).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
		expect(h.emulator.requests).toEqual([]);
	});

	it('an expired certificate fails with the CA trusted (CERT_HAS_EXPIRED)', async () => {
		const h = await seatHarness({ tls: certs.expired });
		expect(await tlsFailure(h.call(SEATS, { RoomId: 'r1' }, { ca: certs.caCert }))).toBe('CERT_HAS_EXPIRED');
		expect(h.emulator.requests).toEqual([]);
	});

	it('the CA-signed certificate fails when the CA is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)', async () => {
		const h = await seatHarness({ tls: certs.caSigned });
		expect(await tlsFailure(h.call(SEATS, { RoomId: 'r1' }))).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
	});

	it('refuses a tls option without a matching PEM key and certificate', () => {
		expect(() => new TencentEmulator({ tls: { key: '', cert: certs.caSigned.cert } })).toThrow(/PEM strings/);
		expect(() => new TencentEmulator({ tls: { key: certs.selfSigned.key, cert: certs.caSigned.cert } })).toThrow();
		expect(() => new TencentEmulator({ tls: { key: 'not a key', cert: 'not a cert' } })).toThrow();
	});
});

// ================================================================ latency, log, setup

describe('latency, log and setup', () => {
	it('waits latencyMs before answering, settable at run time', async () => {
		const h = await seatHarness({ latencyMs: 80 });
		let before = Date.now();
		expectOk(await h.call(SEATS, { RoomId: 'r1' }));
		expect(Date.now() - before).toBeGreaterThanOrEqual(75);
		h.emulator.latencyMs = 0;
		before = Date.now();
		expectOk(await h.call(SEATS, { RoomId: 'r1' }));
		expect(Date.now() - before).toBeLessThan(75);
	});

	it('reports each request once its connection is done with it (onRequestDone), without the query', async () => {
		const done: Array<{ command: string; errorCode: number | null; httpStatus: number; ms: number; entry: string }> = [];
		const h = await seatHarness({
			onRequestDone: (entry, ms) => done.push({ command: entry.command, errorCode: entry.errorCode, httpStatus: entry.httpStatus, ms, entry: JSON.stringify(entry) }),
		});
		await h.call(SEATS, { RoomId: 'r1' });
		await h.call(SEATS, { RoomId: 'missing' });
		h.emulator.injectFault('http502');
		await h.call(SEATS, { RoomId: 'r1' });
		await new Promise((resolve) => setImmediate(resolve));
		expect(done.map(({ command, errorCode, httpStatus }) => ({ command, errorCode, httpStatus }))).toEqual([
			{ command: SEATS, errorCode: 0, httpStatus: 200 },
			{ command: SEATS, errorCode: 100004, httpStatus: 200 },
			{ command: SEATS, errorCode: null, httpStatus: 502 },
		]);
		for (const { ms, entry } of done) {
			expect(ms).toBeGreaterThanOrEqual(0);
			expect(entry.toLowerCase()).not.toContain('usersig');
		}
	});

	it('logs parsed parameters and bodies but never the usersig', async () => {
		const h = await seatHarness();
		const usersig = makeUserSig({ sdkAppId: DEMO_APP.sdkAppId, identifier: ADMIN, secretKey: DEMO_APP.secretKey, timeSeconds: T0 / 1000 });
		await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig } });
		await h.call(SEATS, { RoomId: 'r1' }, { query: { usersig: `${usersig}x` } });
		await h.call(LOCK, undefined, { rawBody: '{broken', query: { usersig } });
		await h.call('nowhere/at_all', {}, { query: { usersig } });
		const log = JSON.stringify(h.emulator.requests);
		expect(log).not.toContain(usersig.slice(0, 40));
		expect(log.toLowerCase()).not.toContain('usersig');
		expect(h.emulator.requests[0]).toEqual({
			seq: expect.any(Number),
			command: SEATS,
			sdkAppId: DEMO_APP.sdkAppId,
			identifier: ADMIN,
			body: { RoomId: 'r1' },
			receivedAt: T0,
			admittedAt: T0,
			httpStatus: 200,
			errorCode: 0,
			fault: null,
			applied: true,
		});
		expect(h.emulator.requests.map((e) => [e.command, e.errorCode, e.body])).toEqual([
			[SEATS, 0, { RoomId: 'r1' }],
			[SEATS, 70003, { RoomId: 'r1' }],
			[LOCK, 60003, '{broken'],
			['nowhere/at_all', 60009, {}],
		]);
		h.emulator.resetLog();
		expect(h.emulator.requests).toEqual([]);
		expect(h.emulator.stats()).toEqual({ total: 0, byCommand: {}, rateLimited: 0, maxPerSecondByCommand: {}, peakConcurrentRequests: 0 });
	});

	it('refuses impossible setup', () => {
		const emulator = new TencentEmulator();
		emulator.createRoom({ roomId: 'r', seatCount: 3, members: ['a', 'b'] });
		emulator.takeSeat('r', 'a', 0);
		emulator.setSeatFlags('r', 1, { forbidTaken: true });
		expect(() => emulator.createRoom({ roomId: 'r' })).toThrow(/already exists/);
		expect(() => emulator.takeSeat('r', 'b', 0)).toThrow(/taken by a/);
		expect(() => emulator.takeSeat('r', 'b', 1)).toThrow(/locked/);
		expect(() => emulator.takeSeat('r', 'b', 3)).toThrow(/no seat/);
		expect(() => emulator.takeSeat('missing', 'b', 0)).toThrow(/does not exist/);
		expect(() => emulator.createRoom({ roomId: 'r2', sdkAppId: 42 })).toThrow(/no app 42/);
		expect(() => emulator.baseUrl).toThrow(/not started/);
		// takeSeat moves a seated user (one seat per user) and adds newcomers as members.
		emulator.takeSeat('r', 'a', 2);
		emulator.takeSeat('r', 'newcomer', 0);
		expect(seatOccupants(emulator, 'r')).toEqual(['newcomer', '', 'a']);
		expect(emulator.getRoomMembers('r')).toEqual(['a', 'b', 'newcomer']);
	});

	it('seeds the demo data', () => {
		const emulator = new TencentEmulator();
		seedDemoData(emulator);
		expect(emulator.getRoomMembers(DEMO_ROOM_IDS.liveNightShow)).toHaveLength(30);
		expect(emulator.getSeats(DEMO_ROOM_IDS.voiceLounge).filter((s) => s.IsTakenDisabled)).toHaveLength(1);
		expect(emulator.getSeats(DEMO_ROOM_IDS.webinarNoSeats)).toEqual([]);
		expect(emulator.getRoomMembers(DEMO_ROOM_IDS.liveBigStage)).toHaveLength(1250);
		expect(DEMO_APP.secretKey).toMatch(/^[0-9a-f]{64}$/);
	});
});
