/**
 * Client-side budget for Tencent's per-command frequency limit (e.g. 200 calls per second).
 * Pure: the caller injects the clock and the sleep, so tests run in virtual time.
 *
 * Tencent is assumed to count in a sliding window, so this keeps a log of recent starts per key
 * and lets a new start through only when fewer than N starts happened in the last
 * windowMs + marginMs. Any N+1 consecutive starts are therefore at least windowMs + marginMs apart.
 */

export interface RateLimiterClock {
	/** Milliseconds, monotonic enough for timing (Date.now is fine). */
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

export interface SlidingWindowRateLimiterOptions {
	/** The server's counting window. Default 1000 ms. */
	windowMs?: number;
	/** Added to the window to absorb network jitter between our start and the server's count. Default 20 ms. */
	marginMs?: number;
}

export const DEFAULT_RATE_WINDOW_MS = 1000;
export const DEFAULT_RATE_MARGIN_MS = 20;

interface Waiter {
	maxPerWindow: number;
	grant: () => void;
	fail: (error: unknown) => void;
}

interface KeyState {
	/** Start times, oldest first; entries before `head` are already dropped. */
	starts: number[];
	head: number;
	/** Nobody starts before this time (set by penalize). */
	pausedUntil: number;
	queue: Waiter[];
	queueHead: number;
	/** True while one loop is granting this key's queue; only that loop grants, so bursts of callers cannot overshoot. */
	draining: boolean;
}

/** Compact an array-backed queue once this many consumed entries pile up at its front. */
const COMPACT_AFTER = 256;

export class SlidingWindowRateLimiter {
	private readonly clock: RateLimiterClock;
	private readonly effectiveWindowMs: number;
	private readonly keys = new Map<string, KeyState>();
	private lastSweepAt = Number.NEGATIVE_INFINITY;

	constructor(clock: RateLimiterClock, options: SlidingWindowRateLimiterOptions = {}) {
		const windowMs = options.windowMs ?? DEFAULT_RATE_WINDOW_MS;
		const marginMs = options.marginMs ?? DEFAULT_RATE_MARGIN_MS;
		if (!Number.isFinite(windowMs) || windowMs <= 0) {
			throw new RangeError(`windowMs must be a positive number of milliseconds, got ${windowMs}`);
		}
		if (!Number.isFinite(marginMs) || marginMs < 0) {
			throw new RangeError(`marginMs must be zero or a positive number of milliseconds, got ${marginMs}`);
		}
		this.clock = clock;
		this.effectiveWindowMs = windowMs + marginMs;
	}

	/**
	 * Resolves when this caller may start a request on `key`, and records that start.
	 * Callers of the same key are served first come, first served.
	 */
	acquire(key: string, maxPerWindow: number): Promise<void> {
		if (!Number.isInteger(maxPerWindow) || maxPerWindow < 1) {
			return Promise.reject(
				new RangeError(`maxPerWindow must be a whole number of at least 1, got ${maxPerWindow}`),
			);
		}
		const now = this.clock.now();
		this.sweepIdleKeys(now);
		const state = this.stateFor(key);

		// Fast path: nobody is queued ahead and a slot is free now.
		if (!state.draining && queueLength(state) === 0 && this.earliestStart(state, maxPerWindow, now) <= now) {
			this.recordStart(state, now, maxPerWindow);
			return Promise.resolve();
		}

		return new Promise<void>((resolve, reject) => {
			state.queue.push({ maxPerWindow, grant: resolve, fail: reject });
			if (!state.draining) void this.drain(state);
		});
	}

	/**
	 * Tencent answered "rate limited": nobody on this key starts before now + pauseMs.
	 * A later penalty can only extend the pause; nothing shortens it.
	 */
	penalize(key: string, pauseMs: number): void {
		if (!Number.isFinite(pauseMs) || pauseMs <= 0) return;
		const state = this.stateFor(key);
		state.pausedUntil = Math.max(state.pausedUntil, this.clock.now() + pauseMs);
	}

	/** Callers of `key` still waiting for a start. */
	inFlightWaiters(key: string): number {
		const state = this.keys.get(key);
		return state ? queueLength(state) : 0;
	}

	/** Start times currently remembered for `key` (bounded by maxPerWindow); for tests and diagnostics. */
	recordedStarts(key: string): number {
		const state = this.keys.get(key);
		return state ? state.starts.length - state.head : 0;
	}

	/** Keys with any remembered state; for tests and diagnostics. */
	trackedKeys(): number {
		return this.keys.size;
	}

