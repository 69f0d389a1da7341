/**
 * Room management over real HTTP on 127.0.0.1, signed like Tencent's clients sign: create, read,
 * update and destroy live and conference rooms, the live list, ownership, statistics, metadata,
 * the app's group list, and the per-command frequency limits. The clock is pinned; the choices
 * tested here are written down in errorCodes.cts ("Choice:").
 */
import * as http from 'http';

import { rawRequest } from '../helpers/rawHttp.cjs';

import {
	DEMO_APP,
	DEMO_GROUP_IDS,
	DEMO_ROOM_IDS,
	DOCUMENTED_RATE_LIMITS,
	type EmulatorApp,
	type EmulatorOptions,
	TencentEmulator,
	seedDemoData,
} from './index.cjs';
import { signedCommandUrl } from './testSigning.cjs';

const ADMIN = 'administrator';
const T0 = 1_750_000_000_000;
const T0_SECONDS = T0 / 1000;
const REQUEST_ID = /^Id-[0-9a-f]{32}-O-Seq-\d+$/;

const LIVE = 'live_engine_http_srv';
const CONF = 'room_engine_http_srv';
const LIVE_CREATE = `${LIVE}/create_room`;
const LIVE_INFO = `${LIVE}/get_room_info`;
const LIVE_UPDATE = `${LIVE}/update_room_info`;
const LIVE_DESTROY = `${LIVE}/destroy_room`;
const LIVE_OWNER = `${LIVE}/change_room_owner`;
const CONF_CREATE = `${CONF}/create_room`;
const CONF_INFO = `${CONF}/get_room_info`;
const CONF_UPDATE = `${CONF}/update_room_info`;
const CONF_DESTROY = `${CONF}/destroy_room`;
const CONF_OWNER = `${CONF}/change_room_owner`;
const ROOM_LIST = `${LIVE}/get_room_list`;
const ROOM_STATS = `${LIVE}/get_room_stats`;
const SET_META = `${LIVE}/set_room_metadata`;
const GET_META = `${LIVE}/get_room_metadata`;
const DEL_META = `${LIVE}/del_room_metadata`;
const GROUP_LIST = 'group_open_http_svc/get_appid_group_list';
const SEATS = 'room_engine_http_mic/get_seat_list';
const LOCK = 'room_engine_http_mic/lock_seat';
const MOVE = 'room_engine_http_mic/move_user_to_seat';
const LIVE_MEMBERS = `${LIVE}/get_member_list`;

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
	/** Moves the pinned clock on (create_room takes a RoomId once a second). */
	tick(ms?: number): void;
}

const started: TencentEmulator[] = [];

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
});

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

