/**
 * `npm run test:n8n`: this package in the real n8n application, end to end.
 *
 * 1. n8n (and the Node 24 it needs) from the cache, installed there on first use.
 * 2. The package installed as README "Install in n8n" says: its install line
 *    (scripts/install-into-n8n.sh: `npm pack`, unpacked into n8n's default custom folder
 *    `<user folder>/.n8n/custom`) run as written, and n8n started without N8N_CUSTOM_EXTENSIONS.
 * 3. The Tencent emulator in its own process, seeded with the demo rooms.
 * 4. Headless: import the credential and the example workflows (plus one workflow with every
 *    operation), `n8n execute` each, and check the outputs and the emulator's state.
 * 5. `n8n start` on 127.0.0.1: the editor's node types (the AI tool variant included), the icons,
 *    the node panel's search (n8n's own scorer and data) finding the node for the words users type,
 *    the "From List" pickers through the REST endpoint the editor calls, and the triggers: signed
 *    Tencent callbacks over HTTP run the chat-command, word filter and host command workflows
 *    (published headless before the start); a bad Sign gets 401 and starts nothing. What each
 *    execution did is read back from n8n's database, what it changed from the emulator.
 * 6. The trigger's own features in that n8n: Register Callback points the emulator's live_config
 *    at n8n on start, a seat lock made through the REST API starts the workflow, and
 *    unpublishing through n8n's REST API (what the editor does) puts the earlier configuration
 *    back; a replayed callback starts nothing; "Before" chat callbacks answered by the workflow's
 *    last node block or deliver the emulator's user messages, and a late workflow is allowed.
 *
 * Everything runs in a temporary folder with ports on 127.0.0.1; every process is ended at the
 * end, on failure and on Ctrl-C. Exits non-zero when a check failed.
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { pathToFileURL } from 'url';

import { groupMessageBody, sendCallback, type CallbackDelivery } from '../test/emulator/callbacks.cjs';
import { DEMO_APP } from '../test/emulator/demoApp.cjs';
import { RemoteEmulator } from '../test/emulator/remote.cjs';
import type { BannedMemberView, MutedMemberView, SeatView } from '../test/emulator/types.cjs';
import { banInLiveRoom, emulatorCommand, REPORT_SEED, seedReportBansAndMutes } from '../test/helpers/emulatorRest.cjs';
import { check, equal, expect, concludeRun, recordBrokenRun, runMain, seconds } from './n8nApp/checks.cjs';
import { INSTALL_SCRIPT, readmeInstall, repoRoot, runInstallLine, type PackedExtension } from './n8nApp/extension.cjs';
import { ensureN8nRuntime, ensureScanner, N8N_VERSION, runDir, SCANNER_VERSION, type N8nRuntime } from './n8nApp/install.cjs';
import { N8nInstance, type ExecutionResult } from './n8nApp/instance.cjs';
import { NodePanelSearch, type CredentialTypeJson, type NodeTypeJson as SearchableNodeType } from './n8nApp/nodeSearch.cjs';
import { freePort, onShutdown, runCommand, sleep, stopAll, waitFor } from './n8nApp/processes.cjs';
import {
	chainWorkflow,
	CREDENTIAL_ID,
	CREDENTIAL_NAME,
	CUSTOM_ACTION_TYPE,
	CUSTOM_TRIGGER_TYPE,
	linearWorkflow,
	loadExamples,
	MANUAL_TRIGGER_TYPE,
	scheduleBranchCopy,
	stableWebhookId,
	writeImportFiles,
	type ExampleWorkflow,
	type LinearStep,
	type WorkflowFile,
} from './n8nApp/workflows.cjs';

const CALLBACK_TOKEN = 'test-n8n-callback-token-3Qx9';
const ACK = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
/** The whole run (install excluded) must end within this. */
const RUN_LIMIT_MS = 20 * 60_000;

// ------------------------------------------------------------------ the workflow with every operation

const OPERATIONS_ID = 'TRoomEveryOpTest';

/** Manual Trigger → every operation in turn (Execute Once each), against the demo rooms. */
function operationsWorkflow(): WorkflowFile {
	return chainWorkflow(OPERATIONS_ID, 'test:n8n – every operation', [
		{ name: 'Seats of conf-weekly', parameters: { resource: 'seat', operation: 'getMany', roomId: 'conf-weekly' } },
		{
			name: 'Lock seat 4 (audio off)',
			parameters: { resource: 'seat', operation: 'lock', roomId: 'conf-weekly', seatIndex: 4, forbidTaken: true, forbidVideo: false, forbidAudio: true },
		},
		{ name: 'Unlock seat 7 of voice-lounge', parameters: { resource: 'seat', operation: 'unlock', roomId: 'voice-lounge', seatIndex: 7 } },
		{
			name: 'Move bob to seat 3 (cancel)',
			parameters: { resource: 'seat', operation: 'moveUser', roomId: 'conf-weekly', seatIndex: 3, memberAccount: 'bob', policy: 'cancel' },
		},
		{
			name: 'Move alice to seat 3 (exchange)',
			parameters: { resource: 'seat', operation: 'moveUser', roomId: 'conf-weekly', seatIndex: 3, memberAccount: 'alice', policy: 'exchange' },
		},
		{
			name: 'Move bob to seat 3 (force move)',
			parameters: { resource: 'seat', operation: 'moveUser', roomId: 'conf-weekly', seatIndex: 3, memberAccount: 'bob', policy: 'forceMove' },
		},
		{ name: 'Members of live-night-show (Return All)', parameters: { resource: 'member', operation: 'getMany', roomId: 'live-night-show', returnAll: true } },
		{ name: 'Members of live-big-stage (Limit 5)', parameters: { resource: 'member', operation: 'getMany', roomId: 'live-big-stage', returnAll: false, limit: 5 } },
		{
			name: 'Online members (Limit 7)',
			parameters: { resource: 'member', operation: 'getManyOnline', groupId: '@TGS#demo-avchat', returnAll: false, limit: 7 },
		},
		{
			name: 'Online members with mark 1000 (Return All)',
			parameters: { resource: 'member', operation: 'getManyOnline', groupId: '@TGS#demo-avchat', returnAll: true, mark: 1000 },
		},
		{
			name: 'Move bob onto locked seat 4 (error output)',
			parameters: { resource: 'seat', operation: 'moveUser', roomId: 'conf-weekly', seatIndex: 4, memberAccount: 'bob', policy: 'cancel' },
			onError: 'continueErrorOutput',
		},
	]);
}

function seat(seats: SeatView[], index: number): SeatView {
	const found = seats.find((entry) => entry.Index === index);
	expect(found, `seat ${index} does not exist`);
	return found;
}

async function checkOperations(n8n: N8nInstance, emulator: RemoteEmulator): Promise<void> {
	let run: ExecutionResult | undefined;
	const ran = await check('every operation: n8n execute runs the workflow without error', async () => {
		const started = Date.now();
		run = await n8n.execute(OPERATIONS_ID);
		expect(!run.error, `the execution failed: ${run.error}`);
		return `11 Tencent Room nodes in ${seconds(Date.now() - started)} (n8n execute, CLI start included)`;
	});
	if (!ran || !run) return;
	const r = run;

	await check('seat getMany lists every seat with its occupant and locks', async () => {
		const items = r.items('Seats of conf-weekly');
		equal(items.length, 6, 'seats');
		equal(items[0], { RoomId: 'conf-weekly', Index: 0, Member_Account: 'alice', IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false }, 'seat 0');
		equal(items[1].Member_Account, 'bob', 'seat 1');
		return '6 seats, alice on 0, bob on 1';
	});
	await check('seat lock locks the seat (Forbid Taking + Forbid Audio)', async () => {
		const [item] = r.items('Lock seat 4 (audio off)');
		expect(item, 'no output item');
		expect(typeof item.RequestId === 'string' && item.RequestId !== '', 'no RequestId');
		equal({ ...item, RequestId: 'x' }, { RoomId: 'conf-weekly', Index: 4, ForbidTaken: true, ForbidVideo: false, ForbidAudio: true, RequestId: 'x' }, 'output');
		const after = seat(await emulator.getSeats('conf-weekly'), 4);
		equal([after.IsTakenDisabled, after.IsVideoDisabled, after.IsAudioDisabled], [true, false, true], 'emulator seat 4 flags');
		return 'emulator: seat 4 taken-disabled and audio-disabled';
	});
	await check('seat unlock clears every lock', async () => {
		const [item] = r.items('Unlock seat 7 of voice-lounge');
		expect(item, 'no output item');
		equal([item.Index, item.ForbidTaken, item.ForbidVideo, item.ForbidAudio], [7, false, false, false], 'output');
		const after = seat(await emulator.getSeats('voice-lounge'), 7);
		equal([after.IsTakenDisabled, after.IsVideoDisabled, after.IsAudioDisabled], [false, false, false], 'emulator seat 7 flags');
		return 'voice-lounge seat 7 (locked in the demo data) is free again';
	});
	await check('seat moveUser with the three policies: cancel, exchange, force move', async () => {
		const policies = [
			['Move bob to seat 3 (cancel)', 'bob', 0],
			['Move alice to seat 3 (exchange)', 'alice', 2],
			['Move bob to seat 3 (force move)', 'bob', 1],
		] as const;
		for (const [node, account, policy] of policies) {
			const [item] = r.items(node);
			expect(item, `${node}: no output item`);
			equal([item.RoomId, item.SeatIndex, item.Member_Account, item.Policy], ['conf-weekly', 3, account, policy], node);
		}
		const seats = await emulator.getSeats('conf-weekly');
		equal(seat(seats, 3).Member_Account, 'bob', 'emulator seat 3');
		equal(seat(seats, 0).Member_Account, '', 'emulator seat 0 (alice was exchanged there, then bob took it back by force)');
		expect(!seats.some((entry) => entry.Member_Account === 'alice'), 'alice should have lost her seat to the force move');
		return 'emulator: bob on 3 (Policy 0, 2, 1 sent), alice removed by the force move';
	});
	await check('member getMany: Return All and Limit', async () => {
		const all = r.items('Members of live-night-show (Return All)');
		equal(all.length, 30, 'live-night-show members');
		equal(all[0].MemberCount, 30, 'MemberCount');
		equal(r.items('Members of live-big-stage (Limit 5)').length, 5, 'live-big-stage with Limit 5');
		return '30 of 30 with Return All, 5 with Limit 5';
	});
	await check('member getManyOnline: Limit and Member Mark with Return All', async () => {
		const newest = r.items('Online members (Limit 7)');
		equal(newest.length, 7, 'Limit 7');
		equal(newest[0].Member_Account, 'audience-1200', 'the newest member first');
		const marked = r.items('Online members with mark 1000 (Return All)');
		equal(marked.length, 120, 'members with mark 1000 (every tenth of 1200)');
		return '7 newest with Limit 7; 120 marked members with Return All';
	});
	await check('error output (Continue using error output) carries details.errorCode', async () => {
		const node = 'Move bob onto locked seat 4 (error output)';
		equal(r.items(node, 0).length, 0, 'items on the success output');
		const [failed] = r.items(node, 1);
		expect(failed, 'no item on the error output');
		const details = failed.details as Record<string, unknown> | undefined;
		equal(details?.errorCode, 100200, 'details.errorCode');
		expect(typeof failed.error === 'string' && /seat/i.test(failed.error), `error message: ${String(failed.error)}`);
		return `100200: "${String(failed.error)}"`;
	});
}

