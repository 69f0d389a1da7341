/**
 * When to try a Tencent call again, and how long to wait first. Pure: the caller injects
 * randomness here and does the sleeping itself.
 */
import type { RetryClass } from './errorTable';

export interface BackoffOptions {
	/** Delay scale of the first retry, in ms. */
	baseMs: number;
	/** Upper bound of any delay, in ms. */
	capMs: number;
	/** Returns a number in [0, 1), like Math.random. */
	random: () => number;
}

export const DEFAULT_BACKOFF: Readonly<Omit<BackoffOptions, 'random'>> = Object.freeze({
	baseMs: 200,
	capMs: 5000,
});

export const DEFAULT_MAX_ATTEMPTS = 4;

/**
 * Capped exponential back-off with "equal jitter": the step is min(cap, base * 2^(attempt-1)),
 * and the delay is uniform in [step / 2, step).
 *
 * Why equal rather than full jitter: most retries follow a rate-limit or busy answer, and with
 * only a few attempts an almost-zero wait (which full jitter often draws) would waste one. The
 * shared rate limiter already spreads concurrent callers apart, so the guaranteed floor is
 * worth more than the extra spread full jitter gives.
 *
 * @param attempt 1-based retry number (1 = the first retry); values below 1 count as 1.
 */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
	const retryNumber = Number.isFinite(attempt) ? Math.max(1, Math.floor(attempt)) : 1;
	const baseMs = Math.max(0, options.baseMs);
	const capMs = Math.max(0, options.capMs);
	// 2 ** large overflows to Infinity, which min() turns into the cap.
	const stepMs = Math.min(capMs, baseMs * 2 ** (retryNumber - 1));
	const half = stepMs / 2;
	return Math.floor(half + clampUnit(options.random()) * half);
}

/** Keeps a misbehaving random source from producing negative or over-cap delays. */
function clampUnit(value: number): number {
	if (!Number.isFinite(value) || value < 0) return 0;
	return value >= 1 ? 1 - Number.EPSILON : value;
}

export interface RetryDecision {
	retry: boolean;
	/** Sign a new UserSig before the retry. */
	resign: boolean;
	/** Wait this long before the retry (0 when not retrying). */
	delayMs: number;
}

export interface RetryInput {
	retry: RetryClass;
	/** Sending the command twice is harmless. */
	repeatSafe: boolean;
	/** Attempts already made, including the one that just failed (≥ 1). */
	attempt: number;
	/** UserSig re-signings already done for this call. */
	resignsDone: number;
	/** Total attempts allowed, the first included (e.g. 4). */
	maxAttempts: number;
}

const NO_RETRY: Readonly<RetryDecision> = Object.freeze({ retry: false, resign: false, delayMs: 0 });

/**
 * maxAttempts bounds every kind of retry, re-signing included, so a call never makes more
 * than maxAttempts requests whatever mix of failures it meets.
 */
export function decideRetry(input: RetryInput, backoff: BackoffOptions): RetryDecision {
	if (!(input.attempt < input.maxAttempts)) return { ...NO_RETRY };
	switch (input.retry) {
		case 'safe':
			return { retry: true, resign: false, delayMs: backoffDelayMs(input.attempt, backoff) };
		case 'resign':
			// A fresh UserSig fixes an expired one at once; a second expiry means something else is wrong.
			return input.resignsDone === 0 ? { retry: true, resign: true, delayMs: 0 } : { ...NO_RETRY };
		case 'ambiguous':
			// The call may have run: only repeat it when running it twice does no harm.
			return input.repeatSafe
				? { retry: true, resign: false, delayMs: backoffDelayMs(input.attempt, backoff) }
				: { ...NO_RETRY };
		case 'final':
			return { ...NO_RETRY };
	}
}
