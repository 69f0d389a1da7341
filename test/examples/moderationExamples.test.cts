/**
 * examples/word-filter.json and examples/host-chat-commands.json end to end: the emulator sends
 * signed Group.CallbackAfterSendMsg callbacks to the webhook harness (n8n-core's WebhookContext
 * over real HTTP); the workflows run through n8n-core against the same emulator's REST API, and
 * the tests read what the emulator applied (mutes, messages, bans, seats).
 */
import { readFileSync } from 'fs';
import { join } from 'path';

import { TencentEmulator, groupMessageBody, seedDemoData, type CallbackDelivery } from '../emulator/index.cjs';
import { banInLiveRoom, muteInLiveRoom } from '../helpers/emulatorRest.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { workflowJsonToDefinition, type WorkflowJson, type WorkflowRun } from '../helpers/n8nHarness.cjs';
import { WebhookHarness } from '../helpers/webhookHarness.cjs';

const TOKEN = 'moderation-example-token-5Rv8';
const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
const TRIGGER_TYPE = 'n8n-nodes-tencent-room.tencentRoomTrigger';
const ACTION_TYPE = 'n8n-nodes-tencent-room.tencentRoom';

type ExampleJson = WorkflowJson & {
	name: string;
	nodes: Array<WorkflowJson['nodes'][number] & { id: string; position: number[]; webhookId?: string }>;
};

function loadExample(file: string): ExampleJson {
	return JSON.parse(readFileSync(join(__dirname, '../../examples', file), 'utf8')) as ExampleJson;
}

/** A seeded emulator and the example's trigger behind the webhook harness, activated. */
function useTriggerExample(file: string) {
	const example = loadExample(file);
	const emulator = new TencentEmulator();
	const context = { emulator, example, harness: undefined as unknown as WebhookHarness };
	beforeAll(async () => {
		await emulator.start();
		seedDemoData(emulator);
		context.harness = new WebhookHarness({
			workflow: workflowJsonToDefinition(example),
			credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: TOKEN }) },
		});
		await context.harness.start();
		await context.harness.activate();
	});
	afterAll(async () => {
		await context.harness.stop();
		await emulator.stop();
	});
	/** A chat message as Tencent reports it, signed; resolves with the answer and the run it started. */
	async function chat(groupId: string, from: string, text: string): Promise<{ delivery: CallbackDelivery; run: WorkflowRun }> {
		const before = context.harness.runs.length;
		const delivery = await emulator.sendCallback({
			url: context.harness.url,
			command: 'Group.CallbackAfterSendMsg',
			body: groupMessageBody({ groupId, from, text }),
			token: TOKEN,
		});
		expect(delivery.status).toBe(200);
		expect(delivery.json).toEqual(ACK);
		const runs = await context.harness.settled();
		expect(runs).toHaveLength(before + 1);
		const run = runs[runs.length - 1];
		expect(run.error).toBeUndefined();
		return { delivery, run };
	}
	return { context, chat };
}

/** The nodes of a run that produced at least one item, in no particular order. */
function nodesWithItems(run: WorkflowRun): string[] {
	return Object.keys(run.run.data.resultData.runData).filter((node) => run.outputOf(node).some((items) => items.length > 0));
}

function commandsSince(emulator: TencentEmulator, seq: number): string[] {
	return emulator.requests.filter((request) => request.seq > seq).map((request) => request.command);
}

function lastRequestSeq(emulator: TencentEmulator): number {
	return emulator.requests[emulator.requests.length - 1]?.seq ?? 0;
}