// ------------------------------------------------------------------ the example workflows

async function runExample(n8n: N8nInstance, example: ExampleWorkflow | undefined, file: string): Promise<ExecutionResult | undefined> {
	let run: ExecutionResult | undefined;
	await check(`examples/${file}: n8n execute runs it without error`, async () => {
		expect(example, `examples/${file} is missing`);
		const started = Date.now();
		run = await n8n.execute(example.id);
		expect(!run.error, `the execution failed: ${run.error}`);
		return seconds(Date.now() - started);
	});
	return run;
}

async function checkModeration(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined): Promise<void> {
	const run = await runExample(n8n, example, 'moderation-move-user.json');
	if (!run) return;
	await check('moderation: the taken seat (100210) goes to the error output, the IF branches on details.errorCode, the exchange runs', async () => {
		equal(run.items('Move user', 0).length, 0, '"Move user" success items');
		const [failed] = run.items('Move user', 1);
		expect(failed, '"Move user" put nothing on its error output');
		equal((failed.details as Record<string, unknown>).errorCode, 100210, 'details.errorCode');
		equal([failed.roomId, failed.user, failed.seat], ['voice-lounge', 'guest-01', 2], 'the input fields merged under the error');
		equal(run.items('Seat taken (100210)?', 0).length, 1, 'IF true branch');
		const [exchanged] = run.items('Exchange seats');
		expect(exchanged, '"Exchange seats" returned nothing');
		equal(exchanged.Policy, 2, 'Exchange policy');
		equal(run.items('Exchanged').length, 1, '"Exchanged"');
		equal(run.items('Needs a moderator').length, 0, '"Needs a moderator"');
		const seats = await emulator.getSeats('voice-lounge');
		equal([seat(seats, 1).Member_Account, seat(seats, 2).Member_Account], ['guest-02', 'guest-01'], 'emulator seats 1 and 2');
		return 'emulator: guest-01 and guest-02 swapped seats 1 and 2';
	});
}

async function checkMemberExport(n8n: N8nInstance, example: ExampleWorkflow | undefined): Promise<void> {
	const run = await runExample(n8n, example, 'member-export.json');
	if (!run) return;
	await check('pagination: Return All lists 1000 of the 1250 live-room members (Next cursor)', async () => {
		const live = run.items('All members of live-big-stage');
		equal(live.length, 1000, 'members listed');
		equal(new Set(live.map((item) => item.Member_Account)).size, 1000, 'distinct members');
		expect(live.every((item) => item.MemberCount === 1250), 'MemberCount should be 1250 on every item');
		return '1000 distinct, MemberCount 1250';
	});
	await check('pagination: Return All lists the 1000 newest of the 1200 AVChatRoom members (NextTimestamp)', async () => {
		const online = run.items('Online members of the AVChatRoom');
		equal(online.length, 1000, 'online members listed');
		equal([online[0].Member_Account, online[999].Member_Account], ['audience-1200', 'audience-0201'], 'newest and oldest listed');
		equal(new Set(online.map((item) => item.Member_Account)).size, 1000, 'distinct members');
		return 'audience-1200 … audience-0201';
	});
}

async function checkNightLock(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined): Promise<void> {
	const rooms = ['live-night-show', 'voice-lounge', 'conf-weekly'];
	const before = await Promise.all(rooms.map((room) => emulator.getSeats(room)));
	const unlocked = before.flat().filter((entry) => !entry.IsTakenDisabled).length;
	const locked = before.flat().length - unlocked;
	await check('examples/night-lock-seats.json: a Manual Trigger was added beside the Schedule Trigger', async () => {
		expect(example, 'examples/night-lock-seats.json is missing');
		const types = example.workflow.nodes.map((node) => node.type);
		expect(types.includes(MANUAL_TRIGGER_TYPE) && types.includes('n8n-nodes-base.scheduleTrigger'), `node types: ${types.join(', ')}`);
	});
	const run = await runExample(n8n, example, 'night-lock-seats.json');
	if (!run) return;
	await check('night lock: every seat not yet locked gets locked, locked ones are skipped', async () => {
		equal(run.items('Get seats').length, before.flat().length, '"Get seats" items (3 rooms)');
		equal(run.items('Locked').length, unlocked, '"Locked"');
		equal(run.items('Seat not locked yet?', 1).length, locked, 'skipped (already locked)');
		equal(run.items('Could not lock (see details.errorCode)').length, 0, 'failures');
		const after = (await Promise.all(rooms.map((room) => emulator.getSeats(room)))).flat();
		expect(after.every((entry) => entry.IsTakenDisabled && entry.Member_Account === ''), 'every seat should be locked and empty in the emulator');
		return `${unlocked} locked, ${locked} skipped, ${after.length} seats locked in the emulator`;
	});
}

// ------------------------------------------------------------------ the 0.2 examples: open tonight's show, close it

const OPEN_TONIGHT = 'open-tonights-live-room.json';
const CLOSE_SHOW = 'close-the-show.json';
/** The room open-tonights-live-room.json creates, and the Schedule Trigger of its second branch. */
const SHOW_ROOM = 'live-friday-jazz';
const AT_EIGHT = 'Every day at 20:00';
/** The seeded room close-the-show.json reads the statistics of and deletes. */
const CLOSED_ROOM = 'live-sunset-guitar';

async function roomExists(emulator: RemoteEmulator, roomId: string): Promise<boolean> {
	return await emulator.getRoom(roomId).then(
		() => true,
		() => false,
	);
}

function lockMap(seats: SeatView[]): string[] {
	return seats.map((entry) => `${entry.Index}:${entry.IsTakenDisabled ? 'locked' : 'free'}`);
}

async function checkOpenTonight(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined, atEight: ExampleWorkflow | undefined): Promise<void> {
	const metadata = [
		{ Key: 'showStartsAt', Value: '20:00' },
		{ Key: 'host', Value: 'host-nina' },
	];
	const guests = [1, 2, 3, 4, 5];
	const run = await runExample(n8n, example, OPEN_TONIGHT);
	if (run) {
		await check('open tonight: the live room is created with its cover and categories, the metadata set, guest seats 1-5 locked', async () => {
			expect(!run.ran(AT_EIGHT) && !run.ran('Seats of the show room'), 'the 20:00 branch ran as well');
			const [created] = run.items('Create the live room');
			expect(created, '"Create the live room" returned nothing');
			expect(typeof created.RequestId === 'string' && created.RequestId !== '', 'no RequestId');
			equal(
				[created.RoomId, created.RoomType, created.RoomName, created.Owner_Account, created.CoverURL, created.Category],
				[SHOW_ROOM, 'Live', 'Friday Night Jazz', 'host-nina', 'https://example.com/covers/friday-jazz.jpg', ['music', 'jazz']],
				'"Create the live room" output',
			);
			const room = await emulator.getRoom(SHOW_ROOM);
			equal(
				[room.RoomName, room.Owner_Account, room.CoverURL, room.Category, room.SeatTemplate, room.MaxSeatCount, room.IsPublicVisible],
				['Friday Night Jazz', 'host-nina', 'https://example.com/covers/friday-jazz.jpg', ['music', 'jazz'], 'AudioSalon', 6, true],
				'emulator room',
			);
			equal(run.items('Set show metadata').map((item) => item.Keys), [['showStartsAt', 'host']], '"Set show metadata" Keys');
			equal(await emulator.getRoomMetadata(SHOW_ROOM), metadata, 'emulator metadata');
			equal(
				run.items('Lock guest seat until 20:00').map((item) => [item.Index, item.ForbidTaken]),
				guests.map((index) => [index, true]),
				'"Lock guest seat until 20:00" output',
			);
			equal(lockMap(await emulator.getSeats(SHOW_ROOM)), ['0:free', ...guests.map((index) => `${index}:locked`)], 'emulator seats');
			return `emulator: ${SHOW_ROOM} (AudioSalon, 6 seats, cover, ["music","jazz"]), showStartsAt=20:00 and host=host-nina, seats 1-5 locked`;
		});
	}
	await check(`${OPEN_TONIGHT}: the 20:00 branch is imported as a copy with a Manual Trigger beside "${AT_EIGHT}"`, async () => {
		expect(atEight, 'no copy of the 20:00 branch');
		const [first] = atEight.workflow.nodes;
		expect(first.type === MANUAL_TRIGGER_TYPE, `the first node is ${first.type}`);
		equal(atEight.workflow.connections[first.name], atEight.workflow.connections[AT_EIGHT], 'the Manual Trigger\'s connections');
	});
	const later = await runExample(n8n, atEight, `${OPEN_TONIGHT} (${AT_EIGHT}, run now)`);
	if (!later) return;
	await check('open tonight at 20:00: the Schedule Trigger\'s branch unlocks the guest seats and leaves the host\'s seat 0 alone', async () => {
		expect(!later.ran('Create the live room') && !later.ran('Show settings'), 'the by-hand branch ran as well');
		equal(later.items('Seats of the show room').length, 6, '"Seats of the show room" items');
		equal(later.items('Locked guest seat?', 1).map((item) => item.Index), [0], 'IF false branch (not a locked guest seat)');
		equal(
			later.items('Unlock guest seat').map((item) => [item.Index, item.ForbidTaken, item.ForbidVideo, item.ForbidAudio]),
			guests.map((index) => [index, false, false, false]),
			'"Unlock guest seat" output',
		);
		equal(lockMap(await emulator.getSeats(SHOW_ROOM)), ['0:free', ...guests.map((index) => `${index}:free`)], 'emulator seats');
		equal(await emulator.getRoomMetadata(SHOW_ROOM), metadata, 'emulator metadata (kept)');
		return 'emulator: seats 1-5 free again';
	});
}