const liveCreate = (h: Harness, RoomInfo: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	h.call(LIVE_CREATE, { RoomInfo: { RoomType: 'Live', ...RoomInfo }, ...extra });
const confCreate = (h: Harness, RoomInfo: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
	h.call(CONF_CREATE, { RoomInfo: { RoomType: 'Conference', ...RoomInfo }, ...extra });

async function liveInfo(h: Harness, RoomId: string) {
	const reply = await h.call(LIVE_INFO, { RoomId });
	expectOk(reply);
	return reply.json.Response.RoomInfo;
}

async function confInfo(h: Harness, RoomId: string) {
	const reply = await h.call(CONF_INFO, { RoomId });
	expectOk(reply);
	return reply.json.Response.RoomInfo;
}

// ================================================================ create_room (live)

describe('live_engine_http_srv/create_room', () => {
	it('creates a live room with Tencent\'s defaults: the caller owns it (and is a member), 9 seats, public', async () => {
		const h = await startHarness();
		const reply = await liveCreate(h, { RoomId: 'live-1' });
		expectOk(reply);
		expect(reply.json.RequestId).toMatch(REQUEST_ID);
		expect(reply.json.Response).toEqual({ RoomId: 'live-1' });
		expect(await liveInfo(h, 'live-1')).toEqual({
			RoomId: 'live-1',
			RoomName: 'live-1',
			RoomType: 'Live',
			Owner_Account: ADMIN,
			CreateTime: T0_SECONDS,
			IsSeatEnabled: true,
			TakeSeatMode: 'FreeToTake',
			MaxSeatCount: 9,
			MaxMemberCount: 100000,
			IsMessageDisabled: false,
			CoverURL: '',
			Category: [],
			ActivityStatus: 0,
			ViewCount: 0,
			IsPublicVisible: true,
		});
		expect(h.emulator.getRoomMembers('live-1')).toEqual([ADMIN]);
		expect(h.emulator.getSeats('live-1').map((seat) => seat.Member_Account)).toEqual(Array(9).fill(''));
		expect(h.emulator.getRoom('live-1')).toMatchObject({ Notice: '', SeatTemplate: '' });
		expect(h.emulator.mutations).toEqual([
			{
				seq: expect.any(Number),
				requestSeq: h.emulator.requests[0].seq,
				command: LIVE_CREATE,
				roomId: 'live-1',
				detail: { action: 'createRoom', RoomType: 'Live', Owner_Account: ADMIN, seats: 9 },
			},
		]);
	});

	it('takes every live field, and Owner_Account for someone else', async () => {
		const h = await startHarness();
		expectOk(
			await liveCreate(h, {
				RoomId: 'live-full',
				RoomName: '夜のライブ',
				Owner_Account: 'host-1',
				MaxMemberCount: 500,
				TakeSeatMode: 'ApplyToTake',
				SeatTemplate: 'AudioSalon',
				IsMessageDisabled: true,
				IsPublicVisible: false,
				CoverURL: 'https://example.com/c.jpg',
				Category: ['music', 'jazz', 'live'],
				ActivityStatus: 3,
				Notice: 'Welcome!',
			}),
		);
		expect(await liveInfo(h, 'live-full')).toMatchObject({
			RoomName: '夜のライブ',
			Owner_Account: 'host-1',
			MaxMemberCount: 500,
			TakeSeatMode: 'ApplyToTake',
			MaxSeatCount: 10,
			IsMessageDisabled: true,
			IsPublicVisible: false,
			CoverURL: 'https://example.com/c.jpg',
			Category: ['music', 'jazz', 'live'],
			ActivityStatus: 3,
		});
		expect(h.emulator.getRoom('live-full')).toMatchObject({ Notice: 'Welcome!', SeatTemplate: 'AudioSalon' });
		expect(h.emulator.getRoomMembers('live-full')).toEqual(['host-1']);
	});

	it('gives seats by MaxSeatCount, else by SeatTemplate (choice), and none with IsSeatEnabled false', async () => {
		const h = await startHarness();
		const cases: Array<[Record<string, unknown>, number]> = [
			[{ SeatTemplate: 'VideoDynamicGrid9Seats' }, 9],
			[{ SeatTemplate: 'AudioSalon' }, 10],
			[{ SeatTemplate: 'Karaoke' }, 8],
			[{ SeatTemplate: 'SomethingNew' }, 9],
			[{}, 9],
			[{ SeatTemplate: 'Karaoke', MaxSeatCount: 4 }, 4],
			[{ MaxSeatCount: 50 }, 50],
		];
		for (const [index, [fields, seats]] of cases.entries()) {
			expectOk(await liveCreate(h, { RoomId: `seats-${index}`, ...fields }));
			expect(h.emulator.getSeats(`seats-${index}`)).toHaveLength(seats);
			expect((await liveInfo(h, `seats-${index}`)).MaxSeatCount).toBe(seats);
		}
		expectOk(await liveCreate(h, { RoomId: 'no-seats', IsSeatEnabled: false }));
		expect(await liveInfo(h, 'no-seats')).toMatchObject({ IsSeatEnabled: false, MaxSeatCount: 0 });
		expectError(await h.call(SEATS, { RoomId: 'no-seats' }), 100211);
	});

	it('ignores fields no room has (IsUnlimitedRoomEnabled, KeepOwnerOnSeat) and unknown top-level fields', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'console', IsUnlimitedRoomEnabled: true, KeepOwnerOnSeat: false }, { ScheduleInviteeList_Account: 'ignored' }));
		expect(h.emulator.getRoom('console').RoomId).toBe('console');
	});

	it('treats __proto__, toString and constructor as plain names: unknown fields, an unknown SeatTemplate', async () => {
		const h = await startHarness();
		const RoomInfo = { RoomId: 'hostile', RoomType: 'Live', ['__proto__']: { RoomName: 'x' }, toString: 1, constructor: 'y', SeatTemplate: 'constructor' };
		expect(JSON.stringify({ RoomInfo })).toContain('__proto__');
		expectOk(await h.call(LIVE_CREATE, { RoomInfo }));
		expect(h.emulator.getRoom('hostile')).toMatchObject({ RoomName: 'hostile', SeatTemplate: 'constructor', MaxSeatCount: 9 });
		expectOk(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'hostile', ['__proto__']: 1, hasOwnProperty: 2 } }));
		expectOk(await h.call(SET_META, { RoomId: 'hostile', Metadata: [{ Key: '__proto__', Value: 'v' }] }));
		expect((await h.call(GET_META, { RoomId: 'hostile', Keys: ['__proto__', 'toString'] })).json.Response.Metadata).toEqual([{ Key: '__proto__', Value: 'v' }]);
	});

	it('answers 100002 for every invalid field, creating nothing', async () => {
		const h = await startHarness();
		const cases: Array<[string, unknown]> = [
			['no RoomInfo', {}],
			['RoomInfo not an object', { RoomInfo: [] }],
			['RoomId missing', { RoomInfo: { RoomType: 'Live' } }],
			['RoomId empty', { RoomInfo: { RoomId: '', RoomType: 'Live' } }],
			['RoomId not a string', { RoomInfo: { RoomId: 7, RoomType: 'Live' } }],
			['RoomId over 48 bytes', { RoomInfo: { RoomId: 'é'.repeat(25), RoomType: 'Live' } }],
		];
		const roomInfoCases: Array<[string, Record<string, unknown>]> = [
			['RoomType missing', { RoomType: undefined }],
			['RoomType Conference', { RoomType: 'Conference' }],
			['RoomType lower case', { RoomType: 'live' }],
			['RoomName over 100 bytes', { RoomName: '中'.repeat(34) }],
			['RoomName empty', { RoomName: '' }],
			['RoomName not a string', { RoomName: 5 }],
			['CoverURL over 200 bytes', { CoverURL: `https://example.com/${'c'.repeat(181)}` }],
			['Category of 4', { Category: ['a', 'b', 'c', 'd'] }],
			['Category not a list', { Category: 'music' }],
			['Category with a number', { Category: ['music', 1] }],
			['TakeSeatMode unknown', { TakeSeatMode: 'Free' }],
			['TakeSeatMode None', { TakeSeatMode: 'None' }],
			['IsMessageDisabled not a boolean', { IsMessageDisabled: 'true' }],
			['IsPublicVisible not a boolean', { IsPublicVisible: 1 }],
			['IsSeatEnabled not a boolean', { IsSeatEnabled: 'no' }],
			['MaxMemberCount 0', { MaxMemberCount: 0 }],
			['MaxMemberCount over the package', { MaxMemberCount: 100001 }],
			['MaxMemberCount fractional', { MaxMemberCount: 10.5 }],
			['MaxSeatCount 0', { MaxSeatCount: 0 }],
			['MaxSeatCount 51', { MaxSeatCount: 51 }],
			['ActivityStatus negative', { ActivityStatus: -1 }],
			['ActivityStatus a string', { ActivityStatus: '1' }],
			['Notice over 100 bytes', { Notice: 'n'.repeat(101) }],
			['SeatTemplate empty', { SeatTemplate: '' }],
			['Owner_Account empty', { Owner_Account: '' }],
			['CustomInfo (conference only)', { CustomInfo: 'x' }],
			['ScheduleStartTime (conference only)', { ScheduleStartTime: T0_SECONDS }],
			['IsVideoDisabled (conference only)', { IsVideoDisabled: true }],
			['ViewCount (read only)', { ViewCount: 5 }],
		];
		for (const [index, [what, fields]] of roomInfoCases.entries()) {
			cases.push([what, { RoomInfo: { RoomId: `bad-${index}`, RoomType: 'Live', ...fields } }]);
		}
		for (const [what, body] of cases) {
			const reply = await h.call(LIVE_CREATE, body);
			expect([what, reply.json.ErrorCode]).toEqual([what, 100002]);
			expectError(reply, 100002);
		}
		// The limits themselves are fine.
		expectOk(
			await liveCreate(h, {
				RoomId: 'é'.repeat(24),
				RoomName: '中'.repeat(33),
				CoverURL: `https://example.com/${'c'.repeat(180)}`,
				Notice: 'n'.repeat(100),
				Category: [],
				MaxMemberCount: 100000,
			}),
		);
		expect(h.emulator.mutations.map((m) => m.roomId)).toEqual(['é'.repeat(24)]);
	});

	it('answers 100003 for a RoomId with another owner (or of the other kind) and 100010 for the same owner, changing nothing', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'taken', owner: 'someone', members: ['viewer'] });
		expectError(await liveCreate(h, { RoomId: 'taken' }), 100003);
		h.tick();
		const same = await liveCreate(h, { RoomId: 'taken', Owner_Account: 'someone', RoomName: 'New name' });
		expectError(same, 100010);
		expect(h.emulator.getRoom('taken')).toMatchObject({ RoomName: 'taken', Owner_Account: 'someone' });
		expect(h.emulator.getRoomMembers('taken')).toEqual(['someone', 'viewer']);
		// A conference room of the same owner cannot be "used directly" as a live room (choice).
		expectOk(await confCreate(h, { RoomId: 'meeting' }));
		h.tick();
		expectError(await liveCreate(h, { RoomId: 'meeting' }), 100003);
		expect(h.emulator.mutations.map((m) => m.detail.action)).toEqual(['createRoom']);
	});

	it('answers 100011 for a RoomId used by a Chat group', async () => {
		const h = await startHarness();
		h.emulator.createGroup({ groupId: '@TGS#chat-1', type: 'Public' });
		expectError(await liveCreate(h, { RoomId: '@TGS#chat-1' }), 100011);
		expectError(await confCreate(h, { RoomId: '@TGS#chat-1' }), 100012);
		h.tick();
		expectError(await confCreate(h, { RoomId: '@TGS#chat-1' }), 100011);
		expect(h.emulator.mutations).toEqual([]);
	});

	it('answers 100012 when the same RoomId reached create_room less than 1 s before: every call counts, checked first (choice)', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'hot' }));
		h.clock.ms = T0 + 999;
		expectError(await liveCreate(h, { RoomId: 'hot' }), 100012);
		// The refused call counts too: 501 ms after it is still too soon.
		h.clock.ms = T0 + 1500;
		expectError(await liveCreate(h, { RoomId: 'hot' }), 100012);
		// Before every other check: a bad RoomType is not even looked at.
		h.clock.ms = T0 + 2499;
		expectError(await liveCreate(h, { RoomId: 'hot', RoomType: 'Conference' }), 100012);
		// Either service: the RoomId is one namespace.
		h.clock.ms = T0 + 3000;
		expectError(await confCreate(h, { RoomId: 'hot' }), 100012);
		h.clock.ms = T0 + 4000;
		expectError(await liveCreate(h, { RoomId: 'hot' }), 100010);
		// Other RoomIds are not affected, and a call without a valid RoomId does not count.
		expectOk(await liveCreate(h, { RoomId: 'cold' }));
		expectError(await liveCreate(h, { RoomId: 'x'.repeat(49) }), 100002);
		expectError(await liveCreate(h, { RoomId: 'x'.repeat(49) }), 100002);
		// Destroyed and created again within the second: refused.
		h.clock.ms = T0 + 5000;
		expectOk(await h.call(LIVE_DESTROY, { RoomId: 'cold' }));
		h.clock.ms = T0 + 5200;
		expectOk(await liveCreate(h, { RoomId: 'cold' }));
		h.clock.ms = T0 + 5300;
		expectOk(await h.call(LIVE_DESTROY, { RoomId: 'cold' }));
		expectError(await liveCreate(h, { RoomId: 'cold' }), 100012);
		expect(h.emulator.mutations.map((m) => `${m.detail.action} ${m.roomId}`)).toEqual([
			'createRoom hot',
			'createRoom cold',
			'destroyRoom cold',
			'createRoom cold',
			'destroyRoom cold',
		]);
	});

	it('answers 100026 for a sensitive word in RoomName, Notice or a Category, after the 100002 checks', async () => {
		const h = await startHarness();
		expectError(await liveCreate(h, { RoomId: 's1', RoomName: 'My FORBIDDEN-WORD show' }), 100026);
		expectError(await liveCreate(h, { RoomId: 's2', Notice: 'no forbidden-words here' }), 100026);
		expectError(await liveCreate(h, { RoomId: 's3', Category: ['music', 'xforbidden-wordx'] }), 100026);
		expectError(await liveCreate(h, { RoomId: 's4', RoomName: 'forbidden-word', CoverURL: 'c'.repeat(201) }), 100002);
		// CoverURL is not checked for words.
		expectOk(await liveCreate(h, { RoomId: 's5', CoverURL: 'https://example.com/forbidden-word.jpg' }));
		expect([...h.emulator.mutations.map((m) => m.roomId)]).toEqual(['s5']);
	});

	it('takes its sensitive words from the sensitiveWords option', async () => {
		const h = await startHarness({ sensitiveWords: ['Spoiler'] });
		expectOk(await liveCreate(h, { RoomId: 'w1', RoomName: 'forbidden-word is fine here' }));
		expectError(await liveCreate(h, { RoomId: 'w2', RoomName: 'SPOILERS inside' }), 100026);
		expect(() => new TencentEmulator({ sensitiveWords: [''] })).toThrow(/sensitiveWords/);
	});

	it('answers 100007 without a paid package (EmulatorApp.paidPackage, setPaidPackage), after the 100002 checks', async () => {
		const app: EmulatorApp = { ...DEMO_APP, paidPackage: false };
		const h = await startHarness({ apps: [app] });
		expectError(await liveCreate(h, { RoomId: 'unpaid' }), 100007);
		expectError(await confCreate(h, { RoomId: 'unpaid-conf' }), 100007);
		expectError(await liveCreate(h, { RoomId: 'unpaid-2', MaxSeatCount: 0 }), 100002);
		expect(h.emulator.mutations).toEqual([]);
		h.emulator.setPaidPackage(true);
		h.tick();
		expectOk(await liveCreate(h, { RoomId: 'unpaid' }));
		h.emulator.setPaidPackage(false);
		h.tick();
		expectError(await liveCreate(h, { RoomId: 'another' }), 100007);
		expect(() => new TencentEmulator({ apps: [{ ...DEMO_APP, paidPackage: 'yes' as unknown as boolean }] })).toThrow(/paidPackage/);
	});
});

