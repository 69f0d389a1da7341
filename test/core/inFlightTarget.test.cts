import { CallDurations, INITIAL_CALL_MS, targetInFlight } from '../../nodes/shared/inFlightTarget';
import { KeyedScheduler } from '../../nodes/shared/keyedScheduler';

describe('targetInFlight', () => {
	it('keeps calls per second × seconds per call under way, with headroom', () => {
		// 200/s at 60 ms (nearby, one round trip): 12 needed, 15 with headroom, + 16 spare.
		expect(targetInFlight(200, 60, 1000)).toBe(31);
		// 200/s at 930 ms (300 ms round trip, new TCP and TLS connection per call): 186 needed.
		expect(targetInFlight(200, 930, 1000)).toBe(249);
		// 10/s (the room list) at 930 ms: a handful.
		expect(targetInFlight(10, 930, 1000)).toBe(28);
	});

	it('never goes above the ceiling nor below 1, and counts parked calls on top', () => {
		expect(targetInFlight(200, 930, 32)).toBe(32);
		expect(targetInFlight(200, 930, 1)).toBe(1);
		expect(targetInFlight(200, 0, 1000)).toBe(16);
		expect(targetInFlight(200, 60, 1000, 10)).toBe(41);
	});
});

describe('CallDurations', () => {
	it('starts from a nearby guess, takes the mean of the first calls, then follows the latest ones', () => {
		const durations = new CallDurations();
		expect(durations.averageOf('https://far')).toBe(INITIAL_CALL_MS);
		durations.note('https://far', 900);
		expect(durations.averageOf('https://far')).toBe(900);
		durations.note('https://far', 1000);
		expect(durations.averageOf('https://far')).toBe(950);
		// Each destination on its own.
		expect(durations.averageOf('https://near')).toBe(INITIAL_CALL_MS);
		// After many fast calls the average is near the fast ones.
		for (let call = 0; call < 200; call++) durations.note('https://far', 60);
		expect(durations.averageOf('https://far')).toBeLessThan(65);
		// Nonsense is ignored.
		durations.note('https://far', Number.NaN);
		durations.note('https://far', -5);
		expect(durations.averageOf('https://far')).toBeLessThan(65);
	});
});

describe('KeyedScheduler with a changing concurrency', () => {
	it('asks the limit before each start, so a raised limit lets more run at once', async () => {
		let limit = 2;
		let running = 0;
		let peak = 0;
		const peaks: number[] = [];
		const scheduler = new KeyedScheduler<number>({ concurrency: () => limit });
		const task = (index: number) => async () => {
			running++;
			peak = Math.max(peak, running);
			await new Promise((resolve) => setTimeout(resolve, 5));
			running--;
			return index;
		};
		for (let index = 0; index < 10; index++) scheduler.add(`k${index}`, task(index));
		await new Promise((resolve) => setTimeout(resolve, 2));
		peaks.push(peak);
		limit = 6;
		for (let index = 10; index < 30; index++) scheduler.add(`k${index}`, task(index));
		const results = await scheduler.close();
		peaks.push(peak);
		expect(peaks).toEqual([2, 6]);
		expect(results.map((result) => (result.status === 'fulfilled' ? result.value : -1))).toEqual(Array.from({ length: 30 }, (_, index) => index));
	});

	it('refuses a limit that is not a whole number of at least 1', () => {
		expect(() => new KeyedScheduler({ concurrency: () => 0 })).toThrow(/whole number of at least 1/);
		expect(() => new KeyedScheduler({ concurrency: 2.5 })).toThrow(/whole number of at least 1/);
	});
});
