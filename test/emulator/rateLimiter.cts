/**
 * Tencent's "N calls per second" (200 for most commands) read in the strictest way: at most `limit` accepted calls
 * in any sliding 1000 ms window. A client that passes this passes a fixed-window server too.
 */
export const RATE_WINDOW_MS = 1000;

export function checkRateLimit(limit: number, what = 'rateLimitPerSecond'): number {
	if (!Number.isInteger(limit) || limit < 0) throw new Error(`${what} must be a non-negative integer, got ${limit}`);
	return limit;
}

export class SlidingWindowRateLimiter {
	private readonly accepted = new Map<string, number[]>();

	/** `limit` 0 disables the limiter (for every key, whatever limit tryAcquire is given). */
	constructor(private readonly limit: number) {
		checkRateLimit(limit);
	}

	/** False when the limiter is off (limit 0). */
	get enabled(): boolean {
		return this.limit !== 0;
	}

	/**
	 * Records and allows the call, or refuses it; a refused call does not use up the window.
	 * `limit` is this key's limit (default the constructor's); 0 = no limit for this key.
	 */
	tryAcquire(key: string, nowMs: number, limit = this.limit): boolean {
		if (this.limit === 0 || limit === 0) return true;
		let times = this.accepted.get(key);
		if (!times) {
			times = [];
			this.accepted.set(key, times);
		}
		// The window is (now - 1000, now].
		while (times.length > 0 && times[0] <= nowMs - RATE_WINDOW_MS) times.shift();
		if (times.length >= limit) return false;
		times.push(nowMs);
		return true;
	}
}

/** The most arrivals within any window [t, t + 1000) for sorted times. */
export function maxInAnyWindow(sortedTimes: readonly number[]): number {
	let max = 0;
	let first = 0;
	for (let last = 0; last < sortedTimes.length; last += 1) {
		while (sortedTimes[last] - sortedTimes[first] >= RATE_WINDOW_MS) first += 1;
		max = Math.max(max, last - first + 1);
	}
	return max;
}
