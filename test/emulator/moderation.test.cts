/**
 * Members, moderation, messages and seat picks over real HTTP on 127.0.0.1, signed like
 * Tencent's clients sign: the conference member list, kick_user_out, bans and unbans of both
 * kinds of room, live mutes and text messages, pick_user_on_seat / kick_user_off_seat, and the
 * callbacks the emulator sends for those changes to a local HTTP server. The clock is pinned
 * (bans and mutes expire by moving it on); the choices tested here are written down in
 * errorCodes.cts ("Choice:").
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
	TencentEmulator,
	tencentCallbackSign,
} from './index.cjs';
import { signedCommandUrl } from './testSigning.cjs';

const ADMIN = 'administrator';
const T0 = 1_750_000_000_000;
const T0_SECONDS = T0 / 1000;
const REQUEST_ID = /^Id-[0-9a-f]{32}-O-Seq-\d+$/;

const LIVE = 'live_engine_http_srv';
const CONF = 'room_engine_http_srv';
const MIC = 'room_engine_http_mic';
const MEMBER_LIST = `${CONF}/get_room_member_list`;
const KICK_OUT = `${CONF}/kick_user_out`;
const CONF_BAN = `${CONF}/ban_room_member`;
const CONF_UNBAN = `${CONF}/unban_room_member`;
const CONF_BANNED = `${CONF}/get_banned_member_list`;
const LIVE_BAN = `${LIVE}/ban_member`;
const LIVE_UNBAN = `${LIVE}/unban_member`;
const LIVE_BANNED = `${LIVE}/get_banned_member_list`;
const MUTE = `${LIVE}/mute_member`;
const MUTED = `${LIVE}/get_muted_member_list`;
const SEND_TEXT = `${LIVE}/send_text_msg`;
const PICK = `${MIC}/pick_user_on_seat`;
const KICK_OFF = `${MIC}/kick_user_off_seat`;
const SEATS = `${MIC}/get_seat_list`;
const LOCK = `${MIC}/lock_seat`;
const MOVE = `${MIC}/move_user_to_seat`;

const SEAT_CHANGED = 'Mic.CallbackAfterSeatInfoChanged';
const MEMBER_LEAVE = 'Room.CallbackAfterMemberLeave';

// ---------------------------------------------------------------- harness

interface Reply {
	status: number;
	text: string;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	json: any;
	headers: http.IncomingHttpHeaders;
}

interface Harness {
	emulator: TencentEmulator;
	clock: { ms: number };
	call(command: string, body?: unknown, options?: { identifier?: string; app?: EmulatorApp }): Promise<Reply>;
	/** Moves the pinned clock on. */
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
			const url = signedCommandUrl(emulator.baseUrl, command, {
				sdkAppId: app.sdkAppId,
				secretKey: app.secretKey,
				identifier: callOptions.identifier ?? ADMIN,
				nowMs: clock.ms,
			});
			return rawRequest(url, {
				method: 'POST',
				body: JSON.stringify(body),
				agent: false,
				headers: { 'Content-Type': 'application/json' },
			}) as Promise<Reply>;
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
	expect(typeof reply.json.ErrorInfo).toBe('string');
	expect(reply.json.ErrorInfo).not.toBe('');
}