async function checkCloseShow(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined): Promise<void> {
	const existed = await roomExists(emulator, CLOSED_ROOM);
	const run = await runExample(n8n, example, CLOSE_SHOW);
	if (!run) return;
	await check('close the show: the statistics item, the summary passed on, the room deleted', async () => {
		expect(existed, `${CLOSED_ROOM} did not exist before the run`);
		const stats = run.items('Show statistics');
		equal(stats.length, 1, '"Show statistics" items');
		const [item] = stats;
		expect(typeof item.RequestId === 'string' && item.RequestId !== '', 'no RequestId');
		equal(
			{ ...item, RequestId: 'x' },
			{
				RoomId: CLOSED_ROOM,
				TotalViewers: 18_250,
				TotalGiftsSent: 512,
				TotalGiftCoins: 20_480,
				TotalUniqueGiftSenders: 143,
				TotalLikesReceived: 31_000,
				TotalMsgCount: 12_345,
				RequestId: 'x',
			},
			'"Show statistics" item',
		);
		const [summary] = run.items('Summary');
		expect(summary, '"Summary" returned nothing');
		equal([summary.roomId, summary.viewers, summary.likes, summary.messages], [CLOSED_ROOM, 18_250, 31_000, 12_345], 'summary fields');
		equal(run.items('Send the summary (add Slack / email here)'), [summary], 'the No Op passes the summary on');
		const deleted = run.items('Delete the room');
		equal(deleted.map((entry) => [entry.RoomId, entry.RoomType, entry.Deleted]), [[CLOSED_ROOM, 'Live', true]], '"Delete the room" output');
		expect(!(await roomExists(emulator, CLOSED_ROOM)), `${CLOSED_ROOM} still exists in the emulator`);
		return `"${String(summary.text)}"; emulator: ${CLOSED_ROOM} is gone`;
	});
}

// ------------------------------------------------------------------ the moderation examples: daily report, word filter, host commands

const DAILY_REPORT = 'daily-banned-report.json';
const WORD_FILTER = 'word-filter.json';
const HOST_COMMANDS = 'host-chat-commands.json';
const REPORT_NODE = 'Send the report (add Slack / email here)';
const MODERATOR = 'moderator-bot';

async function bannedIn(emulator: RemoteEmulator, roomId: string): Promise<BannedMemberView[]> {
	return await emulator.call<BannedMemberView[]>('getBannedMembers', roomId);
}

async function mutedIn(emulator: RemoteEmulator, roomId: string): Promise<MutedMemberView[]> {
	return await emulator.call<MutedMemberView[]>('getMutedMembers', roomId);
}