// ================================================================ create_room (conference)

describe('room_engine_http_srv/create_room', () => {
	it('creates a conference room: owner = caller (a member), one hour from now, Running, no seats', async () => {
		const h = await startHarness();
		const reply = await confCreate(h, { RoomId: 'conf-1' });
		expectOk(reply);
		expect(reply.json.Response).toEqual({ RoomId: 'conf-1' });
		expect(await confInfo(h, 'conf-1')).toEqual({
			RoomId: 'conf-1',
			RoomName: 'conf-1',
			RoomType: 'Conference',
			Owner_Account: ADMIN,
			MaxMemberCount: 1000,
			MaxSeatCount: 0,
			IsVideoDisabled: false,
			IsAudioDisabled: false,
			IsMessageDisabled: false,
			IsScreenSharingDisabled: false,
			IsCloudRecordingDisabled: false,
			CustomInfo: '',
			ScheduleStartTime: T0_SECONDS,
			ScheduleEndTime: T0_SECONDS + 3600,
			RoomStatus: 'Running',
			IsSeatEnabled: false,
			TakeSeatMode: 'FreeToTake',
			CreateTime: T0_SECONDS,
			MemberCount: 1,
		});
		expectError(await h.call(SEATS, { RoomId: 'conf-1' }), 100211);
		expectError(await h.call(LOCK, { RoomId: 'conf-1', Index: 0, ForbidTaken: true }), 100211);
	});

	it('takes every conference field; seats only with IsSeatEnabled (MaxSeatCount, default 16)', async () => {
		const h = await startHarness();
		expectOk(
			await confCreate(
				h,
				{
					RoomId: 'conf-full',
					RoomName: 'Board',
					Owner_Account: 'alice',
					MaxMemberCount: 50,
					ScheduleStartTime: T0_SECONDS + 600,
					ScheduleEndTime: T0_SECONDS + 900,
					IsVideoDisabled: true,
					IsAudioDisabled: true,
					IsMessageDisabled: true,
					IsScreenSharingDisabled: true,
					IsCloudRecordingDisabled: true,
					CustomInfo: '{"agenda":1}',
					IsSeatEnabled: true,
					MaxSeatCount: 6,
					TakeSeatMode: 'ApplyToTake',
				},
				{ ScheduleInviteeList_Account: ['bob', 'carol', 'bob'] },
			),
		);
		expect(await confInfo(h, 'conf-full')).toMatchObject({
			RoomName: 'Board',
			Owner_Account: 'alice',
			MaxMemberCount: 50,
			MaxSeatCount: 6,
			IsVideoDisabled: true,
			IsAudioDisabled: true,
			IsMessageDisabled: true,
			IsScreenSharingDisabled: true,
			IsCloudRecordingDisabled: true,
			CustomInfo: '{"agenda":1}',
			ScheduleStartTime: T0_SECONDS + 600,
			ScheduleEndTime: T0_SECONDS + 900,
			RoomStatus: 'NotStarted',
			IsSeatEnabled: true,
			TakeSeatMode: 'ApplyToTake',
			MemberCount: 1,
		});
		expect(h.emulator.getRoom('conf-full').ScheduleInviteeList_Account).toEqual(['bob', 'carol']);
		expect(h.emulator.getSeats('conf-full')).toHaveLength(6);
		// RoomStatus follows the clock.
		h.clock.ms = T0 + 599_000;
		expect((await confInfo(h, 'conf-full')).RoomStatus).toBe('NotStarted');
		h.clock.ms = T0 + 600_000;
		expect((await confInfo(h, 'conf-full')).RoomStatus).toBe('Running');

		expectOk(await confCreate(h, { RoomId: 'conf-seats', IsSeatEnabled: true }));
		expect(h.emulator.getSeats('conf-seats')).toHaveLength(16);
		expect((await confInfo(h, 'conf-seats')).MaxSeatCount).toBe(16);
	});

	it('answers 100002 for a schedule shorter than 5 minutes, live-only fields and other invalid fields', async () => {
		const h = await startHarness();
		const cases: Array<[string, Record<string, unknown>, Record<string, unknown>?]> = [
			['RoomType Live', { RoomType: 'Live' }],
			['end 299 s after start', { ScheduleStartTime: T0_SECONDS, ScheduleEndTime: T0_SECONDS + 299 }],
			['end before start', { ScheduleStartTime: T0_SECONDS + 1000, ScheduleEndTime: T0_SECONDS }],
			['end 200 s after the default start', { ScheduleEndTime: T0_SECONDS + 200 }],
			['ScheduleStartTime a string', { ScheduleStartTime: String(T0_SECONDS) }],
			['ScheduleStartTime negative', { ScheduleStartTime: -1 }],
			['CustomInfo over 500 bytes', { CustomInfo: 'c'.repeat(501) }],
			['CustomInfo not a string', { CustomInfo: { a: 1 } }],
			['MaxMemberCount over the package', { MaxMemberCount: 1001 }],
			['IsAudioDisabled not a boolean', { IsAudioDisabled: 0 }],
			['CoverURL (live only)', { CoverURL: 'https://example.com/c.jpg' }],
			['Category (live only)', { Category: [] }],
			['SeatTemplate (live only)', { SeatTemplate: 'AudioSalon' }],
			['IsPublicVisible (live only)', { IsPublicVisible: true }],
			['Notice (live only)', { Notice: 'hi' }],
			['ActivityStatus (live only)', { ActivityStatus: 1 }],
			['invitees not a list', {}, { ScheduleInviteeList_Account: 'bob' }],
			['invitee empty', {}, { ScheduleInviteeList_Account: ['bob', ''] }],
		];
		for (const [index, [what, fields, extra]] of cases.entries()) {
			const reply = await confCreate(h, { RoomId: `bad-${index}`, ...fields }, extra);
			expect([what, reply.json.ErrorCode]).toEqual([what, 100002]);
		}
		expect(h.emulator.mutations).toEqual([]);
		// Exactly 5 minutes, and a start in the past, are fine.
		expectOk(await confCreate(h, { RoomId: 'short', ScheduleStartTime: T0_SECONDS - 86400, ScheduleEndTime: T0_SECONDS - 86400 + 300 }));
	});

	it('answers 100026 for a sensitive word in CustomInfo or RoomName', async () => {
		const h = await startHarness();
		expectError(await confCreate(h, { RoomId: 'c1', CustomInfo: '{"x":"forbidden-word"}' }), 100026);
		expectError(await confCreate(h, { RoomId: 'c2', RoomName: 'Forbidden-Word review' }), 100026);
		expect(h.emulator.mutations).toEqual([]);
	});
});

