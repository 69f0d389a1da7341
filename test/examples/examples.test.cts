import { readFileSync } from 'fs';
import { join } from 'path';

import { seedDemoData, TencentEmulator } from '../emulator/index.cjs';
import { emulatorCredential } from '../helpers/fixture.cjs';
import { runWorkflowJson, type WorkflowJson } from '../helpers/n8nHarness.cjs';

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
