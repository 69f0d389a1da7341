/**
 * The Tencent Room Trigger over real HTTP: callbacks are POSTed to the webhook harness, which
 * runs the node's webhook() in n8n-core's WebhookContext and starts the workflow through
 * WorkflowExecute. Each test counts the executions that started.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import type { ICredentialDataDecryptedObject, IDataObject, INode, INodeTypeDescription } from 'n8n-workflow';

import { CALLBACK_COMMANDS } from '../../nodes/shared/callbackCommands';
import { TencentRoomTrigger } from '../../nodes/TencentRoomTrigger/TencentRoomTrigger.node';
import {
	DEMO_APP,
	TencentEmulator,
	groupMessageBody,
	liveRoomCreatedBody,
	roomDestroyedBody,
	seatInfoChangedBody,
	tencentCallbackSign,
	type CallbackDelivery,
	type CallbackOptions,
} from '../emulator/index.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { loadPackage, TRIGGER_NODE_TYPE, type WorkflowDefinition } from '../helpers/n8nHarness.cjs';
import { WebhookHarness, type WebhookHarnessOptions } from '../helpers/webhookHarness.cjs';

const TOKEN = 'n8n-callback-token-Zq81';
const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const REJECTED = { ActionStatus: 'FAIL', ErrorCode: 401, ErrorInfo: 'callback rejected' };
const BAD_BODY = { ActionStatus: 'FAIL', ErrorCode: 400, ErrorInfo: 'callback body must be a JSON object' };
const QUERY_FIELDS = ['CallbackCommand', 'SdkAppid', 'ClientIP', 'OptPlatform', 'RequestTime'];

const emulator = new TencentEmulator();
beforeAll(async () => {
	await emulator.start();
});
afterAll(async () => {
	await emulator.stop();
});

function triggerWorkflow(parameters: INode['parameters'] = {}): WorkflowDefinition {
	return {
		nodes: [
			{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters },
			{ name: 'Received', type: 'n8n-nodes-base.noOp' },
		],
		connections: [['Tencent Room Trigger', 'Received']],
	};
}

interface TriggerSetup {
	parameters?: INode['parameters'];
	/** Merged into the emulator credential; the token is TOKEN unless overridden. */
	credential?: ICredentialDataDecryptedObject;
	activate?: boolean;
	harness?: Partial<WebhookHarnessOptions>;
}

const harnesses: WebhookHarness[] = [];
afterEach(async () => {
	jest.restoreAllMocks();
	await Promise.all(harnesses.splice(0).map((harness) => harness.stop()));
});

async function startTrigger(setup: TriggerSetup = {}): Promise<WebhookHarness> {
	const harness = new WebhookHarness({
		workflow: triggerWorkflow(setup.parameters),
		credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN, ...setup.credential }) },
		...setup.harness,
	});
	harnesses.push(harness);
	await harness.start();
	if (setup.activate !== false) await harness.activate();
	return harness;
}

/** A callback the way Tencent sends it, signed with TOKEN unless told otherwise. */
async function send(
	harness: WebhookHarness,
	command: string,
	body: CallbackOptions['body'],
	options: Partial<CallbackOptions> = {},
): Promise<CallbackDelivery> {
	return await emulator.sendCallback({ url: harness.url, command, body, token: TOKEN, ...options });
}

/** The item the trigger emitted in each execution, after all of them finished. */
async function emitted(harness: WebhookHarness): Promise<IDataObject[]> {
	const runs = await harness.settled();
	return runs.map((run) => {
		expect(run.error).toBeUndefined();
		const [items] = run.outputOf('Tencent Room Trigger');
		expect(items).toHaveLength(1);
		expect(run.outputOf('Received')[0]).toEqual(items);
		return items[0];
	});
}

function everythingSaid(harness: WebhookHarness, outputs: IDataObject[]): string {
	return JSON.stringify({ answers: harness.calls.map((call) => call.responseText), outputs });
}

