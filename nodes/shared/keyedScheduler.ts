/**
 * Runs tasks concurrently while keeping order where it matters: tasks with the same key run
 * one after another in the order they were added (calls on one room behave as if items ran
 * one by one); tasks with different keys run side by side, at most `concurrency` at a time.
 * Tasks can be added while earlier ones already run, so work starts before the last one is known.
 * Pure: no timers, no n8n imports.
 */

export type Settled<T> = { status: 'fulfilled'; value: T } | { status: 'rejected'; reason: unknown } | { status: 'skipped' };

export interface KeyedSchedulerOptions {
	/**
	 * At most this many tasks run at once (1 = strictly sequential, in the order added). A
	 * function is asked again before each start, so the limit can follow how long tasks take.
	 */
	concurrency: number | (() => number);
	/**
	 * Asked before each task starts, with its index. false leaves it, and the tasks queued behind
	 * it on its key, unstarted ('skipped'). It must never allow an index it refused before.
	 */
	mayStart?: (index: number) => boolean;
}

export class KeyedScheduler<T> {
	private readonly results: Array<Settled<T>> = [];
	private readonly tasks: Array<() => Promise<T>> = [];
	/** Per key: the task running or waiting at its head, then the ones queued behind it. */
	private readonly queues = new Map<string, number[]>();
	private readonly keys: string[] = [];
	/** Heads of their key's queue, ready to start, lowest index first. */
	private readonly ready: number[] = [];
	private running = 0;
	private closed = false;
	private resolveAll?: (results: Array<Settled<T>>) => void;

	constructor(private readonly options: KeyedSchedulerOptions) {
		this.concurrency();
	}

	private concurrency(): number {
		const { concurrency } = this.options;
		const limit = typeof concurrency === 'function' ? concurrency() : concurrency;
		if (!Number.isInteger(limit) || limit < 1) throw new RangeError('concurrency must be a whole number of at least 1');
		return limit;
	}

	/** Adds a task; its index is its place in the results. */
	add(key: string, task: () => Promise<T>): number {
		if (this.closed) throw new Error('no task can be added after close()');
		const index = this.tasks.length;
		this.tasks.push(task);
		this.keys.push(key);
		this.results.push({ status: 'skipped' });
		const queue = this.queues.get(key);
		if (queue) {
			queue.push(index);
		} else {
			this.queues.set(key, [index]);
			this.insertReady(index);
		}
		this.pump();
		return index;
	}

	/** No more tasks: resolves, in the order added, once every started task has ended. */
	close(): Promise<Array<Settled<T>>> {
		this.closed = true;
		return new Promise((resolve) => {
			this.resolveAll = resolve;
			this.finishIfDone();
		});
	}

	private insertReady(index: number): void {
		let position = this.ready.length;
		while (position > 0 && this.ready[position - 1] > index) position--;
		this.ready.splice(position, 0, index);
	}

	private pump(): void {
		while (this.ready.length > 0 && this.running < this.concurrency()) {
			const index = this.ready.shift() as number;
			if (this.options.mayStart && !this.options.mayStart(index)) {
				// Everything queued behind it on its key comes later still: refused too.
				this.queues.delete(this.keys[index]);
				continue;
			}
			this.running++;
			let started: Promise<T>;
			try {
				started = this.tasks[index]();
			} catch (error) {
				started = Promise.reject(error);
			}
			started.then(
				(value) => this.settle(index, { status: 'fulfilled', value }),
				(reason: unknown) => this.settle(index, { status: 'rejected', reason }),
			);
		}
		this.finishIfDone();
	}

	private settle(index: number, result: Settled<T>): void {
		this.results[index] = result;
		this.running--;
		const queue = this.queues.get(this.keys[index]) as number[];
		queue.shift();
		if (queue.length > 0) this.insertReady(queue[0]);
		else this.queues.delete(this.keys[index]);
		this.pump();
	}

	private finishIfDone(): void {
		if (this.closed && this.running === 0 && this.ready.length === 0) this.resolveAll?.(this.results);
	}
}
