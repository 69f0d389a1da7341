/**
 * Several n8n processes (queue-mode workers), each with its own rate limiter and no shared
 * memory, against one strict server that admits at most 200 calls in any sliding second and
 * refuses the rest ("rate limited, nothing was done"), in virtual time. What the package needs:
 * nothing lost, rejections at most 2 % of requests, ≥ 85 % of the limit together, ≥ 90 % alone.
 */
import { SlidingWindowRateLimiter } from '../../nodes/shared/rateLimiter';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../nodes/shared/retryPolicy';
import { mostInAnyWindow } from '../helpers/slidingWindow.cjs';
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
		return mostInAnyWindow(this.admitted, WINDOW);
	}
}

interface ProcessResult {
	done: number;
	refused: number;
	finishedAt: number;
}

interface SimulatedProcess {
	calls: number;
	concurrency: number;
	latencyMs: number;
	startAt: number;
	/** The credential's "n8n Processes Sharing the Limit". */
	sharedBy: number;
}

/** One n8n process: `calls` calls, `concurrency` in flight, `latencyMs` round trip, retried as the transport does. */
async function runProcess(clock: VirtualClock, server: StrictServer, options: SimulatedProcess): Promise<ProcessResult> {
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
				const release = await limiter.acquire('lock_seat', LIMIT, options.sharedBy);
				await clock.sleep(options.latencyMs / 2);
				const admitted = server.tryAdmit(clock.now());
				await clock.sleep(options.latencyMs / 2);
				release({ refused: !admitted });
				if (admitted) break;
				result.refused++;
				// As the transport: the budget is cut, the refused call waits its back-off.
				limiter.penalize('lock_seat');
				await clock.sleep(backoffDelayMs(attempt, { ...DEFAULT_BACKOFF, random }));
			}
			result.done++;
		}
	};
	await Promise.all(Array.from({ length: options.concurrency }, worker));
	result.finishedAt = clock.now();
	return result;
}

interface Scenario {
	processes: number;
	/** Process i starts at i × startGapMs (a few ms: at once; hundreds: one after the other). */
	startGapMs: number;
	sharedBy: number;
}

async function simulate({ processes, startGapMs, sharedBy }: Scenario, calls = 2000) {
	const clock = new VirtualClock();
	const server = new StrictServer();
	const running = Array.from({ length: processes }, (_, index) => runProcess(clock, server, { calls, concurrency: 32, latencyMs: 50, startAt: index * startGapMs, sharedBy }));
	await clock.run();
	const results = await Promise.all(running);
	const finished = Math.max(...results.map((result) => result.finishedAt));
	const requests = server.admitted.length + server.refused;
	return { results, server, requestsPerSecond: (server.admitted.length / finished) * 1000, rejectedShare: server.refused / requests };
}

/** Several runs with different start gaps: one run alone says little about a feedback loop. */
async function averaged(processes: number, sharedBy: number, startGapsMs: number[]) {
	let rate = 0;
	let refused = 0;
	let requests = 0;
	for (const startGapMs of startGapsMs) {
		const { results, server, requestsPerSecond } = await simulate({ processes, startGapMs, sharedBy });
		expect(results.map((result) => result.done)).toEqual(Array.from({ length: processes }, () => 2000));
		expect(server.admitted).toHaveLength(processes * 2000);
		expect(server.maxInAnySecond()).toBeLessThanOrEqual(LIMIT);
		rate += requestsPerSecond;
		refused += server.refused;
		requests += server.admitted.length + server.refused;
	}
	return { requestsPerSecond: rate / startGapsMs.length, rejectedShare: refused / requests };
}

const AT_ONCE = [3, 7, 11, 13, 17, 23];
const ONE_AFTER_ANOTHER = [500, 900, 1300, 1700];

describe('a budget shared by processes that share no memory', () => {
	it('one worker alone: ≥ 90 % of the limit, no rejections', async () => {
		const { requestsPerSecond, server } = await simulate({ processes: 1, startGapMs: 0, sharedBy: 1 });
		expect(server.refused).toBe(0);
		expect(requestsPerSecond).toBeGreaterThanOrEqual(0.9 * LIMIT);
	}, 60_000);

	it('one worker alone with the credential set for three: still the whole limit', async () => {
		const { requestsPerSecond, server } = await simulate({ processes: 1, startGapMs: 0, sharedBy: 3 });
		expect(server.refused).toBe(0);
		expect(requestsPerSecond).toBeGreaterThanOrEqual(0.9 * LIMIT);
	}, 60_000);

	it.each([
		[2, 2],
		[3, 2],
		[5, 2.5],
	])('%i workers, the credential set to their number: nothing lost, ≤ %d %% rejections, ≥ 90 %% of the limit, at once or one after another', async (processes, maxRejectedPercent) => {
		for (const gaps of [AT_ONCE, ONE_AFTER_ANOTHER]) {
			const { requestsPerSecond, rejectedShare } = await averaged(processes, processes, gaps);
			expect(rejectedShare * 100).toBeLessThanOrEqual(maxRejectedPercent);
			expect(requestsPerSecond).toBeGreaterThanOrEqual(0.9 * LIMIT);
		}
	}, 300_000);

	it.each([2, 3, 5])('%i workers, the credential left at 1: nothing lost, ≤ 2 %% rejections, ≥ 80 %% of the limit', async (processes) => {
		for (const gaps of [AT_ONCE, ONE_AFTER_ANOTHER]) {
			const { requestsPerSecond, rejectedShare } = await averaged(processes, 1, gaps);
			expect(rejectedShare).toBeLessThanOrEqual(0.02);
			expect(requestsPerSecond).toBeGreaterThanOrEqual(0.8 * LIMIT);
		}
	}, 300_000);
});
