/**
 * Register Callback: activating the trigger points the app's live callback configuration
 * (live_config) at its production URL, deactivating puts back what was there; and replays of an
 * accepted callback start nothing. Through n8n-core's HookContext and the webhook harness,
 * against the emulator's live_config over HTTP.
 */
import type { IDataObject } from 'n8n-workflow';
import { dirname } from 'path';

import { liveCallbackCommands } from '../../nodes/shared/callbackCommands';
import { TencentEmulator, tencentCallbackSign } from '../emulator/index.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { runWorkflow, tencentRoomWorkflow, TRIGGER_NODE_TYPE } from '../helpers/n8nHarness.cjs';
import { WebhookHarness } from '../helpers/webhookHarness.cjs';
import { rawRequest } from '../helpers/rawHttp.cjs';

const TOKEN = 'register-callback-token-8Qw3';
const LIVE_EVENTS = liveCallbackCommands([]);
const emulator = new TencentEmulator();
const harnesses: WebhookHarness[] = [];

/** What the trigger told n8n's log (n8n-core's Logger, behind `this.logger` in hooks). */
const logged: string[] = [];

beforeAll(async () => {
	const coreDir = dirname(require.resolve('n8n-core'));
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Container } = require(require.resolve('@n8n/di', { paths: [coreDir] })) as { Container: { get(type: unknown): unknown } };
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { Logger } = require(require.resolve('@n8n/backend-common', { paths: [coreDir] })) as { Logger: unknown };
	const logger = Container.get(Logger) as Record<'warn' | 'info', (message: string) => void>;
	for (const level of ['warn', 'info'] as const) jest.spyOn(logger, level).mockImplementation((message: string) => void logged.push(`${level}: ${message}`));
	await emulator.start();
	emulator.createRoom({ roomId: 'reg-live', type: 'live', owner: 'host', members: ['ann'], seatCount: 4 });
});

afterAll(async () => {
	jest.restoreAllMocks();
	for (const harness of harnesses) await harness.stop();
	await emulator.stop();
});

beforeEach(() => {
	logged.length = 0;
	emulator.clearLiveCallbackConfig();
	emulator.clearFaults();
	emulator.resetLog();
});

async function trigger(parameters: IDataObject = {}, credential: IDataObject = {}): Promise<WebhookHarness> {
	const harness = new WebhookHarness({
		workflow: {
			nodes: [
				{ name: 'Tencent Room Trigger', type: TRIGGER_NODE_TYPE, parameters: { registerCallback: true, ...parameters } },
				{ name: 'Received', type: 'n8n-nodes-base.noOp' },
			],
			connections: [['Tencent Room Trigger', 'Received']],
		},
		credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN, ...credential }) },
	});
	harnesses.push(harness);
	await harness.start();
	return harness;
}

const config = () => emulator.getLiveCallbackConfig();
const commands = () => emulator.requests.map((request) => request.command);

describe('activation', () => {
	it("with nothing configured: sets Tencent's live callback to the production URL with every live event, and enables the credential's token", async () => {
		const harness = await trigger();
		await harness.activate();
		expect(config().callback).toEqual({ Url: harness.url, CallbackCommandList: LIVE_EVENTS });
		expect(config().token).toEqual({ Token: TOKEN, IsTokenEnable: true });
		expect(logged).toContainEqual(expect.stringMatching(/^info: .*enabled live callback signing/));
		expect(commands()).toEqual(['live_config/get_callback', 'live_config/get_callback_token', 'live_config/set_callback_token', 'live_config/get_callback', 'live_config/set_callback']);
	});

	it('registers only the selected live events', async () => {
		const harness = await trigger({ events: ['Mic.CallbackAfterSeatInfoChanged', 'Group.CallbackAfterSendMsg'] });
		await harness.activate();
		expect(config().callback?.CallbackCommandList).toEqual(['Mic.CallbackAfterSeatInfoChanged']);
	});

	it('already registered with the same URL and events: checkExists says so, nothing is written', async () => {
		const harness = await trigger();
		await harness.activate();
		emulator.resetLog();
		await harness.activate();
		expect(commands()).toEqual(['live_config/get_callback']);
	});

	it('a seat lock made through Tencent now starts the workflow by itself, signed and verified', async () => {
		const harness = await trigger({ events: ['Mic.CallbackAfterSeatInfoChanged'] });
		await harness.activate();
		const run = await runWorkflow(tencentRoomWorkflow({ resource: 'seat', operation: 'lock', roomId: 'reg-live', seatIndex: 2 }), {
			tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }),
		});
		expect(run.error).toBeUndefined();
		await emulator.waitForCallbacks();
		const runs = await harness.settled();
		expect(runs).toHaveLength(1);
		expect(runs[0].outputOf('Received')[0]).toEqual([expect.objectContaining({ CallbackCommand: 'Mic.CallbackAfterSeatInfoChanged', RoomId: 'reg-live' })]);
	});

	it("Tencent signs with another token: activation fails naming the mismatch, not the tokens, and nothing changes", async () => {
		emulator.setLiveCallbackConfig({ url: 'https://old.example/callback', commands: ['Live.CallbackAfterCreateRoom'], token: 'someone-elses-token', tokenEnabled: true });
		const harness = await trigger();
		await expect(harness.activate()).rejects.toThrow("Tencent signs live callbacks with another token than the credential's Callback Token");
		await expect(harness.activate()).rejects.not.toThrow(/someone-elses-token|register-callback-token/);
		expect(config().callback).toEqual({ Url: 'https://old.example/callback', CallbackCommandList: ['Live.CallbackAfterCreateRoom'] });
	});

	it('Tencent refuses the registration: activation fails with its error', async () => {
		const harness = await trigger();
		emulator.injectErrorCode(100002, { command: 'live_config/set_callback' });
		await expect(harness.activate()).rejects.toThrow(/Could not set the live callback configuration: invalid parameter \(100002\)/);
		expect(config().callback).toBeNull();
	});

	it('only Chat events selected: activation explains that Register Callback covers live events', async () => {
		const harness = await trigger({ events: ['Group.CallbackAfterSendMsg'] });
		await expect(harness.activate()).rejects.toThrow(/none of the selected events is one/);
	});
});