describe('node description', () => {
	let description: INodeTypeDescription;
	beforeAll(async () => {
		const loader = await loadPackage();
		description = loader.getNode('tencentRoomTrigger').type.description as INodeTypeDescription;
	});

	it('is a POST webhook trigger with no inputs that needs the tencentRoomApi credential and is not a tool', () => {
		expect(description.name).toBe('tencentRoomTrigger');
		expect(description.displayName).toBe('Tencent Room Trigger');
		expect(description.inputs).toEqual([]);
		expect(description.outputs).toEqual(['main']);
		expect(description.group).toEqual(['trigger']);
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials).toEqual([{ name: 'tencentRoomApi', required: true }]);
		// Answered at once, except "Before" callbacks when the workflow decides (a Respond to Webhook node).
		expect(description.webhooks).toEqual([
			{ name: 'default', httpMethod: 'POST', responseMode: expect.stringMatching(/beforeCallbacks.*workflowDecides.*lastNode.*onReceived/), responseData: 'firstEntryJson', path: 'tencent-room' },
		]);
		expect(typeof description.subtitle).toBe('string');
	});

	it('has its own light and dark icons (different files)', () => {
		expect(new TencentRoomTrigger().description.icon).toEqual({
			light: 'file:tencentRoomTrigger.svg',
			dark: 'file:tencentRoomTrigger.dark.svg',
		});
		const folder = join(__dirname, '../../nodes/TencentRoomTrigger');
		const light = readFileSync(join(folder, 'tencentRoomTrigger.svg'), 'utf8');
		const dark = readFileSync(join(folder, 'tencentRoomTrigger.dark.svg'), 'utf8');
		expect(light).toMatch(/^<svg /);
		expect(dark).toMatch(/^<svg /);
		expect(light).not.toBe(dark);
	});

	it('offers the documented callback commands as Events (values verbatim) and explains the set-up in a notice', () => {
		const events = description.properties.find((property) => property.name === 'events');
		expect(events).toMatchObject({ type: 'multiOptions', default: [] });
		expect(events?.options?.map((option) => (option as { value: string }).value)).toEqual(CALLBACK_COMMANDS.map((command) => command.value));
		const notice = description.properties.find((property) => property.type === 'notice');
		expect(notice?.displayName).toMatch(/Production URL/);
		expect(notice?.displayName).toMatch(/Callback configuration/);
		expect(notice?.displayName).toMatch(/Register Callback/);
		expect(notice?.displayName).toMatch(/Chat console/);
		// Two sentences and a link to the trigger's documentation page.
		const text = String(notice?.displayName).replace(/<a [^>]*>[^<]*<\/a>/, '').trim();
		expect(text.split(/(?<=\.) /)).toHaveLength(2);
		expect(notice?.displayName).toMatch(/<a href="https:\/\/github\.com\/n8n-nodes-tencent-room\/n8n-nodes-tencent-room\/blob\/main\/docs\/trigger\.md" target="_blank">/);
	});

	it('has an "Allow Unsigned Callbacks" option, off by default, whose hint explains the risk', () => {
		const options = description.properties.find((property) => property.name === 'options');
		const allowUnsigned = options?.options?.find((option) => (option as { name: string }).name === 'allowUnsigned') as
			| { displayName: string; default: unknown; hint?: string }
			| undefined;
		expect(allowUnsigned).toMatchObject({ displayName: 'Allow Unsigned Callbacks', default: false });
		expect(allowUnsigned?.hint).toMatch(/anyone who guesses or learns the webhook URL can start this workflow/);
		const skew = options?.options?.find((option) => (option as { name: string }).name === 'maxClockSkewSeconds');
		expect(skew).toMatchObject({ default: 60 });
	});
});

