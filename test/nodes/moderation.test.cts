/**
 * Moderation through n8n's engine against the emulator over HTTP: seats (put on, take off),
 * members (conference list, remove, ban, unban, banned list, mute, unmute, muted list) and
 * messages into a room.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();
const continueErrors = { onError: 'continueErrorOutput' as const };

const BAN_LIVE = 'live_engine_http_srv/ban_member';

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}-${++counter}`;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const member = (operation: string, roomId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'member', operation, roomId: byId(roomId), ...extra });
const accounts = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(2, '0')}`);
const codesOf = (errors: IDataObject[]) => errors.map((error) => (error.details as IDataObject).errorCode);

function liveRoom(members: string[] = ['ann', 'ben', 'cid']): string {
	const roomId = uniqueId('mod-live');
	emulator.createRoom({ roomId, type: 'live', owner: 'host', members, seatCount: 4 });
	return roomId;
}

function conferenceRoom(members: Array<string | { account: string; nameCard?: string; role?: 'Admin' | 'Member'; marks?: number[] }> = ['ann', 'ben']): string {
	const roomId = uniqueId('mod-conf');
	emulator.createRoom({ roomId, type: 'conference', owner: 'chair', members, seatCount: 4 });
	return roomId;
}

describe('seat.pickUser and seat.kickUser', () => {
	it('puts a member on a free seat, then takes them off; both kinds of room', async () => {
		for (const roomId of [liveRoom(), conferenceRoom()]) {
			const put = await runNode({ resource: 'seat', operation: 'pickUser', roomId: byId(roomId), memberAccount: 'ann', seatIndex: 2 });
			expect(put.success).toEqual([{ RoomId: roomId, Index: 2, Member_Account: 'ann', RequestId: expect.stringMatching(/^Id-/) }]);
			expect(emulator.getSeats(roomId)[2].Member_Account).toBe('ann');
			const off = await runNode({ resource: 'seat', operation: 'kickUser', roomId: byId(roomId), memberAccount: 'ann', data: 'rule 3' });
			expect(off.success).toEqual([{ RoomId: roomId, Member_Account: 'ann', RequestId: expect.stringMatching(/^Id-/) }]);
			expect(emulator.requests[emulator.requests.length - 1].body).toEqual({ RoomId: roomId, Member_Account: 'ann', Data: 'rule 3' });
			expect(emulator.getSeats(roomId).some((seat) => seat.Member_Account === 'ann')).toBe(false);
		}
	});

	it.each<[string, (roomId: string) => void, number]>([
		['a user who is not in the room', () => {}, 100005],
		['a locked seat', (roomId) => emulator.setSeatFlags(roomId, 2, { forbidTaken: true }), 100200],
		['a taken seat', (roomId) => emulator.takeSeat(roomId, 'ben', 2), 100201],
		['a user already seated', (roomId) => emulator.takeSeat(roomId, 'ann', 1), 100203],
	])('put on: %s → %i', async (_label, setUp, code) => {
		const roomId = liveRoom();
		setUp(roomId);
		const account = code === 100005 ? 'stranger' : 'ann';
		const { errors } = await runNode({ resource: 'seat', operation: 'pickUser', roomId: byId(roomId), memberAccount: account, seatIndex: 2 }, [{}], continueErrors);
		expect(codesOf(errors)).toEqual([code]);
	});

	it('take off: a user not on a seat → 100206', async () => {
		const { errors } = await runNode({ resource: 'seat', operation: 'kickUser', roomId: byId(liveRoom()), memberAccount: 'ann' }, [{}], continueErrors);
		expect(codesOf(errors)).toEqual([100206]);
	});
});

describe('member.getMany for conference rooms', () => {
	it("lists Tencent's member fields, paging by Next; Limit stops early", async () => {
		const roomId = conferenceRoom([{ account: 'ann', nameCard: 'Ann (speaker)', role: 'Admin', marks: [1001] }, ...accounts('guest', 149)]);
		const all = await runNode(member('getMany', roomId, { roomType: 'conference', returnAll: true }));
		expect(all.success).toHaveLength(151);
		expect(all.success).toContainEqual(expect.objectContaining({ RoomId: roomId, Member_Account: 'ann', NameCard: 'Ann (speaker)', Role: 'Admin', Marks: [1001] }));
		expect(all.success).toContainEqual(expect.objectContaining({ Member_Account: 'chair', Role: 'Owner' }));
		expect(emulator.requests.filter((request) => request.command === 'room_engine_http_srv/get_room_member_list')).toHaveLength(2);
		const some = await runNode(member('getMany', roomId, { roomType: 'conference', limit: 30 }));
		expect(some.success).toHaveLength(30);
	});

	it('version 1 workflows (no Room Type) still list live rooms', async () => {
		const roomId = liveRoom();
		const { success } = await runNode({ resource: 'member', operation: 'getMany', roomId, returnAll: true }, [{}], { typeVersion: 1 });
		expect(success.map((item) => item.Member_Account).sort()).toEqual(['ann', 'ben', 'cid', 'host']);
	});
});

describe('member.remove (conference rooms)', () => {
	it('removes members with a reason (default text when none is given)', async () => {
		const roomId = conferenceRoom(['ann', 'ben', 'cid']);
		const { success } = await runNode(member('remove', roomId, { memberAccounts: 'ann, ben' }));
		expect(success).toEqual([{ RoomId: roomId, MemberList_Account: ['ann', 'ben'], RequestId: expect.stringMatching(/^Id-/) }]);
		expect(emulator.requests[0].body).toEqual({ RoomId: roomId, MemberList_Account: ['ann', 'ben'], Reason: 'Removed by a moderator' });
		expect(emulator.getRoomMembers(roomId).sort()).toEqual(['chair', 'cid']);
	});

	it('a Reason left empty sends the default reason', async () => {
		const roomId = conferenceRoom(['ann', 'ben']);
		const before = emulator.requests.length;
		await runNode(member('remove', roomId, { memberAccounts: 'ann', reason: '={{ "  " }}' }));
		expect(emulator.requests[before].body).toMatchObject({ Reason: 'Removed by a moderator' });
	});

	it('a live room: Tencent answers 100006, and the error says to use Ban', async () => {
		const { errors } = await runNode(member('remove', liveRoom(), { memberAccounts: 'ann' }), [{}], continueErrors);
		expect(codesOf(errors)).toEqual([100006]);
		expect(errors[0].error).toMatch(/is a live room, and Tencent removes members from live rooms only by banning them: use Member → Ban/);
	});

	it('a non-member: 100005, nobody removed', async () => {
		const roomId = conferenceRoom(['ann']);
		const { errors } = await runNode(member('remove', roomId, { memberAccounts: 'ann, stranger' }), [{}], continueErrors);
		expect(codesOf(errors)).toEqual([100005]);
		expect(emulator.getRoomMembers(roomId)).toContain('ann');
	});
});

describe('member.ban / unban / getManyBanned', () => {
	it.each(['live', 'conference'] as const)('%s: ban for a duration, list the bans, unban', async (roomType) => {
		const roomId = roomType === 'live' ? liveRoom() : conferenceRoom(['ann', 'ben', 'cid']);
		const ban = await runNode(member('ban', roomId, { roomType, memberAccounts: '={{ ["ann", "ben"] }}', duration: 3600, reason: 'spam' }));
		expect(ban.success).toEqual([{ RoomId: roomId, MemberList_Account: ['ann', 'ben'], Duration: 3600, RequestId: expect.stringMatching(/^Id-/) }]);
		expect(emulator.getRoomMembers(roomId)).not.toContain('ann');

		const banned = await runNode(member('getManyBanned', roomId, { roomType, returnAll: true }));
		expect(banned.success.map((entry) => entry.Member_Account).sort()).toEqual(['ann', 'ben']);
		const now = Math.floor(Date.now() / 1000);
		for (const entry of banned.success) expect(Math.abs(Number(entry.BannedUntil) - (now + 3600))).toBeLessThanOrEqual(2);

		const unban = await runNode(member('unban', roomId, { roomType, memberAccounts: 'ann' }));
		expect(unban.success).toEqual([{ RoomId: roomId, MemberList_Account: ['ann'], RequestId: expect.stringMatching(/^Id-/) }]);
		expect((await runNode(member('getManyBanned', roomId, { roomType, returnAll: true }))).success.map((entry) => entry.Member_Account)).toEqual(['ben']);
	});

	it('the banned list pages by Offset / NextOffset, 100 at a time; Limit stops early', async () => {
		const roomId = liveRoom();
		const many = accounts('spammer', 45).concat(accounts('troll', 40), accounts('bot', 40));
		await runNode(member('ban', roomId, { roomType: 'live', memberAccounts: many.join(','), duration: 600 }));
		const all = await runNode(member('getManyBanned', roomId, { roomType: 'live', returnAll: true }));
		expect(all.success).toHaveLength(125);
		const pages = emulator.requests.filter((request) => request.command === 'live_engine_http_srv/get_banned_member_list');
		expect(pages.map((page) => (page.body as IDataObject).Offset)).toEqual([0, 100]);
		const some = await runNode(member('getManyBanned', roomId, { roomType: 'live', limit: 10 }));
		expect(some.success).toHaveLength(10);
	});

	it('45 accounts in one item take 3 calls of 20, 20 and 5', async () => {
		const roomId = liveRoom();
		const list = accounts('fan', 45);
		const { success } = await runNode(member('ban', roomId, { roomType: 'live', memberAccounts: list.join(', '), duration: 60 }));
		expect(success).toHaveLength(1);
		expect(success[0].MemberList_Account).toEqual(list);
		expect(emulator.requests.filter((request) => request.command === BAN_LIVE).map((request) => ((request.body as IDataObject).MemberList_Account as string[]).length)).toEqual([20, 20, 5]);
	});

	it('45 accounts, the second call failing: one error item naming the 20 that were done and the 25 that were not', async () => {
		const roomId = liveRoom();
		const list = accounts('fan', 45);
		emulator.injectErrorCode(100002, { command: BAN_LIVE });
		emulator.overrideNextAnswer({ command: BAN_LIVE, apply: true, body: ({ seq }) => ({ ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '', RequestId: `Id-first-${seq}` }) });
		const { success, errors } = await runNode(member('ban', roomId, { roomType: 'live', memberAccounts: list.join(','), duration: 60 }), [{}], continueErrors);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		const message = String(errors[0].error);
		expect(message).toContain(`Done before this failure (20 of 45): ${list.slice(0, 20).join(', ')}.`);
		expect(message).toContain(`Not done (25): ${list.slice(20).join(', ')}.`);
		expect(message).toMatch(/Banning again is safe: it only starts the ban over\.$/);
		expect(errors[0].details).toMatchObject({ errorCode: 100002 });
		const calls = emulator.requests.filter((request) => request.command === BAN_LIVE);
		expect(calls).toHaveLength(2);
		// The emulator shows exactly the 20 of the first call banned.
		expect((await runNode(member('getManyBanned', roomId, { roomType: 'live', returnAll: true }))).success.map((entry) => entry.Member_Account).sort()).toEqual(list.slice(0, 20));
	});
});

describe('member.mute / unmute / getManyMuted (live rooms)', () => {
	it('mutes for a duration, lists the mutes with their end, unmutes (MuteTime 0)', async () => {
		const roomId = liveRoom();
		const mute = await runNode(member('mute', roomId, { memberAccounts: 'ann', duration: 600 }));
		expect(mute.success).toEqual([{ RoomId: roomId, MemberList_Account: ['ann'], MuteTime: 600, RequestId: expect.stringMatching(/^Id-/) }]);
		const hints = (mute.run.data.resultData.runData['Tencent Room']?.[0]?.hints ?? []).map((hint) => hint.message);
		expect(hints).toEqual(['Muted for 10 minutes (600 s).']);

		const muted = await runNode(member('getManyMuted', roomId, { returnAll: true }));
		expect(muted.success).toEqual([{ RoomId: roomId, Member_Account: 'ann', MutedUntil: expect.any(Number) }]);

		const unmute = await runNode(member('unmute', roomId, { memberAccounts: 'ann' }));
		expect(unmute.success).toEqual([{ RoomId: roomId, MemberList_Account: ['ann'], MuteTime: 0, RequestId: expect.stringMatching(/^Id-/) }]);
		expect(emulator.requests[emulator.requests.length - 1].body).toMatchObject({ MuteTime: 0 });
		expect((await runNode(member('getManyMuted', roomId, { returnAll: true }))).success).toEqual([]);
	});

	it('a muted member cannot send (100017); the muted list honours Limit', async () => {
		const roomId = liveRoom();
		await runNode(member('mute', roomId, { memberAccounts: 'ann, ben, cid', duration: 600 }));
		expect((await runNode(member('getManyMuted', roomId, { limit: 2 }))).success).toHaveLength(2);
		const { errors } = await runNode({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'ann', text: 'hi' }, [{}], continueErrors);
		expect(codesOf(errors)).toEqual([100017]);
	});
});

describe('message.send (live rooms)', () => {
	it('posts the text as the sender, with JSON extension info, once', async () => {
		const roomId = liveRoom();
		const { success } = await runNode({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'mod-bot', text: 'Please keep it friendly.', extensionInfo: '{"kind":"notice"}' });
		expect(success).toEqual([{ RoomId: roomId, Sender_Account: 'mod-bot', RequestId: expect.stringMatching(/^Id-/) }]);
		expect(emulator.getRoomMessages(roomId)).toEqual([expect.objectContaining({ Sender_Account: 'mod-bot', TextContent: 'Please keep it friendly.', ExtensionInfo: '{"kind":"notice"}' })]);
	});

	it('keeps line breaks and tabs in the text, and refuses other control characters before sending', async () => {
		const roomId = liveRoom();
		const before = emulator.requests.length;
		await runNode({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'mod-bot', text: '={{ "Rules:\\n1. Be kind\\n\\t2. No spam" }}' });
		expect(emulator.getRoomMessages(roomId).map((message) => message.TextContent)).toEqual(['Rules:\n1. Be kind\n\t2. No spam']);
		const { errors } = await runNode({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'mod-bot', text: '={{ "bell\\u0007" }}' }, [{}], continueErrors);
		expect(errors.map((error) => error.error)).toEqual([expect.stringMatching(/Text contains control characters other than line breaks and tabs/)]);
		expect(emulator.requests.length - before).toBe(1);
	});

	it('an object from an expression is sent as JSON text', async () => {
		const roomId = liveRoom();
		await runNode({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'mod-bot', text: 'x', extensionInfo: '={{ { level: 2 } }}' });
		expect(emulator.getRoomMessages(roomId)[0].ExtensionInfo).toBe('{"level":2}');
	});

	it.each<[string, string, number]>([
		['a sensitive word', 'this is a forbidden-word', 80001],
		['a conference room', 'hello', 100006],
	])('%s: Tencent refuses (%s → %i)', async (label, text, code) => {
		const roomId = label === 'a conference room' ? conferenceRoom() : liveRoom();
		const { errors } = await runNode({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'mod-bot', text }, [{}], continueErrors);
		expect(codesOf(errors)).toEqual([code]);
		expect(emulator.getRoomMessages(roomId)).toEqual([]);
	});
});