describe('deactivation', () => {
	it('puts back the configuration that was there before', async () => {
		const before = { url: 'https://old.example/callback', commands: ['Live.CallbackAfterCreateRoom'], token: TOKEN, tokenEnabled: true };
		emulator.setLiveCallbackConfig(before);
		const harness = await trigger();
		await harness.activate();
		expect(config().callback?.Url).toBe(harness.url);
		await harness.deactivate();
		expect(config().callback).toEqual({ Url: 'https://old.example/callback', CallbackCommandList: ['Live.CallbackAfterCreateRoom'] });
	});

	it('with nothing there before: an empty event list, so Tencent stops sending (it has no delete)', async () => {
		const harness = await trigger();
		await harness.activate();
		await harness.deactivate();
		expect(config().callback).toEqual({ Url: harness.url, CallbackCommandList: [] });
	});

	it('changed by someone else in between: left alone', async () => {
		const harness = await trigger();
		await harness.activate();
		emulator.setLiveCallbackConfig({ url: 'https://someone.example/new', commands: ['Live.CallbackAfterDestroyRoom'], token: TOKEN, tokenEnabled: true });
		await harness.deactivate();
		expect(config().callback).toEqual({ Url: 'https://someone.example/new', CallbackCommandList: ['Live.CallbackAfterDestroyRoom'] });
		expect(logged).toContainEqual(expect.stringMatching(/^warn: .*left the app's live callback configuration as it is: it was changed after this workflow set it/));
	});

	it('Tencent unreachable: the workflow still deactivates, and the configuration is left as it was', async () => {
		const harness = await trigger();
		await harness.activate();
		emulator.injectFault('http502', { command: 'live_config/get_callback', count: 8 });
		await expect(harness.deactivate()).resolves.toBeUndefined();
		expect(config().callback?.Url).toBe(harness.url);
		// The log says what was left behind and what to put back.
		expect(logged).toContainEqual(
			expect.stringMatching(new RegExp(`^warn: .*could not restore .*Tencent still calls ${harness.url.replace(/[.?]/g, '\\$&')} for ${LIVE_EVENTS.length} events; restore an empty event list in the console`)),
		);
	});
});

describe('replays', () => {
	it('the same signed callback again is answered OK and starts nothing; a new one runs', async () => {
		const harness = await trigger({ registerCallback: false });
		await harness.activate();
		const requestTime = String(Math.floor(Date.now() / 1000));
		const query = `SdkAppid=1400000001&CallbackCommand=Group.CallbackAfterSendMsg&contenttype=json&ClientIP=1.2.3.4&OptPlatform=Web&RequestTime=${requestTime}&Sign=${tencentCallbackSign(TOKEN, requestTime)}`;
		const body = (seq: number) => JSON.stringify({ GroupId: 'reg-live', From_Account: 'ann', MsgSeq: seq, MsgBody: [] });
		const first = await rawRequest(`${harness.url}?${query}`, { body: body(1), headers: { 'Content-Type': 'application/json' } });
		const replay = await rawRequest(`${harness.url}?${query}`, { body: body(1), headers: { 'Content-Type': 'application/json' } });
		const another = await rawRequest(`${harness.url}?${query}`, { body: body(2), headers: { 'Content-Type': 'application/json' } });
		expect([first.status, replay.status, another.status]).toEqual([200, 200, 200]);
		expect(replay.json).toEqual(first.json);
		const runs = await harness.settled();
		expect(runs.map((run) => run.outputOf('Received')[0][0].MsgSeq)).toEqual([1, 2]);
	});
});
