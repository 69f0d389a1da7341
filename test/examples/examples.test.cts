import { readFileSync } from 'fs';
import { join } from 'path';

import { seedDemoData, TencentEmulator } from '../emulator/index.cjs';
import { REPORT_SEED, seedReportBansAndMutes } from '../helpers/emulatorRest.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { prepareWorkflow, runPreparedWorkflow, runWorkflowJson, workflowJsonToDefinition, type WorkflowJson } from '../helpers/n8nHarness.cjs';

const EXAMPLES = join(__dirname, '../../examples');

function loadExample(file: string): WorkflowJson {
	return JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as WorkflowJson;
}

/** Each example runs against its own freshly seeded emulator, as `npm start` does. */
async function runExample(file: string) {
	const emulator = new TencentEmulator();
	await emulator.start();
	seedDemoData(emulator);
	try {
		const run = await runWorkflowJson(loadExample(file), { tencentRoomApi: emulatorCredential(emulator) });
		return { emulator, run };
	} finally {
		await emulator.stop();
	}
}

describe('examples/night-lock-seats.json', () => {
	it('locks every seat not locked yet in the three rooms, and only those', async () => {
		const { emulator, run } = await runExample('night-lock-seats.json');
		expect(run.error).toBeUndefined();
		const rooms = ['live-night-show', 'voice-lounge', 'conf-weekly'];
		for (const roomId of rooms) {
			for (const seat of emulator.getSeats(roomId)) expect(seat).toMatchObject({ IsTakenDisabled: true, Member_Account: '' });
		}
		// 8 + 10 + 6 seats, of which voice-lounge's seat 7 was locked already.
		const locks = emulator.requests.filter((request) => request.command === 'room_engine_http_mic/lock_seat');
		expect(locks).toHaveLength(23);
		expect(run.outputOf('Locked')[0]).toHaveLength(23);
		expect(run.outputOf('Could not lock (see details.errorCode)')).toEqual([]);
	});
});

describe('examples/moderation-move-user.json', () => {
	it('takes the error branch on 100210 and exchanges the seats instead', async () => {
		const { emulator, run } = await runExample('moderation-move-user.json');
		expect(run.error).toBeUndefined();
		expect(run.outputOf('Moved')).toEqual([]);
		const [taken] = run.outputOf('Seat taken (100210)?');
		expect(taken).toHaveLength(1);
		expect(taken[0]).toMatchObject({ roomId: 'voice-lounge', user: 'guest-01', details: { errorCode: 100210 } });
		expect(run.outputOf('Exchanged')[0]).toEqual([
			expect.objectContaining({ RoomId: 'voice-lounge', SeatIndex: 2, Member_Account: 'guest-01', Policy: 2 }),
		]);
		const seats = emulator.getSeats('voice-lounge');
		expect([seats[1].Member_Account, seats[2].Member_Account]).toEqual(['guest-02', 'guest-01']);
	});
});

describe('examples/member-export.json', () => {
	it('exports the 1000 members Tencent lists of each', async () => {
		const { emulator, run } = await runExample('member-export.json');
		expect(run.error).toBeUndefined();
		const live = run.outputOf('Live room members (add a spreadsheet node here)')[0];
		const online = run.outputOf('Online group members (add a spreadsheet node here)')[0];
		expect(live).toHaveLength(1000);
		expect(live[0]).toMatchObject({ RoomId: 'live-big-stage', MemberCount: 1250 });
		expect(online).toHaveLength(1000);
		expect(online[0]).toMatchObject({ GroupId: '@TGS#demo-avchat' });
		const byCommand = emulator.stats().byCommand;
		expect(byCommand['live_engine_http_srv/get_member_list']).toBe(10);
		expect(byCommand['group_open_avchatroom_http_svc/get_members']).toBe(2);
	});
});