	/** The single loop that grants a key's queue in order, sleeping until each next slot. */
	private async drain(state: KeyState): Promise<void> {
		state.draining = true;
		try {
			while (queueLength(state) > 0) {
				const waiter = state.queue[state.queueHead];
				const now = this.clock.now();
				const startAt = this.earliestStart(state, waiter.maxPerWindow, now);
				if (startAt > now) {
					// Re-check after waking: a penalty may have arrived meanwhile.
					await this.clock.sleep(startAt - now);
					continue;
				}
				this.recordStart(state, now, waiter.maxPerWindow);
				dequeue(state);
				waiter.grant();
			}
		} catch (error) {
			// The injected sleep failed: do not leave callers waiting forever.
			while (queueLength(state) > 0) {
				const waiter = state.queue[state.queueHead];
				dequeue(state);
				waiter.fail(error);
			}
		} finally {
			state.draining = false;
		}
	}

	/** The earliest time ≥ now at which one more start keeps every window within maxPerWindow. */
	private earliestStart(state: KeyState, maxPerWindow: number, now: number): number {
		this.dropExpiredStarts(state, now);
		let earliest = Math.max(now, state.pausedUntil);
		const recorded = state.starts.length - state.head;
		if (recorded >= maxPerWindow) {
			// The start maxPerWindow places back must leave the window before a new one may begin.
			const blocking = state.starts[state.starts.length - maxPerWindow];
			earliest = Math.max(earliest, blocking + this.effectiveWindowMs);
		}
		return earliest;
	}

	private recordStart(state: KeyState, at: number, maxPerWindow: number): void {
		state.starts.push(at);
		// Older starts than the last maxPerWindow can no longer block anyone: memory stays bounded.
		const excess = state.starts.length - state.head - maxPerWindow;
		if (excess > 0) state.head += excess;
		compactStarts(state);
	}

	private dropExpiredStarts(state: KeyState, now: number): void {
		// The wall clock went back: count those starts as happening now rather than block for long.
		if (state.starts.length > state.head && state.starts[state.starts.length - 1] > now) {
			for (let index = state.head; index < state.starts.length; index++) {
				state.starts[index] = Math.min(state.starts[index], now);
			}
		}
		while (state.head < state.starts.length && now - state.starts[state.head] >= this.effectiveWindowMs) {
			state.head++;
		}
		compactStarts(state);
	}

	private stateFor(key: string): KeyState {
		let state = this.keys.get(key);
		if (!state) {
			state = { starts: [], head: 0, pausedUntil: Number.NEGATIVE_INFINITY, queue: [], queueHead: 0, draining: false };
			this.keys.set(key, state);
		}
		return state;
	}

	/** Forget keys that nobody has used for a whole window, at most once per window. */
	private sweepIdleKeys(now: number): void {
		if (now - this.lastSweepAt < this.effectiveWindowMs) return;
		this.lastSweepAt = now;
		for (const [key, state] of this.keys) {
			if (state.draining || queueLength(state) > 0 || state.pausedUntil > now) continue;
			this.dropExpiredStarts(state, now);
			if (state.starts.length === state.head) this.keys.delete(key);
		}
	}
}

function queueLength(state: KeyState): number {
	return state.queue.length - state.queueHead;
}

function dequeue(state: KeyState): void {
	state.queueHead++;
	if (state.queueHead === state.queue.length) {
		state.queue = [];
		state.queueHead = 0;
	} else if (state.queueHead >= COMPACT_AFTER && state.queueHead * 2 >= state.queue.length) {
		state.queue = state.queue.slice(state.queueHead);
		state.queueHead = 0;
	}
}

function compactStarts(state: KeyState): void {
	if (state.head === state.starts.length) {
		state.starts = [];
		state.head = 0;
	} else if (state.head >= COMPACT_AFTER && state.head * 2 >= state.starts.length) {
		state.starts = state.starts.slice(state.head);
		state.head = 0;
	}
}

let sharedRateLimiter: SlidingWindowRateLimiter | undefined;

/**
 * One limiter per process, so every node and execution using the same credential shares one
 * budget. Created on the first call with that call's clock; later clocks are ignored.
 */
export function getSharedRateLimiter(clock: RateLimiterClock): SlidingWindowRateLimiter {
	if (!sharedRateLimiter) sharedRateLimiter = new SlidingWindowRateLimiter(clock);
	return sharedRateLimiter;
}
