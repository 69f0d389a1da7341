/**
 * UserSig expiry: Tencent's "expired" (70001 / 70052) makes the node sign a new UserSig and try
 * once more; when even the fresh one is called expired, the n8n server's clock is to blame, and
 * the error says so.
 */
import { TencentEmulator } from '../emulator/index.cjs';
import { emulatorCredential, useEmulator } from '../helpers/fixture.cjs';
import { runWorkflow, tencentRoomWorkflow } from '../helpers/n8nHarness.cjs';
import { SEATS } from './support.cjs';

const { emulator, runNode } = useEmulator();
const CLOCK_OFF = /n8n server's clock is probably off/;

beforeAll(() => {
	emulator.createRoom({ roomId: 'clock-room', seatCount: 2 });
});

const getSeats = { resource: 'seat', operation: 'getMany', roomId: 'clock-room' };

describe('UserSig expired', () => {
	it.each([70001, 70052])('%i once: signed again, retried once, and the item succeeds', async (code) => {
		emulator.injectErrorCode(code, { command: SEATS });
		const { success, errors } = await runNode(getSeats);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(2);
		expect(emulator.requests.map((request) => request.errorCode)).toEqual([code, 0]);
	});

	it.each([70001, 70052])('%i again after re-signing: the error blames the server clock, not retryable', async (code) => {
		emulator.injectErrorCode(code, { command: SEATS, count: 2 });
		const { errors } = await runNode(getSeats, [{}], { onError: 'continueErrorOutput' });
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(CLOCK_OFF);
		expect(errors[0].error).toMatch(/NTP/);
		expect(errors[0].details).toMatchObject({ errorCode: code, retryable: false, requestId: expect.stringMatching(/^Id-/) });
		// One try and one re-signed retry, never more.
		expect(emulator.requests).toHaveLength(2);
	});

	it('a server clock two days behind Tencent\'s: the message says the clock is probably off', async () => {
		let skewMs = 0;
		const ahead = new TencentEmulator({ now: () => Date.now() + skewMs });
		await ahead.start();
		try {
			ahead.createRoom({ roomId: 'skew-room', seatCount: 1 });
			skewMs = 2 * 86_400_000;
			const run = await runWorkflow(
				tencentRoomWorkflow({ resource: 'seat', operation: 'getMany', roomId: 'skew-room' }, [{}]),
				{ tencentRoomApi: emulatorCredential(ahead) },
			);
			// Stop on error: the run's error names the item, the code and the clock.
			expect(run.error?.message).toMatch(/70001/);
			expect(run.error?.message).toMatch(CLOCK_OFF);
			expect(ahead.requests.map((request) => request.errorCode)).toEqual([70001, 70001]);
		} finally {
			await ahead.stop();
		}
	});
});