describe.each(['word-filter.json', 'host-chat-commands.json'])('examples/%s as a file', (file) => {
	it('is an n8n export: a Tencent Room Trigger on chat messages, Tencent Room nodes at 1.1, the base nodes the harness knows', () => {
		const example = loadExample(file);
		const [trigger, ...otherTriggers] = example.nodes.filter((node) => node.type === TRIGGER_TYPE);
		expect(otherTriggers).toEqual([]);
		expect(trigger.parameters).toEqual({ events: ['Group.CallbackAfterSendMsg'], options: {} });
		expect(trigger.webhookId).toMatch(/^[0-9a-f-]{36}$/);
		for (const node of example.nodes) {
			expect(node.id).toMatch(/^[0-9a-f-]{36}$/);
			expect(node.position).toHaveLength(2);
			if (node.type === ACTION_TYPE) expect(node.typeVersion).toBe(1.1);
			if (node.type.startsWith('n8n-nodes-tencent-room.')) {
				expect(node.credentials).toEqual({ tencentRoomApi: { id: '1', name: 'Tencent Room API' } });
			}
		}
		const base = example.nodes.map((node) => node.type).filter((type) => type.startsWith('n8n-nodes-base.'));
		const allowed = ['manualTrigger', 'scheduleTrigger', 'set', 'splitOut', 'if', 'noOp'].map((name) => `n8n-nodes-base.${name}`);
		expect(base.filter((type) => !allowed.includes(type))).toEqual([]);
		// Every connection leads to a node of the workflow.
		const names = new Set(example.nodes.map((node) => node.name));
		for (const [from, { main }] of Object.entries(example.connections)) {
			expect(names.has(from)).toBe(true);
			for (const output of main) for (const target of output ?? []) expect(names.has(target.node)).toBe(true);
		}
	});
});