async function checkDailyReport(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined): Promise<void> {
	const seeded = await check(`${DAILY_REPORT}: bans and mutes seeded through Tencent's REST commands (ban_member, mute_member)`, async () => {
		expect(example, `examples/${DAILY_REPORT} is missing`);
		const types = example.workflow.nodes.map((node) => node.type);
		expect(types.includes(MANUAL_TRIGGER_TYPE) && types.includes('n8n-nodes-base.scheduleTrigger'), `node types: ${types.join(', ')}`);
		expect(!example.workflow.nodes.some((node) => node.name === 'Run now (added on import)'), 'a Manual Trigger was added although the example has one');
		await seedReportBansAndMutes(emulator.baseUrl);
		const bans = REPORT_SEED.bans.reduce((sum, entry) => sum + entry.accounts.length, 0);
		const mutes = REPORT_SEED.mutes.reduce((sum, entry) => sum + entry.accounts.length, 0);
		return `${bans} bans, ${mutes} mutes`;
	});
	if (!seeded) return;
	const run = await runExample(n8n, example, DAILY_REPORT);
	if (!run) return;
	await check('daily report: one item per banned and per muted member of the three rooms, both lists into the report node', async () => {
		const rooms = run.items('One item per room').map((item) => item.rooms);
		equal(rooms, ['live-night-show', 'voice-lounge', 'live-karaoke-night'], '"One item per room"');
		const banned = run.items('Banned members');
		const muted = run.items('Muted members');
		const pairs = (items: Array<Record<string, unknown>>) => items.map((item) => [item.RoomId, item.Member_Account]);
		equal(pairs(banned), REPORT_SEED.bans.flatMap(({ roomId, accounts }) => accounts.map((account) => [roomId, account])), '"Banned members"');
		equal(pairs(muted), REPORT_SEED.mutes.flatMap(({ roomId, accounts }) => accounts.map((account) => [roomId, account])), '"Muted members"');
		expect(banned.every((item) => typeof item.BannedUntil === 'number'), 'BannedUntil on every banned item');
		expect(muted.every((item) => typeof item.MutedUntil === 'number'), 'MutedUntil on every muted item');
		equal(run.runs(REPORT_NODE), [banned, muted], `"${REPORT_NODE}" runs (the banned list, then the muted list)`);
		for (const roomId of rooms as string[]) {
			equal(
				banned.filter((item) => item.RoomId === roomId).map((item) => [item.Member_Account, item.BannedUntil]),
				(await bannedIn(emulator, roomId)).map((entry) => [entry.Member_Account, entry.BannedUntil]),
				`emulator bans of ${roomId}`,
			);
			equal(
				muted.filter((item) => item.RoomId === roomId).map((item) => [item.Member_Account, item.MutedUntil]),
				(await mutedIn(emulator, roomId)).map((entry) => [entry.Member_Account, entry.MutedUntil]),
				`emulator mutes of ${roomId}`,
			);
		}
		return `${banned.length} banned (${banned.map((item) => item.Member_Account).join(', ')}), ${muted.length} muted (${muted.map((item) => item.Member_Account).join(', ')})`;
	});
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

/** The production URL of an example's Tencent Room Trigger. */
function webhookUrl(n8n: N8nInstance, example: ExampleWorkflow | undefined): string {
	const trigger = example?.workflow.nodes.find((node) => node.type === CUSTOM_TRIGGER_TYPE);
	return `${n8n.baseUrl}/webhook/${trigger?.webhookId ?? 'missing'}/tencent-room`;
}

function chatCallback(url: string, groupId: string, from: string, text: string, badSign = false): Promise<CallbackDelivery> {
	return sendCallback(
		{
			url,
			sdkAppId: DEMO_APP.sdkAppId,
			command: 'Group.CallbackAfterSendMsg',
			body: groupMessageBody({ groupId, from, text }),
			token: CALLBACK_TOKEN,
			...(badSign ? { query: { Sign: 'f'.repeat(64) } } : {}),
		},
		10_000,
	);
}

/** Waits until the published workflow's production URL reaches the trigger (a bad Sign: 401, not n8n's 404). */
async function waitUntilLive(n8n: N8nInstance, example: ExampleWorkflow | undefined, file: string): Promise<boolean> {
	return await check(`${file}: the production webhook URL is live after n8n start`, async () => {
		const trigger = example?.workflow.nodes.find((node) => node.type === CUSTOM_TRIGGER_TYPE);
		expect(trigger?.webhookId, `examples/${file} has no Tencent Room Trigger with a webhookId`);
		const url = webhookUrl(n8n, example);
		const answer = await waitFor(`POST ${url} to reach the trigger`, 60_000, async () => {
			const delivery = await chatCallback(url, 'live-night-show', 'nobody', 'ping', true);
			return delivery.status === 404 ? undefined : delivery;
		}, 500);
		equal(answer.status, 401, 'a callback with a bad Sign');
		return url;
	});
}

/**
 * A signed chat callback to an example's trigger, as Tencent sends it: answered 200 with Tencent's
 * OK body, then waits for the execution it started to finish (n8n's database) and reads it back.
 */
async function chatAndWait(n8n: N8nInstance, example: ExampleWorkflow, groupId: string, from: string, text: string): Promise<ExecutionResult> {
	const before = (await n8n.executions(example.id)).length;
	const delivery = await chatCallback(webhookUrl(n8n, example), groupId, from, text);
	equal(delivery.status, 200, 'HTTP status');
	equal(delivery.json, ACK, 'answer body');
	const executions = await waitFor(`execution ${before + 1} of ${example.file} to finish`, 60_000, async () => {
		const list = await n8n.executions(example.id);
		return list.length > before && list.every((execution) => FINISHED.has(execution.status)) ? list : undefined;
	}, 300);
	equal(executions.length, before + 1, `executions of ${example.file}`);
	const last = executions[executions.length - 1];
	equal([last.mode, last.status], ['webhook', 'success'], 'the execution (mode, status)');
	return await n8n.execution(last.id);
}

async function checkWordFilter(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined): Promise<void> {
	if (!(await waitUntilLive(n8n, example, WORD_FILTER)) || !example) return;
	const room = 'live-night-show';
	await check('word filter: a signed chat message with a listed word mutes the sender for 10 minutes and posts exactly one notice', async () => {
		equal(await emulator.getRoomMessages(room), [], `messages in ${room} before`);
		const startedAt = Math.floor(Date.now() / 1000);
		const run = await chatAndWait(n8n, example, room, 'viewer-12', 'You are such an IDIOT');
		equal(run.items('Find a listed word').map((item) => [item.sender, item.matchedWord]), [['viewer-12', 'idiot']], '"Find a listed word"');
		equal(run.items('Mute the sender for 10 minutes').map((item) => [item.RoomId, item.MemberList_Account, item.MuteTime]), [[room, ['viewer-12'], 600]], 'Mute output');
		equal(run.items('Post a notice in the room').map((item) => [item.RoomId, item.Sender_Account]), [[room, MODERATOR]], 'Send output');
		const muted = (await mutedIn(emulator, room)).find((entry) => entry.Member_Account === 'viewer-12');
		expect(muted, 'viewer-12 is not muted in the emulator');
		expect(muted.MutedUntil - startedAt >= 599 && muted.MutedUntil - startedAt <= 603, `MutedUntil ${muted.MutedUntil} is not 600 s after ${startedAt}`);
		const messages = await emulator.getRoomMessages(room);
		equal(
			messages.map((message) => [message.Sender_Account, message.TextContent]),
			[[MODERATOR, 'viewer-12 was muted for 10 minutes: please keep the chat friendly']],
			`messages in ${room}`,
		);
		return `emulator: viewer-12 muted until ${muted.MutedUntil}, one notice "${messages[0].TextContent}" from ${MODERATOR}`;
	});
	await check('word filter: a clean message starts the workflow and changes nothing', async () => {
		const mutes = await mutedIn(emulator, room);
		const messages = await emulator.getRoomMessages(room);
		const run = await chatAndWait(n8n, example, room, 'viewer-13', 'What a lovely show tonight!');
		equal(run.items('Listed word found?', 1).length, 1, 'IF false branch');
		expect(!run.ran('Mute the sender for 10 minutes') && !run.ran('Post a notice in the room'), 'Mute or Send ran');
		equal(await mutedIn(emulator, room), mutes, 'emulator mutes');
		equal(await emulator.getRoomMessages(room), messages, `messages in ${room}`);
		return 'no mute, no message';
	});
	await check('word filter: in a chat group that is no live room, Mute fails with 100004 and the error branch ends in "Not a live room\'s chat: nothing to do"', async () => {
		const run = await chatAndWait(n8n, example, '@TGS#demo-avchat', 'audience-0042', 'what a loser');
		const [failed] = run.items('Mute the sender for 10 minutes', 1);
		expect(failed, 'nothing on Mute\'s error output');
		equal((failed.details as Record<string, unknown>).errorCode, 100004, 'details.errorCode');
		equal(run.items("Not a live room's chat: nothing to do").length, 1, '"Not a live room\'s chat: nothing to do"');
		equal(run.items('Tell a moderator (see details.errorCode)').length, 0, '"Tell a moderator"');
		expect(!run.ran('Post a notice in the room'), 'a notice was sent');
		return `100004: "${String(failed.error)}"`;
	});
}

async function checkHostCommands(n8n: N8nInstance, emulator: RemoteEmulator, example: ExampleWorkflow | undefined): Promise<void> {
	if (!(await waitUntilLive(n8n, example, HOST_COMMANDS)) || !example) return;
	const room = 'live-karaoke-night';
	const owner = 'host-kai';
	const notOwner = "Not the room's owner: nothing done";
	const banned = async () => (await bannedIn(emulator, room)).map((entry) => entry.Member_Account);
	const seatOf = async (index: number) => seat(await emulator.getSeats(room), index).Member_Account;
	await check(`host commands: "!ban singer-03 1h" from the owner (${owner}, Room → Get's Owner_Account) bans singer-03 for an hour`, async () => {
		equal((await emulator.getRoom(room)).Owner_Account, owner, 'the room\'s owner');
		equal(await banned(), [], `bans in ${room} before`);
		const startedAt = Math.floor(Date.now() / 1000);
		const run = await chatAndWait(n8n, example, room, owner, '!ban singer-03 1h');
		equal(run.items('Get the room').map((item) => item.Owner_Account), [owner], 'Room → Get Owner_Account');
		equal(run.items('Ban').map((item) => [item.MemberList_Account, item.Duration]), [[['singer-03'], 3600]], 'Ban output');
		const [ban] = await bannedIn(emulator, room);
		expect(ban?.Member_Account === 'singer-03', `emulator bans: ${JSON.stringify(await bannedIn(emulator, room))}`);
		expect(ban.BannedUntil - startedAt >= 3599 && ban.BannedUntil - startedAt <= 3603, `BannedUntil ${ban.BannedUntil} is not 3600 s after ${startedAt}`);
		return `emulator: singer-03 banned until ${ban.BannedUntil}`;
	});
	await check('host commands: "!unban singer-03" from the owner lifts the ban', async () => {
		const run = await chatAndWait(n8n, example, room, owner, '!unban singer-03');
		equal(run.items('Unban').map((item) => item.MemberList_Account), [['singer-03']], 'Unban output');
		equal(await banned(), [], `emulator bans in ${room}`);
		return 'emulator: nobody banned';
	});
	await check('host commands: "!seat singer-04 2" from the owner puts singer-04 on seat 2', async () => {
		equal(await seatOf(2), '', 'seat 2 before');
		const run = await chatAndWait(n8n, example, room, owner, '!seat singer-04 2');
		equal(run.items('Put user on seat').map((item) => [item.Index, item.Member_Account]), [[2, 'singer-04']], 'Put User on Seat output');
		equal(await seatOf(2), 'singer-04', 'emulator seat 2');
		return 'emulator: singer-04 on seat 2';
	});
	await check('host commands: "!unseat singer-04" from the owner takes singer-04 off the seat', async () => {
		const run = await chatAndWait(n8n, example, room, owner, '!unseat singer-04');
		equal(run.items('Take user off seat').map((item) => item.Member_Account), ['singer-04'], 'Take User Off Seat output');
		equal(await seatOf(2), '', 'emulator seat 2');
		return 'emulator: seat 2 free';
	});
	await check('host commands: the same four commands from a member who is not the owner change nothing in the emulator', async () => {
		// State each command would change: singer-06 banned (for !unban), singer-01 seated (for !unseat).
		await banInLiveRoom(emulator.baseUrl, room, ['singer-06'], 3600);
		await emulator.call('takeSeat', room, 'singer-01', 1);
		const before = { seats: await emulator.getSeats(room), bans: await bannedIn(emulator, room), members: await emulator.call<string[]>('getRoomMembers', room) };
		const mutations = (await emulator.mutations()).length;
		for (const text of ['!ban singer-04 1h', '!unban singer-06', '!seat singer-04 3', '!unseat singer-01']) {
			const run = await chatAndWait(n8n, example, room, 'singer-05', text);
			equal(run.items(notOwner).map((item) => item.Owner_Account), [owner], `"${text}": "${notOwner}"`);
			for (const action of ['Ban', 'Unban', 'Put user on seat', 'Take user off seat']) expect(!run.ran(action), `"${text}": ${action} ran`);
		}
		const after = { seats: await emulator.getSeats(room), bans: await bannedIn(emulator, room), members: await emulator.call<string[]>('getRoomMembers', room) };
		equal(after, before, 'emulator seats, bans and members');
		equal((await emulator.mutations()).length, mutations, 'changes the emulator applied');
		return `4 executions, each ending in "${notOwner}"; no change applied`;
	});
}

// ------------------------------------------------------------------ the trigger's own features in the running n8n: Register Callback, replays, "Before" callbacks

/** The live room whose seats and chat these checks use (no other check reads them). */
const FEATURE_ROOM = 'live-cooking-lab';
const SEAT_EVENT = 'Mic.CallbackAfterSeatInfoChanged';
const BEFORE_EVENT = 'Group.CallbackBeforeSendMsg';
/** What the app's live callback configuration holds before the Register Callback workflow is published. */
const EARLIER_LIVE_CONFIG = { Url: 'https://old.example/callback', CallbackCommandList: ['Live.CallbackAfterCreateRoom'] };
const LISTED_WORDS = ['idiot', 'loser', 'shut up', 'stupid'];
/** The last node's answer (Edit Fields, JSON): ErrorCode 1 (block) when the message's text holds a listed word, else 0 (allow). */
const WORD_FILTER_ANSWER =
	'={ "ActionStatus": "OK", "ErrorInfo": "", "ErrorCode": {{ ' +
	`${JSON.stringify(LISTED_WORDS)}.some((word) => $('Tencent Room Trigger').item.json.MsgBody.filter((element) => element.MsgType === "TIMTextElem").map((element) => element.MsgContent.Text).join(" ").toLowerCase().includes(word)) ? 1 : 0 }} }`;
/** The late workflow's wait before it answers: past the trigger's 1.5 s and Tencent's 2 s. */
const LATE_WAIT_SECONDS = 2.5;

function triggerStep(workflowId: string, parameters: Record<string, unknown>): LinearStep {
	return { name: 'Tencent Room Trigger', type: CUSTOM_TRIGGER_TYPE, typeVersion: 1, parameters, tencentCredential: true, webhookId: stableWebhookId(workflowId, 'Tencent Room Trigger') };
}

/** Edit Fields: its first item is the workflow's answer to Tencent. */
function answerStep(): LinearStep {
	return { name: 'Answer', type: 'n8n-nodes-base.set', typeVersion: 3.4, parameters: { mode: 'raw', jsonOutput: WORD_FILTER_ANSWER, options: {} } };
}

function waitStep(workflowId: string, seconds: number): LinearStep {
	return {
		name: `Wait ${seconds} s`,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		parameters: { resume: 'timeInterval', amount: seconds, unit: 'seconds' },
		webhookId: stableWebhookId(workflowId, `Wait ${seconds} s`),
	};
}

function generated(id: string, label: string, steps: LinearStep[]): ExampleWorkflow {
	return { file: `(generated) ${label}`, id, workflow: linearWorkflow(id, `test:n8n – ${label}`, steps) };
}

const BEFORE_OPTIONS = { events: [BEFORE_EVENT], options: { beforeCallbacks: 'workflowDecides' } };

/** The workflows these checks import and publish next to the examples. */
function featureWorkflows(): Record<'register' | 'replay' | 'wordFilter' | 'late', ExampleWorkflow> {
	const ids = {
		register: 'TRoomRegisterCb1',
		replay: 'TRoomReplayTest1',
		wordFilter: 'TRoomBeforeWords',
		late: 'TRoomBeforeLate1',
	};
	return {
		register: generated(ids.register, 'Register Callback (seat changes)', [
			triggerStep(ids.register, { registerCallback: true, events: [SEAT_EVENT] }),
			{ name: 'Seat changed', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		]),
		replay: generated(ids.replay, 'replays', [
			triggerStep(ids.replay, { events: ['Group.CallbackAfterSendMsg'] }),
			{ name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} },
		]),
		wordFilter: generated(ids.wordFilter, '"Before" word filter (the last node answers)', [triggerStep(ids.wordFilter, BEFORE_OPTIONS), answerStep()]),
		late: generated(ids.late, '"Before" word filter that answers late', [triggerStep(ids.late, BEFORE_OPTIONS), waitStep(ids.late, LATE_WAIT_SECONDS), answerStep()]),
	};
}

type FeatureWorkflows = ReturnType<typeof featureWorkflows>;

/** Waits until every execution of a workflow has finished and there are at least `count`; returns them all. */
async function settledExecutions(n8n: N8nInstance, workflowId: string, count: number, timeoutMs = 30_000): Promise<Array<{ id: number; status: string; mode: string }>> {
	return await waitFor(`${count} finished execution(s) of ${workflowId}`, timeoutMs, async () => {
		const list = await n8n.executions(workflowId);
		return list.length >= count && list.every((execution) => FINISHED.has(execution.status)) ? list : undefined;
	}, 200);
}

async function liveConfig(emulator: RemoteEmulator): Promise<{ Url: string; CallbackCommandList: string[] } | null> {
	return (await emulator.getLiveCallbackConfig()).callback;
}

async function checkRegisterCallback(n8n: N8nInstance, emulator: RemoteEmulator, cookie: string, workflows: FeatureWorkflows, startedAt: number): Promise<void> {
	const { register } = workflows;
	const url = webhookUrl(n8n, register);
	const registered = await check(`Register Callback: after n8n start the emulator's live callback configuration holds n8n's production URL and ${SEAT_EVENT} (before: ${EARLIER_LIVE_CONFIG.Url})`, async () => {
		const config = await waitFor('the trigger to register its URL in the emulator (live_config)', 60_000, async () => {
			const current = await liveConfig(emulator);
			return current && current.Url !== EARLIER_LIVE_CONFIG.Url ? current : undefined;
		}, 200);
		const ms = Date.now() - startedAt;
		equal(config, { Url: url, CallbackCommandList: [SEAT_EVENT] }, 'live callback configuration');
		equal((await emulator.getLiveCallbackConfig()).token, { Token: CALLBACK_TOKEN, IsTokenEnable: true }, "live callback token (the credential's, enabled by the trigger)");
		return `${url}, seen ${seconds(ms)} after /healthz; token enabled`;
	});
	if (!registered) return;
	await check('Register Callback: a seat lock made through the REST API (signed room_engine_http_mic/lock_seat) starts the workflow by itself: one successful execution', async () => {
		equal((await n8n.executions(register.id)).length, 0, 'executions before the lock');
		const started = Date.now();
		await emulatorCommand(emulator.baseUrl, 'room_engine_http_mic/lock_seat', { RoomId: FEATURE_ROOM, Index: 5, ForbidTaken: true, ForbidVideo: false, ForbidAudio: false });
		const [execution] = await settledExecutions(n8n, register.id, 1);
		const ms = Date.now() - started;
		const delivery = (await emulator.callbackDeliveries()).filter((entry) => entry.command === SEAT_EVENT && entry.url.startsWith(url));
		equal(delivery.map((entry) => [entry.roomId, entry.status]), [[FEATURE_ROOM, 200]], 'seat callbacks the emulator sent to n8n (room, HTTP status)');
		await sleep(1000);
		const executions = await n8n.executions(register.id);
		equal(executions.map((entry) => [entry.mode, entry.status]), [['webhook', 'success']], 'executions of the workflow');
		const [item] = (await n8n.execution(execution.id)).items('Seat changed');
		expect(item, '"Seat changed" received no item');
		equal([item.CallbackCommand, item.RoomId], [SEAT_EVENT, FEATURE_ROOM], 'the item');
		const seat5 = (item.SeatList as Array<Record<string, unknown>>).find((entry) => entry.Index === 5);
		equal(seat5?.IsTakenDisabled, true, 'seat 5 in the item\'s SeatList');
		return `lock_seat → signed ${SEAT_EVENT} → execution ${execution.id} stored ${ms} ms after the lock`;
	});
	await check('Register Callback: unpublishing in the running n8n (POST /rest/workflows/<id>/deactivate, as the editor\'s Unpublish) runs the trigger\'s delete, which puts the earlier configuration back', async () => {
		const logFrom = n8n.logSize();
		const started = Date.now();
		await n8n.unpublish(register.id, cookie);
		const answered = Date.now() - started;
		const config = await waitFor('the earlier live callback configuration to be back', 30_000, async () => {
			const current = await liveConfig(emulator);
			return current?.Url === EARLIER_LIVE_CONFIG.Url ? current : undefined;
		}, 100);
		const ms = Date.now() - started;
		equal(config, EARLIER_LIVE_CONFIG, 'live callback configuration');
		// The trigger logs after Tencent's answer, so the line may trail the configuration by a moment.
		await waitFor("n8n's log to say the trigger restored the configuration", 5_000, async () =>
			/restored the app's earlier live callback URL/.test(n8n.logText(logFrom)) ? true : undefined, 100);
		// The production URL is gone with it: n8n itself answers, the trigger is not called.
		const late = await sendCallback({ url, sdkAppId: DEMO_APP.sdkAppId, command: SEAT_EVENT, body: { RoomId: FEATURE_ROOM, SeatList: [] }, token: CALLBACK_TOKEN }, 10_000);
		equal(late.status, 404, 'a signed seat callback to the unpublished URL (HTTP status)');
		return `n8n answered in ${answered} ms, ${EARLIER_LIVE_CONFIG.Url} back ${ms} ms after the request; the URL now answers 404`;
	});
}

async function checkReplay(n8n: N8nInstance, workflows: FeatureWorkflows): Promise<void> {
	const { replay } = workflows;
	if (!(await waitUntilLive(n8n, replay, replay.file))) return;
	const nowMs = Date.now();
	const body = groupMessageBody({ groupId: FEATURE_ROOM, from: 'cook-02', text: 'the same message, sent twice', msgTime: Math.floor(nowMs / 1000) });
	const options = { url: webhookUrl(n8n, replay), sdkAppId: DEMO_APP.sdkAppId, command: 'Group.CallbackAfterSendMsg', body, token: CALLBACK_TOKEN, nowMs };
	await check('replay: the same signed callback (URL, query and body) sent twice is answered 200 with Tencent\'s OK body both times, and n8n stores one execution', async () => {
		const first = await sendCallback(options, 10_000);
		const again = await sendCallback(options, 10_000);
		equal(again.url, first.url, 'the URL (Sign and RequestTime included)');
		equal([first.status, again.status], [200, 200], 'HTTP status');
		equal([first.json, again.json], [ACK, ACK], 'answer bodies');
		await settledExecutions(n8n, replay.id, 1);
		await sleep(2000);
		const executions = await n8n.executions(replay.id);
		equal(executions.map((entry) => [entry.mode, entry.status]), [['webhook', 'success']], 'executions');
		return `answered in ${first.elapsedMs} and ${again.elapsedMs} ms; 1 execution`;
	});
	await check('replay: another message with the same Sign and RequestTime (another body) starts the workflow', async () => {
		const delivery = await sendCallback({ ...options, body: { ...body, MsgSeq: 124, MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'another message' } }] } }, 10_000);
		equal([delivery.status, delivery.json], [200, ACK], 'answer');
		const executions = await settledExecutions(n8n, replay.id, 2);
		equal(executions.map((entry) => entry.status), ['success', 'success'], 'executions');
		const [item] = (await n8n.execution(executions[1].id)).items('Received');
		equal(item?.MsgSeq, 124, 'MsgSeq of the second execution\'s item');
		return '2 executions';
	});
}