// ================================================================ get_room_info

describe('get_room_info', () => {
	it('answers 100004, 100002 and 100006 for a room of the other kind (choice), both services', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'live-room', type: 'live' });
		h.emulator.createRoom({ roomId: 'conf-room', type: 'conference' });
		for (const command of [LIVE_INFO, CONF_INFO]) {
			expectError(await h.call(command, { RoomId: 'missing' }), 100004);
			for (const body of [{}, { RoomId: '' }, { RoomId: 1 }, { RoomId: 'x'.repeat(49) }]) expectError(await h.call(command, body), 100002);
		}
		expectError(await h.call(LIVE_INFO, { RoomId: 'conf-room' }), 100006);
		expectError(await h.call(CONF_INFO, { RoomId: 'live-room' }), 100006);
	});

	it('describes rooms made by test setup with the same defaults (no owner: Owner_Account "")', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'setup-live', members: ['a', 'b'] });
		h.emulator.createRoom({ roomId: 'setup-conf', type: 'conference', owner: 'alice', seatCount: 4 });
		expect(await liveInfo(h, 'setup-live')).toMatchObject({ Owner_Account: '', MaxSeatCount: 8, IsSeatEnabled: true, RoomName: 'setup-live', CreateTime: T0_SECONDS });
		expect(await confInfo(h, 'setup-conf')).toMatchObject({ Owner_Account: 'alice', MaxSeatCount: 4, MemberCount: 1, RoomStatus: 'Running' });
	});
});

// ================================================================ update_room_info

describe('update_room_info', () => {
	it('updates every field a live room lets you update, and logs the change with the previous values', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'upd', SeatTemplate: 'Karaoke' }));
		h.emulator.resetLog();
		const changes = {
			RoomName: 'Renamed',
			MaxMemberCount: 300,
			IsMessageDisabled: true,
			CoverURL: 'https://example.com/new.jpg',
			Category: ['talk'],
			ActivityStatus: 7,
			IsPublicVisible: false,
			TakeSeatMode: 'ApplyToTake',
			Notice: 'Back at 9',
		};
		const reply = await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'upd', ...changes } });
		expectOk(reply);
		expect(reply.json.Response).toBeUndefined();
		const { Notice, ...listed } = changes;
		expect(await liveInfo(h, 'upd')).toMatchObject(listed);
		expect(h.emulator.getRoom('upd')).toMatchObject({ Notice, SeatTemplate: 'Karaoke', MaxSeatCount: 8 });
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{
				action: 'updateRoomInfo',
				changes,
				previous: {
					RoomName: 'upd',
					MaxMemberCount: 100000,
					IsMessageDisabled: false,
					CoverURL: '',
					Category: [],
					ActivityStatus: 0,
					IsPublicVisible: true,
					TakeSeatMode: 'FreeToTake',
					Notice: '',
				},
			},
		]);
		// Only RoomId: nothing to change, nothing logged.
		expectOk(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'upd' } }));
		expect(h.emulator.mutations).toHaveLength(1);
	});

	it('updates every field a conference room lets you update', async () => {
		const h = await startHarness();
		expectOk(await confCreate(h, { RoomId: 'cupd' }));
		const changes = {
			RoomName: 'Standup',
			MaxMemberCount: 20,
			IsVideoDisabled: true,
			IsAudioDisabled: true,
			IsMessageDisabled: true,
			IsScreenSharingDisabled: true,
			IsCloudRecordingDisabled: true,
			CustomInfo: 'c'.repeat(500),
			TakeSeatMode: 'ApplyToTake',
		};
		expectOk(await h.call(CONF_UPDATE, { RoomInfo: { RoomId: 'cupd', ...changes } }));
		expect(await confInfo(h, 'cupd')).toMatchObject(changes);
	});

	it('answers 100002 for fields the kind does not update (choice) and invalid values, applying none of the valid ones', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv', type: 'live', name: 'Live' });
		h.emulator.createRoom({ roomId: 'cf', type: 'conference', name: 'Conf' });
		const live: Array<Record<string, unknown>> = [
			{ CustomInfo: 'x' },
			{ IsVideoDisabled: true },
			{ MaxSeatCount: 4 },
			{ SeatTemplate: 'AudioSalon' },
			{ IsSeatEnabled: true },
			{ Owner_Account: 'someone' },
			{ RoomType: 'Live' },
			{ ViewCount: 9 },
			{ Notice: 'n'.repeat(101) },
			{ Category: ['a', 'b', 'c', 'd'] },
			{ CoverURL: 7 },
			{ RoomName: '' },
			{ TakeSeatMode: 'Whatever' },
		];
		const conference: Array<Record<string, unknown>> = [
			{ CoverURL: 'https://example.com/c.jpg' },
			{ Category: ['a'] },
			{ Notice: 'hi' },
			{ ActivityStatus: 1 },
			{ IsPublicVisible: false },
			{ ScheduleStartTime: T0_SECONDS },
			{ ScheduleEndTime: T0_SECONDS + 3600 },
			{ MaxSeatCount: 4 },
			{ CustomInfo: 'c'.repeat(501) },
			{ MaxMemberCount: 1001 },
		];
		for (const fields of live) expectError(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'lv', RoomName: 'Changed', ...fields } }), 100002);
		for (const fields of conference) expectError(await h.call(CONF_UPDATE, { RoomInfo: { RoomId: 'cf', RoomName: 'Changed', ...fields } }), 100002);
		for (const command of [LIVE_UPDATE, CONF_UPDATE]) {
			for (const body of [{}, { RoomInfo: 'lv' }, { RoomInfo: {} }, { RoomInfo: { RoomId: 'x'.repeat(49) } }]) expectError(await h.call(command, body), 100002);
		}
		expect(h.emulator.getRoom('lv').RoomName).toBe('Live');
		expect(h.emulator.getRoom('cf').RoomName).toBe('Conf');
		expect(h.emulator.mutations).toEqual([]);
	});

	it('answers 100026, 100004 and 100006', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv', type: 'live' });
		h.emulator.createRoom({ roomId: 'cf', type: 'conference' });
		expectError(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'lv', Notice: 'forbidden-word' } }), 100026);
		expectError(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'lv', RoomName: 'ok', Category: ['Forbidden-Word'] } }), 100026);
		expectError(await h.call(CONF_UPDATE, { RoomInfo: { RoomId: 'cf', CustomInfo: 'FORBIDDEN-WORD' } }), 100026);
		expectError(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'missing', RoomName: 'x' } }), 100004);
		expectError(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'cf', RoomName: 'x' } }), 100006);
		expectError(await h.call(CONF_UPDATE, { RoomInfo: { RoomId: 'lv', RoomName: 'x' } }), 100006);
		expect(h.emulator.getRoom('lv').RoomName).toBe('lv');
		expect(h.emulator.mutations).toEqual([]);
	});
});

// ================================================================ destroy_room

