import type { RetryClass } from '../../nodes/shared/errorTable';
import {
	DEFAULT_BACKOFF,
	backoffDelayMs,
	decideRetry,
	type BackoffOptions,
} from '../../nodes/shared/retryPolicy';

const pinned = (value: number): BackoffOptions => ({ baseMs: 200, capMs: 5000, random: () => value });

describe('backoffDelayMs (equal jitter)', () => {
	it('has sensible defaults', () => {
		expect(DEFAULT_BACKOFF).toEqual({ baseMs: 200, capMs: 5000 });
	});

	it('doubles the step each retry: the lowest draw is half the step', () => {
		expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, pinned(0)))).toEqual([100, 200, 400, 800, 1600]);
	});

	it('the highest draw stays just below the step', () => {
		const almostOne = 0.999999;
		expect([1, 2, 3, 4, 5].map((attempt) => backoffDelayMs(attempt, pinned(almostOne)))).toEqual([
			199, 399, 799, 1599, 3199,
		]);
	});

	it('a middle draw lands at three quarters of the step', () => {
		expect(backoffDelayMs(3, pinned(0.5))).toBe(600);
	});

	it('never exceeds the cap, however many retries', () => {
		for (const attempt of [6, 7, 10, 50, 1000, 1e9]) {
			expect(backoffDelayMs(attempt, pinned(0))).toBe(2500);
			expect(backoffDelayMs(attempt, pinned(0.999999))).toBeLessThan(5000);
			expect(backoffDelayMs(attempt, pinned(0.999999))).toBeGreaterThanOrEqual(4999);
		}
	});

	it('stays within [step/2, step) for many random draws', () => {
		let seed = 42;
		const random = (): number => {
			seed = (seed * 1103515245 + 12345) % 2147483648;
			return seed / 2147483648;
		};
		for (let attempt = 1; attempt <= 10; attempt++) {
			const step = Math.min(5000, 200 * 2 ** (attempt - 1));
			for (let draw = 0; draw < 200; draw++) {
				const delay = backoffDelayMs(attempt, { baseMs: 200, capMs: 5000, random });
				expect(delay).toBeGreaterThanOrEqual(step / 2);
				expect(delay).toBeLessThan(step);
				expect(Number.isInteger(delay)).toBe(true);
			}
		}
	});

	it('treats attempt 0 or garbage as the first retry and clamps a bad random source', () => {
		expect(backoffDelayMs(0, pinned(0))).toBe(100);
		expect(backoffDelayMs(Number.NaN, pinned(0))).toBe(100);
		expect(backoffDelayMs(1, pinned(-5))).toBe(100);
		expect(backoffDelayMs(1, pinned(7))).toBeLessThan(200);
		expect(backoffDelayMs(1, pinned(Number.NaN))).toBe(100);
	});
});

describe('decideRetry', () => {
	const backoff = pinned(0);
	const decide = (retry: RetryClass, repeatSafe: boolean, attempt: number, resignsDone = 0, maxAttempts = 4) =>
		decideRetry({ retry, repeatSafe, attempt, resignsDone, maxAttempts }, backoff);

	describe.each([true, false])('repeatSafe %s', (repeatSafe) => {
		it('safe: retries with a growing delay while attempts remain', () => {
			expect(decide('safe', repeatSafe, 1)).toEqual({ retry: true, resign: false, delayMs: 100 });
			expect(decide('safe', repeatSafe, 2)).toEqual({ retry: true, resign: false, delayMs: 200 });
			expect(decide('safe', repeatSafe, 3)).toEqual({ retry: true, resign: false, delayMs: 400 });
			expect(decide('safe', repeatSafe, 4)).toEqual({ retry: false, resign: false, delayMs: 0 });
			expect(decide('safe', repeatSafe, 5)).toEqual({ retry: false, resign: false, delayMs: 0 });
		});

		it('resign: retries at once, signing again, only the first time', () => {
			expect(decide('resign', repeatSafe, 1, 0)).toEqual({ retry: true, resign: true, delayMs: 0 });
			expect(decide('resign', repeatSafe, 3, 0)).toEqual({ retry: true, resign: true, delayMs: 0 });
			expect(decide('resign', repeatSafe, 2, 1)).toEqual({ retry: false, resign: false, delayMs: 0 });
		});

		it('resign: still bounded by maxAttempts', () => {
			expect(decide('resign', repeatSafe, 4, 0)).toEqual({ retry: false, resign: false, delayMs: 0 });
		});

		it('final: never retries', () => {
			for (const attempt of [1, 2, 3, 4]) {
				expect(decide('final', repeatSafe, attempt)).toEqual({ retry: false, resign: false, delayMs: 0 });
			}
		});
	});

	it('ambiguous + repeatSafe: retries with back-off while attempts remain', () => {
		expect(decide('ambiguous', true, 1)).toEqual({ retry: true, resign: false, delayMs: 100 });
		expect(decide('ambiguous', true, 3)).toEqual({ retry: true, resign: false, delayMs: 400 });
		expect(decide('ambiguous', true, 4)).toEqual({ retry: false, resign: false, delayMs: 0 });
	});

	it('ambiguous + not repeatSafe: never retries (a repeated exchange could undo itself)', () => {
		for (const attempt of [1, 2, 3]) {
			expect(decide('ambiguous', false, attempt)).toEqual({ retry: false, resign: false, delayMs: 0 });
		}
	});

	it('maxAttempts 1 means no retries at all', () => {
		for (const retry of ['safe', 'resign', 'ambiguous', 'final'] as const) {
			expect(decide(retry, true, 1, 0, 1).retry).toBe(false);
		}
	});

	it('uses the injected random source for the delay', () => {
		const decision = decideRetry(
			{ retry: 'safe', repeatSafe: false, attempt: 2, resignsDone: 0, maxAttempts: 4 },
			pinned(0.5),
		);
		expect(decision.delayMs).toBe(300);
	});
});
