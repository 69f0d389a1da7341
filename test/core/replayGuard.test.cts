import { ReplayGuard } from '../../nodes/shared/replayGuard';

function guardAt(start = 1_000_000, maxEntries = 1000) {
	let now = start;
	const guard = new ReplayGuard({ maxEntries, now: () => now });
	return { guard, advance: (ms: number) => (now += ms), now: () => now };
}

describe('ReplayGuard', () => {
	it('lets a key through once while it is remembered, and again once it is forgotten', () => {
		const { guard, advance, now } = guardAt();
		expect(guard.firstSeen('a', now() + 60_000)).toBe(true);
		expect(guard.firstSeen('a', now() + 60_000)).toBe(false);
		expect(guard.firstSeen('b', now() + 60_000)).toBe(true);
		advance(59_999);
		expect(guard.firstSeen('a', now() + 60_000)).toBe(false);
		advance(2);
		expect(guard.firstSeen('a', now() + 60_000)).toBe(true);
	});

	it('forgets expired keys as time passes, so memory follows the traffic of the window', () => {
		const { guard, advance, now } = guardAt();
		for (let index = 0; index < 500; index++) guard.firstSeen(`old-${index}`, now() + 1000);
		expect(guard.size).toBe(500);
		advance(1001);
		guard.firstSeen('new', now() + 1000);
		expect(guard.size).toBe(1);
	});

	it('stays bounded however many callbacks arrive: 100,000 distinct ones within the window', () => {
		const { guard, now } = guardAt(1_000_000, 20_000);
		let accepted = 0;
		for (let index = 0; index < 100_000; index++) if (guard.firstSeen(`k-${index}`, now() + 60_000)) accepted++;
		expect(accepted).toBe(100_000);
		expect(guard.size).toBe(20_000);
		// The newest are still recognised; the oldest, dropped first, were nearest to expiring.
		expect(guard.firstSeen('k-99999', now() + 60_000)).toBe(false);
		expect(guard.firstSeen('k-80000', now() + 60_000)).toBe(false);
	});
});