async function checkBeforeCallbacks(n8n: N8nInstance, emulator: RemoteEmulator, workflows: FeatureWorkflows): Promise<void> {
	const { wordFilter, late } = workflows;
	for (const workflow of [wordFilter, late]) {
		if (!(await waitUntilLive(n8n, workflow, workflow.file))) return;
	}
	const target = (workflow: ExampleWorkflow) => emulator.setCallbackTarget({ url: webhookUrl(n8n, workflow), token: CALLBACK_TOKEN, commands: [BEFORE_EVENT] });
	const say = async (text: string) => {
		const started = Date.now();
		const result = await emulator.userSendsMessage({ roomId: FEATURE_ROOM, from: 'cook-01', text });
		return { ...result, wallMs: Date.now() - started };
	};
	const roomTexts = async () => (await emulator.getRoomMessages(FEATURE_ROOM)).map((message) => message.TextContent);
	try {
		await check(`"Before" callbacks (The Workflow Decides): the last node (Edit Fields) blocks a message with a listed word within 2 s (ErrorCode 1); a clean message is delivered`, async () => {
			await target(wordFilter);
			const before = await roomTexts();
			const blocked = await say('Shut up, you LOSER');
			equal([blocked.delivered, blocked.blockedBy, blocked.decision], [false, 1, 'blocked'], 'the listed word (delivered, blockedBy, decision)');
			expect(blocked.callbackMs < 2000, `the answer took ${blocked.callbackMs} ms`);
			const clean = await say('These dumplings look great');
			equal([clean.delivered, clean.decision], [true, 'allowed'], 'the clean message (delivered, decision)');
			equal(await roomTexts(), [...before, 'These dumplings look great'], `messages in ${FEATURE_ROOM}`);
			const executions = await settledExecutions(n8n, wordFilter.id, 2);
			equal(executions.map((entry) => [entry.mode, entry.status]), [['webhook', 'success'], ['webhook', 'success']], 'executions');
			return `blocked in ${blocked.callbackMs} ms, delivered in ${clean.callbackMs} ms`;
		});
		await check(`"Before" callbacks: a workflow that answers late (Wait ${LATE_WAIT_SECONDS} s) is answered "allow" by the trigger at 1.5 s, the message is delivered, and n8n keeps running after the late answer`, async () => {
			await target(late);
			const logFrom = n8n.logSize();
			const allowed = await say('stupid, but nobody decides in time');
			equal([allowed.delivered, allowed.decision], [true, 'allowed'], 'delivered, decision');
			expect(allowed.callbackMs >= 1400 && allowed.callbackMs < 2000, `answered after ${allowed.callbackMs} ms (expected 1.5 s)`);
			const [execution] = await settledExecutions(n8n, late.id, 1);
			const run = await n8n.execution(execution.id);
			expect(run.ran('Answer'), 'the answering node did not run');
			equal(execution.status, 'success', 'the execution');
			const logged = await waitFor('n8n to log the late answer', 5000, async () => {
				const lines = n8n.logText(logFrom).split('\n').filter((line) => /error|headers/i.test(line) && !/^\s+at /.test(line));
				return lines.length > 0 ? lines : undefined;
			}, 200).catch(() => [] as string[]);
			await sleep(500);
			const health = await fetch(`${n8n.baseUrl}/healthz`, { signal: AbortSignal.timeout(5000) });
			expect(n8n.running && health.status === 200, `n8n is not running any more (healthz ${health.status})`);
			return `allowed after ${allowed.callbackMs} ms; execution ${execution.id}: success; n8n logged ${logged.length ? `"${logged.join('" / "')}"` : 'nothing'}; /healthz 200`;
		});
	} finally {
		await emulator.clearCallbackTarget();
	}
}