describe('valid callbacks', () => {
	const APP_ID = String(DEMO_APP.sdkAppId);
	const cases: Array<[string, Record<string, unknown>]> = [
		['Group.CallbackAfterSendMsg', groupMessageBody({ groupId: 'live-1', from: 'alice', text: 'hello' })],
		[
			'Mic.CallbackAfterSeatInfoChanged',
			seatInfoChangedBody({ roomId: 'live-1', seats: [{ Index: 0, Member_Account: 'alice' }, { Index: 1, IsTakenDisabled: true }] }),
		],
		['Room.CallbackAfterDestroyRoom', roomDestroyedBody({ roomId: 'conf-1' })],
		['Live.CallbackAfterCreateRoom', liveRoomCreatedBody({ roomId: 'live-2', owner: 'host-1' })],
	];

	it.each(cases)('%s is answered at once with ActionStatus OK and starts one execution with the body and query fields', async (command, body) => {
		const harness = await startTrigger();
		const delivery = await send(harness, command, body, { clientIp: '198.51.100.4', optPlatform: 'Android' });
		expect(delivery.status).toBe(200);
		expect(delivery.json).toEqual(ACK);
		expect(delivery.text).toBe('{"ActionStatus":"OK","ErrorInfo":"","ErrorCode":0}');
		expect(delivery.headers['content-type']).toMatch(/^application\/json/);

		const [item] = await emitted(harness);
		expect(harness.runs).toHaveLength(1);
		const requestTime = new URL(delivery.url).searchParams.get('RequestTime');
		// contract.md: the body's fields plus CallbackCommand, SdkAppid, ClientIP, OptPlatform, RequestTime.
		expect(item).toEqual({
			...body,
			CallbackCommand: command,
			SdkAppid: APP_ID,
			ClientIP: '198.51.100.4',
			OptPlatform: 'Android',
			RequestTime: requestTime,
		});
		expect(Object.keys(item).sort()).toEqual([...new Set([...Object.keys(body), ...QUERY_FIELDS])].sort());
	});

	it('never puts the Sign or the token in an output or an answer', async () => {
		const harness = await startTrigger();
		const deliveries: CallbackDelivery[] = [];
		for (const [command, body] of cases) deliveries.push(await send(harness, command, body));
		const outputs = await emitted(harness);
		expect(outputs).toHaveLength(cases.length);
		const said = everythingSaid(harness, outputs);
		for (const delivery of deliveries) {
			const sign = new URL(delivery.url).searchParams.get('Sign');
			expect(sign).toMatch(/^[0-9a-f]{64}$/);
			expect(said).not.toContain(sign);
			expect(delivery.text).not.toContain(sign);
		}
		expect(said).not.toContain(TOKEN);
		for (const item of outputs) expect(item).not.toHaveProperty('Sign');
	});

	it('accepts Tencent\'s documented vector (token xxxxyyyy, RequestTime 1669872112) when the clock agrees', async () => {
		const harness = await startTrigger({ credential: { callbackToken: 'xxxxyyyy' } });
		const vector = 'SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterSendMsg&contenttype=json&ClientIP=203.0.113.7&OptPlatform=RESTAPI&RequestTime=1669872112&Sign=17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061';
		const body = JSON.stringify(groupMessageBody({ groupId: 'live-1', from: 'alice', text: 'hi' }));
		const headers = { 'Content-Type': 'application/json' };

		jest.spyOn(Date, 'now').mockReturnValue(1_669_872_112_000 + 30_000);
		expect(await harness.post(vector, body, headers)).toMatchObject({ status: 200, json: ACK });

		jest.spyOn(Date, 'now').mockReturnValue(1_669_872_112_000 + 61_000);
		expect(await harness.post(vector, body, headers)).toMatchObject({ status: 401, json: REJECTED });
		jest.restoreAllMocks();

		const [item] = await emitted(harness);
		expect(item).toMatchObject({ RequestTime: '1669872112', SdkAppid: '1400000001' });
		expect(harness.runs).toHaveLength(1);
	});

	it('answers within Tencent\'s 2 s even when the workflow takes longer', async () => {
		const harness = new WebhookHarness({
			workflow: {
				nodes: [
					{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters: {} },
					{ name: 'Get seats', type: 'n8n-nodes-tencent-room.tencentRoom', parameters: { resource: 'seat', operation: 'getMany', roomId: '={{ $json.RoomId }}' } },
				],
				connections: [['Tencent Room Trigger', 'Get seats']],
			},
			credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) },
		});
		harnesses.push(harness);
		await harness.start();
		await harness.activate();
		emulator.createRoom({ roomId: 'slow-room', seatCount: 2 });
		emulator.latencyMs = 2500;
		try {
			const delivery = await send(harness, 'Room.CallbackAfterDestroyRoom', roomDestroyedBody({ roomId: 'slow-room' }));
			expect(delivery.status).toBe(200);
			expect(delivery.elapsedMs).toBeLessThan(2000);
			const [run] = await harness.settled();
			expect(run.error).toBeUndefined();
			expect(run.outputOf('Get seats')[0]).toHaveLength(2);
		} finally {
			emulator.latencyMs = 0;
		}
	});
});