describe('examples/word-filter.json', () => {
	const ROOM = 'live-night-show';
	const MODERATOR = 'moderator-bot';
	const { context, chat } = useTriggerExample('word-filter.json');

	it('is wired as described: listed word → Mute 600 s → notice; the error outputs branch on details.errorCode', () => {
		const byName = new Map(context.example.nodes.map((node) => [node.name, node]));
		expect(context.example.name).toBe('Word filter');
		expect(byName.get('Mute the sender for 10 minutes')).toMatchObject({
			parameters: { resource: 'member', operation: 'mute', duration: 600 },
			onError: 'continueErrorOutput',
		});
		expect(byName.get('Post a notice in the room')).toMatchObject({ parameters: { resource: 'message', operation: 'send' }, onError: 'continueErrorOutput' });
		expect(context.example.connections['Mute the sender for 10 minutes'].main[1]).toEqual([
			{ node: 'Not a live room (100004 / 100006)?', type: 'main', index: 0 },
		]);
	});

	it('a listed word mutes the sender in the room for 10 minutes and posts exactly one notice from the moderator account', async () => {
		const startedAt = Math.floor(Date.now() / 1000);
		expect(context.emulator.getMutedMembers(ROOM)).toEqual([]);
		const { run } = await chat(ROOM, 'viewer-07', 'You are such an IDIOT, seriously');

		expect(run.outputOf('Find a listed word')[0]).toEqual([
			{ roomId: ROOM, sender: 'viewer-07', text: 'You are such an IDIOT, seriously', matchedWord: 'idiot', moderator: MODERATOR },
		]);
		expect(run.outputOf('Mute the sender for 10 minutes')[0]).toEqual([
			{ RoomId: ROOM, MemberList_Account: ['viewer-07'], MuteTime: 600, RequestId: expect.stringMatching(/^Id-/) },
		]);
		expect(run.outputOf('Post a notice in the room')[0]).toEqual([{ RoomId: ROOM, Sender_Account: MODERATOR, RequestId: expect.stringMatching(/^Id-/) }]);

		const [muted] = context.emulator.getMutedMembers(ROOM);
		expect(muted.Member_Account).toBe('viewer-07');
		expect(muted.MutedUntil - startedAt).toBeGreaterThanOrEqual(600);
		expect(muted.MutedUntil - startedAt).toBeLessThanOrEqual(602);
		const messages = context.emulator.getRoomMessages(ROOM);
		expect(messages).toHaveLength(1);
		expect(messages[0]).toMatchObject({
			Sender_Account: MODERATOR,
			TextContent: 'viewer-07 was muted for 10 minutes: please keep the chat friendly',
		});
		expect(JSON.parse(messages[0].ExtensionInfo)).toEqual({ type: 'moderation', action: 'mute', members: ['viewer-07'], seconds: 600 });
		// One mute, one message: nothing sent twice.
		expect(context.emulator.requests.map((request) => request.command)).toEqual(['live_engine_http_srv/mute_member', 'live_engine_http_srv/send_text_msg']);
	});

	it('a clean message starts the workflow and does nothing: no request, no mute, no message', async () => {
		const seq = lastRequestSeq(context.emulator);
		const { run } = await chat(ROOM, 'viewer-10', 'What a lovely show tonight!');
		expect(run.outputOf('Find a listed word')[0]).toEqual([expect.objectContaining({ sender: 'viewer-10', matchedWord: '' })]);
		expect(run.outputOf('Listed word found?')[1]).toHaveLength(1);
		expect(run.outputOf('Mute the sender for 10 minutes')).toEqual([]);
		expect(commandsSince(context.emulator, seq)).toEqual([]);
		expect(context.emulator.getMutedMembers(ROOM).map((entry) => entry.Member_Account)).toEqual(['viewer-07']);
		expect(context.emulator.getRoomMessages(ROOM)).toHaveLength(1);
	});

	it('matches a listed phrase whatever its case, inside a longer text', async () => {
		const { run } = await chat('voice-lounge', 'guest-04', 'oh SHUT UP already');
		expect(run.outputOf('Find a listed word')[0][0]).toMatchObject({ matchedWord: 'shut up' });
		expect(context.emulator.getMutedMembers('voice-lounge').map((entry) => entry.Member_Account)).toEqual(['guest-04']);
		expect(context.emulator.getRoomMessages('voice-lounge').map((message) => message.TextContent)).toEqual([
			'guest-04 was muted for 10 minutes: please keep the chat friendly',
		]);
	});

	it('in a chat group that is no live room (100004) the error output ends in "Not a live room\'s chat: nothing to do"', async () => {
		const { run } = await chat('@TGS#demo-avchat', 'audience-0042', 'loser');
		const [failed] = run.outputOf('Mute the sender for 10 minutes')[1];
		expect(failed).toMatchObject({ details: { errorCode: 100004 }, sender: 'audience-0042' });
		expect(run.outputOf("Not a live room's chat: nothing to do")[0]).toHaveLength(1);
		expect(run.outputOf('Tell a moderator (see details.errorCode)')).toEqual([]);
		expect(run.outputOf('Post a notice in the room')).toEqual([]);
	});

	it('when the notice cannot be posted (the moderator account is muted: 100017) the error output ends in "Tell a moderator"', async () => {
		await muteInLiveRoom(context.emulator.baseUrl, 'live-karaoke-night', [MODERATOR], 60);
		const { run } = await chat('live-karaoke-night', 'singer-05', 'stupid song');
		expect(context.emulator.getMutedMembers('live-karaoke-night').map((entry) => entry.Member_Account)).toEqual([MODERATOR, 'singer-05']);
		expect(run.outputOf('Post a notice in the room')[1]).toEqual([expect.objectContaining({ details: expect.objectContaining({ errorCode: 100017 }) })]);
		expect(run.outputOf('Tell a moderator (see details.errorCode)')[0]).toHaveLength(1);
		expect(run.outputOf("Not a live room's chat: nothing to do")).toEqual([]);
		expect(context.emulator.getRoomMessages('live-karaoke-night')).toEqual([]);
	});
});

