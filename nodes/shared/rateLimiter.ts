/**
 * Client-side budget for Tencent's per-command frequency limit (e.g. 200 calls per second).
 * Pure: the caller injects the clock and the sleep, so tests run in virtual time.
 *
 * Tencent counts calls in a sliding window at the moment it handles them, which lies somewhere
 * between our start and our receiving the answer. A call counts as "now" while it is in flight;
 * once answered, it counts from its answer time minus the fastest round trip seen lately: its
 * extra time over the fastest call is the most the network can have delayed it on the way there,
 * and the fastest call's own delay shifts every call alike. A new call may start only when
 * fewer than N calls are in flight or counted within the last window. So Tencent never sees N+1
 * in one window, and on a steady network the budget is used almost fully whatever the round trip
 * (counting calls from their answers would lose one round trip per window).
 */

export interface RateLimiterClock {
	/** Milliseconds, monotonic enough for timing (Date.now is fine). */
	now: () => number;
	sleep: (ms: number) => Promise<void>;
}

export interface SlidingWindowRateLimiterOptions {
	/** The server's counting window. Default 1000 ms. */
	windowMs?: number;
	/** Added to the window to absorb the error of counting a call from its answer. Default 10 ms. */
	marginMs?: number;
}

export const DEFAULT_RATE_WINDOW_MS = 1000;
/**
 * Each time is a whole millisecond, and the fastest call is rarely fastest both ways at once, so
 * an answered call can count a few ms earlier than Tencent handled it. Measured over HTTPS at a
 * 300 ms round trip: up to 3 ms, and with a 2 ms margin one run in two met a rate-limit answer.
 */
export const DEFAULT_RATE_MARGIN_MS = 10;

/**
 * Call it once when the call's answer (or failure) arrived; `refused` when Tencent answered
 * "rate limited" (it did not count the call as one of its own).
 */
export type ReleaseSlot = (outcome?: { refused: boolean }) => void;

interface Waiter {
	maxPerWindow: number;
	grant: (release: ReleaseSlot) => void;
	fail: (error: unknown) => void;
}

interface KeyState {
	/** When answered calls count (see the top of the file), oldest first. */
	done: ArrayQueue<number>;
	/** The last time pushed to `done`: times only go forward. */
	lastCountedAt: number;
	/** The fastest round trips lately: the minimum of this period and of the one before. */
	fastestRoundTrip: { current: number; previous: number; periodStartedAt: number };
	/** When calls Tencent refused as over its limit count, oldest first. */
	refused: ArrayQueue<number>;
	/** When the calls of the last window started, oldest first: what this process sent Tencent lately. */
	started: ArrayQueue<number>;
	/** Calls this process started in the window up to the last refused call's start (its share of that window). */
	startedBeforeRefusal?: number;
	/** The budget the last caller asked for (calls per window). */
	maxPerWindow: number;
	/** Calls granted and not yet released: they count as happening now. */
	open: number;
	/** Nobody starts before this time (set by penalize). */
	pausedUntil: number;
	/**
	 * The pacing slot of the last call: calls are spread evenly over the window, not sent in
	 * bursts. It is the slot's time, not the (later) moment the timer fired, so timer delays do
	 * not add up into a lower rate.
	 */
	lastStartAt: number;
	/** Share of the budget in use after rate-limit answers (1 = all); it grows back with time. */
	rateFactor: number;
	/** When rateFactor was last cut; its regrowth counts from here. */
	lastCutAt: number;
	/** The last cut was to an equal part, a guess rather than a measured share: it is checked sooner. */
	cutToEqualPart: boolean;
	/** How many processes share the limit, as the caller said (1: unknown or alone). */
	sharedBy: number;
	queue: ArrayQueue<Waiter>;
	/** True while one loop is granting this key's queue; only that loop grants, so bursts of callers cannot overshoot. */
	draining: boolean;
	/** Wakes the draining loop when a slot is released while every slot is in flight. */
	onRelease?: () => void;
}