describe('refused callbacks: HTTP 401, nothing started, nothing echoed', () => {
	const body = groupMessageBody({ groupId: 'live-1', from: 'mallory', text: '!lock 0' });
	const COMMAND = 'Group.CallbackAfterSendMsg';
	const NOW = 1_750_000_000_000;

	const failures: Array<[string, Partial<CallbackOptions>]> = [
		['a missing Sign', { query: { Sign: null } }],
		['a missing RequestTime', { query: { RequestTime: null } }],
		['a Sign of the wrong length', { query: { Sign: tencentCallbackSign(TOKEN, NOW / 1000).slice(0, 62) } }],
		['a Sign that is not hex', { query: { Sign: `${tencentCallbackSign(TOKEN, NOW / 1000).slice(0, 60)}zzzz` } }],
		['a Sign made with the wrong token', { token: 'not-the-token' }],
		['a Sign for another RequestTime', { query: { Sign: tencentCallbackSign(TOKEN, NOW / 1000 - 1) } }],
		['a RequestTime 61 s in the past', { nowMs: NOW - 61_000 }],
		['a RequestTime 61 s in the future', { nowMs: NOW + 61_000 }],
		['another SdkAppid', { sdkAppId: 1400000002 }],
		['no SdkAppid', { query: { SdkAppid: null } }],
		['two Sign parameters', { query: { sign: tencentCallbackSign(TOKEN, NOW / 1000) } }],
		['no token at all (unsigned)', { token: undefined }],
	];

	it.each(failures)('%s', async (_label, options) => {
		const harness = await startTrigger();
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
		const delivery = await send(harness, COMMAND, body, { nowMs: NOW, ...options });
		jest.restoreAllMocks();
		expect(delivery.status).toBe(401);
		expect(delivery.json).toEqual(REJECTED);
		expect(delivery.text).not.toContain('mallory');
		expect(delivery.text).not.toContain('!lock');
		const sign = new URL(delivery.url).searchParams.get('Sign');
		if (sign) expect(delivery.text).not.toContain(sign);
		expect(harness.calls).toHaveLength(1);
		expect(harness.calls[0].started).toBe(false);
		expect(harness.runs).toHaveLength(0);
	});

	it('accepts the same callback at exactly 60 s either way (the boundary), with a pinned clock', async () => {
		const harness = await startTrigger();
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
		expect((await send(harness, COMMAND, body, { nowMs: NOW - 60_000 })).status).toBe(200);
		expect((await send(harness, COMMAND, body, { nowMs: NOW + 60_000 })).status).toBe(200);
		jest.restoreAllMocks();
		expect(harness.runs).toHaveLength(2);
	});

	it('honours a larger Max Clock Skew option', async () => {
		const harness = await startTrigger({ parameters: { options: { maxClockSkewSeconds: 120 } } });
		jest.spyOn(Date, 'now').mockReturnValue(NOW);
		expect((await send(harness, COMMAND, body, { nowMs: NOW - 90_000 })).status).toBe(200);
		expect((await send(harness, COMMAND, body, { nowMs: NOW - 121_000 })).status).toBe(401);
		jest.restoreAllMocks();
		expect(harness.runs).toHaveLength(1);
	});

	it('checks the signature before the body: a bad body with a bad Sign is a 401', async () => {
		const harness = await startTrigger();
		const delivery = await send(harness, COMMAND, 'not json', { token: 'wrong', contentType: 'text/plain' });
		expect(delivery.status).toBe(401);
		expect(delivery.json).toEqual(REJECTED);
		expect(harness.runs).toHaveLength(0);
	});
});

