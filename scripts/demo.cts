/**
 * `npm start`: the example workflows in examples/ run through n8n's own engine (n8n-core
 * WorkflowExecute) against the embedded Tencent emulator. No Tencent account, no network.
 */
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-room-demo-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import { groupMessageBody, seedDemoData, TencentEmulator, type SeatView } from '../test/emulator/index.cjs';
import { seedReportBansAndMutes } from '../test/helpers/emulatorRest.cjs';
import { emulatorCredential } from '../test/helpers/fixture.cjs';
import {
	packageRoot,
	prepareWorkflow,
	runPreparedWorkflow,
	runWorkflowJson,
	workflowJsonToDefinition,
	type WorkflowJson,
	type WorkflowRun,
} from '../test/helpers/n8nHarness.cjs';
import { WebhookHarness } from '../test/helpers/webhookHarness.cjs';

const EXAMPLES = join(packageRoot(), 'examples');

/** What seatLine's symbols mean, printed once at the start. */
const SEAT_LEGEND = '2:guest-01 = seat 2 with guest-01 on it, 3:· = seat 3 empty, 🔒 after a seat = locked (nobody can take it)';

function seatLine(seats: SeatView[]): string {
	return seats
		.map((seat) => `${seat.Index}:${seat.Member_Account || '·'}${seat.IsTakenDisabled ? '🔒' : ''}`)
		.join('  ');
}

function count(run: WorkflowRun, node: string, output = 0): number {
	return run.outputOf(node)[output]?.length ?? 0;
}

async function runExample(
	title: string,
	file: string,
	describe: (run: WorkflowRun, emulator: TencentEmulator, before: (roomId: string) => SeatView[]) => void,
): Promise<void> {
	const emulator = new TencentEmulator();
	await emulator.start();
	seedDemoData(emulator);
	const snapshots = new Map<string, SeatView[]>();
	for (const roomId of ['live-night-show', 'voice-lounge', 'conf-weekly', 'live-sunset-guitar']) snapshots.set(roomId, emulator.getSeats(roomId));
	try {
		console.log(`\n━━ ${title}  (examples/${file})`);
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
		const started = Date.now();
		const run = await runWorkflowJson(workflow, { tencentRoomApi: emulatorCredential(emulator) });
		if (run.error) throw new Error(`the workflow failed: ${run.error.message}`);
		describe(run, emulator, (roomId) => snapshots.get(roomId) ?? []);
		console.log(`   ${emulator.requests.length} Tencent requests in ${Date.now() - started} ms`);
	} finally {
		await emulator.stop();
	}
}

/** The trigger: Tencent's signed chat callbacks into the webhook, the workflow locks and unlocks. */
async function runChatCommands(): Promise<void> {
	const file = 'chat-command-lock-seat.json';
	const token = 'demo-callback-token';
	const roomId = 'live-night-show';
	const emulator = new TencentEmulator();
	await emulator.start();
	seedDemoData(emulator);
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	const harness = new WebhookHarness({
		workflow: workflowJsonToDefinition(workflow),
		credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: token }) },
	});
	try {
		console.log(`\n━━ Chat commands through the Tencent Room Trigger  (examples/${file})`);
		await harness.start();
		await harness.activate();
		console.log(`   ${roomId} before: ${seatLine(emulator.getSeats(roomId))}`);
		for (const [text, signedWith] of [
			['!lock 3', token],
			['!lock 6', token],
			['!unlock 3', token],
			['hello everyone', token],
			['!lock 4', 'a-forged-token'],
		]) {
			const delivery = await emulator.sendCallback({
				url: harness.url,
				command: 'Group.CallbackAfterSendMsg',
				body: groupMessageBody({ groupId: roomId, from: 'host-luna', text }),
				token: signedWith,
			});
			await harness.settled();
			const forged = signedWith !== token ? ' (signed with a wrong token)' : '';
			console.log(`   chat "${text}"${forged} → HTTP ${delivery.status} ${delivery.text}; seats: ${seatLine(emulator.getSeats(roomId))}`);
		}
		console.log(`   workflow runs started: ${harness.runs.length} (the forged callback started none)`);
	} finally {
		await harness.stop();
		await emulator.stop();
	}
}

