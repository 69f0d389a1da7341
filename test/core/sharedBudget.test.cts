/**
 * Several n8n processes (queue-mode workers), each with its own rate limiter and no shared
 * memory, against one strict server that admits at most 200 calls in any sliding second and
 * refuses the rest ("rate limited, nothing was done"), in virtual time. What the package needs:
 * nothing lost, rejections at most 2 % of requests, ≥ 85 % of the limit together, ≥ 90 % alone.
 */
import { SlidingWindowRateLimiter } from '../../nodes/shared/rateLimiter';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../nodes/shared/retryPolicy';
import { VirtualClock } from '../helpers/virtualClock.cjs';

const LIMIT = 200;
const WINDOW = 1000;

/** Tencent as the emulator models it: a sliding window over admitted calls; refused ones do not count. */
class StrictServer {
	readonly admitted: number[] = [];
	refused = 0;

	tryAdmit(now: number): boolean {
		let inWindow = 0;
		for (let index = this.admitted.length - 1; index >= 0 && now - this.admitted[index] < WINDOW; index--) inWindow++;
		if (inWindow >= LIMIT) {
			this.refused++;
			return false;
		}
		this.admitted.push(now);
		return true;
	}

	maxInAnySecond(): number {
		let most = 0;
		let left = 0;
		for (let right = 0; right < this.admitted.length; right++) {
			while (this.admitted[right] - this.admitted[left] >= WINDOW) left++;
			most = Math.max(most, right - left + 1);
		}
		return most;
	}
}

interface ProcessResult {
	done: number;
	refused: number;
	finishedAt: number;
}

/** One n8n process: `calls` calls, `concurrency` in flight, `latencyMs` round trip, retried as the transport does. */
async function runProcess(clock: VirtualClock, server: StrictServer, options: { calls: number; concurrency: number; latencyMs: number; startAt: number }): Promise<ProcessResult> {
	const limiter = new SlidingWindowRateLimiter(clock);
	await clock.sleep(options.startAt);
	let next = 0;
	const result: ProcessResult = { done: 0, refused: 0, finishedAt: 0 };
	let seed = options.startAt + 7;
	const random = () => {
		seed = (seed * 1103515245 + 12345) % 2147483648;
		return seed / 2147483648;
	};
	const worker = async () => {
		while (next < options.calls) {
			next++;
			for (let attempt = 1; ; attempt++) {
				const release = await limiter.acquire('lock_seat', LIMIT);
				await clock.sleep(options.latencyMs / 2);
				const admitted = server.tryAdmit(clock.now());
				await clock.sleep(options.latencyMs / 2);
				release({ refused: !admitted });
				if (admitted) break;
				result.refused++;
				const delay = backoffDelayMs(attempt, { ...DEFAULT_BACKOFF, random });
				limiter.penalize('lock_seat', Math.max(delay, 100));
				await clock.sleep(delay);
			}
			result.done++;
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, worker));
	result.finishedAt = clock.now();
	return result;
}

async function simulate(processes: number, calls: number) {
	const clock = new VirtualClock();
	const server = new StrictServer();
	const running = Array.from({ length: processes }, (_, index) => runProcess(clock, server, { calls, concurrency: 32, latencyMs: 50, startAt: index * 7 }));
	await clock.run();
	const results = await Promise.all(running);
	const finished = Math.max(...results.map((result) => result.finishedAt));
	const requests = server.admitted.length + server.refused;
	return { results, server, requestsPerSecond: (server.admitted.length / finished) * 1000, rejectedShare: server.refused / requests };
}

describe('a budget shared by processes that share no memory', () => {
	it('three workers, 2,000 locks each, at once: nothing lost, ≤ 2 % rejections, ≥ 85 % of the limit', async () => {
		const { results, server, requestsPerSecond, rejectedShare } = await simulate(3, 2000);
		expect(results.map((result) => result.done)).toEqual([2000, 2000, 2000]);
		expect(server.admitted).toHaveLength(6000);
		expect(server.maxInAnySecond()).toBeLessThanOrEqual(LIMIT);
		expect(rejectedShare).toBeLessThanOrEqual(0.02);
		expect(requestsPerSecond).toBeGreaterThanOrEqual(0.85 * LIMIT);
	}, 120_000);

	it('one worker alone: ≥ 90 % of the limit, no rejections', async () => {
		const { requestsPerSecond, server } = await simulate(1, 2000);
		expect(server.refused).toBe(0);
		expect(requestsPerSecond).toBeGreaterThanOrEqual(0.9 * LIMIT);
	}, 60_000);
	it.each([2, 5])('%i workers at once: the same guarantees', async (processes) => {
		const { results, server, requestsPerSecond, rejectedShare } = await simulate(processes, 2000);
		expect(results.every((result) => result.done === 2000)).toBe(true);
		expect(server.maxInAnySecond()).toBeLessThanOrEqual(LIMIT);
		expect(rejectedShare).toBeLessThanOrEqual(0.02);
		expect(requestsPerSecond).toBeGreaterThanOrEqual(0.85 * LIMIT);
	}, 120_000);
});
