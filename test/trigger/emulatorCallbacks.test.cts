/**
 * The callbacks Tencent sends for moderation changes, end to end: the Tencent Room node bans,
 * removes and seats users in the emulator; the emulator, with a callback URL set as in Tencent's
 * console, posts Room.CallbackAfterMemberLeave ("Kicked") and Mic.CallbackAfterSeatInfoChanged,
 * signed with the token, to the Tencent Room Trigger, whose workflow runs once per callback.
 */
import type { IDataObject } from 'n8n-workflow';

import { TencentEmulator } from '../emulator/index.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { runWorkflow, tencentRoomWorkflow, TRIGGER_NODE_TYPE } from '../helpers/n8nHarness.cjs';
import { WebhookHarness } from '../helpers/webhookHarness.cjs';

const TOKEN = 'moderation-callback-token-5Kd1';
const emulator = new TencentEmulator();
let harness: WebhookHarness;

const credentials = () => ({ tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) });

beforeAll(async () => {
	await emulator.start();
	harness = new WebhookHarness({
		workflow: {
			nodes: [
				{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters: { events: ['Room.CallbackAfterMemberLeave', 'Mic.CallbackAfterSeatInfoChanged'] } },
				{ name: 'Received', type: 'n8n-nodes-base.noOp' },
			],
			connections: [['Tencent Room Trigger', 'Received']],
		},
		credentials: credentials(),
	});
	await harness.start();
	await harness.activate();
	emulator.setCallbackTarget({ url: harness.url, token: TOKEN });
	emulator.createRoom({ roomId: 'cb-meeting', type: 'conference', owner: 'chair', members: ['ann', 'ben', 'cid'], seatCount: 4 });
	emulator.takeSeat('cb-meeting', 'ann', 1);
});

afterAll(async () => {
	await harness.stop();
	await emulator.stop();
});

async function act(parameters: IDataObject): Promise<void> {
	const run = await runWorkflow(tencentRoomWorkflow({ ...parameters, roomId: { __rl: true, mode: 'id', value: 'cb-meeting' } }), credentials());
	expect(run.error).toBeUndefined();
	await emulator.waitForCallbacks();
}

/** What each workflow run received, oldest first. */
async function received(): Promise<IDataObject[]> {
	const runs = await harness.settled();
	return runs.flatMap((run) => run.outputOf('Received')[0] ?? []);
}

describe("Tencent's moderation callbacks reach the trigger", () => {
	it('a ban of a seated member: "Kicked" from the room and the seat freed, each one verified callback and one run', async () => {
		await act({ resource: 'member', operation: 'ban', roomType: 'conference', memberAccounts: 'ann', duration: 600, reason: 'spam' });
		const events = await received();
		const leave = events.find((event) => event.CallbackCommand === 'Room.CallbackAfterMemberLeave');
		expect(leave).toMatchObject({ RoomId: 'cb-meeting', Type: 'Kicked', MemberList_Account: ['ann'], Reason: 'spam', SdkAppid: expect.any(String), RequestTime: expect.any(String) });
		const seats = events.find((event) => event.CallbackCommand === 'Mic.CallbackAfterSeatInfoChanged');
		expect((seats?.SeatList as IDataObject[]).find((seat) => seat.Index === 1)).not.toHaveProperty('Member_Account', 'ann');
		expect(emulator.callbackDeliveries.map((delivery) => delivery.status)).toEqual(events.map(() => 200));
	});

	it('putting a member on a seat and taking them off: two seat callbacks, two runs', async () => {
		const before = (await received()).length;
		await act({ resource: 'seat', operation: 'pickUser', memberAccount: 'ben', seatIndex: 2 });
		await act({ resource: 'seat', operation: 'kickUser', memberAccount: 'ben' });
		const events = (await received()).slice(before);
		expect(events.map((event) => event.CallbackCommand)).toEqual(['Mic.CallbackAfterSeatInfoChanged', 'Mic.CallbackAfterSeatInfoChanged']);
		const seatTwo = (event: IDataObject) => (event.SeatList as IDataObject[]).find((seat) => seat.Index === 2);
		expect(seatTwo(events[0])).toMatchObject({ Member_Account: 'ben' });
		expect(seatTwo(events[1])?.Member_Account ?? '').toBe('');
	});

	it('removing a member (kick_user_out): one "Kicked" callback, answered OK, one run', async () => {
		const before = (await harness.settled()).length;
		await act({ resource: 'member', operation: 'remove', memberAccounts: 'cid' });
		const deliveries = emulator.callbackDeliveries.filter((delivery) => delivery.command === 'Room.CallbackAfterMemberLeave');
		expect(deliveries[deliveries.length - 1]).toMatchObject({ status: 200 });
		const events = (await received()).slice(-1);
		expect(events[0]).toMatchObject({ CallbackCommand: 'Room.CallbackAfterMemberLeave', MemberList_Account: ['cid'], Type: 'Kicked' });
		expect((await harness.settled()).length).toBe(before + 1);
	});

	it('the action node sent each change once', () => {
		const writes = emulator.requests.filter((request) => request.command !== 'room_engine_http_mic/get_seat_list');
		expect(writes.map((request) => request.command)).toEqual([
			'room_engine_http_srv/ban_room_member',
			'room_engine_http_mic/pick_user_on_seat',
			'room_engine_http_mic/kick_user_off_seat',
			'room_engine_http_srv/kick_user_out',
		]);
	});
});
