/**
 * Runs tasks concurrently while keeping order where it matters: tasks with the same key run
 * one after another in input order (calls on one room behave as if items ran one by one);
 * tasks with different keys run side by side, at most `concurrency` at a time.
 * Pure: no timers, no n8n imports.
 */

export type Settled<T> = { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown } | { status: 'skipped' };

export interface KeyedSchedulerOptions {
	/** At most this many tasks run at once (1 = strictly sequential, in input order). */
	concurrency: number;
	/** Asked before each task starts; true leaves it and every later task unstarted ('skipped'). */
	shouldStop?: () => boolean;
}

export async function runKeyed<T>(
	keys: readonly string[],
	run: (index: number) => Promise<T>,
	options: KeyedSchedulerOptions,
): Promise<Array<Settled<T>>> {
	if (!Number.isInteger(options.concurrency) || options.concurrency < 1) {
		throw new RangeError('concurrency must be a whole number of at least 1');
	}
	const results: Array<Settled<T>> = keys.map(() => ({ status: 'skipped' }));

	// One queue per key, in input order; a key's next task becomes ready when its previous one ends.
	const queues = new Map<string, number[]>();
	keys.forEach((key, index) => {
		const queue = queues.get(key);
		if (queue) queue.push(index);
		else queues.set(key, [index]);
	});

	// Ready tasks start lowest index first, so output order and start order stay close.
	const ready: number[] = [...queues.values()].map((queue) => queue[0]).sort((a, b) => a - b);
	const nextInQueue = new Map<number, number | undefined>();
	for (const queue of queues.values()) queue.forEach((index, position) => nextInQueue.set(index, queue[position + 1]));

	let running = 0;
	let stopped = false;

	return await new Promise((resolve) => {
		const finishIfDone = () => {
			if (running === 0 && (ready.length === 0 || stopped)) resolve(results);
		};
		const insertReady = (index: number) => {
			let position = ready.length;
			while (position > 0 && ready[position - 1] > index) position--;
			ready.splice(position, 0, index);
		};
		const pump = () => {
			while (!stopped && running < options.concurrency && ready.length > 0) {
				if (options.shouldStop?.()) {
					stopped = true;
					break;
				}
				const index = ready.shift() as number;
				running++;
				run(index).then(
					(value) => settle(index, { status: 'fulfilled', value }),
					(reason: unknown) => settle(index, { status: 'rejected', reason }),
				);
			}
			finishIfDone();
		};
		const settle = (index: number, result: Settled<T>) => {
			results[index] = result;
			running--;
			const next = nextInQueue.get(index);
			if (next !== undefined) insertReady(next);
			pump();
		};
		pump();
	});
}
