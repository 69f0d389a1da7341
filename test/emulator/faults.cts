/** Planned failures: a queue of one-shot faults first, then a seeded probabilistic rate. */
import { FAULT_KINDS, LATE_APPLY_FAULT_KINDS, type AnyFaultKind, type FaultKind } from './types.cjs';

/** A fault kind, or a business error code chosen by a test (to reach codes no state produces). */
export type PlannedFault = { type: 'fault'; kind: AnyFaultKind } | { type: 'errorCode'; code: number; afterApply: boolean };

interface QueuedFault {
	fault: PlannedFault;
	command: string | undefined;
	remaining: number;
}

/** mulberry32: a tiny deterministic PRNG, so a seed replays the same faults. */
export function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function assertFaultKind(kind: string): asserts kind is FaultKind {
	if (!(FAULT_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown fault kind ${kind}; known: ${FAULT_KINDS.join(', ')}`);
}

/** What injectFault accepts: FAULT_KINDS plus LATE_APPLY_FAULT_KINDS. */
export function assertInjectableFaultKind(kind: string): asserts kind is AnyFaultKind {
	const known: readonly string[] = [...FAULT_KINDS, ...LATE_APPLY_FAULT_KINDS];
	if (!known.includes(kind)) throw new Error(`unknown fault kind ${kind}; known: ${known.join(', ')}`);
}

export class FaultPlan {
	private queue: QueuedFault[] = [];
	private rate = 0;
	private rateKinds: FaultKind[] = [];
	private rateCommands: Set<string> | undefined;
	private readonly random: () => number;

	constructor(seed: number) {
		this.random = mulberry32(seed);
	}

	enqueue(fault: PlannedFault, command: string | undefined, count: number): void {
		if (!Number.isInteger(count) || count < 1) throw new Error(`fault count must be a positive integer, got ${count}`);
		this.queue.push({ fault, command, remaining: count });
	}

	setRate(rate: number, kinds: FaultKind[], commands: string[] | undefined): void {
		if (!(rate >= 0 && rate <= 1)) throw new Error(`fault rate must be within 0..1, got ${rate}`);
		if (rate > 0 && kinds.length === 0) throw new Error('a fault rate needs at least one fault kind');
		kinds.forEach(assertFaultKind);
		this.rate = rate;
		this.rateKinds = [...kinds];
		this.rateCommands = commands ? new Set(commands) : undefined;
	}

	clear(): void {
		this.queue = [];
		this.rate = 0;
		this.rateKinds = [];
		this.rateCommands = undefined;
	}

	/** The fault for this request, if any; queued faults take precedence over the rate. */
	next(command: string): PlannedFault | null {
		const queued = this.queue.find((entry) => entry.command === undefined || entry.command === command);
		if (queued) {
			queued.remaining -= 1;
			if (queued.remaining === 0) this.queue.splice(this.queue.indexOf(queued), 1);
			return queued.fault;
		}
		if (this.rate > 0 && (this.rateCommands === undefined || this.rateCommands.has(command))) {
			// Two draws per matching request, always, so one seed gives one sequence.
			const hit = this.random() < this.rate;
			const pick = this.rateKinds[Math.floor(this.random() * this.rateKinds.length)];
			if (hit) return { type: 'fault', kind: pick };
		}
		return null;
	}
}