/** The show opens by hand (create, metadata, guest seats locked); the Schedule Trigger's 20:00 run unlocks them. */
async function runOpenTonight(): Promise<void> {
	const file = 'open-tonights-live-room.json';
	const emulator = new TencentEmulator();
	await emulator.start();
	seedDemoData(emulator);
	try {
		console.log(`\n━━ Open tonight's live room, lock its guest seats until 20:00  (examples/${file})`);
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
		const prepared = await prepareWorkflow(workflowJsonToDefinition(workflow), { tencentRoomApi: emulatorCredential(emulator) });
		const started = Date.now();
		const opened = await runPreparedWorkflow(prepared, { startNode: 'Start' });
		if (opened.error) throw new Error(`the workflow failed: ${opened.error.message}`);
		const [created] = opened.outputOf('Create the live room')[0] ?? [];
		const roomId = String(created?.RoomId);
		const room = emulator.getRoom(roomId);
		console.log(
			`   created live room ${room.RoomId} "${room.RoomName}": owner ${room.Owner_Account}, ${room.SeatTemplate} with ${room.MaxSeatCount} seats, ` +
				`categories ${JSON.stringify(room.Category ?? [])}, cover ${room.CoverURL}`,
		);
		console.log(`   metadata: ${emulator.getRoomMetadata(roomId).map(({ Key, Value }) => `${Key} = ${Value}`).join(', ')}`);
		console.log(`   locked ${count(opened, 'Lock guest seat until 20:00')} guest seats until 20:00`);
		console.log(`   ${roomId} opened:   ${seatLine(emulator.getSeats(roomId))}`);
		const atEight = await runPreparedWorkflow(prepared, { startNode: 'Every day at 20:00' });
		if (atEight.error) throw new Error(`the 20:00 branch failed: ${atEight.error.message}`);
		console.log(
			`   Schedule Trigger "Every day at 20:00" (run now): unlocked ${count(atEight, 'Unlock guest seat')} guest seats, ` +
				`left ${count(atEight, 'Locked guest seat?', 1)} (the host's seat 0) alone`,
		);
		console.log(`   ${roomId} at 20:00: ${seatLine(emulator.getSeats(roomId))}`);
		console.log(`   ${emulator.requests.length} Tencent requests in ${Date.now() - started} ms`);
	} finally {
		await emulator.stop();
	}
}

/** A seeded emulator and an example's Tencent Room Trigger behind the webhook harness, activated. */
async function startTriggerExample(file: string, token: string): Promise<{ emulator: TencentEmulator; harness: WebhookHarness }> {
	const emulator = new TencentEmulator();
	await emulator.start();
	seedDemoData(emulator);
	const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
	const harness = new WebhookHarness({
		workflow: workflowJsonToDefinition(workflow),
		credentials: { tencentRoomApi: emulatorCredential(emulator, { callbackToken: token }) },
	});
	await harness.start();
	await harness.activate();
	return { emulator, harness };
}

/** One signed chat callback; resolves with the HTTP answer and the run it started, once that run is over. */
async function chatInto(emulator: TencentEmulator, harness: WebhookHarness, token: string, groupId: string, from: string, text: string) {
	const delivery = await emulator.sendCallback({
		url: harness.url,
		command: 'Group.CallbackAfterSendMsg',
		body: groupMessageBody({ groupId, from, text }),
		token,
	});
	const runs = await harness.settled();
	const run = runs[runs.length - 1];
	if (run?.error) throw new Error(`the workflow failed: ${run.error.message}`);
	return { delivery, run };
}

/** Word filter: a listed word mutes the sender for 10 minutes and posts a notice; clean chat does nothing. */
async function runWordFilter(): Promise<void> {
	const file = 'word-filter.json';
	const token = 'demo-callback-token';
	const { emulator, harness } = await startTriggerExample(file, token);
	try {
		console.log(`\n━━ Word filter: mute who uses a listed word, post a notice  (examples/${file})`);
		const started = Date.now();
		for (const [groupId, from, text] of [
			['live-night-show', 'viewer-10', 'What a lovely show tonight!'],
			['live-night-show', 'viewer-07', 'You are such an IDIOT'],
			['@TGS#demo-avchat', 'audience-0042', 'what a loser'],
		]) {
			const { delivery, run } = await chatInto(emulator, harness, token, groupId, from, text);
			const [found] = run.outputOf('Find a listed word')[0] ?? [];
			const word = String(found?.matchedWord ?? '');
			let outcome = 'no listed word: nothing done';
			if (word !== '') {
				const [failed] = run.outputOf('Mute the sender for 10 minutes')[1] ?? [];
				if (failed) {
					const branch = count(run, "Not a live room's chat: nothing to do") > 0 ? "Not a live room's chat: nothing to do" : 'Tell a moderator (see details.errorCode)';
					outcome = `listed word "${word}"; Mute failed with ${String((failed.details as { errorCode: unknown }).errorCode)} → "${branch}"`;
				} else {
					const muted = emulator.getMutedMembers(groupId).find((entry) => entry.Member_Account === from);
					outcome = `listed word "${word}"; muted until ${muted ? new Date(muted.MutedUntil * 1000).toISOString() : 'NOT MUTED'}; notices posted: ${count(run, 'Post a notice in the room')}`;
				}
			}
			console.log(`   ${groupId} ${from}: "${text}" → HTTP ${delivery.status}; ${outcome}`);
		}
		const muted = emulator.getMutedMembers('live-night-show').map((entry) => entry.Member_Account);
		console.log(`   live-night-show muted: ${muted.join(', ') || 'nobody'}`);
		for (const message of emulator.getRoomMessages('live-night-show')) {
			console.log(`   live-night-show chat: ${message.Sender_Account}: "${message.TextContent}" (ExtensionInfo ${message.ExtensionInfo})`);
		}
		console.log(`   ${emulator.requests.length} Tencent requests, ${harness.runs.length} workflow runs in ${Date.now() - started} ms`);
	} finally {
		await harness.stop();
		await emulator.stop();
	}
}

