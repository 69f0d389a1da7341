import { DEFAULT_RATE_MARGIN_MS, SlidingWindowRateLimiter, getSharedRateLimiter, type RateLimiterClock } from '../../nodes/shared/rateLimiter';
import { mostInAnyWindow } from '../helpers/slidingWindow.cjs';
import { settle, VirtualClock } from '../helpers/virtualClock.cjs';

const WINDOW = 1000;
const MARGIN = 20;

/** An instant call: acquire a slot and release it at once (its completion time is its start). */
function start(limiter: SlidingWindowRateLimiter, key: string, maxPerWindow: number): Promise<void> {
	return limiter.acquire(key, maxPerWindow).then((release) => release());
}

const maxStartsInAnyWindow = mostInAnyWindow;

describe('SlidingWindowRateLimiter', () => {
	it('spreads the starts evenly over the window (plus margin), never N at once', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: MARGIN });
		const starts: number[] = [];
		const all = Array.from({ length: 5 }, () => start(limiter, 'k', 2).then(() => starts.push(clock.now())));
		await clock.run();
		await Promise.all(all);
		expect(starts).toEqual([0, 510, 1020, 1530, 2040]);
	});

	it('never lets 1,000 concurrent acquires exceed 200 starts in any 1,000 ms window', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: MARGIN });
		const starts: number[] = [];
		const all = Array.from({ length: 1000 }, () => start(limiter, 'app|url|cmd', 200).then(() => starts.push(clock.now())));
		await clock.run();
		await Promise.all(all);

		expect(starts).toHaveLength(1000);
		expect(maxStartsInAnyWindow(starts, WINDOW)).toBeLessThanOrEqual(200);
		// The margin holds too: even a 1,020 ms window never holds 201.
		expect(maxStartsInAnyWindow(starts, WINDOW + MARGIN)).toBeLessThanOrEqual(200);
		// And the budget is used, not wasted: 200 every 1,020 ms, one start every 5 ms.
		expect(Math.max(...starts)).toBeLessThanOrEqual(5 * (WINDOW + MARGIN));
		expect(maxStartsInAnyWindow(starts, WINDOW + MARGIN)).toBeGreaterThanOrEqual(195);
		// No thundering herd: one sleeper at a time, not one per caller.
		expect(clock.sleepCalls).toBeLessThanOrEqual(1010);
	});

	it('holds the budget when callers arrive spread out over time', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: MARGIN });
		const starts: number[] = [];
		const all: Promise<unknown>[] = [];
		// 1,000 callers, one every 3 ms of virtual time (≈333/s asked, 200/s allowed).
		for (let caller = 0; caller < 1000; caller++) {
			all.push(start(limiter, 'k', 200).then(() => starts.push(clock.now())));
			await clock.advanceTo(clock.now() + 3);
		}
		await clock.run();
		await Promise.all(all);
		expect(starts).toHaveLength(1000);
		expect(maxStartsInAnyWindow(starts, WINDOW + MARGIN)).toBeLessThanOrEqual(200);
	});

	it('serves waiters of one key first come, first served', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock);
		const order: number[] = [];
		const all = Array.from({ length: 50 }, (_, caller) => start(limiter, 'k', 3).then(() => order.push(caller)));
		await Promise.resolve();
		await Promise.resolve();
		// The first starts at once; the other 49 wait their turn, spread over the window.
		expect(order).toEqual([0]);
		await clock.run();
		await Promise.all(all);
		expect(order).toEqual(Array.from({ length: 50 }, (_, caller) => caller));
	});

	it('does not let a newcomer overtake queued waiters when a slot frees up', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { marginMs: 0 });
		const order: string[] = [];
		const first = start(limiter, 'k', 1).then(() => order.push('first'));
		const second = start(limiter, 'k', 1).then(() => order.push('second'));
		await settle();
		// The slot is free at t=1000 and the waiter's timer has not fired yet; "second" still comes first.
		clock.jumpTo(1000);
		const third = start(limiter, 'k', 1).then(() => order.push('third'));
		await clock.run();
		await Promise.all([first, second, third]);
		expect(order).toEqual(['first', 'second', 'third']);
	});

	it('penalize: nobody on the key starts before now + pause', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock);
		limiter.penalize('k', 500);
		let startedAt = -1;
		const acquired = start(limiter, 'k', 200).then(() => {
			startedAt = clock.now();
		});
		await clock.run();
		await acquired;
		expect(startedAt).toBe(500);
	});

	it('penalize also delays waiters already sleeping', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock);
		const starts: number[] = [];
		const first = start(limiter, 'k', 1).then(() => starts.push(clock.now()));
		const second = start(limiter, 'k', 1).then(() => starts.push(clock.now()));
		await clock.advanceTo(100);
		limiter.penalize('k', 2000);
		await clock.run();
		await Promise.all([first, second]);
		expect(starts).toEqual([0, 2100]);
	});

	it('repeated penalties extend the pause; a shorter one does not shrink it', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock);
		limiter.penalize('k', 500);
		await clock.advanceTo(400);
		limiter.penalize('k', 300); // now until 700
		limiter.penalize('k', 10); // would be 410: ignored
		limiter.penalize('k', 0); // ignored
		limiter.penalize('k', Number.NaN); // ignored
		let startedAt = -1;
		const acquired = start(limiter, 'k', 200).then(() => {
			startedAt = clock.now();
		});
		await clock.run();
		await acquired;
		expect(startedAt).toBe(700);
	});

	it('keeps keys independent: a full or paused key does not slow another', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock);
		const starts: Record<string, number[]> = { a: [], b: [], c: [] };
		const all: Promise<unknown>[] = [];
		for (let caller = 0; caller < 3; caller++) all.push(start(limiter, 'a', 1).then(() => starts.a.push(clock.now())));
		limiter.penalize('c', 5000);
		all.push(start(limiter, 'c', 10).then(() => starts.c.push(clock.now())));
		for (let caller = 0; caller < 3; caller++) all.push(start(limiter, 'b', 3).then(() => starts.b.push(clock.now())));
		await clock.run();
		await Promise.all(all);
		const window = 1000 + DEFAULT_RATE_MARGIN_MS;
		expect(starts.a).toEqual([0, window, 2 * window]);
		expect(starts.b).toEqual([0, Math.ceil(window / 3), Math.ceil((2 * window) / 3)]);
		expect(starts.c).toEqual([5000]);
	});

	it('keeps memory bounded: at most N timestamps per key, idle keys forgotten', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock);
		const all = Array.from({ length: 2000 }, () => start(limiter, 'k', 50));
		await clock.run();
		await Promise.all(all);
		// White-box: the limiter's private per-key state, read without an accessor in the product.
		const keys = (limiter as unknown as { keys: Map<string, { done: { length: number }; open: number }> }).keys;
		const remembered = (key: string) => {
			const state = keys.get(key);
			return state ? state.open + state.done.length : 0;
		};
		expect(remembered('k')).toBeLessThanOrEqual(50);

		await clock.advanceTo(clock.now() + 5000);
		await start(limiter, 'other', 5);
		expect(remembered('k')).toBe(0);
		expect([...keys.keys()]).toEqual(['other']);
	});

	it('rejects a budget below 1 and bad options', async () => {
		const limiter = new SlidingWindowRateLimiter(new VirtualClock());
		await expect(start(limiter, 'k', 0)).rejects.toThrow(RangeError);
		await expect(start(limiter, 'k', 2.5)).rejects.toThrow(RangeError);
		await expect(start(limiter, 'k', Number.NaN)).rejects.toThrow(RangeError);
		expect(() => new SlidingWindowRateLimiter(new VirtualClock(), { windowMs: 0 })).toThrow(RangeError);
		expect(() => new SlidingWindowRateLimiter(new VirtualClock(), { marginMs: -1 })).toThrow(RangeError);
	});

	it('rejects waiting callers instead of hanging when the injected sleep fails', async () => {
		const failure = new Error('sleep broke');
		const clock: RateLimiterClock = { now: () => 0, sleep: () => Promise.reject(failure) };
		const limiter = new SlidingWindowRateLimiter(clock);
		await start(limiter, 'k', 1);
		const waiters = [start(limiter, 'k', 1), start(limiter, 'k', 1)];
		await expect(Promise.all(waiters)).rejects.toBe(failure);
		// Both waiters were answered (rejected), not left hanging.
		await expect(Promise.allSettled(waiters)).resolves.toEqual([
			{ status: 'rejected', reason: failure },
			{ status: 'rejected', reason: failure },
		]);
	});
});