// ------------------------------------------------------------------ the running n8n: "From List" as the editor loads it

interface ListSearchAnswer {
	data?: { results?: Array<{ name: string; value: string }>; paginationToken?: string };
	message?: string;
}

/**
 * The resource locator's "From List": the editor posts this to
 * /rest/dynamic-node-parameters/resource-locator-results (n8n's ResourceLocatorRequestDto), and
 * n8n calls the node's listSearch method with the node's credential, answering `{ data: … }`.
 */
async function listSearch(
	n8n: N8nInstance,
	cookie: string,
	request: { methodName: string; parameter: string; parameters: Record<string, unknown>; filter?: string; workflowId?: string; credentialId?: string },
): Promise<{ status: number; body: ListSearchAnswer }> {
	return await n8n.postJson<ListSearchAnswer>(
		'/rest/dynamic-node-parameters/resource-locator-results',
		{
			nodeTypeAndVersion: { name: CUSTOM_ACTION_TYPE, version: 1.1 },
			path: `parameters.${request.parameter}`,
			methodName: request.methodName,
			currentNodeParameters: { ...request.parameters, [request.parameter]: { __rl: true, mode: 'list', value: '' } },
			credentials: { tencentRoomApi: { id: request.credentialId ?? CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			...(request.workflowId ? { workflowId: request.workflowId } : {}),
			...(request.filter !== undefined ? { filter: request.filter } : {}),
		},
		cookie,
	);
}

async function checkPickers(n8n: N8nInstance, emulator: RemoteEmulator, cookie: string, workflowId: string | undefined): Promise<void> {
	const rooms = { methodName: 'searchLiveRooms', parameter: 'roomId', parameters: { resource: 'seat', operation: 'getMany' }, workflowId };
	const roomLists = async () => (await emulator.requests()).filter((request) => request.command === 'live_engine_http_srv/get_room_list').length;
	// The seeded public live rooms by ViewCount, as they are now: close-the-show.json deleted the
	// sunset guitar session and open-tonights-live-room.json created Friday Night Jazz (0 views).
	const expected = [
		['Big Stage Festival', 'live-big-stage'],
		['Night Show with Luna', 'live-night-show'],
		['Cooking Lab: Dumplings', 'live-cooking-lab'],
		['Karaoke Night', 'live-karaoke-night'],
		['Voice Lounge', 'voice-lounge'],
		['Webinar: Getting Started', 'webinar-no-seats'],
		['Friday Night Jazz', SHOW_ROOM],
	].map(([name, value]) => ({ name: `${name} (${value})`, value }));
	await check('From List: POST /rest/dynamic-node-parameters/resource-locator-results (searchLiveRooms) lists the public live rooms, most viewed first, the hidden one left out', async () => {
		const hidden = await emulator.getRoom('live-rehearsal-hidden');
		equal([hidden.IsPublicVisible, hidden.ViewCount], [false, 50_000], 'the hidden room in the emulator (the most viewed)');
		const before = await roomLists();
		const { status, body } = await listSearch(n8n, cookie, rooms);
		equal(status, 200, `HTTP status (${JSON.stringify(body).slice(0, 300)})`);
		equal(body.data?.results, expected, 'results');
		equal(body.data?.paginationToken, undefined, 'paginationToken (one page holds them all)');
		equal((await roomLists()) - before, 1, 'get_room_list calls that reached the emulator');
		return `${expected.length} rooms, ${expected[0].name} first; live-rehearsal-hidden (50,000 views, not public) left out`;
	});
	await check('From List with a filter ("night"): matching names and IDs only, in the same order', async () => {
		const { status, body } = await listSearch(n8n, cookie, { ...rooms, filter: 'night' });
		equal(status, 200, `HTTP status (${JSON.stringify(body).slice(0, 300)})`);
		const values = ['live-night-show', 'live-karaoke-night', SHOW_ROOM];
		equal(body.data?.results, expected.filter((entry) => values.includes(entry.value)), 'results');
		return values.join(', ');
	});
	await check('From List (searchAudioVideoGroups) for Group ID lists the audio-video groups only', async () => {
		const { status, body } = await listSearch(n8n, cookie, {
			methodName: 'searchAudioVideoGroups',
			parameter: 'groupId',
			parameters: { resource: 'member', operation: 'getManyOnline' },
			workflowId,
		});
		equal(status, 200, `HTTP status (${JSON.stringify(body).slice(0, 300)})`);
		equal(body.data?.results, [{ name: '@TGS#demo-avchat', value: '@TGS#demo-avchat' }], 'results (the Public group @TGS#demo-public left out)');
		return '@TGS#demo-avchat';
	});
	await check('From List with a credential the user cannot read: n8n answers 403 and the node sends nothing', async () => {
		const before = await roomLists();
		const { status } = await listSearch(n8n, cookie, { ...rooms, credentialId: 'NoSuchCredential1' });
		equal(status, 403, 'HTTP status');
		equal((await roomLists()) - before, 0, 'get_room_list calls that reached the emulator');
		return '403';
	});
}

// ------------------------------------------------------------------ the running n8n: editor types and the trigger

interface NodeTypeJson {
	name: string;
	displayName: string;
	outputs?: unknown;
	usableAsTool?: unknown;
	iconUrl?: { light?: string; dark?: string } | string;
	codex?: { categories?: string[]; alias?: string[]; resources?: Record<string, Array<{ url: string }>> };
	properties?: Array<{ name: string }>;
}

/** Checks what the editor receives; returns the node types (for the search check). */
async function checkEditorTypes(n8n: N8nInstance, cookie: string): Promise<NodeTypeJson[]> {
	let types: NodeTypeJson[] = [];
	await check('the editor lists both nodes, with codex categories and documentation links', async () => {
		const { status, body } = await n8n.getJson<NodeTypeJson[]>('/types/nodes.json', cookie);
		equal(status, 200, 'GET /types/nodes.json');
		types = body;
		for (const name of [CUSTOM_ACTION_TYPE, CUSTOM_TRIGGER_TYPE]) {
			const type = types.find((entry) => entry.name === name);
			expect(type, `${name} is not among n8n's node types`);
			expect(type.codex?.categories?.includes('Communication'), `${name}: codex categories ${JSON.stringify(type.codex?.categories)}`);
			expect((type.codex?.resources?.primaryDocumentation ?? []).length > 0, `${name}: no primaryDocumentation link`);
		}
		return `${CUSTOM_ACTION_TYPE}, ${CUSTOM_TRIGGER_TYPE}`;
	});
	await check('n8n derives the AI tool variant of the action node (usableAsTool), not of the trigger', async () => {
		const tool = types.find((entry) => entry.name === `${CUSTOM_ACTION_TYPE}Tool`);
		expect(tool, `${CUSTOM_ACTION_TYPE}Tool is not among n8n's node types`);
		equal(tool.outputs, ['ai_tool'], 'outputs');
		expect(tool.properties?.some((property) => property.name === 'toolDescription'), 'no toolDescription property');
		expect(!types.some((entry) => entry.name === `${CUSTOM_TRIGGER_TYPE}Tool`), 'the trigger must not have a tool variant');
		return `"${tool.displayName}" with an ai_tool output`;
	});
	await check('the icons (light and dark) and the credential type are served', async () => {
		const urls: string[] = [];
		for (const name of [CUSTOM_ACTION_TYPE, CUSTOM_TRIGGER_TYPE]) {
			const icon = types.find((entry) => entry.name === name)?.iconUrl;
			expect(icon && typeof icon === 'object' && icon.light && icon.dark && icon.light !== icon.dark, `${name}: iconUrl ${JSON.stringify(icon)}`);
			urls.push(icon.light as string, icon.dark as string);
		}
		for (const url of urls) {
			const response = await fetch(`${n8n.baseUrl}/${url}`, { headers: { cookie }, signal: AbortSignal.timeout(10_000) });
			const text = await response.text();
			expect(response.status === 200 && text.includes('<svg'), `GET /${url} answered ${response.status}`);
		}
		const credentials = await n8n.getJson<Array<{ name: string }>>('/types/credentials.json', cookie);
		expect(credentials.body.some?.((entry) => entry.name === 'tencentRoomApi'), 'tencentRoomApi is not among the credential types');
		return `${urls.length} SVGs`;
	});
	return types;
}

/** What users type into the node panel looking for this node (issue #16). */
const SEARCH_WORDS = ['TRTC', 'TUILiveKit', 'TUIRoomKit', 'seat', 'lock seat', 'mute', 'ban', 'live room'];
/** The node must be among this many first results. */
const SEARCH_TOP = 10;

async function checkNodeSearch(n8n: N8nInstance, cookie: string, types: NodeTypeJson[]): Promise<void> {
	await check(`node panel search: ${SEARCH_WORDS.map((word) => `"${word}"`).join(', ')} each find Tencent Room among the first ${SEARCH_TOP} results`, async () => {
		expect(types.length > 0, 'no node types from GET /types/nodes.json');
		const credentials = await n8n.getJson<CredentialTypeJson[]>('/types/credentials.json', cookie);
		const panel = new NodePanelSearch(n8n.runtime.n8nDir, types as unknown as SearchableNodeType[], credentials.body);
		const entries = panel.entries.filter((entry) => entry.key.startsWith('CUSTOM.'));
		equal(
			entries.map((entry) => entry.key),
			[CUSTOM_ACTION_TYPE],
			'panel entries of this package (the trigger folds into the action node, the AI tool variant is listed under AI only)',
		);
		const ranks: string[] = [];
		const misses: string[] = [];
		for (const word of SEARCH_WORDS) {
			const hits = panel.search(word);
			const hit = hits.find((entry) => entry.key === CUSTOM_ACTION_TYPE);
			if (hit && hit.rank <= SEARCH_TOP) ranks.push(`"${word}" #${hit.rank} of ${hits.length}`);
			else {
				const first = hits.slice(0, 5).map((entry) => entry.displayName);
				misses.push(`"${word}": ${hit ? `#${hit.rank}` : 'not found'} of ${hits.length} (first: ${first.join(', ') || 'none'})`);
			}
		}
		const alias = types.find((entry) => entry.name === CUSTOM_ACTION_TYPE)?.codex?.alias ?? [];
		expect(misses.length === 0, `${misses.join('; ')}; codex alias of ${CUSTOM_ACTION_TYPE}: ${JSON.stringify(alias)}`);
		return `${ranks.join(', ')}; the entry reads "${entries[0].properties.description ?? ''}"`;
	});
}

// ------------------------------------------------------------------ README "Install in n8n"

const DOCKERFILE = 'docker/Dockerfile';

/**
 * README's install commands, checked against what this run does: returns the line that installs
 * the package into n8n's default custom folder, which the run then executes as written.
 */
async function checkReadmeInstall(): Promise<string> {
	let line = INSTALL_SCRIPT;
	await check('README "Install in n8n": npm ci && npm run build, the install line this run executes, n8n start; another folder with N8N_CUSTOM_EXTENSIONS; the Docker commands and Dockerfile', async () => {
		const { blocks } = readmeInstall();
		const npmBlock = blocks.find((block) => block.includes('n8n start'));
		expect(npmBlock, `no block with "n8n start" among ${JSON.stringify(blocks)}`);
		equal(npmBlock, ['npm ci && npm run build', INSTALL_SCRIPT, 'n8n start'], 'the block for an n8n installed with npm');
		line = npmBlock[1];
		// Another folder: what `npm run n8n` and test:n8n:queue do (packExtension).
		const folderBlock = blocks.find((block) => block.some((entry) => entry.startsWith('N8N_CUSTOM_EXTENSIONS=')));
		expect(folderBlock, 'no block with N8N_CUSTOM_EXTENSIONS=');
		const folder = /^scripts\/install-into-n8n\.sh (\S+)$/.exec(folderBlock[0])?.[1];
		equal(folderBlock, [`${INSTALL_SCRIPT} ${folder}`, `N8N_CUSTOM_EXTENSIONS=${folder} n8n start`], 'the block for another folder');
		const dockerBlock = blocks.find((block) => block.some((entry) => entry.startsWith('docker build')));
		expect(dockerBlock, 'no block with docker build');
		for (const expected of ['npm ci && npm run build', `${INSTALL_SCRIPT} docker/custom`, 'docker build -t n8n-tencent-room docker']) {
			expect(dockerBlock.includes(expected), `the Docker block lacks "${expected}": ${JSON.stringify(dockerBlock)}`);
		}
		const dockerfilePath = join(repoRoot(), DOCKERFILE);
		expect(existsSync(dockerfilePath), `${DOCKERFILE} is missing`);
		const dockerfile = readFileSync(dockerfilePath, 'utf8');
		expect(dockerfile.includes(`ARG N8N_VERSION=${N8N_VERSION}\n`), `${DOCKERFILE} should default to the n8n this suite runs (ARG N8N_VERSION=${N8N_VERSION})`);
		expect(/^FROM n8nio\/n8n:\$\{N8N_VERSION\}$/m.test(dockerfile), `${DOCKERFILE}: FROM n8nio/n8n:\${N8N_VERSION}`);
		const copy = /^COPY (?:--chown=\S+ )?custom (\S+)$/m.exec(dockerfile);
		expect(copy, `${DOCKERFILE} should COPY custom (what ${INSTALL_SCRIPT} docker/custom fills)`);
		expect(new RegExp(`^ENV N8N_CUSTOM_EXTENSIONS=${copy[1]}$`, 'm').test(dockerfile), `${DOCKERFILE} should set N8N_CUSTOM_EXTENSIONS=${copy[1]}`);
		return `"${line}" is run below as written; Docker (n8nio/n8n:${N8N_VERSION}, ${copy[1]}) is checked as text, not built here`;
	});
	return line;
}

async function checkTrigger(n8n: N8nInstance, emulator: RemoteEmulator, chat: ExampleWorkflow | undefined): Promise<void> {
	const trigger = chat?.workflow.nodes.find((node) => node.type === CUSTOM_TRIGGER_TYPE);
	const path = 'tencent-room';
	const url = `${n8n.baseUrl}/webhook/${trigger?.webhookId ?? 'missing'}/${path}`;
	const room = 'live-big-stage';
	const callback = (text: string, badSign: boolean): Promise<CallbackDelivery> =>
		sendCallback(
			{
				url,
				sdkAppId: DEMO_APP.sdkAppId,
				command: 'Group.CallbackAfterSendMsg',
				body: groupMessageBody({ groupId: room, from: 'host-big', text }),
				token: CALLBACK_TOKEN,
				...(badSign ? { query: { Sign: 'f'.repeat(64) } } : {}),
			},
			10_000,
		);

	let live = false;
	await check('trigger: the production webhook URL is live after n8n start', async () => {
		expect(trigger?.webhookId, 'the chat-command example has no Tencent Room Trigger with a webhookId');
		const started = Date.now();
		// Until the workflow is registered n8n answers 404; then the trigger itself answers (401 to a bad Sign).
		await waitFor(`POST ${url} to reach the trigger`, 60_000, async () => ((await callback('ping', true)).status === 404 ? undefined : true), 500);
		live = true;
		return `${url} (live ${seconds(Date.now() - started)} after /healthz)`;
	});
	if (!live) return;
	await check('trigger: a signed callback "!lock 3" gets 200 with Tencent\'s OK body, and the workflow locks seat 3', async () => {
		equal(seat(await emulator.getSeats(room), 3).IsTakenDisabled, false, 'seat 3 locked before the callback');
		const delivery = await callback('!lock 3', false);
		equal(delivery.status, 200, 'HTTP status');
		equal(delivery.json, ACK, 'answer body');
		await waitFor('seat 3 to be locked by the workflow', 30_000, async () => (seat(await emulator.getSeats(room), 3).IsTakenDisabled ? true : undefined));
		return `answered in ${delivery.elapsedMs} ms; emulator: ${room} seat 3 locked`;
	});
	await check('trigger: a bad Sign gets 401 and starts nothing', async () => {
		const delivery = await callback('!lock 4', true);
		equal(delivery.status, 401, 'HTTP status');
		await sleep(3000);
		equal(seat(await emulator.getSeats(room), 4).IsTakenDisabled, false, 'seat 4 locked');
		return `401 ${delivery.text}`;
	});
}

async function checkExecutionsStored(n8n: N8nInstance, chat: ExampleWorkflow | undefined, features: FeatureWorkflows): Promise<void> {
	await check('trigger: n8n stored exactly one execution (the signed callback), a successful webhook run', async () => {
		expect(chat, 'no chat-command example');
		const executions = await n8n.executions(chat.id);
		equal(
			executions.map((execution) => [execution.mode, execution.status]),
			[['webhook', 'success']],
			'executions of the chat-command workflow',
		);
	});
	await check('Register Callback: once unpublished the workflow started nothing more: one execution in all', async () => {
		const executions = await n8n.executions(features.register.id);
		equal(executions.map((execution) => [execution.mode, execution.status]), [['webhook', 'success']], 'executions of the Register Callback workflow');
	});
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
	const started = Date.now();
	console.log(`test:n8n: n8n-nodes-tencent-room in the real n8n ${N8N_VERSION}`);
	const work = runDir('tencent-room-test-n8n');
	let emulator: RemoteEmulator | undefined;
	let n8n: N8nInstance | undefined;
	const cleanup = onShutdown(async () => {
		await n8n?.stop();
		await emulator?.stop();
		await stopAll();
	});
	const watchdog = setTimeout(() => {
		console.log(`FAIL: test:n8n did not finish within ${RUN_LIMIT_MS / 60_000} minutes`);
		void cleanup().then(() => process.exit(1));
	}, RUN_LIMIT_MS);
	watchdog.unref();

	try {
		let runtime: N8nRuntime | undefined;
		const installed = await check(`n8n ${N8N_VERSION} and Node 24 are installed (cache)`, async () => {
			runtime = await ensureN8nRuntime((line) => console.log(`        ${line}`));
			return `${runtime.installedNow ? 'installed now' : 'cached'} in ${seconds(runtime.installSeconds * 1000)}: ${runtime.n8nDir}`;
		});
		if (!installed || !runtime) return 1;
		// The install is not part of the run's time limit.
		watchdog.refresh();
		const phaseStarted = Date.now();

		const installLine = await checkReadmeInstall();
		const userFolder = join(work, 'user');
		let extension: PackedExtension | undefined;
		await check(`README's install line "${installLine}" puts the packed package into n8n's default custom folder`, async () => {
			extension = await runInstallLine(installLine, join(userFolder, '.n8n', 'custom'), userFolder);
			expect(extension.files.includes('package.json') && extension.files.some((file) => file.endsWith('.node.js')), `files: ${extension.files.join(', ')}`);
			return `${extension.files.length} files in ${extension.packageDir} (n8n starts without N8N_CUSTOM_EXTENSIONS)`;
		});
		if (!extension) return 1;
		const packed = extension;
		const nodeDir = runtime.nodeDir;
		await check(`n8n's community package scanner (@n8n/scan-community-package ${SCANNER_VERSION}) passes the tarball`, async () => {
			// Its CLI downloads published packages only; analyzePackage() lints a local folder with the same rules.
			const scanner = await ensureScanner(nodeDir, (line) => console.log(`        ${line}`));
			const script = [
				`const { analyzePackage } = await import(${JSON.stringify(pathToFileURL(scanner).href)});`,
				'const result = await analyzePackage(process.argv[1]);',
				"console.log(JSON.stringify({ passed: result.passed, message: result.message ?? '', details: result.details ?? '' }));",
			].join('\n');
			const result = await runCommand(process.execPath, ['--input-type=module', '-e', script, packed.packageDir], { timeoutMs: 180_000 });
			const line = result.stdout.trim().split('\n').pop() ?? '';
			let verdict: { passed: boolean; message: string; details: string } | undefined;
			try {
				verdict = JSON.parse(line) as typeof verdict;
			} catch {
				// reported below
			}
			expect(verdict, `the scanner printed no verdict (exit ${result.code}): ${result.stderr.slice(-2000)}`);
			expect(verdict.passed, `${verdict.message}\n${verdict.details}`);
			return 'analyzePackage() on the unpacked tarball: no findings';
		});

		emulator = await RemoteEmulator.start({ seedDemo: true });
		const emulatorRef = emulator;
		console.log(`        Tencent emulator (demo rooms) on ${emulator.baseUrl}`);

		n8n = new N8nInstance(runtime, {
			userFolder,
			// n8n's default custom folder, where the install line put the package: no N8N_CUSTOM_EXTENSIONS.
			extensions: [],
			port: await freePort(),
			brokerPort: await freePort(),
			logFile: join(work, 'n8n-start.log'),
		});
		const examples = loadExamples(join(repoRoot(), 'examples'));
		const byFile = (file: string): ExampleWorkflow | undefined => examples.find((example) => example.file === file);
		const openTonight = byFile(OPEN_TONIGHT);
		// n8n execute starts at the first Manual Trigger: the 20:00 branch runs from a copy.
		const atEight = openTonight ? scheduleBranchCopy(openTonight, AT_EIGHT) : undefined;
		const features = featureWorkflows();
		const extra = [{ id: OPERATIONS_ID, workflow: operationsWorkflow() }, ...(atEight ? [atEight] : []), ...Object.values(features)];
		const files = writeImportFiles(
			join(work, 'import'),
			{ sdkAppId: DEMO_APP.sdkAppId, identifier: DEMO_APP.admins[0], secretKey: DEMO_APP.secretKey, baseUrl: emulator.baseUrl, callbackToken: CALLBACK_TOKEN },
			[...examples, ...extra],
		);
		const instance = n8n;
		const imported = await check('headless import: the credential and every workflow (node types rewritten to CUSTOM.*)', async () => {
			await instance.importCredentials(files.credentialFile);
			await instance.importWorkflows(files.workflowDir);
			const list = await instance.mustCli(['list:workflow']);
			for (const { id } of [...examples, ...extra]) expect(list.stdout.includes(`${id}|`), `workflow ${id} is not in n8n list:workflow`);
			return `${examples.length} examples + the every-operation workflow${atEight ? ` + the 20:00 branch of ${OPEN_TONIGHT}` : ''} + ${Object.keys(features).length} trigger workflows (Register Callback, replays, "Before" callbacks)`;
		});
		if (!imported) return 1;

		// Order matters: each workflow changes the emulator's seats, and the checks read them.
		await checkOperations(n8n, emulator);
		await checkModeration(n8n, emulator, byFile('moderation-move-user.json'));
		await checkMemberExport(n8n, byFile('member-export.json'));
		await checkNightLock(n8n, emulator, byFile('night-lock-seats.json'));
		await checkOpenTonight(n8n, emulator, openTonight, atEight);
		await checkCloseShow(n8n, emulator, byFile(CLOSE_SHOW));
		await checkDailyReport(n8n, emulator, byFile(DAILY_REPORT));
		const known = [
			'moderation-move-user.json',
			'member-export.json',
			'night-lock-seats.json',
			'chat-command-lock-seat.json',
			OPEN_TONIGHT,
			CLOSE_SHOW,
			DAILY_REPORT,
			WORD_FILTER,
			HOST_COMMANDS,
		];
		for (const example of examples.filter((entry) => !known.includes(entry.file))) {
			if (example.workflow.nodes.some((node) => node.type === MANUAL_TRIGGER_TYPE)) await runExample(n8n, example, example.file);
		}

		const chat = byFile('chat-command-lock-seat.json');
		await check('trigger: the chat-command workflow is published (activated) headless', async () => {
			expect(chat, 'examples/chat-command-lock-seat.json is missing');
			await instance.publish(chat.id);
		});
		const wordFilter = byFile(WORD_FILTER);
		const hostCommands = byFile(HOST_COMMANDS);
		await check('trigger: the word filter and host command workflows are published (activated) headless', async () => {
			expect(wordFilter, `examples/${WORD_FILTER} is missing`);
			expect(hostCommands, `examples/${HOST_COMMANDS} is missing`);
			await instance.publish(wordFilter.id);
			await instance.publish(hostCommands.id);
		});
		await check(`Register Callback: the app has an earlier live callback configuration (${EARLIER_LIVE_CONFIG.Url}) when the workflow is published headless`, async () => {
			await emulatorRef.setLiveCallbackConfig({ url: EARLIER_LIVE_CONFIG.Url, commands: EARLIER_LIVE_CONFIG.CallbackCommandList });
			equal(await liveConfig(emulatorRef), EARLIER_LIVE_CONFIG, 'live callback configuration');
			for (const workflow of Object.values(features)) await instance.publish(workflow.id);
			return `${EARLIER_LIVE_CONFIG.Url} (${EARLIER_LIVE_CONFIG.CallbackCommandList.join(', ')}); ${Object.keys(features).length} trigger workflows published`;
		});
		let startMs = 0;
		let upAt = 0;
		const serverUp = await check('n8n start answers /healthz on 127.0.0.1', async () => {
			const t = Date.now();
			await instance.start();
			upAt = Date.now();
			startMs = upAt - t;
			return `${instance.baseUrl} in ${seconds(startMs)}`;
		});
		if (serverUp) {
			let cookie = '';
			const owner = await check('owner account set up headless (POST /rest/owner/setup)', async () => {
				cookie = await instance.setupOwner({ email: 'test@example.com', password: 'Test-n8n-password-1', firstName: 'Test', lastName: 'Owner' });
			});
			if (owner) {
				await checkRegisterCallback(instance, emulatorRef, cookie, features, upAt);
				const types = await checkEditorTypes(instance, cookie);
				await checkNodeSearch(instance, cookie, types);
				await checkPickers(instance, emulator, cookie, openTonight?.id);
			}
			await checkTrigger(instance, emulator, chat);
			await checkWordFilter(instance, emulator, wordFilter);
			await checkHostCommands(instance, emulator, hostCommands);
			await checkReplay(instance, features);
			await checkBeforeCallbacks(instance, emulatorRef, features);
			await instance.stop();
			await checkExecutionsStored(instance, chat, features);
		}
		console.log(`\n  run time without the install: ${seconds(Date.now() - phaseStarted)}`);
	} catch (error) {
		recordBrokenRun('test:n8n itself', error);
	} finally {
		clearTimeout(watchdog);
		await cleanup();
	}

	return concludeRun('test:n8n', started, work, 'logs and the n8n user folder');
}

runMain(main);
