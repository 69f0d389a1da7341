/**
 * How many calls to keep in flight. The rate budget decides how many calls start per second;
 * to start them, as many must be under way as start per second times how long one takes
 * (Little's law). A call takes one round trip on a reused connection, and about three on a
 * new TCP and TLS connection (n8n 2.41 opens one per call): from 60 ms nearby to a second from
 * the other side of the earth. A fixed number is wrong somewhere, so the node measures how long
 * calls take as it runs and keeps just enough in flight, within the user's ceiling.
 * Pure: no timers, no n8n imports.
 */

/** Until a call has been timed: enough for the budget at a nearby region, few enough to stop cleanly. */
export const INITIAL_CALL_MS = 150;
/** Weight of the newest call in the running average once 20 calls were timed (about the last 20 count). */
const AVERAGE_WEIGHT = 0.05;
/** Above the average: calls vary, and items also wait for their rate slot and are read and written around their call. */
const HEADROOM = 1.25;
const SPARE_CALLS = 16;

/** A running average of how long calls take, per destination (per Base URL). */
export class CallDurations {
	private readonly averages = new Map<string, { ms: number; calls: number }>();

	note(destination: string, durationMs: number): void {
		if (!Number.isFinite(durationMs) || durationMs < 0) return;
		const average = this.averages.get(destination) ?? { ms: 0, calls: 0 };
		average.calls++;
		// The plain mean of the first calls, so the first second already knows the round trip.
		average.ms += Math.max(AVERAGE_WEIGHT, 1 / average.calls) * (durationMs - average.ms);
		this.averages.set(destination, average);
	}

	averageOf(destination: string): number {
		return this.averages.get(destination)?.ms ?? INITIAL_CALL_MS;
	}
}

/**
 * Calls to keep in flight to start `callsPerSecond` calls per second when each takes `callMs`,
 * plus the ones parked (waiting out a back-off), within 1..ceiling.
 */
export function targetInFlight(callsPerSecond: number, callMs: number, ceiling: number, parked = 0): number {
	const needed = Math.ceil((callsPerSecond * callMs * HEADROOM) / 1000) + SPARE_CALLS + parked;
	return Math.max(1, Math.min(ceiling, needed));
}

/** One per process: a new execution starts at the call duration the last one saw. */
export const sharedCallDurations = new CallDurations();