/**
 * Several n8n processes (queue mode workers) share Tencent's limit without sharing memory.
 * Tencent's "rate limited" answer is their only common signal, and it says the window is full:
 * whatever this process sent in the window up to the refused call is its share of the limit right
 * now. So a rate-limit answer cuts the budget in use to 90 % of that share (test/core/sharedBudget's
 * balance of rejections against the rate together); the processes together then stay under the
 * limit. Afterwards the budget grows back slowly (1 % of the limit per second), so processes
 * sharing the limit run into it only every few seconds; a process that has met no rate-limit
 * answer for five windows is probably alone now (the others finished) and grows by half per
 * window, so it soon has the whole limit again. Calls are spread evenly over the window rather
 * than sent in bursts, so an overshoot is small and short.
 *
 * When the credential says N processes share the limit, a process that had the whole budget and
 * meets the limit takes its equal part (1/N) at once: 90 % of what it sent alone is nearly the
 * whole limit, and coming down from there took three or four windows of rate-limit answers while
 * the other workers started. That part is a guess (not all N may be busy), so it is checked after
 * EQUAL_PART_QUIET_WINDOWS rather than CAUTIOUS_WINDOWS: with no rate-limit answer by then, it grows.
 */
const SHARE_HEADROOM = 0.9;
/**
 * The part of the limit each of N processes keeps at least, when the credential says N: 95 % ÷ N.
 * With every process at its floor they still use 95 % together (n8n's queue suite: 90 % ÷ 3 held
 * three workers to 168 calls/s together).
 */
const EQUAL_PART_OF_LIMIT = 0.95;
/** Never below this share: a quiet process keeps a trickle. */
const MIN_RATE_FACTOR = 0.02;
/** Regrowth of the budget in use, per second, in the first windows after a cut (a share of the whole budget). */
export const RATE_REGROWTH_PER_SECOND = 0.01;
/** How many windows the budget grows back slowly: processes sharing the limit meet it again within about this long. */
const CAUTIOUS_WINDOWS = 5;
/** After a cut to an equal part (a guess), the budget grows fast after this many quiet windows already. */
const EQUAL_PART_QUIET_WINDOWS = 2;
/** After that, with still no rate-limit answer, the budget in use grows by this factor per window: the others have gone quiet. */
const GROWTH_PER_QUIET_WINDOW = 1.5;

/** The fastest round trip is remembered for one to two of these periods, so it follows a network that got slower. */
const ROUND_TRIP_PERIOD_MS = 10_000;

/** Late timers are made up for up to this many pacing slots; a longer gap means the key was idle. */
const PACING_CATCH_UP_SLOTS = 2;
/**
 * And for at least this long: a busy n8n process (a TLS handshake per call) fires timers 10-30 ms
 * late, and each slot not made up is a call less in the window.
 */
const PACING_CATCH_UP_MS = 50;

/** Idle keys whose fastest round trip is remembered (a key is a credential's command). */
const MAX_IDLE_ROUND_TRIPS = 1000;

/** Compact an array-backed queue once this many consumed entries pile up at its front. */
const COMPACT_AFTER = 256;

/** An array used as a queue: taking from the front moves an index, and the array is compacted now and then. */
class ArrayQueue<T> {
	private items: T[] = [];
	private head = 0;

	get length(): number {
		return this.items.length - this.head;
	}

	/** The entry `offset` places from the front. */
	at(offset: number): T {
		return this.items[this.head + offset];
	}

	push(item: T): void {
		this.items.push(item);
	}

	shift(): T {
		const item = this.items[this.head];
		this.drop(1);
		return item;
	}

	/** Forgets the `count` oldest entries. */
	drop(count: number): void {
		this.head = Math.min(this.items.length, this.head + count);
		if (this.head === this.items.length) {
			this.items = [];
			this.head = 0;
		} else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.items.length) {
			this.items = this.items.slice(this.head);
			this.head = 0;
		}
	}

	/** Replaces every entry by `change(entry)`. */
	update(change: (item: T) => T): void {
		for (let index = this.head; index < this.items.length; index++) this.items[index] = change(this.items[index]);
	}
}

