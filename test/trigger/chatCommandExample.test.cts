/**
 * examples/chat-command-lock-seat.json end to end: the emulator sends signed
 * Group.CallbackAfterSendMsg callbacks to the webhook harness; the workflow runs through
 * n8n-core (trigger → IF → Tencent Room) against the same emulator's REST API.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { DEMO_APP, TencentEmulator, groupMessageBody, type CallbackDelivery } from '../emulator/index.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { workflowJsonToDefinition, type WorkflowJson } from '../helpers/n8nHarness.cjs';
import { WebhookHarness } from '../helpers/webhookHarness.cjs';

const TOKEN = 'example-callback-token-7Hs2';
const ROOM = 'live-chat-room';
const LOCK_SEAT = 'room_engine_http_mic/lock_seat';
const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };

const example = JSON.parse(readFileSync(join(__dirname, '../../examples/chat-command-lock-seat.json'), 'utf8')) as WorkflowJson & {
	nodes: Array<WorkflowJson['nodes'][number] & { id: string; position: number[]; webhookId?: string }>;
};

const emulator = new TencentEmulator();
let harness: WebhookHarness;

beforeAll(async () => {
	await emulator.start();
	harness = new WebhookHarness({
		workflow: workflowJsonToDefinition(example),
		credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) },
	});
	await harness.start();
	await harness.activate();
	// A TUILiveKit room: its chat group has the same ID, so the callback's GroupId is the RoomId.
	emulator.createRoom({ roomId: ROOM, type: 'live', seatCount: 6, owner: 'host', members: ['alice', 'bob', 'carol'] });
	emulator.takeSeat(ROOM, 'host', 0);
	emulator.takeSeat(ROOM, 'bob', 3);
});

afterAll(async () => {
	await harness.stop();
	await emulator.stop();
});

async function chat(text: string, token = TOKEN): Promise<CallbackDelivery> {
	return await emulator.sendCallback({
		url: harness.url,
		command: 'Group.CallbackAfterSendMsg',
		body: groupMessageBody({ groupId: ROOM, from: 'host', text }),
		token,
	});
}

async function lastRun() {
	const runs = await harness.settled();
	return runs[runs.length - 1];
}

describe('examples/chat-command-lock-seat.json', () => {
	it('is an n8n export: ids, positions, type versions, connections, the credential by name', () => {
		const byType = (type: string) => example.nodes.filter((node) => node.type === type);
		const [trigger] = byType('n8n-nodes-tencent-room.tencentRoomTrigger');
		expect(trigger.parameters).toMatchObject({ events: ['Group.CallbackAfterSendMsg'] });
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		expect(byType('n8n-nodes-base.if')).toHaveLength(2);
		for (const node of byType('n8n-nodes-base.if')) {
			expect(node.typeVersion).toBe(2.2);
			expect(node.parameters.conditions).toMatchObject({ combinator: 'and', options: { version: 2 } });
		}
		const actions = byType('n8n-nodes-tencent-room.tencentRoom');
		expect(actions.map((node) => [node.parameters.resource, node.parameters.operation])).toEqual([
			['seat', 'lock'],
			['seat', 'unlock'],
		]);
		for (const node of example.nodes) {
			expect(node.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(node.position).toHaveLength(2);
			expect(typeof node.typeVersion).toBe('number');
			if (node.type.startsWith('n8n-nodes-tencent-room.')) {
				expect(node.credentials).toEqual({ tencentRoomApi: { id: expect.any(String), name: 'Tencent Room API' } });
			}
		}
		expect(Object.keys(example.connections).sort()).toEqual(['Chat message sent', 'Starts with !lock?', 'Starts with !unlock?']);
	});

	it('"!lock 3" locks seat 3 of the room named by the chat group, removing whoever sat there', async () => {
		expect(emulator.getSeats(ROOM)[3]).toMatchObject({ Member_Account: 'bob', IsTakenDisabled: false });
		const delivery = await chat('!lock 3');
		expect(delivery.status).toBe(200);
		expect(delivery.json).toEqual(ACK);

		const run = await lastRun();
		expect(run.error).toBeUndefined();
		expect(harness.runs).toHaveLength(1);
		expect(run.outputOf('Starts with !lock?')[0]).toHaveLength(1);
		expect(run.outputOf('Lock seat')[0]).toEqual([
			expect.objectContaining({ RoomId: ROOM, Index: 3, ForbidTaken: true, ForbidVideo: false, ForbidAudio: false }),
		]);
		expect(emulator.getSeats(ROOM)[3]).toMatchObject({ Member_Account: '', IsTakenDisabled: true });
		const locks = emulator.requests.filter((request) => request.command === LOCK_SEAT);
		expect(locks).toHaveLength(1);
		expect(locks[0]).toMatchObject({ sdkAppId: DEMO_APP.sdkAppId, errorCode: 0 });
	});

	it('"!unlock 3" unlocks it again', async () => {
		const delivery = await chat('!unlock 3');
		expect(delivery.json).toEqual(ACK);
		const run = await lastRun();
		expect(run.error).toBeUndefined();
		expect(harness.runs).toHaveLength(2);
		expect(run.outputOf('Lock seat')).toEqual([]);
		expect(run.outputOf('Unlock seat')[0]).toEqual([
			expect.objectContaining({ RoomId: ROOM, Index: 3, ForbidTaken: false, ForbidVideo: false, ForbidAudio: false }),
		]);
		expect(emulator.getSeats(ROOM)[3]).toMatchObject({ IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
	});

	it('"hello" starts the workflow but changes nothing', async () => {
		const before = emulator.getSeats(ROOM);
		const requestsBefore = emulator.requests.length;
		const delivery = await chat('hello');
		expect(delivery.json).toEqual(ACK);
		const run = await lastRun();
		expect(run.error).toBeUndefined();
		expect(harness.runs).toHaveLength(3);
		expect(run.outputOf('Chat message sent')[0]).toEqual([expect.objectContaining({ GroupId: ROOM, From_Account: 'host' })]);
		expect(run.outputOf('Starts with !unlock?')[1]).toHaveLength(1);
		expect(run.outputOf('Lock seat')).toEqual([]);
		expect(run.outputOf('Unlock seat')).toEqual([]);
		expect(emulator.requests.length).toBe(requestsBefore);
		expect(emulator.getSeats(ROOM)).toEqual(before);
	});

	it('a forged "!lock 0" (wrong token) is refused with 401 and starts nothing', async () => {
		const delivery = await chat('!lock 0', 'guessed-token');
		expect(delivery.status).toBe(401);
		await harness.settled();
		expect(harness.runs).toHaveLength(3);
		expect(emulator.getSeats(ROOM)[0]).toMatchObject({ Member_Account: 'host', IsTakenDisabled: false });
	});
});