describe('destroy_room', () => {
	it('removes the room with its seats, members and metadata; 100004 afterwards', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'gone' }));
		h.emulator.takeSeat('gone', 'singer', 1);
		expectOk(await h.call(SET_META, { RoomId: 'gone', Metadata: [{ Key: 'k', Value: 'v' }] }));
		const reply = await h.call(LIVE_DESTROY, { RoomId: 'gone' });
		expectOk(reply);
		expect(reply.json.Response).toBeUndefined();
		expect(() => h.emulator.getRoom('gone')).toThrow(/does not exist/);
		for (const [command, body] of [
			[LIVE_DESTROY, { RoomId: 'gone' }],
			[LIVE_INFO, { RoomId: 'gone' }],
			[SEATS, { RoomId: 'gone' }],
			[LIVE_MEMBERS, { RoomId: 'gone', Next: '' }],
			[GET_META, { RoomId: 'gone', Keys: [] }],
		] as const) {
			expectError(await h.call(command, body), 100004);
		}
		expect(h.emulator.mutations.at(-1)?.detail).toEqual({ action: 'destroyRoom', RoomType: 'Live', members: 2 });
		// Created again later: a fresh room.
		h.tick();
		expectOk(await liveCreate(h, { RoomId: 'gone' }));
		expect(h.emulator.getRoomMetadata('gone')).toEqual([]);
		expect(h.emulator.getRoomMembers('gone')).toEqual([ADMIN]);
	});

	it('destroys conference rooms through room_engine_http_srv; 100006 across services, 100002 for a bad RoomId', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv', type: 'live' });
		h.emulator.createRoom({ roomId: 'cf', type: 'conference' });
		expectError(await h.call(CONF_DESTROY, { RoomId: 'lv' }), 100006);
		expectError(await h.call(LIVE_DESTROY, { RoomId: 'cf' }), 100006);
		expectError(await h.call(CONF_DESTROY, {}), 100002);
		expectError(await h.call(CONF_DESTROY, { RoomId: 'nope' }), 100004);
		expectOk(await h.call(CONF_DESTROY, { RoomId: 'cf' }));
		expect(() => h.emulator.getRoom('cf')).toThrow();
		expect(h.emulator.getRoom('lv').RoomId).toBe('lv');
	});
});

// ================================================================ get_room_list

describe('live_engine_http_srv/get_room_list', () => {
	async function listAll(h: Harness, count: number) {
		const pages: Array<{ Next: string; RoomList: Array<Record<string, unknown>> }> = [];
		let next = '';
		do {
			const reply = await h.call(ROOM_LIST, { Next: next, Count: count });
			expectOk(reply);
			pages.push(reply.json.Response);
			next = reply.json.Response.Next;
		} while (next !== '' && pages.length < 100);
		return pages;
	}

	it('pages 45 public live rooms 20/20/5 by ViewCount, leaving out hidden and conference rooms', async () => {
		const h = await startHarness();
		// ViewCounts (i * 919) % 1000 are distinct for i < 1000; insertion order is not the list order.
		for (let i = 0; i < 45; i += 1) {
			h.emulator.createRoom({
				roomId: `room-${String(i).padStart(2, '0')}`,
				owner: `host-${i}`,
				name: `Room ${i}`,
				viewCount: (i * 919) % 1000,
				coverUrl: `https://example.com/${i}.jpg`,
				category: i % 2 === 0 ? ['even'] : ['odd', 'x'],
				activityStatus: i % 3,
				createTime: T0_SECONDS - i,
			});
		}
		for (let i = 0; i < 3; i += 1) h.emulator.createRoom({ roomId: `hidden-${i}`, viewCount: 5000 + i, isPublicVisible: false });
		h.emulator.createRoom({ roomId: 'meeting', type: 'conference' });
		h.emulator.setViewCount('meeting', 9999);

		const pages = await listAll(h, 20);
		expect(pages.map((page) => page.RoomList.length)).toEqual([20, 20, 5]);
		expect(pages[0].Next).toMatch(/^[0-9a-f]{32}$/);
		expect(pages[1].Next).toMatch(/^[0-9a-f]{32}$/);
		expect(pages[1].Next).not.toBe(pages[0].Next);
		expect(pages[2].Next).toBe('');
		const listed = pages.flatMap((page) => page.RoomList);
		const expected = Array.from({ length: 45 }, (_, i) => i).sort((a, b) => ((b * 919) % 1000) - ((a * 919) % 1000));
		expect(listed.map((room) => room.RoomId)).toEqual(expected.map((i) => `room-${String(i).padStart(2, '0')}`));
		expect(listed[0]).toEqual({
			RoomName: `Room ${expected[0]}`,
			RoomId: `room-${String(expected[0]).padStart(2, '0')}`,
			Owner_Account: `host-${expected[0]}`,
			CoverURL: `https://example.com/${expected[0]}.jpg`,
			Category: expected[0] % 2 === 0 ? ['even'] : ['odd', 'x'],
			CreateTime: T0_SECONDS - expected[0],
			ActivityStatus: expected[0] % 3,
			ViewCount: (expected[0] * 919) % 1000,
		});
		// The same page again gives the same cursor; a hidden room made public appears.
		expect((await h.call(ROOM_LIST, { Next: '', Count: 20 })).json.Response.Next).toBe(pages[0].Next);
		expectOk(await h.call(LIVE_UPDATE, { RoomInfo: { RoomId: 'hidden-0', IsPublicVisible: true } }));
		expect((await h.call(ROOM_LIST, { Next: '', Count: 1 })).json.Response.RoomList[0].RoomId).toBe('hidden-0');
	});

	it('breaks ViewCount ties by CreateTime, then RoomId; Next is "" when the last page is exactly full', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'b', viewCount: 5, createTime: 200 });
		h.emulator.createRoom({ roomId: 'c', viewCount: 5, createTime: 100 });
		h.emulator.createRoom({ roomId: 'a', viewCount: 5, createTime: 200 });
		h.emulator.createRoom({ roomId: 'top', viewCount: 6, createTime: 300 });
		const pages = await listAll(h, 2);
		expect(pages.map((page) => page.RoomList.map((room) => room.RoomId))).toEqual([['top', 'c'], ['a', 'b']]);
		expect(pages[1].Next).toBe('');
		const all = await h.call(ROOM_LIST, { Next: '', Count: 20 });
		expect(all.json.Response).toEqual({ Next: '', RoomList: expect.any(Array) });
	});

	it('continues after the last room of the previous page (choice): rooms that change ViewCount between pages may move', async () => {
		const h = await startHarness();
		for (const [roomId, viewCount] of [['r1', 40], ['r2', 30], ['r3', 20], ['r4', 10]] as const) h.emulator.createRoom({ roomId, viewCount });
		const first = (await h.call(ROOM_LIST, { Next: '', Count: 2 })).json.Response;
		expect(first.RoomList.map((room: { RoomId: string }) => room.RoomId)).toEqual(['r1', 'r2']);
		h.emulator.setViewCount('r4', 35);
		const second = (await h.call(ROOM_LIST, { Next: first.Next, Count: 2 })).json.Response;
		expect(second).toEqual({ Next: '', RoomList: [expect.objectContaining({ RoomId: 'r3' })] });
	});

	it('answers an app without live rooms with an empty list, and 100002 for Count outside 1..20, a missing Next or an unknown cursor', async () => {
		const h = await startHarness();
		const empty = await h.call(ROOM_LIST, { Next: '', Count: 20 });
		expectOk(empty);
		expect(empty.json.Response).toEqual({ Next: '', RoomList: [] });
		for (const body of [
			{ Next: '', Count: 0 },
			{ Next: '', Count: 21 },
			{ Next: '', Count: 2.5 },
			{ Next: '', Count: '20' },
			{ Next: '' },
			{ Count: 20 },
			{ Next: 0, Count: 20 },
			{ Next: 'not-a-cursor', Count: 20 },
			{ Next: '0', Count: 20 },
		]) {
			expectError(await h.call(ROOM_LIST, body), 100002);
		}
	});
});

// ================================================================ change_room_owner