describe.each(['open-tonights-live-room.json', 'close-the-show.json', 'word-filter.json', 'host-chat-commands.json', 'daily-banned-report.json'])('examples/%s as a file', (file) => {
	it('uses the Tencent Room node at version 1.1, the credential the other examples use, and no sticky notes', () => {
		const { nodes } = loadExample(file);
		const tencent = nodes.filter((node) => node.type === 'n8n-nodes-tencent-room.tencentRoom');
		expect(tencent.length).toBeGreaterThan(0);
		for (const node of tencent) {
			expect(node.typeVersion).toBe(1.1);
			expect(node.credentials).toEqual({ tencentRoomApi: { id: '1', name: 'Tencent Room API' } });
		}
		// Only the n8n-nodes-base nodes the 0.1 examples use (the harness has stand-ins for them).
		const base = nodes.map((node) => node.type).filter((type) => type.startsWith('n8n-nodes-base.'));
		const allowed = ['manualTrigger', 'scheduleTrigger', 'set', 'splitOut', 'if', 'noOp'].map((name) => `n8n-nodes-base.${name}`);
		expect(base.filter((type) => !allowed.includes(type))).toEqual([]);
	});
});

/** The seats of a room as "index:locked" pairs, for compact assertions. */
function locks(emulator: TencentEmulator, roomId: string): string[] {
	return emulator.getSeats(roomId).map((seat) => `${seat.Index}:${seat.IsTakenDisabled ? 'locked' : 'free'}`);
}

describe('examples/open-tonights-live-room.json', () => {
	const ROOM = 'live-friday-jazz';
	const emulator = new TencentEmulator();
	beforeAll(async () => {
		await emulator.start();
		seedDemoData(emulator);
	});
	afterAll(async () => {
		await emulator.stop();
	});
	/** One branch of the workflow, started at its trigger, against the same seeded emulator. */
	async function runBranch(trigger: string) {
		const prepared = await prepareWorkflow(workflowJsonToDefinition(loadExample('open-tonights-live-room.json')), {
			tencentRoomApi: emulatorCredential(emulator),
		});
		return await runPreparedWorkflow(prepared, { startNode: trigger });
	}

	it('by hand: creates the live room with cover and categories, sets the metadata, locks the guest seats', async () => {
		expect(() => emulator.getRoom(ROOM)).toThrow();
		const run = await runBranch('Start');
		expect(run.error).toBeUndefined();
		// The 20:00 branch did not run.
		expect(run.run.data.resultData.runData['Every day at 20:00']).toBeUndefined();

		expect(emulator.getRoom(ROOM)).toMatchObject({
			RoomId: ROOM,
			RoomType: 'Live',
			RoomName: 'Friday Night Jazz',
			Owner_Account: 'host-nina',
			CoverURL: 'https://example.com/covers/friday-jazz.jpg',
			Category: ['music', 'jazz'],
			SeatTemplate: 'AudioSalon',
			MaxSeatCount: 6,
			IsPublicVisible: true,
		});
		expect(run.outputOf('Create the live room')[0]).toEqual([
			expect.objectContaining({ RoomId: ROOM, RoomType: 'Live', CoverURL: 'https://example.com/covers/friday-jazz.jpg', Category: ['music', 'jazz'], RequestId: expect.stringMatching(/^Id-/) }),
		]);

		expect(emulator.getRoomMetadata(ROOM)).toEqual([
			{ Key: 'showStartsAt', Value: '20:00' },
			{ Key: 'host', Value: 'host-nina' },
		]);
		expect(run.outputOf('Set show metadata')[0]).toEqual([{ RoomId: ROOM, Keys: ['showStartsAt', 'host'], RequestId: expect.stringMatching(/^Id-/) }]);

		// Seat 0 is the host's; the guest seats 1 to 5 are locked until 20:00.
		expect(run.outputOf('One item per guest seat')[0]).toEqual([1, 2, 3, 4, 5].map((seat) => ({ seat })));
		expect(run.outputOf('Lock guest seat until 20:00')[0].map((item) => [item.RoomId, item.Index, item.ForbidTaken])).toEqual(
			[1, 2, 3, 4, 5].map((index) => [ROOM, index, true]),
		);
		expect(locks(emulator, ROOM)).toEqual(['0:free', '1:locked', '2:locked', '3:locked', '4:locked', '5:locked']);
	});

	it('at 20:00: unlocks the guest seats, and only those that are locked', async () => {
		emulator.resetLog();
		const run = await runBranch('Every day at 20:00');
		expect(run.error).toBeUndefined();
		expect(run.run.data.resultData.runData['Create the live room']).toBeUndefined();
		expect(run.outputOf('Seats of the show room')[0]).toHaveLength(6);
		// Seat 0 (the host's, never locked) goes to the false branch.
		expect(run.outputOf('Locked guest seat?')[1].map((seat) => seat.Index)).toEqual([0]);
		expect(run.outputOf('Unlock guest seat')[0].map((item) => [item.Index, item.ForbidTaken, item.ForbidVideo, item.ForbidAudio])).toEqual(
			[1, 2, 3, 4, 5].map((index) => [index, false, false, false]),
		);
		expect(locks(emulator, ROOM)).toEqual(['0:free', '1:free', '2:free', '3:free', '4:free', '5:free']);
		expect(emulator.requests.filter((request) => request.command === 'room_engine_http_mic/lock_seat')).toHaveLength(5);
		// The metadata stays for the show.
		expect(emulator.getRoomMetadata(ROOM)).toEqual([
			{ Key: 'showStartsAt', Value: '20:00' },
			{ Key: 'host', Value: 'host-nina' },
		]);
	});
});