describe('getSharedRateLimiter', () => {
	it('returns one limiter per process', () => {
		const first = getSharedRateLimiter(new VirtualClock());
		const second = getSharedRateLimiter(new VirtualClock());
		expect(second).toBe(first);
		expect(first).toBeInstanceOf(SlidingWindowRateLimiter);
	});
});

/** A call on key 'k' that starts now (a slot is free) and is answered at `answeredAtMs`. */
async function callAnsweredAt(clock: VirtualClock, limiter: SlidingWindowRateLimiter, maxPerWindow: number, answeredAtMs: number): Promise<void> {
	const release = await limiter.acquire('k', maxPerWindow);
	await clock.advanceTo(answeredAtMs);
	release();
}

/** When the next caller on key 'k' starts (the clock run until it has). */
async function nextStartTime(clock: VirtualClock, limiter: SlidingWindowRateLimiter, maxPerWindow: number): Promise<number> {
	let startedAt = -1;
	const next = limiter.acquire('k', maxPerWindow).then((release) => {
		startedAt = clock.now();
		release();
	});
	await clock.run();
	await next;
	return startedAt;
}

/**
 * How many of 40 callers on key 'k' (a budget of 20, `sharedBy` processes sharing it) start
 * within one window from now; no window ever holds more than 20 starts.
 */