function expectOk(reply: Reply): void {
	expect(reply.status).toBe(200);
	expect(reply.json).toMatchObject({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' });
	expect(reply.json.RequestId).toMatch(REQUEST_ID);
}

function numbered(prefix: string, count: number, from = 1): string[] {
	return Array.from({ length: count }, (_, i) => `${prefix}${String(i + from).padStart(3, '0')}`);
}

/** A conference room owned by alice, with bob, carol, dave as members, 4 seats. */
function confRoom(h: Harness, roomId = 'conf-1', extra: { members?: string[]; seatCount?: number } = {}): void {
	h.emulator.createRoom({ roomId, type: 'conference', owner: 'alice', members: extra.members ?? ['bob', 'carol', 'dave'], seatCount: extra.seatCount ?? 4 });
}

/** A live room owned by host, with viewers v1..v3, 4 seats. */
function liveRoom(h: Harness, roomId = 'live-1', extra: { isMessageDisabled?: boolean } = {}): void {
	h.emulator.createRoom({ roomId, type: 'live', owner: 'host', members: ['v1', 'v2', 'v3'], seatCount: 4, ...extra });
}

const seatAccounts = (h: Harness, roomId: string) => h.emulator.getSeats(roomId).map((seat) => seat.Member_Account);

// ---------------------------------------------------------------- callback receiver

interface Received {
	path: string;
	query: URLSearchParams;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	body: any;
	/** Date.now() when the body was complete. */
	at: number;
}

interface Receiver {
	url: string;
	received: Received[];
	/** Resolves when the n-th callback has arrived. */
	waitFor(count: number): Promise<void>;
}

/** A local callback endpoint; `respond` answers (default: Tencent's OK JSON). */
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
			else res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}');
		});
	});
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tencent/callback?tenant=7`,
		received,
		waitFor: (count) => (received.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }))),
	};
}

/** The Sign a receiver computes, independently of the emulator. */
const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

// ================================================================ get_room_member_list

describe('room_engine_http_srv/get_room_member_list', () => {
	it('lists members in join order with NameCard, Role (the owner is "Owner"), Marks and CustomInfo', async () => {
		const h = await startHarness();
		h.emulator.createRoom({
			roomId: 'conf-1',
			type: 'conference',
			owner: 'alice',
			members: [{ account: 'bob', nameCard: 'Bob B.', role: 'Admin', marks: [1001, 1002], customInfo: '{"team":"red"}' }, 'carol'],
		});
		h.emulator.addRoomMembers('conf-1', [{ account: 'dave', nameCard: 'Dave' }, { account: 'carol', marks: [1003] }]);
		const reply = await h.call(MEMBER_LIST, { RoomId: 'conf-1' });
		expectOk(reply);
		expect(reply.json.Response).toEqual({
			Next: '',
			MemberList: [
				{ Member_Account: 'alice', NameCard: '', Role: 'Owner', Marks: [], CustomInfo: '' },
				{ Member_Account: 'bob', NameCard: 'Bob B.', Role: 'Admin', Marks: [1001, 1002], CustomInfo: '{"team":"red"}' },
				// Added again: keeps the place, takes the marks.
				{ Member_Account: 'carol', NameCard: '', Role: 'Member', Marks: [1003], CustomInfo: '' },
				{ Member_Account: 'dave', NameCard: 'Dave', Role: 'Member', Marks: [], CustomInfo: '' },
			],
		});
		expect(h.emulator.getRoomMemberInfo('conf-1')).toEqual(reply.json.Response.MemberList);
		// Reads change nothing.
		expect(h.emulator.mutations).toEqual([]);
	});

	it('follows the owner: after change_room_owner the new owner is "Owner" and the old one a Member', async () => {
		const h = await startHarness();
		confRoom(h);
		expectOk(await h.call(`${CONF}/change_room_owner`, { RoomId: 'conf-1', From_Account: 'alice', NewOwner_Account: 'carol' }));
		const reply = await h.call(MEMBER_LIST, { RoomId: 'conf-1', Count: 10, Next: '' });
		expect(reply.json.Response.MemberList.map((m: { Member_Account: string; Role: string }) => `${m.Member_Account}:${m.Role}`)).toEqual([
			'alice:Member',
			'bob:Member',
			'carol:Owner',
			'dave:Member',
		]);
	});

	it('pages 120 members 50/50/20 with an opaque Next ("" = done); Count defaults to 50, and 100 is the most', async () => {
		const h = await startHarness();
		const members = numbered('m-', 119);
		h.emulator.createRoom({ roomId: 'conf-big', type: 'conference', owner: 'alice', members });
		const all = ['alice', ...members];

		const pages: string[][] = [];
		const cursors: string[] = [];
		let next = '';
		do {
			const reply = await h.call(MEMBER_LIST, { RoomId: 'conf-big', Count: 50, Next: next });
			expectOk(reply);
			pages.push(reply.json.Response.MemberList.map((m: { Member_Account: string }) => m.Member_Account));
			next = reply.json.Response.Next;
			if (next !== '') cursors.push(next);
		} while (next !== '');
		expect(pages.map((page) => page.length)).toEqual([50, 50, 20]);
		expect(pages.flat()).toEqual(all);
		// Opaque: not the offset or an account.
		for (const cursor of cursors) expect(cursor).toMatch(/^[0-9a-f]{32}$/);

		// Default Count (no Count, no Next) is 50; a repeated page gives the same cursor.
		const first = await h.call(MEMBER_LIST, { RoomId: 'conf-big' });
		expect(first.json.Response.MemberList).toHaveLength(50);
		expect(first.json.Response.Next).toBe(cursors[0]);

		const hundred = await h.call(MEMBER_LIST, { RoomId: 'conf-big', Count: 100 });
		expect(hundred.json.Response.MemberList).toHaveLength(100);
		const rest = await h.call(MEMBER_LIST, { RoomId: 'conf-big', Count: 100, Next: hundred.json.Response.Next });
		expect(rest.json.Response.MemberList).toHaveLength(20);
		expect(rest.json.Response.Next).toBe('');

		// Exactly full last page: Next "" at once.
		const exact = await h.call(MEMBER_LIST, { RoomId: 'conf-big', Count: 60 });
		const exactRest = await h.call(MEMBER_LIST, { RoomId: 'conf-big', Count: 60, Next: exact.json.Response.Next });
		expect(exactRest.json.Response).toMatchObject({ Next: '' });
		expect(exactRest.json.Response.MemberList).toHaveLength(60);
	});

	it('continues after the last member listed (choice): members who leave between pages skip nobody, and who comes back is listed last', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'conf-1', type: 'conference', owner: 'alice', members: numbered('m-', 9) });
		const first = await h.call(MEMBER_LIST, { RoomId: 'conf-1', Count: 4 });
		expect(first.json.Response.MemberList.map((m: { Member_Account: string }) => m.Member_Account)).toEqual(['alice', 'm-001', 'm-002', 'm-003']);
		// m-003 (the last listed) and m-004 leave; m-001 leaves and comes back.
		h.emulator.removeRoomMembers('conf-1', ['m-003', 'm-004', 'm-001']);
		h.emulator.addRoomMembers('conf-1', ['m-001']);
		const second = await h.call(MEMBER_LIST, { RoomId: 'conf-1', Count: 4, Next: first.json.Response.Next });
		expect(second.json.Response.MemberList.map((m: { Member_Account: string }) => m.Member_Account)).toEqual(['m-005', 'm-006', 'm-007', 'm-008']);
		const third = await h.call(MEMBER_LIST, { RoomId: 'conf-1', Count: 4, Next: second.json.Response.Next });
		expect(third.json.Response).toEqual({
			Next: '',
			MemberList: [
				{ Member_Account: 'm-009', NameCard: '', Role: 'Member', Marks: [], CustomInfo: '' },
				{ Member_Account: 'm-001', NameCard: '', Role: 'Member', Marks: [], CustomInfo: '' },
			],
		});
	});

	it('answers 100002 for Count outside 1..100, a Next that is not a string or not handed out for this room, 100004 and 100006 for a live room', async () => {
		const h = await startHarness();
		confRoom(h);
		h.emulator.createRoom({ roomId: 'conf-2', type: 'conference', owner: 'zed', members: numbered('z-', 5) });
		liveRoom(h);
		for (const body of [
			{ RoomId: 'conf-1', Count: 0 },
			{ RoomId: 'conf-1', Count: 101 },
			{ RoomId: 'conf-1', Count: 2.5 },
			{ RoomId: 'conf-1', Count: '10' },
			{ RoomId: 'conf-1', Next: 0 },
			{ RoomId: 'conf-1', Next: 'not-a-cursor' },
			{ Count: 10 },
			{ RoomId: '' },
		]) {
			expectError(await h.call(MEMBER_LIST, body), ErrorCodes.roomInvalidParameter);
		}
		// A cursor of another room is unknown here.
		const other = await h.call(MEMBER_LIST, { RoomId: 'conf-2', Count: 2 });
		expectError(await h.call(MEMBER_LIST, { RoomId: 'conf-1', Next: other.json.Response.Next }), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(MEMBER_LIST, { RoomId: 'nope' }), ErrorCodes.roomNotFound);
		expectError(await h.call(MEMBER_LIST, { RoomId: 'live-1' }), ErrorCodes.notLiveRoom);
	});
});

// ================================================================ kick_user_out

describe('room_engine_http_srv/kick_user_out', () => {
	it('removes the members from the room and their seats; they may come back (a kick is not a ban)', async () => {
		const h = await startHarness();
		confRoom(h);
		h.emulator.takeSeat('conf-1', 'bob', 1);
		h.emulator.takeSeat('conf-1', 'carol', 2);
		const reply = await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['bob', 'dave', 'bob'], Reason: 'spam' });
		expectOk(reply);
		expect(reply.json.Response).toBeUndefined();
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'carol']);
		expect(seatAccounts(h, 'conf-1')).toEqual(['', '', 'carol', '']);
		expect(h.emulator.mutations).toEqual([
			{
				seq: expect.any(Number),
				requestSeq: h.emulator.requests[0].seq,
				command: KICK_OUT,
				roomId: 'conf-1',
				detail: { action: 'kickMembers', MemberList_Account: ['bob', 'dave'], Reason: 'spam', freedSeats: [1] },
			},
		]);
		expect(h.emulator.addRoomMembers('conf-1', ['bob'])).toEqual([]);
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'carol', 'bob']);
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([]);
	});

	it('answers 100005 when an account is not a member, and then kicks nobody (choice)', async () => {
		const h = await startHarness();
		confRoom(h);
		expectError(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['bob', 'stranger', 'carol'], Reason: 'x' }), ErrorCodes.notRoomMember);
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'bob', 'carol', 'dave']);
		expect(h.emulator.mutations).toEqual([]);
	});

	it('answers 100002 for more than 20 accounts, no accounts, a missing, empty or over-1000-byte Reason; 20 accounts and 1000 bytes pass', async () => {
		const h = await startHarness();
		const crowd = numbered('c-', 25);
		confRoom(h, 'conf-1', { members: crowd });
		for (const body of [
			{ RoomId: 'conf-1', MemberList_Account: crowd.slice(0, 21), Reason: 'x' },
			{ RoomId: 'conf-1', MemberList_Account: [], Reason: 'x' },
			{ RoomId: 'conf-1', MemberList_Account: 'c-001', Reason: 'x' },
			{ RoomId: 'conf-1', MemberList_Account: ['c-001', ''], Reason: 'x' },
			{ RoomId: 'conf-1', MemberList_Account: ['c-001', 7], Reason: 'x' },
			{ RoomId: 'conf-1', MemberList_Account: ['c-001'] },
			{ RoomId: 'conf-1', MemberList_Account: ['c-001'], Reason: '' },
			{ RoomId: 'conf-1', MemberList_Account: ['c-001'], Reason: 42 },
			// 334 three-byte characters: 1002 bytes.
			{ RoomId: 'conf-1', MemberList_Account: ['c-001'], Reason: '違'.repeat(334) },
			{ MemberList_Account: ['c-001'], Reason: 'x' },
		]) {
			expectError(await h.call(KICK_OUT, body), ErrorCodes.roomInvalidParameter);
		}
		expect(h.emulator.getRoomMembers('conf-1')).toHaveLength(26);
		expectOk(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: crowd.slice(0, 20), Reason: 'a'.repeat(1000) }));
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', ...crowd.slice(20)]);
	});

	it('answers 100004, 100006 for a live room, and 100006 for the owner (choice), kicking nobody', async () => {
		const h = await startHarness();
		confRoom(h);
		liveRoom(h);
		expectError(await h.call(KICK_OUT, { RoomId: 'nope', MemberList_Account: ['bob'], Reason: 'x' }), ErrorCodes.roomNotFound);
		expectError(await h.call(KICK_OUT, { RoomId: 'live-1', MemberList_Account: ['v1'], Reason: 'x' }), ErrorCodes.notLiveRoom);
		expectError(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['bob', 'alice'], Reason: 'x' }), ErrorCodes.notLiveRoom);
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'bob', 'carol', 'dave']);
		expect(h.emulator.getRoomMembers('live-1')).toEqual(['host', 'v1', 'v2', 'v3']);
	});
});

// ================================================================ conference bans

describe('room_engine_http_srv bans', () => {
	it('ban_room_member removes members from the room and their seat; they cannot come back in any way until the ban expires', async () => {
		const h = await startHarness();
		confRoom(h);
		h.emulator.takeSeat('conf-1', 'bob', 2);
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['bob'], Reason: 'abuse', Duration: 60 }));
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'carol', 'dave']);
		expect(seatAccounts(h, 'conf-1')).toEqual(['', '', '', '']);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{ action: 'banMembers', MemberList_Account: ['bob'], Reason: 'abuse', Duration: 60, BannedUntil: T0_SECONDS + 60, removed: ['bob'], freedSeats: [2] },
		]);

		// A banned user is not a member.
		expect(h.emulator.addRoomMembers('conf-1', ['bob', 'erin'])).toEqual(['bob']);
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'carol', 'dave', 'erin']);
		expect(() => h.emulator.takeSeat('conf-1', 'bob', 0)).toThrow(/banned/);
		expectError(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }), ErrorCodes.notRoomMember);
		expectError(await h.call(MOVE, { RoomId: 'conf-1', SeatIndex: 0, Member_Account: 'bob', Policy: 0 }), ErrorCodes.notRoomMember);
		expectError(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['bob'], Reason: 'x' }), ErrorCodes.notRoomMember);
		expect((await h.call(CONF_BANNED, { RoomId: 'conf-1' })).json.Response).toEqual({
			BannedAccountList: [{ Member_Account: 'bob', BannedUntil: T0_SECONDS + 60 }],
			NextOffset: 0,
		});

		// One second before the end: still banned. At the end: gone from the list, free to enter.
		h.tick(59_999);
		expect(h.emulator.addRoomMembers('conf-1', ['bob'])).toEqual(['bob']);
		h.tick(1);
		expect((await h.call(CONF_BANNED, { RoomId: 'conf-1' })).json.Response).toEqual({ BannedAccountList: [], NextOffset: 0 });
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([]);
		expect(h.emulator.addRoomMembers('conf-1', ['bob'])).toEqual([]);
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }));
	});

	it('bans accounts that are not in the room too (choice): that blocks their entry, and removes nobody', async () => {
		const h = await startHarness();
		confRoom(h);
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['mallory'], Reason: 'known troll', Duration: 3600 }));
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'bob', 'carol', 'dave']);
		expect(h.emulator.addRoomMembers('conf-1', ['mallory'])).toEqual(['mallory']);
		expect(h.emulator.mutations[0].detail).toMatchObject({ removed: [], freedSeats: [] });
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([{ Member_Account: 'mallory', BannedUntil: T0_SECONDS + 3600 }]);
	});

	it('a second ban replaces the first: its Duration counts from now, even when shorter, and the account moves to the end (choice)', async () => {
		const h = await startHarness();
		confRoom(h);
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['bob', 'carol'], Reason: 'r', Duration: 3600 }));
		h.tick(10_000);
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['bob'], Reason: 'r', Duration: 5 }));
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([
			{ Member_Account: 'carol', BannedUntil: T0_SECONDS + 3600 },
			{ Member_Account: 'bob', BannedUntil: T0_SECONDS + 15 },
		]);
		h.tick(5_000);
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([{ Member_Account: 'carol', BannedUntil: T0_SECONDS + 3600 }]);
	});

	it('unban_room_member lets them enter again (without bringing them back); unbanning someone not banned succeeds and changes nothing (choice)', async () => {
		const h = await startHarness();
		confRoom(h);
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['bob', 'carol'], Reason: 'r', Duration: 600 }));
		h.emulator.resetLog();
		expectOk(await h.call(CONF_UNBAN, { RoomId: 'conf-1', MemberList_Account: ['bob', 'nobody'] }));
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'dave']);
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([{ Member_Account: 'carol', BannedUntil: T0_SECONDS + 600 }]);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([{ action: 'unbanMembers', MemberList_Account: ['bob'] }]);
		expect(h.emulator.addRoomMembers('conf-1', ['bob'])).toEqual([]);
		// Again: nothing to unban, still OK, nothing logged.
		expectOk(await h.call(CONF_UNBAN, { RoomId: 'conf-1', MemberList_Account: ['bob'] }));
		expect(h.emulator.mutations).toHaveLength(1);
	});

	it('get_banned_member_list pages by Offset and Limit (default 20, at most 100) with NextOffset (0 = done), in ban order, ignoring Next (choice)', async () => {
		const h = await startHarness();
		confRoom(h);
		const banned = numbered('b-', 45);
		for (let i = 0; i < banned.length; i += 20) {
			expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: banned.slice(i, i + 20), Reason: 'r', Duration: 100 + i }));
		}
		const pages: Array<Array<{ Member_Account: string; BannedUntil: number }>> = [];
		let offset = 0;
		const offsets: number[] = [];
		do {
			const reply = await h.call(CONF_BANNED, { RoomId: 'conf-1', Offset: offset, Next: 'ignored' });
			expectOk(reply);
			pages.push(reply.json.Response.BannedAccountList);
			offset = reply.json.Response.NextOffset;
			offsets.push(offset);
		} while (offset !== 0);
		expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
		expect(offsets).toEqual([20, 40, 0]);
		expect(pages.flat().map((entry) => entry.Member_Account)).toEqual(banned);
		expect(pages[2][0]).toEqual({ Member_Account: 'b-041', BannedUntil: T0_SECONDS + 140 });

		const all = await h.call(CONF_BANNED, { RoomId: 'conf-1', Limit: 100 });
		expect(all.json.Response.BannedAccountList).toHaveLength(45);
		expect(all.json.Response.NextOffset).toBe(0);
		const exact = await h.call(CONF_BANNED, { RoomId: 'conf-1', Limit: 15, Offset: 30 });
		expect(exact.json.Response.BannedAccountList).toHaveLength(15);
		expect(exact.json.Response.NextOffset).toBe(0);
		const beyond = await h.call(CONF_BANNED, { RoomId: 'conf-1', Offset: 500 });
		expect(beyond.json.Response).toEqual({ BannedAccountList: [], NextOffset: 0 });

		// The first 20 bans (Duration 100) expire: the list shrinks and Offset counts the bans in force.
		h.tick(100_000);
		const after = await h.call(CONF_BANNED, { RoomId: 'conf-1', Limit: 20 });
		expect(after.json.Response.BannedAccountList[0].Member_Account).toBe('b-021');
		expect(after.json.Response.NextOffset).toBe(20);
	});

	it('answers 100002 for bad Duration, Reason, lists, Limit and Offset; 100004; 100006 for a live room and for the owner (choice); nothing applied', async () => {
		const h = await startHarness();
		confRoom(h);
		liveRoom(h);
		const ban = { RoomId: 'conf-1', MemberList_Account: ['bob'], Reason: 'r', Duration: 60 };
		for (const body of [
			{ ...ban, Duration: 0 },
			{ ...ban, Duration: -5 },
			{ ...ban, Duration: 1.5 },
			{ ...ban, Duration: '60' },
			{ ...ban, Duration: 4294967296 },
			{ ...ban, Duration: undefined },
			{ ...ban, Reason: undefined },
			{ ...ban, Reason: '' },
			{ ...ban, Reason: 'x'.repeat(1001) },
			{ ...ban, MemberList_Account: numbered('x-', 21) },
			{ ...ban, MemberList_Account: [] },
		]) {
			expectError(await h.call(CONF_BAN, body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await h.call(CONF_BAN, { ...ban, RoomId: 'nope' }), ErrorCodes.roomNotFound);
		expectError(await h.call(CONF_BAN, { ...ban, RoomId: 'live-1' }), ErrorCodes.notLiveRoom);
		expectError(await h.call(CONF_BAN, { ...ban, MemberList_Account: ['bob', 'alice'] }), ErrorCodes.notLiveRoom);
		expect(h.emulator.getBannedMembers('conf-1')).toEqual([]);
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'bob', 'carol', 'dave']);
		expectOk(await h.call(CONF_BAN, { ...ban, Duration: 4294967295 }));

		for (const body of [{ RoomId: 'conf-1', MemberList_Account: numbered('x-', 21) }, { RoomId: 'conf-1', MemberList_Account: [] }, { RoomId: 'conf-1' }]) {
			expectError(await h.call(CONF_UNBAN, body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await h.call(CONF_UNBAN, { RoomId: 'live-1', MemberList_Account: ['v1'] }), ErrorCodes.notLiveRoom);
		expectError(await h.call(CONF_UNBAN, { RoomId: 'nope', MemberList_Account: ['v1'] }), ErrorCodes.roomNotFound);

		for (const body of [
			{ RoomId: 'conf-1', Limit: 0 },
			{ RoomId: 'conf-1', Limit: 101 },
			{ RoomId: 'conf-1', Offset: -1 },
			{ RoomId: 'conf-1', Offset: '0' },
			{ Limit: 10 },
		]) {
			expectError(await h.call(CONF_BANNED, body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await h.call(CONF_BANNED, { RoomId: 'live-1' }), ErrorCodes.notLiveRoom);
		expectError(await h.call(CONF_BANNED, { RoomId: 'nope' }), ErrorCodes.roomNotFound);
	});
});

// ================================================================ live bans

describe('live_engine_http_srv bans', () => {
	it('ban_member kicks and blocks (Reason optional); unban_member; get_banned_member_list pages by Offset/Limit', async () => {
		const h = await startHarness();
		liveRoom(h);
		h.emulator.takeSeat('live-1', 'v2', 3);
		expectOk(await h.call(LIVE_BAN, { RoomId: 'live-1', MemberList_Account: ['v2', 'outsider'], Duration: 30 }));
		expect(h.emulator.getRoomMembers('live-1')).toEqual(['host', 'v1', 'v3']);
		expect(seatAccounts(h, 'live-1')).toEqual(['', '', '', '']);
		expect(h.emulator.addRoomMembers('live-1', ['v2', 'outsider', 'v4'])).toEqual(['v2', 'outsider']);
		expectOk(await h.call(LIVE_BAN, { RoomId: 'live-1', MemberList_Account: ['v3'], Reason: '', Duration: 90 }));
		expectOk(await h.call(LIVE_BAN, { RoomId: 'live-1', MemberList_Account: ['v1'], Reason: 'spam links', Duration: 90 }));

		const first = await h.call(LIVE_BANNED, { RoomId: 'live-1', Offset: 0, Limit: 3 });
		expectOk(first);
		expect(first.json.Response).toEqual({
			BannedAccountList: [
				{ Member_Account: 'v2', BannedUntil: T0_SECONDS + 30 },
				{ Member_Account: 'outsider', BannedUntil: T0_SECONDS + 30 },
				{ Member_Account: 'v3', BannedUntil: T0_SECONDS + 90 },
			],
			NextOffset: 3,
		});
		const second = await h.call(LIVE_BANNED, { RoomId: 'live-1', Offset: 3, Limit: 3 });
		expect(second.json.Response).toEqual({ BannedAccountList: [{ Member_Account: 'v1', BannedUntil: T0_SECONDS + 90 }], NextOffset: 0 });

		expectOk(await h.call(LIVE_UNBAN, { RoomId: 'live-1', MemberList_Account: ['v3'] }));
		h.tick(30_000);
		expect(h.emulator.getBannedMembers('live-1')).toEqual([{ Member_Account: 'v1', BannedUntil: T0_SECONDS + 90 }]);
		expect(h.emulator.addRoomMembers('live-1', ['v2', 'v3', 'v1'])).toEqual(['v1']);
		expect(h.emulator.getRoomMembers('live-1')).toEqual(['host', 'v4', 'v2', 'v3']);
	});

	it('answers 100002 for bad fields, 100004, 100006 for a conference room and for the owner (choice)', async () => {
		const h = await startHarness();
		liveRoom(h);
		confRoom(h);
		const ban = { RoomId: 'live-1', MemberList_Account: ['v1'], Duration: 60 };
		for (const body of [
			{ ...ban, Duration: undefined },
			{ ...ban, Duration: 0 },
			{ ...ban, Reason: 5 },
			{ ...ban, Reason: 'y'.repeat(1001) },
			{ ...ban, MemberList_Account: numbered('x-', 21) },
		]) {
			expectError(await h.call(LIVE_BAN, body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await h.call(LIVE_BAN, { ...ban, RoomId: 'nope' }), ErrorCodes.roomNotFound);
		expectError(await h.call(LIVE_BAN, { ...ban, RoomId: 'conf-1', MemberList_Account: ['bob'] }), ErrorCodes.notLiveRoom);
		expectError(await h.call(LIVE_BAN, { ...ban, MemberList_Account: ['host'] }), ErrorCodes.notLiveRoom);
		expectError(await h.call(LIVE_UNBAN, { RoomId: 'conf-1', MemberList_Account: ['bob'] }), ErrorCodes.notLiveRoom);
		expectError(await h.call(LIVE_UNBAN, { RoomId: 'live-1', MemberList_Account: numbered('x-', 21) }), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(LIVE_BANNED, { RoomId: 'conf-1' }), ErrorCodes.notLiveRoom);
		expectError(await h.call(LIVE_BANNED, { RoomId: 'live-1', Limit: 101 }), ErrorCodes.roomInvalidParameter);
		expect(h.emulator.getBannedMembers('live-1')).toEqual([]);
		expect(h.emulator.mutations).toEqual([]);
	});
});

// ================================================================ mutes

describe('live_engine_http_srv/mute_member and get_muted_member_list', () => {
	it('mutes for MuteTime seconds (members stay in the room), 0 unmutes, expired mutes are not listed', async () => {
		const h = await startHarness();
		liveRoom(h);
		expectOk(await h.call(MUTE, { RoomId: 'live-1', MemberList_Account: ['v1', 'v2'], MuteTime: 60 }));
		expectOk(await h.call(MUTE, { RoomId: 'live-1', MemberList_Account: ['lurker'], MuteTime: 600 }));
		expect(h.emulator.getRoomMembers('live-1')).toEqual(['host', 'v1', 'v2', 'v3']);
		const reply = await h.call(MUTED, { RoomId: 'live-1' });
		expectOk(reply);
		expect(reply.json.Response).toEqual({
			MutedAccountList: [
				{ Member_Account: 'v1', MutedUntil: T0_SECONDS + 60 },
				{ Member_Account: 'v2', MutedUntil: T0_SECONDS + 60 },
				{ Member_Account: 'lurker', MutedUntil: T0_SECONDS + 600 },
			],
		});
		expectOk(await h.call(MUTE, { RoomId: 'live-1', MemberList_Account: ['v2', 'never-muted'], MuteTime: 0 }));
		expect(h.emulator.getMutedMembers('live-1').map((m) => m.Member_Account)).toEqual(['v1', 'lurker']);
		h.tick(60_000);
		expect((await h.call(MUTED, { RoomId: 'live-1' })).json.Response).toEqual({
			MutedAccountList: [{ Member_Account: 'lurker', MutedUntil: T0_SECONDS + 600 }],
		});
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{ action: 'muteMembers', MemberList_Account: ['v1', 'v2'], MuteTime: 60, MutedUntil: T0_SECONDS + 60 },
			{ action: 'muteMembers', MemberList_Account: ['lurker'], MuteTime: 600, MutedUntil: T0_SECONDS + 600 },
			{ action: 'unmuteMembers', MemberList_Account: ['v2'] },
		]);
	});

	it('get_muted_member_list ignores paging fields (choice); 100002 for bad fields, 100004, 100006 for a conference room', async () => {
		const h = await startHarness();
		liveRoom(h);
		confRoom(h);
		const accounts = numbered('u-', 30);
		for (let i = 0; i < accounts.length; i += 20) {
			expectOk(await h.call(MUTE, { RoomId: 'live-1', MemberList_Account: accounts.slice(i, i + 20), MuteTime: 120 }));
		}
		const paged = await h.call(MUTED, { RoomId: 'live-1', Next: 'abc', Count: 5, Offset: 10, Limit: 5 });
		expectOk(paged);
		expect(paged.json.Response.MutedAccountList.map((m: { Member_Account: string }) => m.Member_Account)).toEqual(accounts);

		for (const body of [
			{ RoomId: 'live-1', MemberList_Account: ['v1'] },
			{ RoomId: 'live-1', MemberList_Account: ['v1'], MuteTime: -1 },
			{ RoomId: 'live-1', MemberList_Account: ['v1'], MuteTime: 0.5 },
			{ RoomId: 'live-1', MemberList_Account: ['v1'], MuteTime: 4294967296 },
			{ RoomId: 'live-1', MemberList_Account: numbered('x-', 21), MuteTime: 10 },
			{ RoomId: 'live-1', MemberList_Account: [], MuteTime: 10 },
			{ MemberList_Account: ['v1'], MuteTime: 10 },
		]) {
			expectError(await h.call(MUTE, body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await h.call(MUTE, { RoomId: 'nope', MemberList_Account: ['v1'], MuteTime: 10 }), ErrorCodes.roomNotFound);
		expectError(await h.call(MUTE, { RoomId: 'conf-1', MemberList_Account: ['bob'], MuteTime: 10 }), ErrorCodes.notLiveRoom);
		expectError(await h.call(MUTED, {}), ErrorCodes.roomInvalidParameter);
		expectError(await h.call(MUTED, { RoomId: 'nope' }), ErrorCodes.roomNotFound);
		expectError(await h.call(MUTED, { RoomId: 'conf-1' }), ErrorCodes.notLiveRoom);
	});
});

// ================================================================ send_text_msg

describe('live_engine_http_srv/send_text_msg', () => {
	it('logs each message with seq, sender, text, ExtensionInfo, time and requestSeq: a resend is a second message', async () => {
		const h = await startHarness();
		liveRoom(h);
		const body = { RoomId: 'live-1', Sender_Account: 'v1', TextContent: 'hello 👋', ExtensionInfo: '{"color":"red"}' };
		const first = await h.call(SEND_TEXT, body);
		expectOk(first);
		expect(first.json.Response).toBeUndefined();
		h.tick(250);
		expectOk(await h.call(SEND_TEXT, body));
		// The sender need not be a member (choice).
		expectOk(await h.call(SEND_TEXT, { RoomId: 'live-1', Sender_Account: 'passer-by', TextContent: 'hi' }));
		const requests = h.emulator.requests.map((request) => request.seq);
		expect(h.emulator.getRoomMessages('live-1')).toEqual([
			{ seq: 1, Sender_Account: 'v1', TextContent: 'hello 👋', ExtensionInfo: '{"color":"red"}', time: T0, requestSeq: requests[0] },
			{ seq: 2, Sender_Account: 'v1', TextContent: 'hello 👋', ExtensionInfo: '{"color":"red"}', time: T0 + 250, requestSeq: requests[1] },
			{ seq: 3, Sender_Account: 'passer-by', TextContent: 'hi', ExtensionInfo: '', time: T0 + 250, requestSeq: requests[2] },
		]);
		const duplicates = h.emulator.getRoomMessages('live-1').filter((m) => m.TextContent === body.TextContent);
		expect(duplicates).toHaveLength(2);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{ action: 'sendTextMsg', seq: 1, Sender_Account: 'v1' },
			{ action: 'sendTextMsg', seq: 2, Sender_Account: 'v1' },
			{ action: 'sendTextMsg', seq: 3, Sender_Account: 'passer-by' },
		]);
		expect((await h.call(`${LIVE}/get_room_stats`, { RoomId: 'live-1' })).json.Response.TotalMsgCount).toBe(3);
	});

	it('answers 100002 for missing fields and an ExtensionInfo that is not JSON text, 100004, 100006 for a conference room', async () => {
		const h = await startHarness();
		liveRoom(h);
		confRoom(h);
		const message = { RoomId: 'live-1', Sender_Account: 'v1', TextContent: 'hi' };
		for (const body of [
			{ ...message, Sender_Account: undefined },
			{ ...message, Sender_Account: '' },
			{ ...message, TextContent: undefined },
			{ ...message, TextContent: '' },
			{ ...message, TextContent: 42 },
			{ ...message, ExtensionInfo: '{not json' },
			{ ...message, ExtensionInfo: { color: 'red' } },
			{ ...message, RoomId: undefined },
		]) {
			expectError(await h.call(SEND_TEXT, body), ErrorCodes.roomInvalidParameter);
		}
		expectOk(await h.call(SEND_TEXT, { ...message, ExtensionInfo: '[1,2]' }));
		expectOk(await h.call(SEND_TEXT, { ...message, ExtensionInfo: '' }));
		expectError(await h.call(SEND_TEXT, { ...message, RoomId: 'nope' }), ErrorCodes.roomNotFound);
		expectError(await h.call(SEND_TEXT, { ...message, RoomId: 'conf-1', Sender_Account: 'bob' }), ErrorCodes.notLiveRoom);
		expect(h.emulator.getRoomMessages('live-1')).toHaveLength(2);
	});

	it('answers 80002 over 8192 bytes of TextContent and ExtensionInfo together, and 80001 for a sensitive word (choices)', async () => {
		const h = await startHarness({ sensitiveWords: ['badword'] });
		liveRoom(h);
		const extension = '{"a":1}';
		expectOk(await h.call(SEND_TEXT, { RoomId: 'live-1', Sender_Account: 'v1', TextContent: 'x'.repeat(8192 - extension.length), ExtensionInfo: extension }));
		expectError(
			await h.call(SEND_TEXT, { RoomId: 'live-1', Sender_Account: 'v1', TextContent: 'x'.repeat(8193 - extension.length), ExtensionInfo: extension }),
			ErrorCodes.messageTooLarge,
		);
		// Bytes, not characters: 2731 three-byte characters are 8193 bytes.
		expectError(await h.call(SEND_TEXT, { RoomId: 'live-1', Sender_Account: 'v1', TextContent: '語'.repeat(2731) }), ErrorCodes.messageTooLarge);
		expect(ErrorCodes.messageTooLarge).toBe(80002);
		// Size comes before the room.
		expectError(await h.call(SEND_TEXT, { RoomId: 'nope', Sender_Account: 'v1', TextContent: 'x'.repeat(8193) }), ErrorCodes.messageTooLarge);

		expectError(await h.call(SEND_TEXT, { RoomId: 'live-1', Sender_Account: 'v1', TextContent: 'what a BadWord!' }), ErrorCodes.messageFiltered);
		expect(ErrorCodes.messageFiltered).toBe(80001);
		// ExtensionInfo is not filtered; the default word is not in this emulator's list.
		expectOk(await h.call(SEND_TEXT, { RoomId: 'live-1', Sender_Account: 'v1', TextContent: 'forbidden-word', ExtensionInfo: '{"w":"badword"}' }));
		expect(h.emulator.getRoomMessages('live-1')).toHaveLength(2);
	});

	it('answers 100016 for a banned sender and 100017 for a muted one (choices), and 100017 in a room with IsMessageDisabled except for the owner and admins', async () => {
		const h = await startHarness();
		liveRoom(h);
		const send = (Sender_Account: string, RoomId = 'live-1') => h.call(SEND_TEXT, { RoomId, Sender_Account, TextContent: 'hi' });
		expectOk(await h.call(LIVE_BAN, { RoomId: 'live-1', MemberList_Account: ['v1'], Duration: 10 }));
		expectOk(await h.call(MUTE, { RoomId: 'live-1', MemberList_Account: ['v2', 'v1'], MuteTime: 20 }));
		expectError(await send('v1'), ErrorCodes.memberBanned);
		expect(ErrorCodes.memberBanned).toBe(100016);
		expectError(await send('v2'), ErrorCodes.memberMuted);
		expect(ErrorCodes.memberMuted).toBe(100017);
		expectOk(await send('v3'));
		h.tick(10_000);
		// The ban is over, the mute is not.
		expectError(await send('v1'), ErrorCodes.memberMuted);
		h.tick(10_000);
		expectOk(await send('v1'));
		expectOk(await send('v2'));

		h.emulator.createRoom({ roomId: 'live-quiet', type: 'live', owner: 'host', members: [{ account: 'mod', role: 'Admin' }, 'fan'], isMessageDisabled: true });
		expectError(await send('fan', 'live-quiet'), ErrorCodes.memberMuted);
		expectOk(await send('host', 'live-quiet'));
		expectOk(await send('mod', 'live-quiet'));
		expect(h.emulator.getRoomMessages('live-quiet').map((m) => m.Sender_Account)).toEqual(['host', 'mod']);
	});
});

// ================================================================ seats

describe('room_engine_http_mic/pick_user_on_seat and kick_user_off_seat', () => {
	it('pick puts a member on a free seat, in both kinds of room', async () => {
		const h = await startHarness();
		liveRoom(h);
		confRoom(h);
		expectOk(await h.call(PICK, { RoomId: 'live-1', Index: 2, Member_Account: 'v1' }));
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }));
		expect(seatAccounts(h, 'live-1')).toEqual(['', '', 'v1', '']);
		expect(seatAccounts(h, 'conf-1')).toEqual(['bob', '', '', '']);
		const seats = await h.call(SEATS, { RoomId: 'live-1' });
		expect(seats.json.Response.SeatList[2]).toEqual({ Index: 2, Member_Account: 'v1', IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		expect(h.emulator.mutations.map((m) => [m.command, m.roomId, m.detail])).toEqual([
			[PICK, 'live-1', { action: 'pickOnSeat', Index: 2, Member_Account: 'v1' }],
			[PICK, 'conf-1', { action: 'pickOnSeat', Index: 0, Member_Account: 'bob' }],
		]);
	});

	it('pick answers 100005, 100002, 100200, 100201, 100203, 100211 and 100004, changing nothing', async () => {
		const h = await startHarness();
		liveRoom(h);
		h.emulator.createRoom({ roomId: 'no-seats', type: 'live', owner: 'host', members: ['v1'], seatsEnabled: false });
		h.emulator.takeSeat('live-1', 'v1', 0);
		h.emulator.setSeatFlags('live-1', 3, { forbidTaken: true });
		const pick = (body: Record<string, unknown>) => h.call(PICK, { RoomId: 'live-1', Index: 1, Member_Account: 'v2', ...body });
		expectError(await pick({ Member_Account: 'stranger' }), ErrorCodes.notRoomMember);
		for (const body of [{ Index: 4 }, { Index: -1 }, { Index: 1.5 }, { Index: '1' }, { Index: undefined }, { Member_Account: '' }, { Member_Account: undefined }, { RoomId: undefined }]) {
			expectError(await pick(body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await pick({ Index: 3 }), ErrorCodes.seatLocked);
		expectError(await pick({ Index: 0 }), ErrorCodes.seatOccupied);
		expect(ErrorCodes.seatOccupied).toBe(100201);
		expectError(await pick({ Member_Account: 'v1' }), ErrorCodes.alreadyOnThatSeat);
		expectError(await pick({ Member_Account: 'v1', Index: 0 }), ErrorCodes.alreadyOnThatSeat);
		expectError(await pick({ RoomId: 'no-seats', Member_Account: 'v1', Index: 0 }), ErrorCodes.seatsNotSupported);
		expectError(await pick({ RoomId: 'nope' }), ErrorCodes.roomNotFound);
		expect(seatAccounts(h, 'live-1')).toEqual(['v1', '', '', '']);
		expect(h.emulator.mutations).toEqual([]);
	});

	it('kick_user_off_seat frees the seat and the user stays a member; Data "" is allowed (choice); 100206 when not seated, 100002 without Data', async () => {
		const h = await startHarness();
		confRoom(h);
		h.emulator.takeSeat('conf-1', 'bob', 1);
		h.emulator.takeSeat('conf-1', 'carol', 2);
		expectOk(await h.call(KICK_OFF, { RoomId: 'conf-1', Member_Account: 'bob', Data: '' }));
		expectOk(await h.call(KICK_OFF, { RoomId: 'conf-1', Member_Account: 'carol', Data: '{"why":"time is up"}' }));
		expect(seatAccounts(h, 'conf-1')).toEqual(['', '', '', '']);
		expect(h.emulator.getRoomMembers('conf-1')).toEqual(['alice', 'bob', 'carol', 'dave']);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{ action: 'removeFromSeat', reason: 'kickedOffSeat', Index: 1, Member_Account: 'bob', Data: '' },
			{ action: 'removeFromSeat', reason: 'kickedOffSeat', Index: 2, Member_Account: 'carol', Data: '{"why":"time is up"}' },
		]);
		expectError(await h.call(KICK_OFF, { RoomId: 'conf-1', Member_Account: 'bob', Data: '' }), ErrorCodes.userNotOnSeat);
		expectError(await h.call(KICK_OFF, { RoomId: 'conf-1', Member_Account: 'stranger', Data: '' }), ErrorCodes.userNotOnSeat);
		h.emulator.takeSeat('conf-1', 'dave', 0);
		for (const body of [
			{ RoomId: 'conf-1', Member_Account: 'dave' },
			{ RoomId: 'conf-1', Member_Account: 'dave', Data: null },
			{ RoomId: 'conf-1', Member_Account: 'dave', Data: { x: 1 } },
			{ RoomId: 'conf-1', Data: '' },
		]) {
			expectError(await h.call(KICK_OFF, body), ErrorCodes.roomInvalidParameter);
		}
		expectError(await h.call(KICK_OFF, { RoomId: 'nope', Member_Account: 'dave', Data: '' }), ErrorCodes.roomNotFound);
		expect(seatAccounts(h, 'conf-1')).toEqual(['dave', '', '', '']);
	});
});

// ================================================================ callbacks

describe('callbacks for changes made through REST', () => {
	it('sends Mic.CallbackAfterSeatInfoChanged, signed (Sign = sha256(token + RequestTime)), after the REST answer, for pick, kick off seat, lock and move', async () => {
		const h = await startHarness({ latencyMs: 150 });
		const receiver = await startReceiver();
		confRoom(h);
		h.emulator.setCallbackTarget({ url: receiver.url, token: 'xxxxyyyy' });

		const sentAt = Date.now();
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 1, Member_Account: 'bob' }));
		await receiver.waitFor(1);
		// Not before the answer (held back latencyMs).
		expect(receiver.received[0].at - sentAt).toBeGreaterThanOrEqual(140);
		h.emulator.latencyMs = 0;
		h.tick(1000);
		expectOk(await h.call(MOVE, { RoomId: 'conf-1', SeatIndex: 3, Member_Account: 'bob', Policy: 0 }));
		expectOk(await h.call(LOCK, { RoomId: 'conf-1', Index: 0, ForbidAudio: true }));
		expectOk(await h.call(KICK_OFF, { RoomId: 'conf-1', Member_Account: 'bob', Data: 'bye' }));
		await h.emulator.waitForCallbacks();

		expect(receiver.received).toHaveLength(4);
		for (const callback of receiver.received) {
			expect(callback.path).toBe('/tencent/callback');
			expect(callback.query.get('tenant')).toBe('7');
			expect(callback.query.get('SdkAppid')).toBe(String(DEMO_APP.sdkAppId));
			expect(callback.query.get('CallbackCommand')).toBe(SEAT_CHANGED);
			expect(callback.query.get('contenttype')).toBe('json');
			expect(callback.query.get('OptPlatform')).toBe('RESTAPI');
			const requestTime = callback.query.get('RequestTime') as string;
			expect(callback.query.get('Sign')).toBe(sha256Hex(`xxxxyyyy${requestTime}`));
			expect(callback.query.get('Sign')).toBe(tencentCallbackSign('xxxxyyyy', requestTime));
			expect(callback.body.CallbackCommand).toBe(SEAT_CHANGED);
			expect(callback.body.Operator_Account).toBe(ADMIN);
			expect(callback.body.RoomId).toBe('conf-1');
		}
		expect(receiver.received[0].query.get('RequestTime')).toBe(String(T0_SECONDS));
		expect(receiver.received[0].body.EventTime).toBe(T0);
		expect(receiver.received[1].body.EventTime).toBe(T0 + 1000);
		const seatLists = receiver.received.map((callback) => callback.body.SeatList);
		expect(seatLists[0]).toEqual([
			{ Index: 0, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
			{ Index: 1, Member_Account: 'bob', IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
			{ Index: 2, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
			{ Index: 3, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
		]);
		expect(seatLists[1].map((seat: { Member_Account?: string }) => seat.Member_Account)).toEqual([undefined, undefined, undefined, 'bob']);
		expect(seatLists[2][0]).toEqual({ Index: 0, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: true });
		expect(seatLists[3].every((seat: { Member_Account?: string }) => seat.Member_Account === undefined)).toBe(true);
		// What get_seat_list answers now is what the last callback said.
		expect((await h.call(SEATS, { RoomId: 'conf-1' })).json.Response.SeatList).toEqual(seatLists[3]);

		expect(h.emulator.callbackDeliveries.map((d) => [d.command, d.status, d.error, d.roomId])).toEqual(Array(4).fill([SEAT_CHANGED, 200, null, 'conf-1']));
		const requestSeqs = h.emulator.requests.filter((r) => r.command !== SEATS).map((r) => r.seq);
		expect(h.emulator.callbackDeliveries.map((d) => d.requestSeq)).toEqual(requestSeqs);
		expect(h.emulator.callbackDeliveries[1].time).toBe(T0 + 1000);
	});

	it('live rooms: the seat callback goes to the live configuration, has no Operator_Account (choice), and an empty seat no Member_Account; no token, no Sign', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		const chat = await startReceiver();
		liveRoom(h);
		h.emulator.setCallbackTarget({ url: chat.url });
		h.emulator.setLiveCallbackConfig({ url: receiver.url, commands: [SEAT_CHANGED] });
		expectOk(await h.call(PICK, { RoomId: 'live-1', Index: 0, Member_Account: 'v1' }));
		await h.emulator.waitForCallbacks();
		expect(chat.received).toEqual([]);
		const [callback] = receiver.received;
		expect(callback.query.has('Sign')).toBe(false);
		expect(callback.query.has('RequestTime')).toBe(false);
		expect(callback.body).toEqual({
			CallbackCommand: SEAT_CHANGED,
			RoomId: 'live-1',
			SeatList: [
				{ Index: 0, Member_Account: 'v1', IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
				{ Index: 1, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
				{ Index: 2, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
				{ Index: 3, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false },
			],
			EventTime: T0,
		});
	});

	it('sends Room.CallbackAfterMemberLeave (Type "Kicked") and the seat change for kick_user_out and ban_room_member; live bans send the seat change to the live configuration (choice)', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		confRoom(h);
		liveRoom(h);
		h.emulator.takeSeat('conf-1', 'bob', 0);
		h.emulator.takeSeat('live-1', 'v1', 0);
		h.emulator.setCallbackTarget({ url: receiver.url, token: 'tok' });
		h.emulator.setLiveCallbackConfig({ url: receiver.url, commands: [SEAT_CHANGED], token: 'tok' });

		expectOk(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['bob', 'carol'], Reason: 'spam' }));
		h.tick(500);
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['dave', 'ghost'], Reason: 'abuse', Duration: 60 }));
		// Only non-members: no member callback, no seat callback.
		expectOk(await h.call(CONF_BAN, { RoomId: 'conf-1', MemberList_Account: ['ghost2'], Reason: 'abuse', Duration: 60 }));
		expectOk(await h.call(LIVE_BAN, { RoomId: 'live-1', MemberList_Account: ['v1', 'v2'], Duration: 60 }));
		// No seat freed: nothing at all.
		expectOk(await h.call(LIVE_BAN, { RoomId: 'live-1', MemberList_Account: ['v3'], Duration: 60 }));
		await h.emulator.waitForCallbacks();

		expect(receiver.received.map((callback) => [callback.body.CallbackCommand, callback.body.RoomId])).toEqual([
			[MEMBER_LEAVE, 'conf-1'],
			[SEAT_CHANGED, 'conf-1'],
			[MEMBER_LEAVE, 'conf-1'],
			[SEAT_CHANGED, 'live-1'],
		]);
		expect(receiver.received[0].body).toEqual({
			CallbackCommand: MEMBER_LEAVE,
			Operator_Account: ADMIN,
			RoomId: 'conf-1',
			MemberCount: 2,
			Type: 'Kicked',
			MemberList_Account: ['bob', 'carol'],
			Reason: 'spam',
			EventTime: T0,
		});
		expect(receiver.received[0].query.get('CallbackCommand')).toBe(MEMBER_LEAVE);
		expect(receiver.received[1].body.SeatList[0]).toEqual({ Index: 0, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
		expect(receiver.received[2].body).toEqual({
			CallbackCommand: MEMBER_LEAVE,
			Operator_Account: ADMIN,
			RoomId: 'conf-1',
			MemberCount: 1,
			Type: 'Kicked',
			MemberList_Account: ['dave'],
			Reason: 'abuse',
			EventTime: T0 + 500,
		});
		expect(receiver.received[3].body.Operator_Account).toBeUndefined();
		for (const callback of receiver.received) {
			expect(callback.query.get('Sign')).toBe(sha256Hex(`tok${callback.query.get('RequestTime')}`));
		}
	});

	it('sends nothing without a target, after clearCallbackTarget, for refused or read-only commands, and only the commands chosen', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		confRoom(h);
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }));
		h.emulator.setCallbackTarget({ url: receiver.url, commands: ['Room.CallbackAfterMemberLeave'] });
		expectError(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['stranger'], Reason: 'x' }), ErrorCodes.notRoomMember);
		expectError(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'carol' }), ErrorCodes.seatOccupied);
		expectOk(await h.call(SEATS, { RoomId: 'conf-1' }));
		expectOk(await h.call(MEMBER_LIST, { RoomId: 'conf-1' }));
		// Frees seat 0, but only the member callback was chosen.
		expectOk(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['bob'], Reason: 'x' }));
		await h.emulator.waitForCallbacks();
		expect(receiver.received.map((callback) => callback.body.CallbackCommand)).toEqual([MEMBER_LEAVE]);

		h.emulator.clearCallbackTarget();
		expectOk(await h.call(KICK_OUT, { RoomId: 'conf-1', MemberList_Account: ['carol'], Reason: 'x' }));
		await h.emulator.waitForCallbacks();
		expect(receiver.received).toHaveLength(1);
		expect(h.emulator.callbackDeliveries).toHaveLength(1);
		h.emulator.resetLog();
		expect(h.emulator.callbackDeliveries).toEqual([]);
	});

	it('a callback applied behind a fault still goes (internalErrorAfterApply); none for a fault before applying', async () => {
		const h = await startHarness();
		const receiver = await startReceiver();
		confRoom(h);
		h.emulator.setCallbackTarget({ url: receiver.url });
		h.emulator.injectFault('internalErrorBeforeApply', { command: PICK });
		expectError(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }), ErrorCodes.roomInternalError);
		h.emulator.injectFault('internalErrorAfterApply', { command: PICK });
		expectError(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }), ErrorCodes.roomInternalError);
		await h.emulator.waitForCallbacks();
		expect(receiver.received).toHaveLength(1);
		expect(receiver.received[0].body.SeatList[0].Member_Account).toBe('bob');
	});

	it('a failing callback server (HTTP 500, no answer, nothing listening) never changes a REST answer; each failure is logged', async () => {
		const h = await startHarness();
		confRoom(h);
		const failing = await startReceiver((res) => res.writeHead(500).end('boom'));
		h.emulator.setCallbackTarget({ url: failing.url });
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }));
		await h.emulator.waitForCallbacks();

		const silent = await startReceiver(() => undefined);
		h.emulator.setCallbackTarget({ url: silent.url, timeoutMs: 150 });
		const started = Date.now();
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 1, Member_Account: 'carol' }));
		expect(Date.now() - started).toBeLessThan(150);
		await h.emulator.waitForCallbacks();

		const gone = http.createServer();
		await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
		const port = (gone.address() as AddressInfo).port;
		await new Promise<void>((resolve) => gone.close(() => resolve()));
		h.emulator.setCallbackTarget({ url: `http://127.0.0.1:${port}/cb` });
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 2, Member_Account: 'dave' }));
		await h.emulator.waitForCallbacks();

		expect(h.emulator.callbackDeliveries.map((d) => [d.status, d.error])).toEqual([
			[500, null],
			[0, 'timeout'],
			[0, expect.stringContaining('ECONNREFUSED')],
		]);
		expect(h.emulator.callbackDeliveries[1].elapsedMs).toBeGreaterThanOrEqual(140);
		expect(seatAccounts(h, 'conf-1')).toEqual(['bob', 'carol', 'dave', '']);
	});

	it('stop() drops a delivery still waiting for its answer, promptly, and logs it', async () => {
		const h = await startHarness();
		confRoom(h);
		const silent = await startReceiver(() => undefined);
		h.emulator.setCallbackTarget({ url: silent.url });
		expectOk(await h.call(PICK, { RoomId: 'conf-1', Index: 0, Member_Account: 'bob' }));
		expectOk(await h.call(KICK_OFF, { RoomId: 'conf-1', Member_Account: 'bob', Data: '' }));
		await silent.waitFor(1);
		const stopping = Date.now();
		await h.emulator.stop();
		expect(Date.now() - stopping).toBeLessThan(1000);
		expect(h.emulator.callbackDeliveries.map((d) => [d.status, d.error])).toEqual([
			[0, 'dropped: the emulator stopped'],
			[0, 'dropped: the emulator stopped'],
		]);
		expect(silent.received).toHaveLength(1);
	});

	it('setCallbackTarget refuses invalid targets', async () => {
		const h = await startHarness();
		expect(() => h.emulator.setCallbackTarget({ url: 'not a url' })).toThrow(/url/);
		expect(() => h.emulator.setCallbackTarget({ url: 'ftp://example.com/cb' })).toThrow(/http/);
		expect(() => h.emulator.setCallbackTarget({ url: 'http://127.0.0.1/cb', token: '' })).toThrow(/token/);
		expect(() => h.emulator.setCallbackTarget({ url: 'http://127.0.0.1/cb', commands: ['Room.CallbackAfterCreateRoom' as never] })).toThrow(/commands/);
		expect(() => h.emulator.setCallbackTarget({ url: 'http://127.0.0.1/cb', timeoutMs: 0 })).toThrow(/timeoutMs/);
		expect(() => h.emulator.setCallbackTarget({ url: 'http://127.0.0.1/cb', sdkAppId: 42 })).toThrow(/no app 42/);
	});
});