describe('change_room_owner', () => {
	it('conference: From_Account must be the owner (else 100002, choice) and NewOwner_Account a member (else 100005)', async () => {
		const h = await startHarness();
		expectOk(await confCreate(h, { RoomId: 'cf', Owner_Account: 'alice' }));
		h.emulator.addRoomMembers('cf', ['bob']);
		h.emulator.resetLog();
		expectError(await h.call(CONF_OWNER, { RoomId: 'cf', From_Account: 'alice', NewOwner_Account: 'zed' }), 100005);
		expectError(await h.call(CONF_OWNER, { RoomId: 'cf', From_Account: 'bob', NewOwner_Account: 'alice' }), 100002);
		expectOk(await h.call(CONF_OWNER, { RoomId: 'cf', From_Account: 'alice', NewOwner_Account: 'bob' }));
		expect((await confInfo(h, 'cf')).Owner_Account).toBe('bob');
		expect(h.emulator.getRoomMembers('cf')).toEqual(['alice', 'bob']);
		expectError(await h.call(CONF_OWNER, { RoomId: 'cf', From_Account: 'alice', NewOwner_Account: 'bob' }), 100002);
		// To the current owner: fine, nothing changes.
		expectOk(await h.call(CONF_OWNER, { RoomId: 'cf', From_Account: 'bob', NewOwner_Account: 'bob' }));
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([{ action: 'changeOwner', From_Account: 'alice', NewOwner_Account: 'bob' }]);
	});

	it('conference: 100002 for missing fields, 100004, 100006 for a live room', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv', type: 'live', owner: 'alice', members: ['bob'] });
		for (const body of [
			{ RoomId: 'lv', From_Account: 'alice' },
			{ RoomId: 'lv', NewOwner_Account: 'bob' },
			{ From_Account: 'alice', NewOwner_Account: 'bob' },
			{ RoomId: 'lv', From_Account: '', NewOwner_Account: 'bob' },
		]) {
			expectError(await h.call(CONF_OWNER, body), 100002);
		}
		expectError(await h.call(CONF_OWNER, { RoomId: 'nope', From_Account: 'alice', NewOwner_Account: 'bob' }), 100004);
		expectError(await h.call(CONF_OWNER, { RoomId: 'lv', From_Account: 'alice', NewOwner_Account: 'bob' }), 100006);
	});

	it('live: the new owner need not be a member (choice) and does not become one', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'lv', Owner_Account: 'alice' }));
		expectOk(await h.call(LIVE_OWNER, { RoomId: 'lv', NewOwner_Account: 'outsider' }));
		expect((await liveInfo(h, 'lv')).Owner_Account).toBe('outsider');
		expect(h.emulator.getRoomMembers('lv')).toEqual(['alice']);
		h.emulator.createRoom({ roomId: 'cf', type: 'conference' });
		expectError(await h.call(LIVE_OWNER, { RoomId: 'cf', NewOwner_Account: 'x' }), 100006);
		expectError(await h.call(LIVE_OWNER, { RoomId: 'nope', NewOwner_Account: 'x' }), 100004);
		expectError(await h.call(LIVE_OWNER, { RoomId: 'lv' }), 100002);
		expectError(await h.call(LIVE_OWNER, { RoomId: 'lv', NewOwner_Account: 5 }), 100002);
		expect(h.emulator.mutations.map((m) => m.detail.action)).toEqual(['createRoom', 'changeOwner']);
	});
});

// ================================================================ get_room_stats

describe('live_engine_http_srv/get_room_stats', () => {
	it('answers the six integers: zeros for a new room, what setRoomStats set otherwise', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'lv' }));
		const zero = await h.call(ROOM_STATS, { RoomId: 'lv' });
		expectOk(zero);
		expect(zero.json.Response).toEqual({
			TotalViewers: 0,
			TotalGiftsSent: 0,
			TotalGiftCoins: 0,
			TotalUniqueGiftSenders: 0,
			TotalLikesReceived: 0,
			TotalMsgCount: 0,
		});
		h.emulator.setRoomStats('lv', { TotalViewers: 120, TotalLikesReceived: 4500 });
		h.emulator.setRoomStats('lv', { TotalMsgCount: 77 });
		expect((await h.call(ROOM_STATS, { RoomId: 'lv' })).json.Response).toEqual({
			TotalViewers: 120,
			TotalGiftsSent: 0,
			TotalGiftCoins: 0,
			TotalUniqueGiftSenders: 0,
			TotalLikesReceived: 4500,
			TotalMsgCount: 77,
		});
		expect(() => h.emulator.setRoomStats('lv', { TotalViewers: -1 })).toThrow(/non-negative/);
		expect(() => h.emulator.setRoomStats('lv', { Likes: 1 } as never)).toThrow(/unknown statistic/);
	});

	it('answers 100002, 100004 and 100006 (conference room)', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'cf', type: 'conference' });
		expectError(await h.call(ROOM_STATS, {}), 100002);
		expectError(await h.call(ROOM_STATS, { RoomId: 'x'.repeat(49) }), 100002);
		expectError(await h.call(ROOM_STATS, { RoomId: 'nope' }), 100004);
		expectError(await h.call(ROOM_STATS, { RoomId: 'cf' }), 100006);
	});
});

// ================================================================ metadata

describe('room metadata', () => {
	it('upserts, reads all or some (unknown keys left out) and deletes', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'lv' }));
		h.emulator.resetLog();
		expectOk(await h.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
		expectOk(await h.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'b', Value: '20' }, { Key: 'c', Value: '' }, { Key: 'c', Value: '3' }] }));
		const all = await h.call(GET_META, { RoomId: 'lv', Keys: [] });
		expectOk(all);
		expect(all.json.Response).toEqual({ Metadata: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '20' }, { Key: 'c', Value: '3' }] });
		expect((await h.call(GET_META, { RoomId: 'lv', Keys: ['c', 'missing', 'a', 'c'] })).json.Response).toEqual({
			Metadata: [{ Key: 'c', Value: '3' }, { Key: 'a', Value: '1' }],
		});
		expectOk(await h.call(DEL_META, { RoomId: 'lv', Keys: ['a', 'missing'] }));
		expectOk(await h.call(DEL_META, { RoomId: 'lv', Keys: ['missing'] }));
		expect(h.emulator.getRoomMetadata('lv')).toEqual([{ Key: 'b', Value: '20' }, { Key: 'c', Value: '3' }]);
		expect(h.emulator.mutations.map((m) => m.detail)).toEqual([
			{ action: 'setMetadata', Metadata: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }], previous: { a: null, b: null } },
			{ action: 'setMetadata', Metadata: [{ Key: 'b', Value: '20' }, { Key: 'c', Value: '3' }], previous: { b: '2', c: null } },
			{ action: 'delMetadata', Keys: ['a'], previous: { a: '1' } },
		]);
	});

	it('answers 100500 beyond 10 keys, 100501 for a value over 2048 bytes, 100502 beyond 16384 bytes in all, applying nothing', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv', metadata: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v'])) });
		// The 10th key is fine, an 11th is not, even with another key updated in the same call.
		expectOk(await h.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'k9', Value: 'v' }] }));
		expectError(await h.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'k0', Value: 'new' }, { Key: 'k10', Value: 'v' }] }), 100500);
		expect(h.emulator.getRoomMetadata('lv')[0]).toEqual({ Key: 'k0', Value: 'v' });

		const h2 = await startHarness();
		h2.emulator.createRoom({ roomId: 'lv' });
		expectOk(await h2.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'max', Value: 'é'.repeat(1024) }] }));
		expectError(await h2.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'ok', Value: 'x' }, { Key: 'big', Value: `${'é'.repeat(1024)}x` }] }), 100501);
		// 8 × 2048 = 16384 bytes is the limit; one byte more is 100502.
		const full = Array.from({ length: 7 }, (_, i) => ({ Key: `f${i}`, Value: 'v'.repeat(2048) }));
		expectOk(await h2.call(SET_META, { RoomId: 'lv', Metadata: full }));
		expectError(await h2.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'one-more', Value: 'x' }] }), 100502);
		// Replacing a value with a shorter one is fine.
		expectOk(await h2.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'f0', Value: 'short' }, { Key: 'one-more', Value: 'x' }] }));
		expect(h2.emulator.getRoomMetadata('lv').map((item) => item.Key)).toEqual(['max', 'f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'one-more']);
		expect(h2.emulator.mutations).toHaveLength(3);
	});

	it('answers 100002 for bad keys, values and lists (choice), 100004 and 100006 (conference room)', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv' });
		h.emulator.createRoom({ roomId: 'cf', type: 'conference' });
		for (const body of [
			{ RoomId: 'lv' },
			{ RoomId: 'lv', Metadata: [] },
			{ RoomId: 'lv', Metadata: {} },
			{ RoomId: 'lv', Metadata: ['k'] },
			{ RoomId: 'lv', Metadata: [{ Key: '', Value: 'v' }] },
			{ RoomId: 'lv', Metadata: [{ Key: 'k'.repeat(51), Value: 'v' }] },
			{ RoomId: 'lv', Metadata: [{ Key: 5, Value: 'v' }] },
			{ RoomId: 'lv', Metadata: [{ Key: 'k', Value: 5 }] },
			{ RoomId: 'lv', Metadata: [{ Key: 'k' }] },
			{ RoomId: 'lv', Metadata: [{ Key: 'ok', Value: 'v' }, { Key: 'bad', Value: null }] },
			{ Metadata: [{ Key: 'k', Value: 'v' }] },
		]) {
			expectError(await h.call(SET_META, body), 100002);
		}
		expectOk(await h.call(SET_META, { RoomId: 'lv', Metadata: [{ Key: 'k'.repeat(50), Value: '' }] }));
		for (const body of [{ RoomId: 'lv' }, { RoomId: 'lv', Keys: 'k' }, { RoomId: 'lv', Keys: [1] }]) {
			expectError(await h.call(GET_META, body), 100002);
			expectError(await h.call(DEL_META, body), 100002);
		}
		expectError(await h.call(DEL_META, { RoomId: 'lv', Keys: [] }), 100002);
		for (const [command, body] of [
			[SET_META, { Metadata: [{ Key: 'k', Value: 'v' }] }],
			[GET_META, { Keys: [] }],
			[DEL_META, { Keys: ['k'] }],
		] as const) {
			expectError(await h.call(command, { RoomId: 'nope', ...body }), 100004);
			expectError(await h.call(command, { RoomId: 'cf', ...body }), 100006);
		}
		expect(h.emulator.getRoomMetadata('lv')).toEqual([{ Key: 'k'.repeat(50), Value: '' }]);
		expect(h.emulator.mutations).toHaveLength(1);
	});
});

