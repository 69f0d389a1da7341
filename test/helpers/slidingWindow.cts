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