describe('bodies that are not a JSON object: HTTP 400, nothing started', () => {
	it.each([
		['an empty body', '', 'application/json'],
		['an empty object', '{}', 'application/json'],
		['a JSON array', '[{"GroupId":"live-1"}]', 'application/json'],
		['a JSON string', '"hello"', 'application/json'],
		['plain text', 'GroupId=live-1', 'text/plain'],
		['form fields', 'GroupId=live-1&From_Account=alice', 'application/x-www-form-urlencoded'],
		['no Content-Type and not JSON', 'garbage', null],
	])('%s', async (_label, text, contentType) => {
		const harness = await startTrigger();
		const delivery = await send(harness, 'Group.CallbackAfterSendMsg', text, { contentType });
		expect(delivery.status).toBe(400);
		expect(delivery.json).toEqual(BAD_BODY);
		expect(harness.runs).toHaveLength(0);
	});

	it('reads a JSON object sent without a Content-Type or as text/plain', async () => {
		const harness = await startTrigger();
		expect((await send(harness, 'Room.CallbackAfterDestroyRoom', roomDestroyedBody({ roomId: 'conf-9' }), { contentType: null })).status).toBe(200);
		expect((await send(harness, 'Room.CallbackAfterDestroyRoom', roomDestroyedBody({ roomId: 'conf-10' }), { contentType: 'text/plain' })).status).toBe(200);
		const items = await emitted(harness);
		expect(items.map((item) => item.RoomId)).toEqual(['conf-9', 'conf-10']);
	});

	it('never reaches the node with invalid JSON declared as application/json: n8n itself answers 422', async () => {
		const harness = await startTrigger();
		const delivery = await send(harness, 'Group.CallbackAfterSendMsg', '{"GroupId": ', {});
		expect(delivery.status).toBe(422);
		expect(harness.runs).toHaveLength(0);
	});
});