async function startsWithinOneWindow(clock: VirtualClock, limiter: SlidingWindowRateLimiter, sharedBy = 1): Promise<number> {
	const at = clock.now();
	const starts: number[] = [];
	const all = Array.from({ length: 40 }, () =>
		limiter.acquire('k', 20, sharedBy).then((release) => {
			starts.push(clock.now());
			release();
		}),
	);
	await clock.run();
	await Promise.all(all);
	expect(maxStartsInAnyWindow(starts, WINDOW)).toBeLessThanOrEqual(20);
	return starts.filter((time) => time < at + WINDOW).length;
}

describe('completion-time accounting', () => {
	it('moves calls counted earlier later when a faster round trip shows their network delay was overestimated', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		// The first call's send was held up: 60 ms, and nothing faster known yet, so it counts at 0.
		await callAnsweredAt(clock, limiter, 2, 60);
		// The next one shows the network takes 40 ms: the first was handled 20 ms later than assumed.
		const fastAcquired = limiter.acquire('k', 2);
		await clock.advanceTo(500);
		const fast = await fastAcquired;
		await clock.advanceTo(540);
		fast();
		// Without the move it would start at 1000, inside the first call's window as Tencent saw it.
		expect(await nextStartTime(clock, limiter, 2)).toBe(1020);
	});

	it('holds a slot while its call is in flight, and counts an answered call from its answer minus the fastest round trip', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		// A fast call first: round trips can be as short as 100 ms.
		await callAnsweredAt(clock, limiter, 2, 100);
		const firstAcquired = limiter.acquire('k', 2);
		await clock.advanceTo(500);
		const first = await firstAcquired;
		const secondAcquired = limiter.acquire('k', 2);
		await clock.advanceTo(1000);
		const second = await secondAcquired;
		let thirdAt = -1;
		const third = limiter.acquire('k', 2).then((release) => {
			thirdAt = clock.now();
			release();
		});
		// Both slots in flight for seconds: nothing may start, however long it takes.
		await clock.advanceTo(5000);
		expect(thirdAt).toBe(-1);
		// Answered at 5000 after 4,500 ms: Tencent may have handled it as late as 5000 - 100.
		first();
		await clock.advanceTo(5899);
		expect(thirdAt).toBe(-1);
		await clock.run();
		await third;
		expect(thirdAt).toBe(5900);
		second();
	});

	it('keeps the server\'s window within budget however late each call is handled', async () => {
		// Each call is handled by the "server" at a random moment between its start and its end.
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		const handledAt: number[] = [];
		let seed = 7;
		const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
		const calls = Array.from({ length: 300 }, async () => {
			const release = await limiter.acquire('k', 20);
			const duration = 5 + random() * 400;
			const handled = clock.now() + random() * duration;
			await clock.sleep(duration);
			handledAt.push(handled);
			release();
		});
		await clock.run();
		await Promise.all(calls);
		expect(handledAt).toHaveLength(300);
		expect(maxStartsInAnyWindow(handledAt, WINDOW)).toBeLessThanOrEqual(20);
	});

	it("a rate-limit answer cuts the budget to this process's share of the last window, once per window, and it grows back", async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		const startsInOneWindow = () => startsWithinOneWindow(clock, limiter);
		clock.jumpTo(10_000);
		// This process got 10 calls through in the window, 2 more were refused: its share is 10 of 20.
		for (let call = 0; call < 12; call++) {
			clock.jumpTo(clock.now() + WINDOW / 20);
			const release = await limiter.acquire('k', 20);
			release({ refused: call >= 10 });
		}
		limiter.penalize('k', 1);
		// Several answers of one burst cut it once.
		limiter.penalize('k', 1);
		clock.jumpTo(clock.now() + WINDOW + 1);
		// 90 % of the share of 10, plus one window's regrowth (1 % of 20): 9 in a window.
		expect(await startsInOneWindow()).toBe(9);
		// Alone from then on, the budget grows back: slowly for five windows, then by half per quiet window.
		clock.jumpTo(10_000 + 9 * WINDOW);
		expect(await startsInOneWindow()).toBe(20);
	});

	it('with N processes sharing the limit, one that had the whole budget takes its equal part when it meets the limit, and grows back soon when that was too little', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		/** The credential set for three processes. */
		const startsInWindowFrom = (from: number): Promise<number> => {
			clock.jumpTo(from);
			return startsWithinOneWindow(clock, limiter, 3);
		};
		// Alone until now: 19 calls in the window went through, the 20th was refused.
		clock.jumpTo(10_000);
		for (let call = 0; call < 20; call++) {
			clock.jumpTo(clock.now() + WINDOW / 20);
			const release = await limiter.acquire('k', 20, 3);
			release({ refused: call === 19 });
		}
		limiter.penalize('k');
		const cutAt = clock.now();
		// Its equal part, a third of 20, grown by 1 % a window: 7, not 90 % of the 19 it sent alone (17).
		expect(await startsInWindowFrom(cutAt + WINDOW)).toBe(7);
		// Nobody refused it since: five windows after the cut it has the whole budget again (a
		// measured share of a third would still be growing by 1 % a window: 7).
		expect(await startsInWindowFrom(cutAt + 5 * WINDOW)).toBe(20);
	});

	it('remembers the fastest round trip of a key forgotten while idle, so the next job does not count from its own slower calls', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		// A first job: the network answers in 100 ms.
		await callAnsweredAt(clock, limiter, 1, 100);
		// Idle for ten windows: the key's state is swept when the next caller comes.
		clock.jumpTo(10_000);
		// This job's first call is slow (the process is busy): 500 ms. It may have reached Tencent as
		// late as 500 - 100 = 400 ms after it started, not at its start as its own round trip says.
		await callAnsweredAt(clock, limiter, 1, 10_500);
		expect(await nextStartTime(clock, limiter, 1)).toBe(10_400 + WINDOW);
	});

	it('far away, a rate-limit answer cuts a process running at the full budget only to about that budget, not to the calls answered lately', async () => {
		const clock = new VirtualClock();
		const limiter = new SlidingWindowRateLimiter(clock, { windowMs: WINDOW, marginMs: 0 });
		// Calls take 900 ms, so when an answer arrives most of the window's calls are still in flight.
		const starts: number[] = [];
		let refusedAt = -1;
		const calls = Array.from({ length: 120 }, async (_, index) => {
			const release = await limiter.acquire('k', 20);
			starts.push(clock.now());
			await clock.sleep(900);
			// The 61st call, three windows in, is refused.
			release({ refused: index === 60 });
			if (index === 60) {
				refusedAt = clock.now();
				limiter.penalize('k');
			}
		});
		await clock.run();
		await Promise.all(calls);
		expect(refusedAt).toBeGreaterThan(3000);
		const inNextWindow = starts.filter((time) => time >= refusedAt && time < refusedAt + WINDOW).length;
		// Its share was 19 of 20 (the refused call aside): cut to about 90 % of it, 17 a window, not to
		// the one or two calls answered in the last 100 ms. The window it is cut in still holds two
		// calls over the cut budget, so 15 start in the first window after the cut.
		expect(inNextWindow).toBeGreaterThanOrEqual(15);
		expect(maxStartsInAnyWindow(starts, WINDOW)).toBeLessThanOrEqual(20);
	});
});

describe('SlidingWindowRateLimiter pacing under late timers', () => {
	// 600 calls at 200 per second take about 3 s. Spacing from each late wake-up would take 4.2 s
	// at 2 ms late; making up only two slots (10 ms) per wake-up took 18 s at 25 ms late.
	it.each([
		[2, 'the spacing follows the slots, not the wake-ups'],
		[25, 'as in an n8n process busy with a TLS handshake per call'],
	])('keeps the full rate when every timer fires %i ms late: %s', async (lateMs) => {
		const clock = new VirtualClock();
		const lateSleep = { now: clock.now, sleep: (ms: number) => clock.sleep(ms + lateMs) };
		const limiter = new SlidingWindowRateLimiter(lateSleep, { windowMs: WINDOW, marginMs: 0 });
		const starts: number[] = [];
		const all = Array.from({ length: 600 }, () => start(limiter, 'k', 200).then(() => starts.push(clock.now())));
		await clock.run();
		await Promise.all(all);
		expect(maxStartsInAnyWindow(starts, WINDOW)).toBeLessThanOrEqual(200);
		expect(Math.max(...starts)).toBeLessThan(3100);
	});
});
