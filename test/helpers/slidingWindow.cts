/** The most events in any sliding window of `windowMs` (Tencent counts its limit this way). */
export function mostInAnyWindow(times: readonly number[], windowMs = 1000): number {
	const sorted = [...times].sort((a, b) => a - b);
	let most = 0;
	let left = 0;
	for (let right = 0; right < sorted.length; right++) {
		while (sorted[right] - sorted[left] >= windowMs) left++;
		most = Math.max(most, right - left + 1);
	}
	return most;
}

/** Events per second from the first to the last (n events over a span: n − 1 intervals); 0 below two events. */
export function ratePerSecond(times: readonly number[]): { perSecond: number; spanMs: number } {
	if (times.length < 2) return { perSecond: 0, spanMs: 0 };
	let first = Number.POSITIVE_INFINITY;
	let last = Number.NEGATIVE_INFINITY;
	for (const time of times) {
		first = Math.min(first, time);
		last = Math.max(last, time);
	}
	const spanMs = last - first;
	return { perSecond: spanMs > 0 ? ((times.length - 1) * 1000) / spanMs : 0, spanMs };
}