export class SlidingWindowRateLimiter {
	private readonly clock: RateLimiterClock;
	private readonly effectiveWindowMs: number;
	private readonly keys = new Map<string, KeyState>();
	/**
	 * The fastest round trips of keys forgotten while idle: the next job on a key starts from them.
	 * Learned afresh under a job's load, the fastest call is slower than the network allows, so
	 * answered calls count too early (measured at 300 ms: 935 ms against 906, and 19 calls refused
	 * in a job that learned 1,020 ms). A fastest round trip that is too fast only counts calls later.
	 */
	private readonly idleRoundTrips = new Map<string, KeyState['fastestRoundTrip']>();
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
	 * Resolves when this caller may start a call on `key`, with the function to call once the
	 * call is over. Callers of the same key are served first come, first served. `sharedBy`:
	 * how many processes share the limit (1 when unknown); each then keeps at least its equal part.
	 */
	acquire(key: string, maxPerWindow: number, sharedBy = 1): Promise<ReleaseSlot> {
		if (!Number.isInteger(maxPerWindow) || maxPerWindow < 1) {
			return Promise.reject(
				new RangeError(`maxPerWindow must be a whole number of at least 1, got ${maxPerWindow}`),
			);
		}
		if (!Number.isInteger(sharedBy) || sharedBy < 1) {
			return Promise.reject(new RangeError(`sharedBy must be a whole number of at least 1, got ${sharedBy}`));
		}
		const now = this.clock.now();
		this.sweepIdleKeys(now);
		const state = this.stateFor(key);
		state.maxPerWindow = maxPerWindow;
		state.sharedBy = sharedBy;

		// Fast path: nobody is queued ahead and a slot is free now.
		if (!state.draining && state.queue.length === 0 && this.earliestStart(state, maxPerWindow, now) <= now) {
			return Promise.resolve(this.grantSlot(state, maxPerWindow));
		}

		return new Promise<ReleaseSlot>((resolve, reject) => {
			state.queue.push({ maxPerWindow, grant: resolve, fail: reject });
			if (!state.draining) void this.drain(state);
		});
	}

	/**
	 * Tencent answered "rate limited": the budget in use is cut to this process's share of
	 * Tencent's last window (see SHARE_HEADROOM), and with `pauseMs` nobody on this key starts
	 * before now + pauseMs. The answers of one burst arrive together, so the budget is cut at most
	 * once per window. A later penalty can only extend a pause; nothing shortens it.
	 */
	penalize(key: string, pauseMs = 0): void {
		const state = this.stateFor(key);
		const now = this.clock.now();
		if (Number.isFinite(pauseMs) && pauseMs > 0) state.pausedUntil = Math.max(state.pausedUntil, now + pauseMs);
		if (now - state.lastCutAt >= this.effectiveWindowMs) {
			this.dropExpired(state, now);
			// Counted by their starts: far away, an answered call counts from an answer about a round
			// trip later, so the calls counted in the last window are only those answered lately.
			const admitted = Math.max(0, (state.startedBeforeRefusal ?? state.done.length) - state.refused.length);
			state.startedBeforeRefusal = undefined;
			const current = this.rateFactorAt(state, now);
			const shared = state.sharedBy >= 2;
			// A process that had the whole budget meets the others: its equal part, not what it sent alone.
			state.cutToEqualPart = shared && current >= 1;
			const measuredShare = (admitted / Math.max(1, state.maxPerWindow)) * SHARE_HEADROOM;
			const target = state.cutToEqualPart ? 1 / state.sharedBy : measuredShare;
			// Never below an equal part when the caller said how many processes share the limit:
			// one that met the limit while still starting up is not squeezed to its first few calls.
			const floor = shared ? EQUAL_PART_OF_LIMIT / state.sharedBy : 0;
			state.rateFactor = Math.max(MIN_RATE_FACTOR, floor, Math.min(current, target));
			state.lastCutAt = now;
		}
	}

