/**
 * Remembers accepted callbacks so a replayed one (the same Sign, RequestTime and body, which
 * Tencent's Sign cannot tell apart) starts nothing a second time. An entry is needed only while
 * its RequestTime is inside the clock window the trigger accepts; memory is bounded by
 * `maxEntries` however many callbacks arrive (the oldest entries, nearest to expiring, go first).
 * Pure: the caller injects the clock.
 */

export interface ReplayGuardOptions {
	maxEntries: number;
	now: () => number;
}

export class ReplayGuard {
	/** Key → when it may be forgotten (ms); insertion order is arrival order. */
	private readonly entries = new Map<string, number>();

	constructor(private readonly options: ReplayGuardOptions) {}

	/** True the first time `key` is seen before `forgetAtMs`; false for a repeat. */
	firstSeen(key: string, forgetAtMs: number): boolean {
		const now = this.options.now();
		this.forgetExpired(now);
		const known = this.entries.get(key);
		if (known !== undefined && known > now) return false;
		this.entries.delete(key);
		this.entries.set(key, forgetAtMs);
		while (this.entries.size > this.options.maxEntries) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
		return true;
	}

	get size(): number {
		return this.entries.size;
	}

	private forgetExpired(now: number): void {
		for (const [key, forgetAt] of this.entries) {
			// Arrival order is close to expiry order; stop at the first one still needed.
			if (forgetAt > now) break;
			this.entries.delete(key);
		}
	}
}