describe('examples/close-the-show.json', () => {
	it('reads the statistics, shapes a summary, passes it on, then deletes the room', async () => {
		const { emulator, run } = await runExample('close-the-show.json');
		expect(run.error).toBeUndefined();
		const stats = {
			TotalViewers: 18_250,
			TotalGiftsSent: 512,
			TotalGiftCoins: 20_480,
			TotalUniqueGiftSenders: 143,
			TotalLikesReceived: 31_000,
			TotalMsgCount: 12_345,
		};
		expect(run.outputOf('Show statistics')[0]).toEqual([{ RoomId: 'live-sunset-guitar', ...stats, RequestId: expect.stringMatching(/^Id-/) }]);
		const summary = {
			roomId: 'live-sunset-guitar',
			viewers: 18_250,
			likes: 31_000,
			messages: 12_345,
			gifts: 512,
			giftCoins: 20_480,
			giftSenders: 143,
			text: 'The show in live-sunset-guitar is over: 18250 viewers, 31000 likes, 12345 chat messages, 512 gifts worth 20480 coins from 143 fans.',
		};
		expect(run.outputOf('Summary')[0]).toEqual([summary]);
		expect(run.outputOf('Send the summary (add Slack / email here)')[0]).toEqual([summary]);
		expect(run.outputOf('Delete the room')[0]).toEqual([{ RoomId: 'live-sunset-guitar', RoomType: 'Live', Deleted: true, RequestId: expect.stringMatching(/^Id-/) }]);
		// The statistics were read before the room was deleted, and the room is gone.
		expect(emulator.requests.map((request) => request.command)).toEqual(['live_engine_http_srv/get_room_stats', 'live_engine_http_srv/destroy_room']);
		expect(() => emulator.getRoom('live-sunset-guitar')).toThrow();
		expect(emulator.getRoom('live-cooking-lab')).toMatchObject({ RoomId: 'live-cooking-lab' });
	});
});