describe('events filter', () => {
	it('answers OK and starts nothing for a command that is not selected', async () => {
		const harness = await startTrigger({ parameters: { events: ['Group.CallbackAfterSendMsg'] } });
		const ignored = await send(harness, 'Mic.CallbackAfterSeatInfoChanged', seatInfoChangedBody({ roomId: 'live-1', seats: [] }));
		expect(ignored.status).toBe(200);
		expect(ignored.json).toEqual(ACK);
		expect(harness.runs).toHaveLength(0);
		const accepted = await send(harness, 'Group.CallbackAfterSendMsg', groupMessageBody({ groupId: 'live-1', from: 'a', text: 'x' }));
		expect(accepted.json).toEqual(ACK);
		expect(harness.runs).toHaveLength(1);
	});

	it('starts for every command, listed or not, when no event is selected', async () => {
		const harness = await startTrigger();
		await send(harness, 'Room.CallbackAfterMemberEnter', { RoomId: 'conf-1', MemberList_Account: ['bob'] });
		await send(harness, 'Group.CallbackAfterNewMemberJoin', { GroupId: 'live-1' });
		const items = await emitted(harness);
		expect(items.map((item) => item.CallbackCommand)).toEqual(['Room.CallbackAfterMemberEnter', 'Group.CallbackAfterNewMemberJoin']);
	});

	it('takes the command from the body before the query', async () => {
		const harness = await startTrigger({ parameters: { events: ['Group.CallbackAfterSendMsg'] } });
		const body = { CallbackCommand: 'Group.CallbackAfterSendMsg', GroupId: 'live-1' };
		// The query says Mic…, the body says Group…: the body wins, so it starts.
		await send(harness, 'Mic.CallbackAfterSeatInfoChanged', body, { commandInBody: false });
		// The query says Group…, the body says Mic…: ignored.
		await send(harness, 'Group.CallbackAfterSendMsg', { CallbackCommand: 'Mic.CallbackAfterSeatInfoChanged', RoomId: 'live-1' }, { commandInBody: false });
		const items = await emitted(harness);
		expect(items).toHaveLength(1);
		expect(items[0]).toMatchObject({ CallbackCommand: 'Group.CallbackAfterSendMsg', GroupId: 'live-1' });
	});

	it('falls back to the query command (CallbackCommand or WebhookCommand) when the body has none', async () => {
		const harness = await startTrigger({ parameters: { events: ['Live.CallbackAfterDestroyRoom'] } });
		await send(harness, 'Live.CallbackAfterDestroyRoom', { RoomId: 'live-3' }, { commandInBody: false });
		await send(harness, 'ignored', { RoomId: 'live-4' }, { commandInBody: false, query: { CallbackCommand: null, WebhookCommand: 'Live.CallbackAfterDestroyRoom' } });
		const items = await emitted(harness);
		expect(items.map((item) => [item.RoomId, item.CallbackCommand])).toEqual([
			['live-3', 'Live.CallbackAfterDestroyRoom'],
			['live-4', 'Live.CallbackAfterDestroyRoom'],
		]);
	});
});

describe('query parameter names are read case-insensitively', () => {
	it('accepts sdkappid / SdkAppId / SDKAPPID, sign, requesttime and webhookcommand in any case', async () => {
		const harness = await startTrigger({ parameters: { events: ['Group.CallbackAfterSendMsg'] } });
		const now = Date.now();
		const requestTime = String(Math.floor(now / 1000));
		const sign = tencentCallbackSign(TOKEN, requestTime);
		const app = String(DEMO_APP.sdkAppId);
		const headers = { 'Content-Type': 'application/json' };
		let sequence = 0;
		for (const [appName, timeName, signName, commandName] of [
			['SdkAppId', 'RequestTime', 'Sign', 'CallbackCommand'],
			['sdkappid', 'requesttime', 'sign', 'callbackcommand'],
			['SDKAPPID', 'REQUESTTIME', 'SIGN', 'WebhookCommand'],
			['SdkAppid', 'requestTime', 'sIgN', 'webhookcommand'],
		]) {
			const query = `${appName}=${app}&${commandName}=Group.CallbackAfterSendMsg&contenttype=json&ClientIP=1.2.3.4&OptPlatform=Web&${timeName}=${requestTime}&${signName}=${sign}`;
			// Four different messages (the same one again would be a replay, answered OK and not run).
			const body = JSON.stringify({ GroupId: 'live-1', MsgSeq: ++sequence, MsgBody: [] });
			const answer = await harness.post(query, body, headers);
			expect(answer).toMatchObject({ status: 200, json: ACK });
		}
		const items = await emitted(harness);
		expect(items).toHaveLength(4);
		for (const item of items) {
			expect(item).toMatchObject({ CallbackCommand: 'Group.CallbackAfterSendMsg', SdkAppid: app, RequestTime: requestTime, ClientIP: '1.2.3.4', OptPlatform: 'Web' });
		}
	});
});