/** Chat commands for hosts: the room's owner bans, unbans, seats and unseats; anyone else gets nothing done. */
async function runHostCommands(): Promise<void> {
	const file = 'host-chat-commands.json';
	const token = 'demo-callback-token';
	const roomId = 'live-karaoke-night';
	const { emulator, harness } = await startTriggerExample(file, token);
	const state = () => {
		const banned = emulator.getBannedMembers(roomId).map((entry) => entry.Member_Account);
		return `banned: ${banned.join(', ') || 'nobody'}; seats: ${seatLine(emulator.getSeats(roomId))}`;
	};
	const outcomes: Array<[string, string]> = [
		['Ban', 'banned'],
		['Unban', 'unbanned'],
		['Put user on seat', 'seated'],
		['Take user off seat', 'taken off the seat'],
		["Not the room's owner: nothing done", "not the room's owner: nothing done"],
		['Command failed (see details.errorCode)', 'failed'],
	];
	try {
		console.log(`\n━━ Chat commands for hosts: !ban, !unban, !seat, !unseat from the room's owner  (examples/${file})`);
		const started = Date.now();
		console.log(`   ${roomId}: owner ${emulator.getRoom(roomId).Owner_Account}; ${state()}`);
		for (const [from, text] of [
			['host-kai', '!ban singer-03 1h'],
			['host-kai', '!unban singer-03'],
			['host-kai', '!seat singer-04 2'],
			['singer-02', '!unseat singer-04'],
			['singer-02', '!ban singer-04 1d'],
			['host-kai', '!unseat singer-04'],
			['host-kai', '!seat singer-05 9'],
			['host-kai', 'thanks for coming, everyone'],
		]) {
			const { run } = await chatInto(emulator, harness, token, roomId, from, text);
			const [, label = 'not a command: nothing asked of Tencent'] = outcomes.find(([node]) => count(run, node) > 0) ?? [];
			const failed = run.outputOf('Command failed (see details.errorCode)')[0]?.[0];
			const why = failed ? ` (${String((failed.details as { errorCode: unknown }).errorCode)}: ${String(failed.error)})` : '';
			console.log(`   ${from}: "${text}" → ${label}${why}`);
			console.log(`      ${state()}`);
		}
		console.log(`   ${emulator.requests.length} Tencent requests, ${harness.runs.length} workflow runs in ${Date.now() - started} ms`);
	} finally {
		await harness.stop();
		await emulator.stop();
	}
}

/** Daily report: bans and mutes seeded through REST, then the report run by hand. */
async function runDailyReport(): Promise<void> {
	const file = 'daily-banned-report.json';
	const emulator = new TencentEmulator();
	await emulator.start();
	seedDemoData(emulator);
	try {
		console.log(`\n━━ Daily report of banned and muted users  (examples/${file})`);
		await seedReportBansAndMutes(emulator.baseUrl);
		emulator.resetLog();
		const workflow = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
		const prepared = await prepareWorkflow(workflowJsonToDefinition(workflow), { tencentRoomApi: emulatorCredential(emulator) });
		const started = Date.now();
		const run = await runPreparedWorkflow(prepared, { startNode: 'Try it now' });
		if (run.error) throw new Error(`the workflow failed: ${run.error.message}`);
		const rooms = (run.outputOf('One item per room')[0] ?? []).map((item) => String(item.rooms));
		console.log(`   rooms: ${rooms.join(', ')} (seeded through REST: bans with ban_member, mutes with mute_member)`);
		const report = run.run.data.resultData.runData['Send the report (add Slack / email here)'] ?? [];
		for (const task of report) {
			for (const { json } of task.data?.main?.[0] ?? []) {
				const banned = json.BannedUntil !== undefined;
				const until = Number(banned ? json.BannedUntil : json.MutedUntil);
				console.log(`   report: ${String(json.RoomId).padEnd(18)} ${String(json.Member_Account).padEnd(10)} ${banned ? 'banned' : 'muted '} until ${new Date(until * 1000).toISOString()}`);
			}
		}
		console.log(
			`   "Send the report (add Slack / email here)" received ${count(run, 'Banned members')} banned and ${count(run, 'Muted members')} muted members ` +
				`(${report.length} runs: the banned list, then the muted list)`,
		);
		console.log(`   ${emulator.requests.length} Tencent requests in ${Date.now() - started} ms`);
	} finally {
		await emulator.stop();
	}
}