describe('examples/daily-banned-report.json', () => {
	const REPORT = 'Send the report (add Slack / email here)';
	const ROOMS = ['live-night-show', 'voice-lounge', 'live-karaoke-night'];
	const emulator = new TencentEmulator();
	let seededAt = 0;
	beforeAll(async () => {
		await emulator.start();
		seedDemoData(emulator);
		seededAt = Math.floor(Date.now() / 1000);
		// Bans and mutes as moderators make them: through Tencent's REST commands.
		await seedReportBansAndMutes(emulator.baseUrl);
	});
	afterAll(async () => {
		await emulator.stop();
	});
	async function runFrom(trigger: string) {
		emulator.resetLog();
		const prepared = await prepareWorkflow(workflowJsonToDefinition(loadExample('daily-banned-report.json')), { tencentRoomApi: emulatorCredential(emulator) });
		return await runPreparedWorkflow(prepared, { startNode: trigger });
	}
	/** Every item the report node received, run after run (one run per listing). */
	function reported(run: Awaited<ReturnType<typeof runFrom>>) {
		return (run.run.data.resultData.runData[REPORT] ?? []).map((task) => (task.data?.main?.[0] ?? []).map((item) => item.json));
	}
	const expectedBanned = REPORT_SEED.bans.flatMap(({ roomId, accounts }) => accounts.map((account) => [roomId, account]));
	const expectedMuted = REPORT_SEED.mutes.flatMap(({ roomId, accounts }) => accounts.map((account) => [roomId, account]));

	it('has a daily Schedule Trigger and a Manual Trigger to try it, both into the room list', () => {
		const example = loadExample('daily-banned-report.json');
		const schedule = example.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		const manual = example.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
		expect(schedule?.parameters).toEqual({ rule: { interval: [{ triggerAtHour: 9 }] } });
		for (const trigger of [schedule!, manual!]) expect(example.connections[trigger.name].main).toEqual([[{ node: 'Rooms to report', type: 'main', index: 0 }]]);
	});

	it('by hand: one item per banned member and one per muted member of the listed rooms, into the report', async () => {
		const run = await runFrom('Try it now');
		expect(run.error).toBeUndefined();
		expect(run.outputOf('One item per room')[0]).toEqual(ROOMS.map((rooms) => ({ rooms })));

		const banned = run.outputOf('Banned members')[0];
		expect(banned.map((item) => [item.RoomId, item.Member_Account])).toEqual(expectedBanned);
		for (const item of banned) expect(Object.keys(item).sort()).toEqual(['BannedUntil', 'Member_Account', 'RoomId']);
		expect(banned.find((item) => item.Member_Account === 'viewer-07')?.BannedUntil).toBeGreaterThanOrEqual(seededAt + 86_400);
		expect(banned.find((item) => item.Member_Account === 'guest-05')?.BannedUntil).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 3_600);

		const muted = run.outputOf('Muted members')[0];
		expect(muted.map((item) => [item.RoomId, item.Member_Account])).toEqual(expectedMuted);
		for (const item of muted) expect(Object.keys(item).sort()).toEqual(['Member_Account', 'MutedUntil', 'RoomId']);

		// The report node gets the banned members, then the muted members.
		expect(reported(run)).toEqual([banned, muted]);
		// The emulator agrees, room by room.
		for (const roomId of ROOMS) {
			expect(banned.filter((item) => item.RoomId === roomId).map((item) => item.Member_Account)).toEqual(emulator.getBannedMembers(roomId).map((entry) => entry.Member_Account));
			expect(muted.filter((item) => item.RoomId === roomId).map((item) => item.Member_Account)).toEqual(emulator.getMutedMembers(roomId).map((entry) => entry.Member_Account));
		}
		// Reads only: one banned list and one muted list per room.
		const commands = emulator.requests.map((request) => request.command).sort();
		expect(commands).toEqual([...Array(3).fill('live_engine_http_srv/get_banned_member_list'), ...Array(3).fill('live_engine_http_srv/get_muted_member_list')]);
		expect(emulator.mutations).toEqual([]);
	});

	it('the daily Schedule Trigger runs the same report', async () => {
		const run = await runFrom('Every day at 09:00');
		expect(run.error).toBeUndefined();
		expect(run.run.data.resultData.runData['Try it now']).toBeUndefined();
		const [banned, muted] = reported(run);
		expect(banned.map((item) => [item.RoomId, item.Member_Account])).toEqual(expectedBanned);
		expect(muted.map((item) => [item.RoomId, item.Member_Account])).toEqual(expectedMuted);
	});
});