	private grantSlot(state: KeyState, maxPerWindow: number): ReleaseSlot {
		const now = this.clock.now();
		const interval = this.pacingIntervalMs(this.allowedPerWindow(state, maxPerWindow, now));
		state.open += 1;
		this.dropOutOfWindow(state.started, now);
		state.started.push(now);
		const startedInWindow = state.started.length;
		const slot = state.lastStartAt + interval;
		// A timer that fired late keeps the slot; a key that was idle starts its spacing afresh.
		const catchUpMs = Math.max(PACING_CATCH_UP_MS, interval * PACING_CATCH_UP_SLOTS);
		state.lastStartAt = slot >= now - catchUpMs ? Math.min(now, slot) : now;
		const startedAt = now;
		let released = false;
		return (outcome) => {
			if (released) return;
			released = true;
			state.open -= 1;
			const answeredAt = this.clock.now();
			const fastestBefore = this.fastestRoundTrip(state);
			const fastest = this.noteRoundTrip(state, Math.max(0, answeredAt - startedAt), answeredAt);
			// A faster round trip than any before: the earlier calls were counted with too large a
			// network delay (their send was held up, say, while items were read), so too early.
			// They move later by the difference, as if counted with this one.
			if (fastest < fastestBefore && fastestBefore !== Number.POSITIVE_INFINITY) this.countLater(state, fastestBefore - fastest, answeredAt);
			const countedAt = Math.min(answeredAt, Math.max(state.lastCountedAt, startedAt, answeredAt - fastest));
			state.lastCountedAt = countedAt;
			state.done.push(countedAt);
			if (outcome?.refused) {
				state.refused.push(countedAt);
				state.startedBeforeRefusal = startedInWindow;
			}
			// Older completions than the last maxPerWindow can no longer block anyone: memory stays bounded.
			const excess = state.done.length - maxPerWindow;
			if (excess > 0) state.done.drop(excess);
			state.onRelease?.();
		};
	}

	private fastestRoundTrip(state: KeyState): number {
		return Math.min(state.fastestRoundTrip.current, state.fastestRoundTrip.previous);
	}

	/** Moves every counted call `shiftMs` later, never past now. */
	private countLater(state: KeyState, shiftMs: number, now: number): void {
		const later = (time: number) => Math.min(now, time + shiftMs);
		state.done.update(later);
		state.refused.update(later);
		state.lastCountedAt = later(state.lastCountedAt);
	}

	/** Records a round trip; returns the fastest one lately. */
	private noteRoundTrip(state: KeyState, roundTripMs: number, now: number): number {
		const fastest = state.fastestRoundTrip;
		if (now - fastest.periodStartedAt >= ROUND_TRIP_PERIOD_MS) {
			fastest.previous = fastest.current;
			fastest.current = Number.POSITIVE_INFINITY;
			fastest.periodStartedAt = now;
		}
		fastest.current = Math.min(fastest.current, roundTripMs);
		return this.fastestRoundTrip(state);
	}

	/** The single loop that grants a key's queue in order, sleeping until each next slot. */
	private async drain(state: KeyState): Promise<void> {
		state.draining = true;
		try {
			while (state.queue.length > 0) {
				const waiter = state.queue.at(0);
				const now = this.clock.now();
				const startAt = this.earliestStart(state, waiter.maxPerWindow, now);
				if (startAt === Number.POSITIVE_INFINITY) {
					// Every slot is in flight: only a release can free one.
					await new Promise<void>((resolve) => {
						state.onRelease = resolve;
					});
					state.onRelease = undefined;
					continue;
				}
				if (startAt > now) {
					// Re-check after waking: a penalty may have arrived meanwhile.
					await this.clock.sleep(startAt - now);
					continue;
				}
				state.queue.shift();
				waiter.grant(this.grantSlot(state, waiter.maxPerWindow));
			}
		} catch (error) {
			// The injected sleep failed: do not leave callers waiting forever.
			while (state.queue.length > 0) state.queue.shift().fail(error);
		} finally {
			state.draining = false;
		}
	}

	/** The cut budget grown back: slowly for CAUTIOUS_WINDOWS (or EQUAL_PART_QUIET_WINDOWS), then by GROWTH_PER_QUIET_WINDOW per window. */
	private rateFactorAt(state: KeyState, now: number): number {
		if (state.rateFactor >= 1) return 1;
		const windows = Math.max(0, now - state.lastCutAt) / this.effectiveWindowMs;
		const windowSeconds = this.effectiveWindowMs / 1000;
		const cautiousWindows = state.cutToEqualPart ? EQUAL_PART_QUIET_WINDOWS : CAUTIOUS_WINDOWS;
		const cautious = state.rateFactor + RATE_REGROWTH_PER_SECOND * windowSeconds * Math.min(windows, cautiousWindows);
		const quietWindows = Math.min(100, windows - cautiousWindows);
		return Math.min(1, quietWindows > 0 ? cautious * GROWTH_PER_QUIET_WINDOW ** quietWindows : cautious);
	}

