import type { RateLimiterClock } from '../../nodes/shared/rateLimiter';

/** Virtual time: sleep() registers a timer; run() fires timers in time order, letting promises settle in between. */
export class VirtualClock implements RateLimiterClock {
	private time = 0;
	private sequence = 0;
	private timers: Array<{ at: number; sequence: number; wake: () => void }> = [];
	sleepCalls = 0;

	now = (): number => this.time;

	sleep = (ms: number): Promise<void> => {
		this.sleepCalls++;
		return new Promise((wake) => {
			this.timers.push({ at: this.time + Math.max(0, ms), sequence: this.sequence++, wake });
		});
	};

	/** Fire timers until none is left, or until virtual time would pass `until`. */
	async run(until = Number.POSITIVE_INFINITY): Promise<void> {
		for (;;) {
			await settle();
			this.timers.sort((a, b) => a.at - b.at || a.sequence - b.sequence);
			if (this.timers.length === 0 || this.timers[0].at > until) {
				if (Number.isFinite(until)) this.time = Math.max(this.time, until);
				return;
			}
			const timer = this.timers.shift()!;
			this.time = Math.max(this.time, timer.at);
			timer.wake();
		}
	}

	advanceTo(time: number): Promise<void> {
		return this.run(time);
	}

	/** Move time without firing timers, like a timer that fires late under load. */
	jumpTo(time: number): void {
		this.time = Math.max(this.time, time);
	}
}

/** Let every pending promise callback run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