// ================================================================ get_appid_group_list

describe('group_open_http_svc/get_appid_group_list', () => {
	it('lists every group of the app at the top level (Chat style), filtered by GroupType, paged by Next', async () => {
		const h = await startHarness();
		const types = ['AVChatRoom', 'Public', 'Private', 'AVChatRoom', 'ChatRoom', 'Community', 'AVChatRoom'] as const;
		types.forEach((type, i) => h.emulator.createGroup({ groupId: `@TGS#g${i}`, type }));
		const all = await h.call(GROUP_LIST, {});
		expectOk(all);
		expect(all.json).toEqual({
			ActionStatus: 'OK',
			ErrorCode: 0,
			ErrorInfo: '',
			GroupIdList: types.map((_, i) => ({ GroupId: `@TGS#g${i}` })),
			TotalCount: 7,
			Next: 0,
		});
		expect(all.json.RequestId).toBeUndefined();

		h.tick();
		const first = (await h.call(GROUP_LIST, { GroupType: 'AVChatRoom', Limit: 2, Next: 0 })).json;
		expect(first).toMatchObject({ GroupIdList: [{ GroupId: '@TGS#g0' }, { GroupId: '@TGS#g3' }], TotalCount: 3 });
		expect(first.Next).toBeGreaterThan(0);
		h.tick();
		const second = (await h.call(GROUP_LIST, { GroupType: 'AVChatRoom', Limit: 2, Next: first.Next })).json;
		expect(second).toMatchObject({ GroupIdList: [{ GroupId: '@TGS#g6' }], TotalCount: 3, Next: 0 });
		h.tick();
		expect((await h.call(GROUP_LIST, { GroupType: 'Public' })).json).toMatchObject({ GroupIdList: [{ GroupId: '@TGS#g1' }], TotalCount: 1, Next: 0 });
		// A deleted group leaves the cursor valid.
		h.emulator.destroyGroup('@TGS#g3');
		h.tick();
		const limited = (await h.call(GROUP_LIST, { Limit: 3 })).json;
		expect(limited.GroupIdList.map((g: { GroupId: string }) => g.GroupId)).toEqual(['@TGS#g0', '@TGS#g1', '@TGS#g2']);
		h.tick();
		const rest = (await h.call(GROUP_LIST, { Limit: 3, Next: limited.Next })).json;
		expect(rest).toMatchObject({ GroupIdList: [{ GroupId: '@TGS#g4' }, { GroupId: '@TGS#g5' }, { GroupId: '@TGS#g6' }], TotalCount: 6, Next: 0 });
	});

	it('answers an app without groups with an empty list, and 10004 for a bad Limit, Next or GroupType (choice)', async () => {
		const h = await startHarness({ rateLimitPerSecond: 0 });
		expect((await h.call(GROUP_LIST, {})).json).toMatchObject({ ErrorCode: 0, GroupIdList: [], TotalCount: 0, Next: 0 });
		for (const body of [{ Limit: 0 }, { Limit: 10001 }, { Limit: '10' }, { Next: -1 }, { Next: '0' }, { Next: 1.5 }, { GroupType: 'Meeting' }, { GroupType: 1 }]) {
			const reply = await h.call(GROUP_LIST, body);
			expectError(reply, 10004);
			expect(reply.json.RequestId).toBeUndefined();
		}
	});
});

// ================================================================ frequency limits

describe('frequency limits per command', () => {
	it('get_room_list: 10 calls per second', async () => {
		const h = await startHarness();
		const replies = await Promise.all(Array.from({ length: 12 }, () => h.call(ROOM_LIST, { Next: '', Count: 20 })));
		expect(replies.filter((r) => r.json.ErrorCode === 0)).toHaveLength(10);
		replies.filter((r) => r.json.ErrorCode !== 0).forEach((r) => expectError(r, 60018));
		expect(h.emulator.stats().maxPerSecondByCommand).toEqual({ [ROOM_LIST]: 10 });
		h.tick();
		expectOk(await h.call(ROOM_LIST, { Next: '', Count: 20 }));
	});

	it('get_room_stats: 100 calls per second', async () => {
		const h = await startHarness();
		h.emulator.createRoom({ roomId: 'lv' });
		const replies = await Promise.all(Array.from({ length: 104 }, () => h.call(ROOM_STATS, { RoomId: 'lv' })));
		expect(replies.filter((r) => r.json.ErrorCode === 0)).toHaveLength(100);
		expect(replies.filter((r) => r.json.ErrorCode === 60018)).toHaveLength(4);
		expect(h.emulator.stats()).toMatchObject({ rateLimited: 4, maxPerSecondByCommand: { [ROOM_STATS]: 100 } });
	});

	it('get_appid_group_list: 1 call per second', async () => {
		const h = await startHarness();
		expectOk(await h.call(GROUP_LIST, {}));
		h.clock.ms = T0 + 999;
		const refused = await h.call(GROUP_LIST, {});
		expectError(refused, 60018);
		expect(refused.json.RequestId).toBeUndefined();
		h.clock.ms = T0 + 1000;
		expectOk(await h.call(GROUP_LIST, {}));
	});

	it('keeps 200/s (rateLimitPerSecond) for the others; rateLimitByCommand overrides; 0 turns every limit off', async () => {
		const h = await startHarness({ rateLimitPerSecond: 3, rateLimitByCommand: { [ROOM_STATS]: 2, [LIVE_INFO]: 0 } });
		expect(DOCUMENTED_RATE_LIMITS).toEqual({ [ROOM_LIST]: 10, [ROOM_STATS]: 100, [GROUP_LIST]: 1 });
		expect(new TencentEmulator().rateLimitFor(LIVE_CREATE)).toBe(200);
		expect(new TencentEmulator().rateLimitFor(SEATS)).toBe(200);
		expect(h.emulator.rateLimitFor(ROOM_LIST)).toBe(10);
		expect(h.emulator.rateLimitFor(GROUP_LIST)).toBe(1);
		expect(h.emulator.rateLimitFor(ROOM_STATS)).toBe(2);
		expect(h.emulator.rateLimitFor(LIVE_INFO)).toBe(0);
		expect(h.emulator.rateLimitFor(CONF_INFO)).toBe(3);
		h.emulator.createRoom({ roomId: 'lv' });
		const codes = async (command: string, body: unknown, n: number) =>
			(await Promise.all(Array.from({ length: n }, () => h.call(command, body)))).map((r) => r.json.ErrorCode as number).sort();
		expect(await codes(ROOM_STATS, { RoomId: 'lv' }, 4)).toEqual([0, 0, 60018, 60018]);
		expect(await codes(SEATS, { RoomId: 'lv' }, 5)).toEqual([0, 0, 0, 60018, 60018]);
		expect(await codes(LIVE_INFO, { RoomId: 'lv' }, 12)).toEqual(Array(12).fill(0));
		expect(await codes(ROOM_LIST, { Next: '', Count: 1 }, 11)).toEqual([...Array(10).fill(0), 60018]);

		const off = await startHarness({ rateLimitPerSecond: 0, rateLimitByCommand: { [ROOM_LIST]: 1 } });
		expect(off.emulator.rateLimitFor(ROOM_LIST)).toBe(0);
		const replies = await Promise.all(Array.from({ length: 15 }, () => off.call(ROOM_LIST, { Next: '', Count: 1 })));
		expect(replies.every((r) => r.json.ErrorCode === 0)).toBe(true);
		expect(await Promise.all([off.call(GROUP_LIST, {}), off.call(GROUP_LIST, {})]).then((r) => r.map((x) => x.json.ErrorCode))).toEqual([0, 0]);

		expect(() => new TencentEmulator({ rateLimitByCommand: { 'nowhere/at_all': 1 } })).toThrow(/unknown command/);
		expect(() => new TencentEmulator({ rateLimitByCommand: { [ROOM_LIST]: -1 } })).toThrow(/non-negative integer/);
		expect(() => new TencentEmulator().rateLimitFor('nowhere/at_all')).toThrow(/unknown command/);
	});
});

