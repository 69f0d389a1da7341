/**
 * "Before" callbacks: Tencent waits up to 2 s for the answer, which can block a chat message.
 * With "The Workflow Decides", the first item of the last node that runs is the answer (n8n's
 * "lastNode" response); a workflow that is late is answered "allow" by the trigger at 1.5 s, so a
 * slow workflow never holds a room's chat up.
 * The emulator sends Group.CallbackBeforeSendMsg for a user's message and applies the answer.
 */
import type { IDataObject } from 'n8n-workflow';

import { TencentEmulator } from '../emulator/index.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { ACTION_NODE_TYPE, TRIGGER_NODE_TYPE, type WorkflowDefinition } from '../helpers/n8nHarness.cjs';
import { WebhookHarness } from '../helpers/webhookHarness.cjs';

const TOKEN = 'before-callback-token-2Zr7';
const ROOM = 'before-live';
const emulator = new TencentEmulator();
const harnesses: WebhookHarness[] = [];

const SPAM_CHECK = {
	options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
	conditions: [
		{ id: 'spam', leftValue: '={{ $json.MsgBody[0].MsgContent.Text }}', rightValue: 'spam', operator: { type: 'string', operation: 'contains' } },
	],
	combinator: 'and',
};
const answer = (errorCode: number) => ({ mode: 'raw', jsonOutput: JSON.stringify({ ActionStatus: 'OK', ErrorInfo: '', ErrorCode: errorCode }) });

/** Blocks (ErrorCode 1) a message containing "spam" and allows the rest: each branch ends with the answer. */
function workflow(options: IDataObject, slow = false): WorkflowDefinition {
	const nodes: WorkflowDefinition['nodes'] = [
		{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters: { events: ['Group.CallbackBeforeSendMsg'], options: options as never } },
		{ name: 'Spam?', type: 'n8n-nodes-base.if', typeVersion: 2.2, parameters: { conditions: SPAM_CHECK as never } },
		{ name: 'Block', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: answer(1) },
		{ name: 'Allow', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: answer(0) },
	];
	const decide: WorkflowDefinition['connections'] = [['Spam?', 'Block', 0], ['Spam?', 'Allow', 1]];
	if (!slow) return { nodes, connections: [['Tencent Room Trigger', 'Spam?'], ...decide] };
	// A slow step first: reading the seats of a room the emulator answers after 2.5 s.
	nodes.splice(1, 0, { name: 'Slow step', type: ACTION_NODE_TYPE, typeVersion: 1.1, parameters: { resource: 'seat', operation: 'getMany', roomId: 'slow-room' } });
	return { nodes, connections: [['Tencent Room Trigger', 'Slow step'], ['Slow step', 'Spam?'], ...decide] };
}

async function listen(options: IDataObject, slow = false): Promise<WebhookHarness> {
	const harness = new WebhookHarness({ workflow: workflow(options, slow), credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) } });
	harnesses.push(harness);
	await harness.start();
	await harness.activate();
	emulator.setCallbackTarget({ url: harness.url, token: TOKEN, commands: ['Group.CallbackBeforeSendMsg'] });
	return harness;
}

beforeAll(async () => {
	await emulator.start();
	emulator.createRoom({ roomId: ROOM, type: 'live', owner: 'host', members: ['ann'] });
	emulator.createRoom({ roomId: 'slow-room', type: 'live', seatCount: 2 });
});

afterAll(async () => {
	for (const harness of harnesses) await harness.stop();
	await emulator.stop();
});

describe('The Workflow Decides', () => {
	it('a message the workflow blocks never reaches the room, decided well within 2 s; a clean one goes through', async () => {
		await listen({ beforeCallbacks: 'workflowDecides' });
		const blocked = await emulator.userSendsMessage({ roomId: ROOM, from: 'ann', text: 'buy spam now' });
		expect(blocked).toMatchObject({ delivered: false, blockedBy: 1 });
		expect(blocked.callbackMs).toBeLessThan(2000);
		const clean = await emulator.userSendsMessage({ roomId: ROOM, from: 'ann', text: 'hello everyone' });
		expect(clean).toMatchObject({ delivered: true });
		expect(emulator.getRoomMessages(ROOM).map((message) => message.TextContent)).toEqual(['hello everyone']);
	});

	it('a workflow that is late: allowed by the trigger at 1.5 s, before Tencent gives up', async () => {
		emulator.latencyMs = 2500;
		try {
			await listen({ beforeCallbacks: 'workflowDecides' }, true);
			const late = await emulator.userSendsMessage({ roomId: ROOM, from: 'ann', text: 'spam, but nobody decided in time' });
			expect(late).toMatchObject({ delivered: true });
			expect(late.callbackMs).toBeGreaterThanOrEqual(1400);
			expect(late.callbackMs).toBeLessThan(2000);
		} finally {
			emulator.latencyMs = 0;
		}
	});
});

describe('The Workflow Decides, when the workflow gives no answer', () => {
	it('a workflow that fails lets the message through at once, not after Tencent\'s 2 s', async () => {
		const failing: WorkflowDefinition = {
			nodes: [
				{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters: { events: ['Group.CallbackBeforeSendMsg'], options: { beforeCallbacks: 'workflowDecides' } as never } },
				// Seats of a room that does not exist: the node fails (no "Continue" setting).
				{ name: 'Fails', type: ACTION_NODE_TYPE, typeVersion: 1.1, parameters: { resource: 'seat', operation: 'getMany', roomId: 'no-such-room' } },
			],
			connections: [['Tencent Room Trigger', 'Fails']],
		};
		const harness = new WebhookHarness({ workflow: failing, credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) } });
		harnesses.push(harness);
		await harness.start();
		await harness.activate();
		emulator.setCallbackTarget({ url: harness.url, token: TOKEN, commands: ['Group.CallbackBeforeSendMsg'] });
		const result = await emulator.userSendsMessage({ roomId: ROOM, from: 'ann', text: 'spam nobody judged' });
		expect(result).toMatchObject({ delivered: true, decision: 'failed' });
		expect(result.callbackMs).toBeLessThan(1000);
	});
});

describe('Allow at Once (the default)', () => {
	it('answers OK at once: the message goes through, and the workflow still runs', async () => {
		const harness = await listen({});
		const result = await emulator.userSendsMessage({ roomId: ROOM, from: 'ann', text: 'spam allowed by default' });
		expect(result).toMatchObject({ delivered: true });
		expect(result.callbackMs).toBeLessThan(1000);
		expect(await harness.settled()).toHaveLength(1);
	});
});
