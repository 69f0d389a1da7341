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

async function main(): Promise<void> {
	console.log('Tencent Room nodes: example workflows through n8n-core against the local Tencent emulator');

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

	console.log('\nAll example workflows ran. Import them from examples/ into n8n to use them with your own rooms.');
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
