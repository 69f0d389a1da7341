import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();

function accounts(prefix: string, count: number): string[] {
	return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(4, '0')}`);
}

const JOIN_BASE = 1_717_200_000;

beforeAll(() => {
	emulator.createRoom({ roomId: 'live-1250', type: 'live', members: accounts('fan-', 1250) });
	emulator.createRoom({ roomId: 'live-3', type: 'live', members: ['ann', 'ben', 'cid'] });
	emulator.createRoom({ roomId: 'live-empty', type: 'live', members: [] });
	emulator.createRoom({ roomId: 'conf-1', type: 'conference', members: ['ann'] });
	emulator.createGroup({
		groupId: '@TGS#big',
		type: 'AVChatRoom',
		members: accounts('viewer-', 1200).map((account, index) => ({
			account,
			joinTime: JOIN_BASE + index,
			...(index % 3 === 0 ? { nickName: `Viewer ${index}`, avatar: `https://example.com/${index}.png` } : {}),
			...(index % 10 === 0 ? { mark: 1000 } : {}),
		})),
	});
	emulator.createGroup({ groupId: '@TGS#community', type: 'Community', members: [{ account: 'solo', joinTime: JOIN_BASE }] });
	emulator.createGroup({ groupId: '@TGS#public', type: 'Public', members: [{ account: 'x', joinTime: JOIN_BASE }] });
});

const liveRequests = () => emulator.requests.filter((request) => request.command === 'live_engine_http_srv/get_member_list');
const onlineRequests = () => emulator.requests.filter((request) => request.command === 'group_open_avchatroom_http_svc/get_members');