async function main(): Promise<void> {
	console.log('Tencent Room nodes: example workflows through n8n-core against the local Tencent emulator');
	console.log(`Seat maps: ${SEAT_LEGEND}`);

	await runExample('Moderation: move a user, branch on the error code', 'moderation-move-user.json', (run, emulator, before) => {
		const [taken] = run.outputOf('Seat taken (100210)?');
		console.log(`   voice-lounge before: ${seatLine(before('voice-lounge'))}`);
		console.log(`   "Move user" guest-01 → seat 2 (cancel): ${count(run, 'Move user')} moved, ${count(run, 'Move user', 1)} to the error output`);
		if (taken?.[0]) {
			const details = taken[0].details as { errorCode: number };
			console.log(`   error output → IF details.errorCode == ${details.errorCode}: true branch → "Exchange seats"`);
			console.log(`   error message: ${String(taken[0].error)}`);
		}
		console.log(`   exchanged: ${count(run, 'Exchanged')}, needs a moderator: ${count(run, 'Needs a moderator')}`);
		console.log(`   voice-lounge after:  ${seatLine(emulator.getSeats('voice-lounge'))}`);
	});

	await runExample('Member export with Return All', 'member-export.json', (run, emulator) => {
		const stats = emulator.stats().byCommand;
		const live = run.outputOf('Live room members (add a spreadsheet node here)')[0] ?? [];
		const online = run.outputOf('Online group members (add a spreadsheet node here)')[0] ?? [];
		console.log(
			`   live-big-stage: ${live.length} members listed of MemberCount ${String(live[0]?.MemberCount)} (Tencent lists at most 1000), ` +
				`${stats['live_engine_http_srv/get_member_list']} pages (Next cursor)`,
		);
		console.log(
			`   @TGS#demo-avchat: ${online.length} online members (the 1000 newest), ` +
				`${stats['group_open_avchatroom_http_svc/get_members']} pages of up to 500 (NextTimestamp cursor)`,
		);
		console.log(`   first: ${JSON.stringify(online[0])}`);
	});

	await runExample('Night job: lock every seat', 'night-lock-seats.json', (run, emulator, before) => {
		for (const roomId of ['live-night-show', 'voice-lounge', 'conf-weekly']) {
			console.log(`   ${roomId.padEnd(16)} before: ${seatLine(before(roomId))}`);
			console.log(`   ${''.padEnd(16)} after:  ${seatLine(emulator.getSeats(roomId))}`);
		}
		console.log(`   locked ${count(run, 'Locked')} seats; already locked, skipped: ${count(run, 'Seat not locked yet?', 1)}; failed: ${count(run, 'Could not lock (see details.errorCode)')}`);
	});

	await runChatCommands();

	await runOpenTonight();

	await runExample('Close the show: statistics, a summary, then delete the room', 'close-the-show.json', (run, emulator, before) => {
		const [stats] = run.outputOf('Show statistics')[0] ?? [];
		const [summary] = run.outputOf('Send the summary (add Slack / email here)')[0] ?? [];
		const [deleted] = run.outputOf('Delete the room')[0] ?? [];
		const roomId = String(stats?.RoomId);
		console.log(`   ${roomId} before: ${seatLine(before(roomId))}`);
		console.log(
			`   statistics: ${String(stats?.TotalViewers)} viewers, ${String(stats?.TotalLikesReceived)} likes, ` +
				`${String(stats?.TotalMsgCount)} messages, ${String(stats?.TotalGiftsSent)} gifts (${String(stats?.TotalGiftCoins)} coins ` +
				`from ${String(stats?.TotalUniqueGiftSenders)} senders)`,
		);
		console.log(`   summary sent onward: "${String(summary?.text)}"`);
		let gone = false;
		try {
			emulator.getRoom(roomId);
		} catch {
			gone = true;
		}
		console.log(`   deleted ${String(deleted?.RoomId)} (Deleted: ${String(deleted?.Deleted)}); the room ${gone ? 'no longer exists' : 'STILL EXISTS'}`);
		if (!gone) throw new Error(`${roomId} was not deleted`);
	});

	await runWordFilter();

	await runHostCommands();

	await runDailyReport();

	console.log('\nAll example workflows ran. Import them from examples/ into n8n to use them with your own rooms.');
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