describe('without a callback token', () => {
	it('refuses to activate unless "Allow Unsigned Callbacks" is on, and the URL stays unregistered', async () => {
		const harness = await startTrigger({ credential: { callbackToken: '' }, activate: false });
		await expect(harness.activate()).rejects.toThrow(/Set a Callback Token in the credential/);
		await expect(harness.activate()).rejects.toMatchObject({
			name: 'NodeOperationError',
			description: expect.stringMatching(/Allow Unsigned Callbacks/),
		});
		expect(harness.isActive).toBe(false);
		const delivery = await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' }, { token: undefined });
		expect(delivery.status).toBe(404);
		expect(harness.runs).toHaveLength(0);
	});

	it('treats a token of spaces as no token', async () => {
		const harness = await startTrigger({ credential: { callbackToken: '   ' }, activate: false });
		await expect(harness.activate()).rejects.toThrow(/Set a Callback Token/);
	});

	it('answers 401 if webhook() is reached anyway', async () => {
		const harness = await startTrigger({ credential: { callbackToken: '' }, activate: false, harness: { requireActivation: false } });
		const unsigned = await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' }, { token: undefined });
		expect(unsigned.status).toBe(401);
		expect(unsigned.json).toEqual(REJECTED);
		const signedWithAnything = await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' }, { token: '' });
		expect(signedWithAnything.status).toBe(401);
		expect(harness.runs).toHaveLength(0);
	});

	it('accepts unsigned callbacks when allowed, still checking the SdkAppid', async () => {
		const harness = await startTrigger({ credential: { callbackToken: '' }, parameters: { options: { allowUnsigned: true } } });
		expect(harness.isActive).toBe(true);
		const accepted = await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' }, { token: undefined });
		expect(accepted).toMatchObject({ status: 200, json: ACK });
		const otherApp = await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' }, { token: undefined, sdkAppId: 1400000002 });
		expect(otherApp).toMatchObject({ status: 401, json: REJECTED });
		const [item] = await emitted(harness);
		expect(item).toMatchObject({ GroupId: 'live-1', RequestTime: '', SdkAppid: String(DEMO_APP.sdkAppId) });
		expect(harness.runs).toHaveLength(1);
	});

	it('still requires a valid Sign when a token is set, even with "Allow Unsigned Callbacks" on', async () => {
		const harness = await startTrigger({ parameters: { options: { allowUnsigned: true } } });
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' }, { token: undefined })).status).toBe(401);
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'live-1' })).status).toBe(200);
		expect(harness.runs).toHaveLength(1);
	});
});

describe('activation lifecycle', () => {
	it('runs checkExists → create on activation and delete on deactivation; the URL answers only while active', async () => {
		const harness = await startTrigger({ activate: false });
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'a' })).status).toBe(404);
		await harness.activate();
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'a' })).status).toBe(200);
		await harness.deactivate();
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'a' })).status).toBe(404);
		expect(harness.runs).toHaveLength(1);
	});

	it('refuses to activate with an SDKAppID that cannot be right', async () => {
		const harness = await startTrigger({ credential: { sdkAppId: 'abc' }, activate: false });
		await expect(harness.activate()).rejects.toThrow(/Credential field "SDKAppID" is invalid/);
	});

	it('works on the test URL ("Listen for test event") the same way', async () => {
		const harness = await startTrigger({ harness: { mode: 'manual' } });
		expect(harness.url).toContain('/webhook-test/');
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'a' }, { token: 'wrong' })).status).toBe(401);
		expect((await send(harness, 'Group.CallbackAfterSendMsg', { GroupId: 'a' })).status).toBe(200);
		const [item] = await emitted(harness);
		expect(item.GroupId).toBe('a');
	});

	it('answers only POST', async () => {
		const harness = await startTrigger();
		expect((await harness.request('GET', '')).status).toBe(404);
		expect(harness.runs).toHaveLength(0);
	});
});