describe('member.getMany (live rooms, Next cursor)', () => {
	it('Return All walks every page to Tencent\'s end marker: 1000 of 1250 members, no duplicates', async () => {
		const { success, errors } = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-1250', returnAll: true });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1000);
		expect(new Set(success.map((member) => member.Member_Account)).size).toBe(1000);
		expect(success[0]).toEqual({ RoomId: 'live-1250', Member_Account: 'fan-0001', MemberCount: 1250 });
		// The emulator pages by 100 (Tencent does not document the size): 10 pages, the last says "".
		const requests = liveRequests();
		expect(requests).toHaveLength(10);
		expect((requests[0].body as { Next: string }).Next).toBe('');
		for (const request of requests.slice(1)) expect((request.body as { Next: string }).Next).not.toBe('');
	});

	it('Limit 120 returns 120 members and stops requesting once it has them', async () => {
		const { success } = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-1250', returnAll: false, limit: 120 });
		expect(success).toHaveLength(120);
		expect(success[119].Member_Account).toBe('fan-0120');
		expect(liveRequests()).toHaveLength(2);
	});

	it('uses the default limit of 50 in one request', async () => {
		const { success } = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-1250' });
		expect(success).toHaveLength(50);
		expect(liveRequests()).toHaveLength(1);
	});

	it('returns small and empty rooms whole', async () => {
		const small = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-3', returnAll: true });
		expect(small.success.map((member) => member.Member_Account)).toEqual(['ann', 'ben', 'cid']);
		const empty = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-empty', returnAll: true });
		expect(empty.success).toEqual([]);
		expect(empty.errors).toEqual([]);
	});

	it.each([
		['a conference room', 'conf-1', 100006],
		['a missing room', 'live-gone', 100004],
	])('reports %s with Tencent\'s code', async (_label, roomId, code) => {
		const { errors } = await runNode({ resource: 'member', operation: 'getMany', roomId, returnAll: true }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors).toHaveLength(1);
		expect(errors[0].details).toMatchObject({ errorCode: code });
	});

	it.each([
		['0', 0],
		['above 1000', 1001],
		['fractional', 2.5],
	])('refuses a limit that is %s before sending', async (_label, limit) => {
		const { errors } = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-3', returnAll: false, limit }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors[0].error).toMatch(/Limit must be a whole number from 1 to 1000/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('member.getManyOnline (audio-video groups, NextTimestamp cursor)', () => {
	it('Return All returns the 1000 newest of 1200 members in two requests', async () => {
		const { success, errors } = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#big', returnAll: true });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1000);
		expect(new Set(success.map((member) => member.Member_Account)).size).toBe(1000);
		expect(success[0]).toMatchObject({ GroupId: '@TGS#big', Member_Account: 'viewer-1200', JoinTime: JOIN_BASE + 1199 });
		expect(success[999].Member_Account).toBe('viewer-0201');
		const requests = onlineRequests();
		expect(requests).toHaveLength(2);
		expect(requests[0].body).toEqual({ GroupId: '@TGS#big', Timestamp: 0 });
		expect((requests[1].body as { Timestamp: number }).Timestamp).toBeGreaterThan(0);
	});

	it('carries NickName and Avatar only when Tencent sends them', async () => {
		const { success } = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#big', limit: 3 });
		expect(success).toHaveLength(3);
		// viewer-1200 has index 1199 (no nickname); viewer-1198 has index 1197 (divisible by 3).
		expect(Object.keys(success[0]).sort()).toEqual(['GroupId', 'JoinTime', 'Member_Account']);
		expect(success[2]).toEqual({
			GroupId: '@TGS#big',
			Member_Account: 'viewer-1198',
			JoinTime: JOIN_BASE + 1197,
			NickName: 'Viewer 1197',
			Avatar: 'https://example.com/1197.png',
		});
	});

	it('Limit 120 returns 120 members from one request', async () => {
		const { success } = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#big', limit: 120 });
		expect(success).toHaveLength(120);
		expect(onlineRequests()).toHaveLength(1);
	});

	it('filters by member mark and sends Mark only when set', async () => {
		const { success } = await runNode({
			resource: 'member',
			operation: 'getManyOnline',
			groupId: '@TGS#big',
			returnAll: true,
			mark: 1000,
		});
		expect(success).toHaveLength(120);
		expect(onlineRequests()[0].body).toEqual({ GroupId: '@TGS#big', Timestamp: 0, Mark: 1000 });
	});

	it('lists Community groups too', async () => {
		const { success } = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#community', returnAll: true });
		expect(success).toEqual([{ GroupId: '@TGS#community', Member_Account: 'solo', JoinTime: JOIN_BASE }]);
	});

	it.each([
		['a missing group', '@TGS#gone', 10010],
		['a group that is not an audio-video group', '@TGS#public', 10007],
	])('reports %s with Tencent\'s code', async (_label, groupId, code) => {
		const { errors } = await runNode({ resource: 'member', operation: 'getManyOnline', groupId, returnAll: true }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors[0].details).toMatchObject({ errorCode: code, requestId: null });
	});

	it.each([
		['text', 'vip'],
		['negative', -5],
		['fractional', 1000.5],
	])('refuses a mark that is %s before sending', async (_label, mark) => {
		const { errors } = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#big', mark }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors[0].error).toMatch(/Member Mark must be a whole number/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('execution hints: shown once, only when they apply', () => {
	const hintsOf = (run: Awaited<ReturnType<typeof runNode>>) =>
		(run.run.data.resultData.runData['Tencent Room']?.[0]?.hints ?? []).map((hint) => hint.message);

	beforeAll(() => {
		const members = (count: number) => accounts('guest-', count).map((account, index) => ({ account, joinTime: JOIN_BASE + index }));
		emulator.createGroup({ groupId: '@TGS#thirty', type: 'AVChatRoom', members: members(30) });
		emulator.createGroup({ groupId: '@TGS#thirtyone', type: 'AVChatRoom', members: members(31) });
	});

	it("exactly 30 online members: Tencent's cap below the Pro edition is named", async () => {
		const run = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#thirty', returnAll: true }, [{}, {}]);
		expect(run.success).toHaveLength(60);
		const hints = hintsOf(run);
		expect(hints).toHaveLength(1);
		expect(hints[0]).toMatch(/exactly 30 online members: below the Pro edition.*only the 30 latest/);
	});

	it('31 members, or 30 because the Limit said so: no hint', async () => {
		expect(hintsOf(await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#thirtyone', returnAll: true }))).toEqual([]);
		expect(hintsOf(await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#big', limit: 30 }))).toEqual([]);
	});

	it("a list that stopped at Tencent's 1000 says there may be more", async () => {
		const live = await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-1250', returnAll: true });
		expect(hintsOf(live)).toEqual([expect.stringMatching(/^Tencent lists at most 1000 members of a live room: the list stopped there/)]);
		const online = await runNode({ resource: 'member', operation: 'getManyOnline', groupId: '@TGS#big', returnAll: true });
		expect(hintsOf(online)).toEqual([expect.stringMatching(/^Tencent lists at most 1000 online members of a group/)]);
		expect(hintsOf(await runNode({ resource: 'member', operation: 'getMany', roomId: 'live-3', returnAll: true }))).toEqual([]);
	});

	it('Move User with "Retry On Fail" on: a warning to turn it off', async () => {
		emulator.createRoom({ roomId: 'hint-move', seatCount: 4, members: ['ann', 'ben'] });
		emulator.takeSeat('hint-move', 'ann', 0);
		const move = { resource: 'seat', operation: 'moveUser', roomId: 'hint-move', memberAccount: 'ann', seatIndex: 2 };
		const withRetry = await runNode(move, [{}], { retryOnFail: true });
		expect(withRetry.success).toHaveLength(1);
		expect(hintsOf(withRetry)).toEqual([expect.stringMatching(/^"Retry On Fail" is on: .*a second exchange swaps the users back/)]);
		expect(hintsOf(await runNode({ ...move, seatIndex: 3 }))).toEqual([]);
	});
});
