/**
 * Room operations (create, get, update, delete, get many, change owner, statistics) through
 * n8n's engine against the emulator over HTTP, for both room kinds.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();
const continueErrors = { onError: 'continueErrorOutput' as const };

const CREATE_LIVE = 'live_engine_http_srv/create_room';
const ROOM_LIST = 'live_engine_http_srv/get_room_list';
const ROOM_STATS = 'live_engine_http_srv/get_room_stats';

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}-${++counter}`;

const room = (operation: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'room', operation, ...extra });
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('room.create', () => {
	it('a live room with every live field: sent as Tencent names them, usable by the seat commands at once', async () => {
		const roomId = uniqueId('live_tonight');
		const { success, errors } = await runNode(
			room('create', {
				roomType: 'live',
				roomId,
				additionalFields: {
					roomName: 'Friday Night Show',
					ownerAccount: 'host01',
					maxMemberCount: 500,
					seatTemplate: 'AudioSalon',
					maxSeatCount: 9,
					takeSeatMode: 'applyToTake',
					isMessageDisabled: false,
					isPublicVisible: true,
					coverUrl: 'https://example.com/cover.png',
					category: 'music, talk',
				},
			}),
		);
		expect(errors).toEqual([]);
		expect(success).toEqual([
			{
				RoomId: roomId,
				RoomType: 'Live',
				RoomName: 'Friday Night Show',
				Owner_Account: 'host01',
				MaxMemberCount: 500,
				SeatTemplate: 'AudioSalon',
				MaxSeatCount: 9,
				TakeSeatMode: 'ApplyToTake',
				IsMessageDisabled: false,
				IsPublicVisible: true,
				CoverURL: 'https://example.com/cover.png',
				Category: ['music', 'talk'],
				RequestId: expect.stringMatching(/^Id-/),
			},
		]);
		expect(emulator.getRoom(roomId)).toMatchObject({ RoomName: 'Friday Night Show', Owner_Account: 'host01', Category: ['music', 'talk'], CoverURL: 'https://example.com/cover.png' });
		const seats = await runNode({ resource: 'seat', operation: 'getMany', roomId: byId(roomId) });
		expect(seats.success).toHaveLength(9);
	});

	it("without an owner, the credential's identifier is named owner (Tencent's default), so an unclear create can be settled", async () => {
		const roomId = uniqueId('live_default_owner');
		const { success } = await runNode(room('create', { roomType: 'live', roomId }));
		expect(success[0]).toMatchObject({ RoomId: roomId, RoomType: 'Live', Owner_Account: 'administrator' });
		expect((emulator.requests[0].body as { RoomInfo: IDataObject }).RoomInfo).toEqual({ RoomId: roomId, RoomType: 'Live', Owner_Account: 'administrator' });
	});

	it('a conference room scheduled with a date-time and with Unix seconds from an expression', async () => {
		const roomId = uniqueId('meeting');
		const start = Math.floor(Date.now() / 1000) + 3600;
		const { success, errors } = await runNode(
			room('create', {
				roomType: 'conference',
				roomId,
				additionalFields: {
					roomName: 'Board',
					scheduleStartTime: new Date(start * 1000).toISOString(),
					scheduleEndTime: `={{ ${start + 1800} }}`,
					customInfo: 'agenda-7',
					isSeatEnabled: true,
					maxSeatCount: 6,
				},
			}),
		);
		expect(errors).toEqual([]);
		expect(success[0]).toMatchObject({ RoomType: 'Conference', ScheduleStartTime: start, ScheduleEndTime: start + 1800, CustomInfo: 'agenda-7', IsSeatEnabled: true });
		expect(emulator.getRoom(roomId)).toMatchObject({ ScheduleStartTime: start, ScheduleEndTime: start + 1800 });
	});

	it('Category as a list from an expression', async () => {
		const roomId = uniqueId('live_list');
		const { success } = await runNode(room('create', { roomType: 'live', roomId, additionalFields: { category: '={{ $json.tags }}' } }), [{ tags: ['news', 'sports'] }]);
		expect(success[0].Category).toEqual(['news', 'sports']);
	});

	it.each<[string, number, () => void]>([
		['a RoomId that exists with another owner', 100003, () => emulator.createRoom({ roomId: 'create-taken-1', type: 'live', owner: 'someone-else' })],
		['a RoomId that exists with the same owner', 100010, () => emulator.createRoom({ roomId: 'create-taken-2', type: 'live', owner: 'administrator' })],
		['a RoomId a Chat group holds', 100011, () => emulator.createGroup({ groupId: 'create-taken-3', type: 'AVChatRoom', members: [] })],
	])('%s: error %i on the error output, nothing created', async (_label, code, setUp) => {
		setUp();
		const roomId = `create-taken-${[100003, 100010, 100011].indexOf(code) + 1}`;
		const { success, errors } = await runNode(room('create', { roomType: 'live', roomId }), [{}], continueErrors);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].details).toMatchObject({ errorCode: code, retryable: false });
		expect(emulator.requests.filter((request) => request.command === CREATE_LIVE)).toHaveLength(1);
	});

	it('a sensitive word (100026) and an app without a paid package (100007) come back as their codes', async () => {
		const sensitive = await runNode(room('create', { roomType: 'live', roomId: uniqueId('live_word'), additionalFields: { roomName: 'forbidden-word party' } }), [{}], continueErrors);
		expect(sensitive.errors[0].details).toMatchObject({ errorCode: 100026 });
		emulator.setPaidPackage(false);
		try {
			const unpaid = await runNode(room('create', { roomType: 'live', roomId: uniqueId('live_unpaid') }), [{}], continueErrors);
			expect(unpaid.errors[0].details).toMatchObject({ errorCode: 100007 });
			expect(unpaid.errors[0].error).toMatch(/no paid package \(100007\)/);
		} finally {
			emulator.setPaidPackage(true);
		}
	});

	it("a value Tencent refuses although it is well-formed (a member limit above the app's package): 100002", async () => {
		const { errors } = await runNode(room('create', { roomType: 'live', roomId: uniqueId('live_big'), additionalFields: { maxMemberCount: 5_000_000 } }), [{}], continueErrors);
		expect(errors[0].details).toMatchObject({ errorCode: 100002, retryable: false });
		expect(errors[0].error).toMatch(/invalid parameter \(100002\)/);
	});

	it('the same RoomId twice in one run: the second waits out 100012 and learns the room exists (100010)', async () => {
		const roomId = uniqueId('live_twice');
		const { success, errors } = await runNode(room('create', { roomType: 'live', roomId }), [{}, {}], continueErrors);
		expect(success).toHaveLength(1);
		expect(errors.map((error) => (error.details as IDataObject).errorCode)).toEqual([100010]);
		// 100012 says "not again within a second": the node waits the second out, once.
		const creates = emulator.requests.filter((request) => request.command === CREATE_LIVE);
		expect(creates.map((request) => request.errorCode)).toEqual([0, 100012, 100010]);
		expect(creates[2].receivedAt - creates[1].receivedAt).toBeGreaterThanOrEqual(990);
	});
});

describe('room.get, update, delete', () => {
	it('get: Tencent\'s RoomInfo for each kind', async () => {
		emulator.createRoom({ roomId: 'get-live', type: 'live', owner: 'host02', name: 'Lounge', viewCount: 7 });
		emulator.createRoom({ roomId: 'get-conf', type: 'conference', owner: 'chair', name: 'Standup' });
		const live = await runNode(room('get', { roomType: 'live', roomId: byId('get-live') }));
		expect(live.success).toEqual([expect.objectContaining({ RoomId: 'get-live', RoomType: 'Live', RoomName: 'Lounge', Owner_Account: 'host02', ViewCount: 7, RequestId: expect.stringMatching(/^Id-/) })]);
		const conference = await runNode(room('get', { roomType: 'conference', roomId: byId('get-conf') }));
		expect(conference.success).toEqual([expect.objectContaining({ RoomId: 'get-conf', RoomType: 'Conference', RoomName: 'Standup', Owner_Account: 'chair' })]);
	});

	it('get: a missing room (100004), a live room asked as a conference room (100006)', async () => {
		const { errors } = await runNode(room('get', { roomType: 'conference', roomId: '={{ $json.room }}' }), [{ room: 'get-gone' }, { room: 'get-live' }], continueErrors);
		expect(errors.map((error) => (error.details as IDataObject).errorCode)).toEqual([100004, 100006]);
	});

	it('update: only the given fields are sent, and the room shows them', async () => {
		emulator.createRoom({ roomId: 'update-live', type: 'live', name: 'Old' });
		const { success } = await runNode(
			room('update', { roomType: 'live', roomId: byId('update-live'), updateFields: { roomName: 'New', notice: 'Back at 9', isMessageDisabled: true, category: 'games' } }),
		);
		expect(success).toEqual([{ RoomId: 'update-live', RoomType: 'Live', RoomName: 'New', Notice: 'Back at 9', IsMessageDisabled: true, Category: ['games'], RequestId: expect.stringMatching(/^Id-/) }]);
		expect((emulator.requests[0].body as IDataObject).RoomInfo).toEqual({ RoomId: 'update-live', RoomName: 'New', Notice: 'Back at 9', IsMessageDisabled: true, Category: ['games'] });
		expect(emulator.getRoom('update-live')).toMatchObject({ RoomName: 'New', Notice: 'Back at 9', IsMessageDisabled: true });
	});

	it('update: a conference room takes its own fields', async () => {
		emulator.createRoom({ roomId: 'update-conf', type: 'conference' });
		const { success } = await runNode(room('update', { roomType: 'conference', roomId: byId('update-conf'), updateFields: { isVideoDisabled: true, customInfo: 'x' } }));
		expect(success[0]).toMatchObject({ RoomType: 'Conference', IsVideoDisabled: true, CustomInfo: 'x' });
		expect(emulator.getRoom('update-conf')).toMatchObject({ IsVideoDisabled: true, CustomInfo: 'x' });
	});

	it('delete: Deleted true, and the room is gone; a second delete answers 100004', async () => {
		emulator.createRoom({ roomId: 'delete-me', type: 'live' });
		const first = await runNode(room('delete', { roomType: 'live', roomId: byId('delete-me') }));
		expect(first.success).toEqual([{ RoomId: 'delete-me', RoomType: 'Live', Deleted: true, RequestId: expect.stringMatching(/^Id-/) }]);
		expect(() => emulator.getRoom('delete-me')).toThrow();
		const second = await runNode(room('delete', { roomType: 'live', roomId: byId('delete-me') }), [{}], continueErrors);
		expect(second.errors[0].details).toMatchObject({ errorCode: 100004, retryable: false });
	});
});

describe('room.getMany (live rooms, 20 a page, 10 calls per second)', () => {
	beforeAll(() => {
		for (let index = 0; index < 45; index++) {
			emulator.createRoom({ roomId: `list-${String(index).padStart(2, '0')}`, type: 'live', name: `Show ${index}`, viewCount: 10_000 + index });
		}
		emulator.createRoom({ roomId: 'list-hidden', type: 'live', isPublicVisible: false, viewCount: 99_999 });
	});
	const listed = (items: IDataObject[]) => items.map((item) => item.RoomId).filter((id) => String(id).startsWith('list-'));

	it('Return All walks Tencent\'s Next cursor: most viewed first, hidden rooms left out', async () => {
		const { success } = await runNode(room('getMany', { returnAll: true }));
		const mine = listed(success);
		expect(mine).toHaveLength(45);
		expect(mine.slice(0, 3)).toEqual(['list-44', 'list-43', 'list-42']);
		expect(mine).not.toContain('list-hidden');
		expect(success[0]).toEqual(expect.objectContaining({ RoomId: expect.any(String), RoomName: expect.any(String), Owner_Account: expect.any(String), ViewCount: expect.any(Number), CreateTime: expect.any(Number) }));
		const pages = emulator.requests.filter((request) => request.command === ROOM_LIST);
		expect(pages.length).toBe(Math.ceil(success.length / 20));
		expect(pages.every((page) => (page.body as IDataObject).Count === 20)).toBe(true);
	});

	it('Limit 25 takes two pages and stops', async () => {
		const { success } = await runNode(room('getMany', { returnAll: false, limit: 25 }));
		expect(success).toHaveLength(25);
		expect(emulator.requests.filter((request) => request.command === ROOM_LIST)).toHaveLength(2);
	});

	it("30 lists at once stay within Tencent's 10 per second, whatever the credential allows", async () => {
		const { success, errors } = await runNode(room('getMany', { returnAll: false, limit: 20 }), Array.from({ length: 30 }, () => ({})), continueErrors, { maxRequestsPerSecond: 500 });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(600);
		const stats = emulator.stats();
		expect(stats.rateLimited).toBe(0);
		expect(stats.maxPerSecondByCommand[ROOM_LIST]).toBeLessThanOrEqual(10);
	});
});

describe('room.changeOwner', () => {
	it('live: NewOwner_Account is sent as is', async () => {
		emulator.createRoom({ roomId: 'owner-live', type: 'live', owner: 'host01' });
		const { success } = await runNode(room('changeOwner', { roomType: 'live', roomId: byId('owner-live'), newOwnerAccount: 'host02' }));
		expect(success).toEqual([{ RoomId: 'owner-live', NewOwner_Account: 'host02', RequestId: expect.stringMatching(/^Id-/) }]);
		expect(emulator.getRoom('owner-live').Owner_Account).toBe('host02');
	});

	it('conference: the current owner is read from the room when not given', async () => {
		emulator.createRoom({ roomId: 'owner-conf', type: 'conference', owner: 'chair', members: ['deputy'] });
		const { success } = await runNode(room('changeOwner', { roomType: 'conference', roomId: byId('owner-conf'), newOwnerAccount: 'deputy' }));
		expect(success[0]).toMatchObject({ NewOwner_Account: 'deputy' });
		expect(emulator.requests.map((request) => request.command)).toEqual(['room_engine_http_srv/get_room_info', 'room_engine_http_srv/change_room_owner']);
		expect(emulator.requests[1].body).toEqual({ RoomId: 'owner-conf', From_Account: 'chair', NewOwner_Account: 'deputy' });
	});

	it('conference: a given current owner saves the read; a new owner who is not a member is refused (100005)', async () => {
		emulator.createRoom({ roomId: 'owner-conf-2', type: 'conference', owner: 'chair', members: ['deputy'] });
		const { errors } = await runNode(
			room('changeOwner', { roomType: 'conference', roomId: byId('owner-conf-2'), newOwnerAccount: 'stranger', fromAccount: 'chair' }),
			[{}],
			continueErrors,
		);
		expect(errors[0].details).toMatchObject({ errorCode: 100005 });
		expect(emulator.requests.map((request) => request.command)).toEqual(['room_engine_http_srv/change_room_owner']);
	});
});

describe('room.getStatistics (100 calls per second)', () => {
	it('a missing room: 100004', async () => {
		const { errors } = await runNode(room('getStatistics', { roomId: byId('stats-gone') }), [{}], continueErrors);
		expect(errors[0].details).toMatchObject({ errorCode: 100004 });
	});

	it("Tencent's statistics fields, per room", async () => {
		emulator.createRoom({ roomId: 'stats-1', type: 'live' });
		emulator.setRoomStats('stats-1', { TotalViewers: 1200, TotalGiftsSent: 30, TotalGiftCoins: 900, TotalUniqueGiftSenders: 12, TotalLikesReceived: 5000, TotalMsgCount: 777 });
		const { success } = await runNode(room('getStatistics', { roomId: byId('stats-1') }));
		expect(success).toEqual([
			{ RoomId: 'stats-1', TotalViewers: 1200, TotalGiftsSent: 30, TotalGiftCoins: 900, TotalUniqueGiftSenders: 12, TotalLikesReceived: 5000, TotalMsgCount: 777, RequestId: expect.stringMatching(/^Id-/) },
		]);
	});

	it('250 rooms at once stay within 100 per second', async () => {
		for (let index = 0; index < 250; index++) emulator.createRoom({ roomId: `stats-many-${index}`, type: 'live' });
		const items = Array.from({ length: 250 }, (_, index) => ({ room: `stats-many-${index}` }));
		const { success } = await runNode(room('getStatistics', { roomId: byId('={{ $json.room }}') }), items, {}, { maxRequestsPerSecond: 200 });
		expect(success).toHaveLength(250);
		const stats = emulator.stats();
		expect(stats.rateLimited).toBe(0);
		expect(stats.maxPerSecondByCommand[ROOM_STATS]).toBeLessThanOrEqual(100);
		expect(stats.maxPerSecondByCommand[ROOM_STATS]).toBeGreaterThanOrEqual(90);
	});
});