// ================================================================ setup helpers

describe('member setup helpers', () => {
	it('createRoom and addRoomMembers take member info, and refuse impossible input with plain Errors', async () => {
		const h = await startHarness();
		expect(() =>
			h.emulator.createRoom({ roomId: 'bad-role', type: 'conference', owner: 'alice', members: [{ account: 'bob', role: 'Owner' as never }] }),
		).toThrow(/role/);
		// Nothing half-made.
		expect(() => h.emulator.getRoom('bad-role')).toThrow(/does not exist/);
		confRoom(h);
		expect(() => h.emulator.addRoomMembers('conf-1', [{ account: '' }])).toThrow(/account/);
		expect(() => h.emulator.addRoomMembers('conf-1', [{ account: 'x', marks: [1.5] }])).toThrow(/marks/);
		expect(() => h.emulator.addRoomMembers('conf-1', [{ account: 'x', nameCard: 5 as never }])).toThrow(/nameCard/);
		h.emulator.addRoomMembers('conf-1', [{ account: 'bob', role: 'Admin', nameCard: 'B' }]);
		expect(h.emulator.getRoomMemberInfo('conf-1')[1]).toEqual({ Member_Account: 'bob', NameCard: 'B', Role: 'Admin', Marks: [], CustomInfo: '' });
	});
});
