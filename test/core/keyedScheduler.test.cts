import { KeyedScheduler, type KeyedSchedulerOptions, type Settled } from '../../nodes/shared/keyedScheduler';

/** All tasks known up front: `keys[i]` is task i's key, `run(i)` starts it. */
async function runKeyed<T>(keys: readonly string[], run: (index: number) => Promise<T>, options: KeyedSchedulerOptions): Promise<Array<Settled<T>>> {
	const scheduler = new KeyedScheduler<T>(options);
	keys.forEach((key, index) => scheduler.add(key, () => run(index)));
	return await scheduler.close();
}

/** A task whose end the test decides, to observe what runs when. */
function deferred<T>() {
	let resolve!: (value: T) => void;
	let reject!: (reason: unknown) => void;
	const promise = new Promise<T>((res, rej) => {
		resolve = res;
		reject = rej;
	});
	return { promise, resolve, reject };
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('runKeyed', () => {
	it('runs tasks of one key one after another in input order, other keys alongside', async () => {
		const keys = ['a', 'b', 'a', 'c', 'a', 'b'];
		const tasks = keys.map(() => deferred<string>());
		const started: number[] = [];
		const done = runKeyed(keys, (index) => {
			started.push(index);
			return tasks[index].promise;
		}, { concurrency: 10 });
		await tick();
		// The first task of each key starts; a's second and third wait for the first.
		expect(started).toEqual([0, 1, 3]);
		tasks[0].resolve('a0');
		await tick();
		expect(started).toEqual([0, 1, 3, 2]);
		tasks[1].resolve('b0');
		await tick();
		expect(started).toEqual([0, 1, 3, 2, 5]);
		tasks[2].resolve('a1');
		await tick();
		expect(started).toEqual([0, 1, 3, 2, 5, 4]);
		for (const index of [3, 4, 5]) tasks[index].resolve(`t${index}`);
		expect((await done).map((result) => result.status === 'fulfilled' && result.value)).toEqual(['a0', 'b0', 'a1', 't3', 't4', 't5']);
	});

	it('never runs more than `concurrency` tasks at once', async () => {
		let running = 0;
		let peak = 0;
		const keys = Array.from({ length: 50 }, (_, index) => `k${index}`);
		await runKeyed(keys, async () => {
			running++;
			peak = Math.max(peak, running);
			await tick();
			running--;
		}, { concurrency: 7 });
		expect(peak).toBe(7);
	});

	it('with concurrency 1 runs every task strictly in input order', async () => {
		const order: number[] = [];
		const keys = ['x', 'y', 'x', 'z', 'y'];
		await runKeyed(keys, async (index) => {
			order.push(index);
			await tick();
		}, { concurrency: 1 });
		expect(order).toEqual([0, 1, 2, 3, 4]);
	});

	it('keeps failures in their place and goes on with the others', async () => {
		const results = await runKeyed(['a', 'a', 'b'], async (index) => {
			if (index === 0) throw new Error('first failed');
			return index;
		}, { concurrency: 4 });
		expect(results[0]).toEqual({ status: 'rejected', reason: new Error('first failed') });
		expect(results[1]).toEqual({ status: 'fulfilled', value: 1 });
		expect(results[2]).toEqual({ status: 'fulfilled', value: 2 });
	});

	it('starts nothing at or after a refused index; what never started is "skipped"', async () => {
		let failedAt = Infinity;
		const results = await runKeyed(['a', 'a', 'a', 'a'], async (index) => {
			if (index === 1) {
				failedAt = 1;
				throw new Error('stop here');
			}
			return index;
		}, { concurrency: 4, mayStart: (index) => index < failedAt });
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'skipped', 'skipped']);
	});

	it('still starts earlier tasks queued behind a busy key after a later task was refused', async () => {
		// Keys: a a b b. With concurrency 2, tasks 0 (a) and 2 (b) start; 2 fails at once, so 3 is
		// refused, while 1 (queued behind 0 on key a, before the failure in input order) still runs.
		let failedAt = Infinity;
		let releaseFirst: () => void = () => {};
		const results = await runKeyed(['a', 'a', 'b', 'b'], async (index) => {
			if (index === 0) await new Promise<void>((resolve) => (releaseFirst = resolve));
			if (index === 2) {
				failedAt = 2;
				setImmediate(() => releaseFirst());
				throw new Error('fails');
			}
			return index;
		}, { concurrency: 2, mayStart: (index) => index < failedAt });
		expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'skipped']);
	});

	it('handles no tasks and refuses a concurrency below 1', async () => {
		expect(await runKeyed([], async () => 1, { concurrency: 3 })).toEqual([]);
		await expect(runKeyed(['a'], async () => 1, { concurrency: 0 })).rejects.toThrow(RangeError);
	});
});