// ================================================================ REST rooms in the seat and member commands

describe('rooms created through REST in the existing commands', () => {
	it('a live room: get_seat_list, lock_seat, move_user_to_seat and get_member_list', async () => {
		const h = await startHarness();
		expectOk(await liveCreate(h, { RoomId: 'rest-live', SeatTemplate: 'Karaoke', Owner_Account: 'host' }));
		const seats = await h.call(SEATS, { RoomId: 'rest-live' });
		expectOk(seats);
		expect(seats.json.Response.SeatList).toEqual(
			Array.from({ length: 8 }, (_, Index) => ({ Index, IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false })),
		);
		h.emulator.takeSeat('rest-live', 'host', 0);
		h.emulator.takeSeat('rest-live', 'singer', 1);
		expectOk(await h.call(LOCK, { RoomId: 'rest-live', Index: 1, ForbidTaken: true }));
		expectOk(await h.call(MOVE, { RoomId: 'rest-live', SeatIndex: 5, Member_Account: 'host', Policy: 0 }));
		expect(h.emulator.getSeats('rest-live').map((seat) => [seat.Member_Account, seat.IsTakenDisabled])).toEqual([
			['', false],
			['', true],
			['', false],
			['', false],
			['', false],
			['host', false],
			['', false],
			['', false],
		]);
		const members = await h.call(LIVE_MEMBERS, { RoomId: 'rest-live', Next: '' });
		expectOk(members);
		expect(members.json.Response).toEqual({ Next: '', MemberCount: 2, MemberList: [{ Member_Account: 'host' }, { Member_Account: 'singer' }] });
	});

	it('a conference room: seats with IsSeatEnabled, 100211 without; get_member_list (live) answers 100006', async () => {
		const h = await startHarness();
		expectOk(await confCreate(h, { RoomId: 'with-seats', IsSeatEnabled: true, MaxSeatCount: 4 }));
		expectOk(await confCreate(h, { RoomId: 'without' }));
		expect((await h.call(SEATS, { RoomId: 'with-seats' })).json.Response.SeatList).toHaveLength(4);
		expectOk(await h.call(LOCK, { RoomId: 'with-seats', Index: 3, ForbidAudio: true }));
		expectError(await h.call(SEATS, { RoomId: 'without' }), 100211);
		expectError(await h.call(MOVE, { RoomId: 'without', SeatIndex: 0, Member_Account: ADMIN, Policy: 0 }), 100211);
		expectError(await h.call(LIVE_MEMBERS, { RoomId: 'with-seats', Next: '' }), 100006);
	});
});

// ================================================================ setup helpers and demo data

describe('setup helpers and demo data', () => {
	it('createRoom takes the new optional fields; getRoom, setViewCount and getRoomMetadata read and write them', () => {
		const emulator = new TencentEmulator({ now: () => T0 });
		emulator.createRoom({
			roomId: 'r',
			name: 'Room',
			viewCount: 5,
			createTime: 100,
			isPublicVisible: false,
			coverUrl: 'c',
			category: ['a'],
			activityStatus: 2,
			notice: 'n',
			seatTemplate: 'AudioSalon',
			takeSeatMode: 'ApplyToTake',
			maxMemberCount: 10,
			metadata: { x: '1', y: '2' },
		});
		expect(emulator.getRoom('r')).toEqual({
			RoomId: 'r',
			RoomName: 'Room',
			RoomType: 'Live',
			Owner_Account: '',
			CreateTime: 100,
			IsSeatEnabled: true,
			TakeSeatMode: 'ApplyToTake',
			MaxSeatCount: 8,
			MaxMemberCount: 10,
			IsMessageDisabled: false,
			CoverURL: 'c',
			Category: ['a'],
			ActivityStatus: 2,
			ViewCount: 5,
			IsPublicVisible: false,
			Notice: 'n',
			SeatTemplate: 'AudioSalon',
		});
		emulator.setViewCount('r', 42);
		expect(emulator.getRoom('r').ViewCount).toBe(42);
		expect(emulator.getRoomMetadata('r')).toEqual([{ Key: 'x', Value: '1' }, { Key: 'y', Value: '2' }]);
		emulator.createRoom({ roomId: 'c', type: 'conference', scheduleStartTime: T0_SECONDS + 60, customInfo: 'ci', isVideoDisabled: true });
		expect(emulator.getRoom('c')).toMatchObject({ RoomStatus: 'NotStarted', ScheduleEndTime: T0_SECONDS + 3660, CustomInfo: 'ci', IsVideoDisabled: true, ScheduleInviteeList_Account: [] });
		expect(() => emulator.getRoom('missing')).toThrow(/does not exist/);
		expect(() => emulator.setViewCount('r', -1)).toThrow(/non-negative/);
		expect(() => emulator.setViewCount('missing', 1)).toThrow(/does not exist/);
		expect(() => emulator.createRoom({ roomId: 'bad', viewCount: 1.5 })).toThrow(/viewCount/);
		expect(() => emulator.createRoom({ roomId: 'bad', takeSeatMode: 'Open' as never })).toThrow(/takeSeatMode/);
		expect(() => emulator.setPaidPackage('no' as never)).toThrow(/boolean/);
	});

	it('seeds named live rooms and a conference room; get_room_list orders the demo by ViewCount without the hidden room', async () => {
		const h = await startHarness();
		seedDemoData(h.emulator);
		expect(h.emulator.getRoom(DEMO_ROOM_IDS.liveSunsetGuitar)).toMatchObject({
			RoomName: 'Sunset Guitar Session',
			SeatTemplate: 'AudioSalon',
			MaxSeatCount: 10,
			Category: ['music', 'acoustic'],
			CoverURL: expect.stringMatching(/^https:\/\//),
		});
		expect(h.emulator.getRoom(DEMO_ROOM_IDS.confBoardReview)).toMatchObject({ RoomType: 'Conference', IsSeatEnabled: false, RoomStatus: 'Running' });
		const list = (await h.call(ROOM_LIST, { Next: '', Count: 20 })).json.Response;
		expect(list.Next).toBe('');
		expect(list.RoomList.map((room: { RoomId: string }) => room.RoomId)).toEqual([
			DEMO_ROOM_IDS.liveBigStage,
			DEMO_ROOM_IDS.liveSunsetGuitar,
			DEMO_ROOM_IDS.liveNightShow,
			DEMO_ROOM_IDS.liveCookingLab,
			DEMO_ROOM_IDS.liveKaraokeNight,
			DEMO_ROOM_IDS.voiceLounge,
			DEMO_ROOM_IDS.webinarNoSeats,
		]);
		expect((await h.call(ROOM_STATS, { RoomId: DEMO_ROOM_IDS.liveNightShow })).json.Response.TotalViewers).toBe(12800);
		expect((await h.call(GET_META, { RoomId: DEMO_ROOM_IDS.liveSunsetGuitar, Keys: ['theme'] })).json.Response.Metadata).toEqual([{ Key: 'theme', Value: 'sunset' }]);
		expectError(await h.call(SEATS, { RoomId: DEMO_ROOM_IDS.confBoardReview }), 100211);
		expect((await h.call(GROUP_LIST, {})).json.GroupIdList).toEqual([{ GroupId: DEMO_GROUP_IDS.avChatRoom }, { GroupId: DEMO_GROUP_IDS.publicGroup }]);
	});
});
