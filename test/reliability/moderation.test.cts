/**
 * Moderation writes after unclear failures. A message is never sent twice (a second send is a
 * second message in the room); seat changes are settled by reading the seats; bans, mutes and
 * removals are sent again where a second send is harmless. The emulator's logs are the judge.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { AnyFaultKind } from '../emulator/index.cjs';
import { useEmulator } from '../helpers/fixture.cjs';
import { pairedIndexOf } from './support.cjs';

const { emulator, runNode } = useEmulator();
const continueErrors = { onError: 'continueErrorOutput' as const };
const SHORT_TIMEOUT = { timeoutMs: 500 };

const SEND = 'live_engine_http_srv/send_text_msg';
const PICK = 'room_engine_http_mic/pick_user_on_seat';
const KICK_OFF_SEAT = 'room_engine_http_mic/kick_user_off_seat';
const SEATS = 'room_engine_http_mic/get_seat_list';
const KICK_OUT = 'room_engine_http_srv/kick_user_out';
const BAN = 'live_engine_http_srv/ban_member';

let counter = 0;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const sent = (command: string) => emulator.requests.filter((request) => request.command === command);

function room(type: 'live' | 'conference' = 'live'): string {
	const roomId = `rmod-${++counter}`;
	emulator.createRoom({ roomId, type, owner: 'host', members: ['ann', 'ben'], seatCount: 4 });
	return roomId;
}

const send = (roomId: string): INodeParameters => ({ resource: 'message', operation: 'send', roomId: byId(roomId), senderAccount: 'mod-bot', text: 'Please keep it friendly.', options: SHORT_TIMEOUT });

describe('message.send is never sent twice', () => {
	it.each<[AnyFaultKind, number]>([
		['internalErrorAfterApply', 1],
		['truncatedJson', 1],
		['internalErrorBeforeApply', 0],
		['connectionReset', 0],
		['http502', 0],
		['stall', 0],
		['lateApply', 1],
		['resetThenLateApply', 1],
	])('%s: one request, an error saying the text may already be in the room, retryable false (%i message in the room)', async (fault, messages) => {
		const roomId = room();
		emulator.injectFault(fault, { command: SEND });
		const { success, errors } = await runNode(send(roomId), [{}], continueErrors);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/The message may already be in the room, so the node did not send it again: sending it once more could post it twice\.$/);
		expect(errors[0].details).toMatchObject({ retryable: false });
		expect(sent(SEND)).toHaveLength(1);
		// Whatever Tencent applies late has landed by now.
		await new Promise((resolve) => setTimeout(resolve, fault.includes('late') ? 3000 : 0));
		expect(emulator.getRoomMessages(roomId)).toHaveLength(messages);
	});

	it('a rate-limit answer (nothing done) is sent again: one message', async () => {
		const roomId = room();
		emulator.injectFault('rateLimited', { command: SEND });
		const { success } = await runNode(send(roomId), [{}], continueErrors);
		expect(success).toHaveLength(1);
		expect(sent(SEND)).toHaveLength(2);
		expect(emulator.getRoomMessages(roomId)).toHaveLength(1);
	});

	it('200 messages under 20 % faults of every kind: never a duplicate in any room', async () => {
		const rooms = Array.from({ length: 20 }, () => room());
		emulator.setFaultRate(0.2, ['internalErrorBeforeApply', 'internalErrorAfterApply', 'http502', 'connectionReset', 'truncatedJson', 'rateLimited'], { commands: [SEND] });
		const items = Array.from({ length: 200 }, (_, index) => ({ room: rooms[index % 20], text: `message ${index}` }));
		const { success, errors, itemsOf } = await runNode(
			{ resource: 'message', operation: 'send', roomId: byId('={{ $json.room }}'), senderAccount: 'mod-bot', text: '={{ $json.text }}', options: SHORT_TIMEOUT },
			items,
			continueErrors,
		);
		emulator.clearFaults();
		expect(success.length + errors.length).toBe(200);
		const texts = rooms.flatMap((roomId) => emulator.getRoomMessages(roomId).map((message) => message.TextContent));
		expect(new Set(texts).size).toBe(texts.length);
		// Every success is in its room exactly once; a failed item's text is there at most once.
		const [successItems] = itemsOf('Tencent Room');
		for (const item of successItems) expect(texts.filter((text) => text === items[pairedIndexOf(item)].text)).toHaveLength(1);
		expect(errors.every((error) => (error.details as IDataObject).retryable === false || /nothing was applied/.test(String(error.error)))).toBe(true);
		expect(sent(SEND).length).toBeLessThan(300);
	});
});

describe('seat changes are settled by reading the seats', () => {
	it('put on seat, applied then answered 100001: Reconciled, sent once', async () => {
		const roomId = room();
		emulator.injectFault('internalErrorAfterApply', { command: PICK });
		const { success } = await runNode({ resource: 'seat', operation: 'pickUser', roomId: byId(roomId), memberAccount: 'ann', seatIndex: 1 }, [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ Index: 1, Member_Account: 'ann', Reconciled: true })]);
		expect(emulator.requests.map((request) => request.command)).toEqual([PICK, SEATS]);
	});

	it('take off seat, no answer: read after the late window, still seated → sent again once', async () => {
		const roomId = room();
		emulator.takeSeat(roomId, 'ann', 2);
		emulator.injectFault('connectionReset', { command: KICK_OFF_SEAT });
		const { success } = await runNode({ resource: 'seat', operation: 'kickUser', roomId: byId(roomId), memberAccount: 'ann', options: SHORT_TIMEOUT }, [{}], continueErrors);
		expect(success[0]).toMatchObject({ Member_Account: 'ann' });
		expect(success[0]).not.toHaveProperty('Reconciled');
		expect(emulator.requests.map((request) => request.command)).toEqual([KICK_OFF_SEAT, SEATS, KICK_OFF_SEAT]);
		expect(emulator.getSeats(roomId)[2].Member_Account).toBe('');
	});
});

describe('bans and removals are sent again', () => {
	it('a removal applied then answered 100001: the resend\'s "not a member" (100005) confirms it', async () => {
		const roomId = room('conference');
		emulator.injectFault('internalErrorAfterApply', { command: KICK_OUT });
		const { success } = await runNode({ resource: 'member', operation: 'remove', roomId: byId(roomId), memberAccounts: 'ann' }, [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ MemberList_Account: ['ann'], Reconciled: true })]);
		expect(sent(KICK_OUT).map((request) => request.errorCode)).toEqual([100001, 100005]);
	});

	it('a ban without an answer: sent again after the late window, banned once', async () => {
		const roomId = room();
		emulator.injectFault('connectionReset', { command: BAN });
		const { success } = await runNode({ resource: 'member', operation: 'ban', roomType: 'live', roomId: byId(roomId), memberAccounts: 'ann', duration: 600, options: SHORT_TIMEOUT }, [{}], continueErrors);
		expect(success).toHaveLength(1);
		const [first, second] = sent(BAN);
		expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(3400);
		expect(emulator.getBannedMembers(roomId).map((entry) => entry.Member_Account)).toEqual(['ann']);
	});
});