	/** Calls allowed per window with the budget in use. */
	private allowedPerWindow(state: KeyState, maxPerWindow: number, now: number): number {
		return Math.max(1, Math.floor(maxPerWindow * this.rateFactorAt(state, now)));
	}

	/** The spacing of calls when `allowed` calls are allowed per window. */
	private pacingIntervalMs(allowed: number): number {
		return this.effectiveWindowMs / allowed;
	}

	/**
	 * The earliest time ≥ now at which one more call keeps every window within the budget in
	 * use; +Infinity while every slot is taken by a call in flight.
	 */
	private earliestStart(state: KeyState, maxPerWindow: number, now: number): number {
		this.dropExpired(state, now);
		const earliest = Math.max(now, state.pausedUntil);
		const allowed = this.allowedPerWindow(state, maxPerWindow, now);
		if (state.open >= allowed) return Number.POSITIVE_INFINITY;
		// Evenly spread: a burst would overshoot a limit shared with other processes all at once.
		const paced = Math.max(earliest, Math.ceil(state.lastStartAt + this.pacingIntervalMs(allowed)));
		const completed = state.done.length;
		const over = state.open + completed - allowed;
		if (over < 0) return paced;
		// The (over + 1) oldest completions must leave the window first.
		return Math.max(paced, state.done.at(over) + this.effectiveWindowMs);
	}

	private dropExpired(state: KeyState, now: number): void {
		// The wall clock went back: count those calls as completing now rather than block for long.
		if (state.done.length > 0 && state.done.at(state.done.length - 1) > now) state.done.update((time) => Math.min(time, now));
		this.dropOutOfWindow(state.done, now);
		this.dropOutOfWindow(state.refused, now);
	}

	/** Drops the times (oldest first) that have left the window. */
	private dropOutOfWindow(times: ArrayQueue<number>, now: number): void {
		let expired = 0;
		while (expired < times.length && now - times.at(expired) >= this.effectiveWindowMs) expired++;
		times.drop(expired);
	}

	private takeIdleRoundTrip(key: string): KeyState['fastestRoundTrip'] | undefined {
		const fastest = this.idleRoundTrips.get(key);
		this.idleRoundTrips.delete(key);
		return fastest;
	}

	private stateFor(key: string): KeyState {
		let state = this.keys.get(key);
		if (!state) {
			state = {
				done: new ArrayQueue<number>(),
				lastCountedAt: Number.NEGATIVE_INFINITY,
				fastestRoundTrip: this.takeIdleRoundTrip(key) ?? { current: Number.POSITIVE_INFINITY, previous: Number.POSITIVE_INFINITY, periodStartedAt: this.clock.now() },
				refused: new ArrayQueue<number>(),
				started: new ArrayQueue<number>(),
				maxPerWindow: 1,
				open: 0,
				pausedUntil: Number.NEGATIVE_INFINITY,
				lastStartAt: Number.NEGATIVE_INFINITY,
				rateFactor: 1,
				lastCutAt: Number.NEGATIVE_INFINITY,
				cutToEqualPart: false,
				sharedBy: 1,
				queue: new ArrayQueue<Waiter>(),
				draining: false,
			};
			this.keys.set(key, state);
		}
		return state;
	}

	/** Forget keys that nobody has used for a whole window, at most once per window. */
	private sweepIdleKeys(now: number): void {
		if (now - this.lastSweepAt < this.effectiveWindowMs) return;
		this.lastSweepAt = now;
		for (const [key, state] of this.keys) {
			if (state.draining || state.open > 0 || state.queue.length > 0 || state.pausedUntil > now) continue;
			if (this.rateFactorAt(state, now) < 1) continue;
			this.dropExpired(state, now);
			if (state.done.length === 0) {
				this.keys.delete(key);
				this.idleRoundTrips.set(key, state.fastestRoundTrip);
				// Bounded: the oldest go first (a Map keeps insertion order).
				if (this.idleRoundTrips.size > MAX_IDLE_ROUND_TRIPS) this.idleRoundTrips.delete(this.idleRoundTrips.keys().next().value as string);
			}
		}
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
