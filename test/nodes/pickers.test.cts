/**
 * "From List" in the editor: the node's listSearch methods called as n8n's editor calls them
 * (n8n-core's LoadOptionsContext, requests signed by the credential), and resource locators
 * and 0.1's plain-text IDs in workflows.
 */
import { emulatorCredential, useEmulator } from '../helpers/fixture.cjs';
import { ACTION_NODE_TYPE, searchList } from '../helpers/n8nHarness.cjs';

const { emulator, runNode } = useEmulator();
const ROOM_LIST = 'live_engine_http_srv/get_room_list';
const GROUP_LIST = 'group_open_http_svc/get_appid_group_list';

const node = { name: 'Tencent Room', type: ACTION_NODE_TYPE, typeVersion: 1.1, parameters: { resource: 'seat', operation: 'getMany' } };
const search = (method: string, filter?: string, token?: string) =>
	searchList(node, 'parameters.roomId', method, { tencentRoomApi: emulatorCredential(emulator) }, filter, token);

beforeAll(() => {
	for (let index = 0; index < 50; index++) {
		emulator.createRoom({ roomId: `pick-${index}`, type: 'live', name: index % 10 === 7 ? `Karaoke night ${index}` : `Talk ${index}`, viewCount: 1000 - index });
	}
	for (let index = 0; index < 250; index++) emulator.createGroup({ groupId: `@TGS#pick${index}`, type: 'AVChatRoom', members: [] });
	emulator.createGroup({ groupId: '@TGS#private', type: 'Public', members: [] });
});

describe('searchLiveRooms', () => {
	it('lists live rooms a page at a time, named "Name (ID)", and scrolls on with the cursor', async () => {
		const first = await search('searchLiveRooms');
		expect(first.results).toHaveLength(20);
		expect(first.results[0]).toEqual({ name: 'Talk 0 (pick-0)', value: 'pick-0' });
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search('searchLiveRooms', undefined, first.paginationToken);
		expect(second.results[0].value).toBe('pick-20');
		expect(emulator.requests.filter((request) => request.command === ROOM_LIST)).toHaveLength(2);
	});

	it('filters by name or ID across pages (Tencent cannot search)', async () => {
		const byName = await search('searchLiveRooms', 'karaoke');
		expect(byName.results.map((result) => result.value)).toEqual(['pick-7', 'pick-17', 'pick-27', 'pick-37', 'pick-47']);
		const byIdPart = await search('searchLiveRooms', 'pick-4');
		expect(byIdPart.results.map((result) => result.value)).toEqual(['pick-4', ...Array.from({ length: 10 }, (_, index) => `pick-${40 + index}`)]);
	});

	it("a wrong credential shows Tencent's error in the picker", async () => {
		await expect(searchList(node, 'parameters.roomId', 'searchLiveRooms', { tencentRoomApi: emulatorCredential(emulator, { secretKey: '0'.repeat(64) }) })).rejects.toThrow(
			/UserSig made with another key \(70009\)/,
		);
	});
});

describe('searchAudioVideoGroups', () => {
	it('lists only audio-video groups, by ID, and pages on', async () => {
		const first = await search('searchAudioVideoGroups');
		expect(first.results.length).toBeGreaterThan(0);
		expect(first.results.every((result) => String(result.value).startsWith('@TGS#pick'))).toBe(true);
		expect(emulator.requests[0].body).toMatchObject({ GroupType: 'AVChatRoom', Next: 0 });
		expect(first.paginationToken).toEqual(expect.any(String));
		const second = await search('searchAudioVideoGroups', undefined, first.paginationToken);
		expect(second.results.some((result) => first.results.some((seen) => seen.value === result.value))).toBe(false);
	});

	it('filters by ID', async () => {
		const { results } = await search('searchAudioVideoGroups', 'pick24');
		expect(results.map((result) => result.value).sort()).toEqual(['@TGS#pick24', ...Array.from({ length: 10 }, (_, index) => `@TGS#pick24${index}`)].sort());
		// Tencent allows one group list per second: the node paced the pages.
		expect(emulator.stats().maxPerSecondByCommand[GROUP_LIST]).toBeLessThanOrEqual(1);
	});
});

describe('Room ID and Group ID in workflows', () => {
	beforeAll(() => {
		emulator.createRoom({ roomId: 'rlc-room', seatCount: 3 });
		emulator.createGroup({ groupId: '@TGS#rlc', type: 'AVChatRoom', members: [{ account: 'ann', joinTime: 1_700_000_000 }] });
	});

	it.each([
		['version 1, plain text (as 0.1 saved it)', 1, 'rlc-room'],
		['version 1.1, From List', 1.1, { __rl: true, mode: 'list', value: 'rlc-room', cachedResultName: 'rlc-room' }],
		['version 1.1, By ID', 1.1, { __rl: true, mode: 'id', value: 'rlc-room' }],
		['version 1.1, By ID from an expression', 1.1, { __rl: true, mode: 'id', value: '={{ "rlc-" + "room" }}' }],
	])('%s', async (_label, typeVersion, roomId) => {
		const { success } = await runNode({ resource: 'seat', operation: 'getMany', roomId }, [{}], { typeVersion });
		expect(success.map((seat) => seat.RoomId)).toEqual(['rlc-room', 'rlc-room', 'rlc-room']);
	});

	it('Group ID the same way', async () => {
		const v1 = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#rlc' }, [{}], { typeVersion: 1 });
		const v11 = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: { __rl: true, mode: 'list', value: '@TGS#rlc' } }, [{}], { typeVersion: 1.1 });
		expect(v1.success).toEqual(v11.success);
		expect(v11.success).toEqual([expect.objectContaining({ GroupId: '@TGS#rlc', Member_Account: 'ann' })]);
	});
});