describe('examples/host-chat-commands.json', () => {
	// Seeded: a live room owned by host-kai, members singer-01 … singer-06, no one seated.
	const ROOM = 'live-karaoke-night';
	const OWNER = 'host-kai';
	const NOT_OWNER = "Not the room's owner: nothing done";
	const FAILED = 'Command failed (see details.errorCode)';
	const { context, chat } = useTriggerExample('host-chat-commands.json');
	const emulator = () => context.emulator;
	const seatOf = (index: number) => emulator().getSeats(ROOM)[index].Member_Account;
	const banned = () => emulator().getBannedMembers(ROOM).map((entry) => entry.Member_Account);

	it('checks the sender against Room → Get\'s Owner_Account before any command', () => {
		const owner = context.example.nodes.find((node) => node.name === "Sent by the room's owner?");
		expect(JSON.stringify(owner?.parameters)).toContain('$json.Owner_Account');
		expect(context.example.connections['Get the room'].main[0]).toEqual([{ node: "Sent by the room's owner?", type: 'main', index: 0 }]);
		expect(context.example.connections["Sent by the room's owner?"].main[1]).toEqual([{ node: NOT_OWNER, type: 'main', index: 0 }]);
	});

	it('"!ban singer-03 1h" from the owner bans singer-03 for an hour (and removes them from the room)', async () => {
		expect(emulator().getRoom(ROOM).Owner_Account).toBe(OWNER);
		const startedAt = Math.floor(Date.now() / 1000);
		const { run } = await chat(ROOM, OWNER, '!ban singer-03 1h');
		expect(run.outputOf('Parse the command')[0]).toEqual([
			{ roomId: ROOM, sender: OWNER, command: 'ban', user: 'singer-03', seat: null, duration: '1h', durationSeconds: 3600 },
		]);
		expect(run.outputOf('Get the room')[0]).toEqual([expect.objectContaining({ RoomId: ROOM, Owner_Account: OWNER })]);
		expect(run.outputOf('Ban')[0]).toEqual([{ RoomId: ROOM, MemberList_Account: ['singer-03'], Duration: 3600, RequestId: expect.stringMatching(/^Id-/) }]);
		const [ban] = emulator().getBannedMembers(ROOM);
		expect(ban.Member_Account).toBe('singer-03');
		expect(ban.BannedUntil - startedAt).toBeGreaterThanOrEqual(3600);
		expect(ban.BannedUntil - startedAt).toBeLessThanOrEqual(3602);
		expect(emulator().getRoomMembers(ROOM)).not.toContain('singer-03');
		const mutation = emulator().mutations[emulator().mutations.length - 1];
		expect(mutation).toMatchObject({ roomId: ROOM, detail: expect.objectContaining({ action: 'banMembers', Reason: 'Banned for 1h by the host' }) });
	});

	it('"!unban singer-03" from the owner lifts the ban', async () => {
		const { run } = await chat(ROOM, OWNER, '!unban singer-03');
		expect(run.outputOf('Ban')).toEqual([]);
		expect(run.outputOf('Unban')[0]).toEqual([{ RoomId: ROOM, MemberList_Account: ['singer-03'], RequestId: expect.stringMatching(/^Id-/) }]);
		expect(banned()).toEqual([]);
	});

	it('durations: 30m is 1800 s and 1d is 86400 s', async () => {
		const thirty = await chat(ROOM, OWNER, '!ban singer-05 30m');
		expect(thirty.run.outputOf('Ban')[0][0]).toMatchObject({ Duration: 1800 });
		const day = await chat(ROOM, OWNER, '!BAN singer-05 1d');
		expect(day.run.outputOf('Ban')[0][0]).toMatchObject({ Duration: 86_400 });
		await chat(ROOM, OWNER, '!unban singer-05');
		expect(banned()).toEqual([]);
	});

	it('"!seat singer-04 2" from the owner puts singer-04 on seat 2', async () => {
		expect(seatOf(2)).toBe('');
		const { run } = await chat(ROOM, OWNER, '!seat singer-04 2');
		expect(run.outputOf('Put user on seat')[0]).toEqual([{ RoomId: ROOM, Index: 2, Member_Account: 'singer-04', RequestId: expect.stringMatching(/^Id-/) }]);
		expect(seatOf(2)).toBe('singer-04');
	});

	it('"!unseat singer-04" from the owner takes singer-04 off the seat (they stay in the room)', async () => {
		const { run } = await chat(ROOM, OWNER, '!unseat singer-04');
		expect(run.outputOf('Put user on seat')).toEqual([]);
		expect(run.outputOf('Take user off seat')[0]).toEqual([{ RoomId: ROOM, Member_Account: 'singer-04', RequestId: expect.stringMatching(/^Id-/) }]);
		expect(seatOf(2)).toBe('');
		expect(emulator().getRoomMembers(ROOM)).toContain('singer-04');
	});

	it('the same four commands from anyone else end in "Not the room\'s owner" and change nothing in the emulator', async () => {
		// State each command would change: singer-06 banned (for !unban), singer-01 seated (for !unseat).
		await banInLiveRoom(emulator().baseUrl, ROOM, ['singer-06'], 3600);
		emulator().takeSeat(ROOM, 'singer-01', 1);
		const seats = emulator().getSeats(ROOM);
		const members = emulator().getRoomMembers(ROOM);
		const bans = emulator().getBannedMembers(ROOM);
		const mutations = emulator().mutations.length;
		const seq = lastRequestSeq(emulator());

		for (const text of ['!ban singer-02 1h', '!unban singer-06', '!seat singer-04 3', '!unseat singer-01']) {
			const { run } = await chat(ROOM, 'singer-02', text);
			expect(run.outputOf(NOT_OWNER)[0]).toEqual([expect.objectContaining({ RoomId: ROOM, Owner_Account: OWNER })]);
			for (const action of ['Ban', 'Unban', 'Put user on seat', 'Take user off seat']) expect(run.outputOf(action)).toEqual([]);
		}
		// Only Room → Get reached Tencent, once per command.
		expect(commandsSince(emulator(), seq)).toEqual(Array(4).fill('live_engine_http_srv/get_room_info'));
		expect(emulator().mutations).toHaveLength(mutations);
		expect(emulator().getSeats(ROOM)).toEqual(seats);
		expect(emulator().getRoomMembers(ROOM)).toEqual(members);
		expect(emulator().getBannedMembers(ROOM)).toEqual(bans);
	});

	it('ordinary chat is no command: nothing is asked of Tencent, not even the room', async () => {
		const seq = lastRequestSeq(emulator());
		const { run } = await chat(ROOM, OWNER, 'Welcome everyone, ban-free night!');
		expect(run.outputOf('Parse the command')[0][0]).toMatchObject({ command: '' });
		expect(run.outputOf('Host command?')[1]).toHaveLength(1);
		expect(nodesWithItems(run).sort()).toEqual(['Chat message', 'Chat message sent', 'Host command?', 'Parse the command']);
		expect(commandsSince(emulator(), seq)).toEqual([]);
	});

	it('a command Tencent refuses (seat 1 is taken: 100201) ends in "Command failed"; so does a chat group that is no live room', async () => {
		const taken = await chat(ROOM, OWNER, '!seat singer-04 1');
		expect(taken.run.outputOf('Put user on seat')[1]).toEqual([expect.objectContaining({ details: expect.objectContaining({ errorCode: 100201 }) })]);
		expect(taken.run.outputOf(FAILED)[0]).toHaveLength(1);
		expect(seatOf(1)).toBe('singer-01');

		const group = await chat('@TGS#demo-avchat', 'audience-0001', '!ban audience-0002 1h');
		expect(group.run.outputOf('Get the room')[1]).toEqual([expect.objectContaining({ details: expect.objectContaining({ errorCode: 100004 }) })]);
		expect(group.run.outputOf(FAILED)[0]).toHaveLength(1);
		expect(group.run.outputOf('Ban')).toEqual([]);
	});
});
