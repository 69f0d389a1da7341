/**
 * A night's moderation batch under a flaky network and an overloaded backend: 1,060 items over
 * six Tencent Room runs at once (lock, unlock, move with every policy, seat list, both member
 * listings), with 10 % of all requests meeting one of the emulator's seven faults.
 *
 * Which request meets which fault depends on arrival order, so the assertions are invariants
 * that hold whatever the draw:
 * - accounting: every input item ends as its results or as exactly one error item;
 * - no duplicates: a move is applied at most once and only resent after a rate-limit answer; a
 *   lock applied again (after an answer that hid its success) changes nothing the second time;
 * - recovery: an item fails only when every attempt met a fault (moves: or when the seat list
 *   proved the move did not happen), and every failure says so, retryable where it is;
 * - state: the emulator's final seats are exactly what the successful items say.
 *
 * Set RELIABILITY_REPORT=<file> to write the run's figures (docs-reliability.md quotes them).
 */
import { writeFileSync } from 'fs';

import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { FAULT_KINDS, type AnyFaultKind, type MutationLogEntry, type RequestLogEntry } from '../emulator/index.cjs';
import { useEmulator } from '../helpers/fixture.cjs';
import {
	bodyKey,
	LIVE_MEMBERS,
	LOCK,
	MOVE,
	mutationsByRequest,
	ONLINE_MEMBERS,
	outcomesByInput,
	requestsByBody,
	SEATS,
	type ItemOutcome,
} from './support.cjs';

const { emulator, runNode } = useEmulator({ rateLimitPerSecond: 0, seed: 20_240_601, liveMemberPageSize: 20 });

/** Generous, so the emulator's injected rate limits are the only ones. */
const CREDENTIAL = { maxRequestsPerSecond: 2000 };
/** The node's minimum: a stall ends fast. */
const TIMEOUT_MS = 500;
/** The transport's attempts per call (nodes/shared/retryPolicy.ts, transport/index.ts). */
const DEFAULT_MAX_ATTEMPTS = 4;
const RATE_LIMITED_MAX_ATTEMPTS = 8;
const nodeOptions = { onError: 'continueErrorOutput' as const };

// ---------------------------------------------------------------- the batch

interface BatchSize {
	lockRooms: number;
	unlockRooms: number;
	moveRooms: number;
	readRooms: number;
	liveRooms: number;
	groups: number;
}
/** 400 locks, 200 unlocks, 330 moves, 60 seat lists, 40 + 30 member listings: 1,060 items. */
const FULL: BatchSize = { lockRooms: 50, unlockRooms: 25, moveRooms: 330, readRooms: 60, liveRooms: 40, groups: 30 };
/** A quarter of it (265 items), for the harsher fault rate. */
const QUARTER: BatchSize = { lockRooms: 12, unlockRooms: 6, moveRooms: 88, readRooms: 15, liveRooms: 10, groups: 8 };
const SEATS_PER_ROOM = 8;
/** Three pages of 20 (the emulator's page size here), the last one short. */
const LIVE_MEMBERS_PER_ROOM = 45;
/** Tencent's AVChatRoom pages hold 500 members: two pages. */
const GROUP_MEMBERS = 520;
const JOIN_BASE = 1_717_200_000;

type Policy = 'cancel' | 'forceMove' | 'exchange';
const POLICIES: Policy[] = ['cancel', 'forceMove', 'exchange'];
const POLICY_NUMBER: Record<Policy, number> = { cancel: 0, forceMove: 1, exchange: 2 };
const INITIAL_MOVE_SEATS = ['alice', 'bob', '', ''];
const AFTER_MOVE: Record<Policy, string[]> = {
	cancel: ['', 'bob', '', 'alice'],
	forceMove: ['', 'alice', '', ''],
	exchange: ['bob', 'alice', '', ''],
};

interface LockItem extends IDataObject {
	room: string;
	seat: number;
	taken: boolean;
	video: boolean;
	audio: boolean;
}
interface MoveItem extends IDataObject {
	room: string;
	seat: number;
	policy: Policy;
	/** Cancel onto bob's seat: Tencent must refuse it (100210). */
	invalid: boolean;
}

/** One batch of items on rooms and groups of its own (names start with `prefix`). */
function createBatch(prefix: string, size: BatchSize, timeoutMs: number) {
	// 32 in flight: the emulator shares this jest process, and with a 2,000/s budget and stalls in
	// the mix the node's own count (rate × call time) would put 250 calls into it at once, so
	// attempts would time out before the emulator even saw them.
	const options = { timeoutMs, concurrency: 32 };
	const lockItems: LockItem[] = [];
	const unlockItems: Array<{ room: string; seat: number }> = [];
	const moveItems: MoveItem[] = [];
	const readItems = Array.from({ length: size.readRooms }, (_, r) => ({ room: `${prefix}read-${r}` }));
	const liveItems = Array.from({ length: size.liveRooms }, (_, r) => ({ room: `${prefix}live-${r}`, all: r % 4 !== 3, limit: 25 }));
	const onlineItems = Array.from({ length: size.groups }, (_, g) => ({ group: `@TGS#${prefix}${g}`, all: g % 5 === 0, limit: 30 }));

	const liveAccounts = (r: number) => Array.from({ length: LIVE_MEMBERS_PER_ROOM }, (_, i) => `fan-${r}-${String(i).padStart(3, '0')}`);
	const groupAccounts = (g: number) => Array.from({ length: GROUP_MEMBERS }, (_, i) => `viewer-${g}-${String(i).padStart(3, '0')}`);

	function setUp(): void {
		for (let r = 0; r < size.lockRooms; r++) {
			const room = `${prefix}lock-${r}`;
			emulator.createRoom({ roomId: room, seatCount: SEATS_PER_ROOM, members: ['alice', 'bob'] });
			emulator.takeSeat(room, 'alice', 0);
			emulator.takeSeat(room, 'bob', 1);
			for (let seat = 0; seat < SEATS_PER_ROOM; seat++) {
				lockItems.push({ room, seat, taken: seat % 3 !== 2, video: seat % 2 === 0, audio: seat % 4 === 1 });
			}
		}
		for (let r = 0; r < size.unlockRooms; r++) {
			const room = `${prefix}unlock-${r}`;
			emulator.createRoom({ roomId: room, seatCount: SEATS_PER_ROOM });
			for (let seat = 0; seat < SEATS_PER_ROOM; seat++) {
				emulator.setSeatFlags(room, seat, { forbidTaken: true, forbidVideo: true, forbidAudio: true });
				unlockItems.push({ room, seat });
			}
		}
		for (let r = 0; r < size.moveRooms; r++) {
			const room = `${prefix}move-${r}`;
			emulator.createRoom({ roomId: room, seatCount: 4, members: ['alice', 'bob', 'carol'] });
			emulator.takeSeat(room, 'alice', 0);
			emulator.takeSeat(room, 'bob', 1);
			const invalid = r % 11 === 10;
			const policy = invalid ? 'cancel' : POLICIES[r % 3];
			moveItems.push({ room, policy, invalid, seat: policy === 'cancel' && !invalid ? 3 : 1 });
		}
		for (let r = 0; r < size.readRooms; r++) {
			emulator.createRoom({ roomId: readItems[r].room, seatCount: 4, members: ['carol'] });
			emulator.takeSeat(readItems[r].room, 'carol', 2);
			emulator.setSeatFlags(readItems[r].room, 3, { forbidAudio: true });
		}
		for (let r = 0; r < size.liveRooms; r++) emulator.createRoom({ roomId: liveItems[r].room, type: 'live', members: liveAccounts(r) });
		for (let g = 0; g < size.groups; g++) {
			emulator.createGroup({
				groupId: onlineItems[g].group,
				members: groupAccounts(g).map((account, i) => ({ account, joinTime: JOIN_BASE + i })),
			});
		}
	}

	const RUNS: Array<{ name: string; command: string; parameters: INodeParameters; items: () => IDataObject[] }> = [
		{
			name: 'lock',
			command: LOCK,
			parameters: {
				resource: 'seat',
				operation: 'lock',
				roomId: '={{ $json.room }}',
				seatIndex: '={{ $json.seat }}',
				forbidTaken: '={{ $json.taken }}',
				forbidVideo: '={{ $json.video }}',
				forbidAudio: '={{ $json.audio }}',
				options,
			},
			items: () => lockItems,
		},
		{
			name: 'unlock',
			command: LOCK,
			parameters: { resource: 'seat', operation: 'unlock', roomId: '={{ $json.room }}', seatIndex: '={{ $json.seat }}', options },
			items: () => unlockItems,
		},
		{
			name: 'moveUser',
			command: MOVE,
			parameters: {
				resource: 'seat',
				operation: 'moveUser',
				roomId: '={{ $json.room }}',
				memberAccount: 'alice',
				seatIndex: '={{ $json.seat }}',
				policy: '={{ $json.policy }}',
				options,
			},
			items: () => moveItems,
		},
		{ name: 'seat.getMany', command: SEATS, parameters: { resource: 'seat', operation: 'getMany', roomId: '={{ $json.room }}', options }, items: () => readItems },
		{
			name: 'member.getMany',
			command: LIVE_MEMBERS,
			parameters: { resource: 'member', operation: 'getMany', roomId: '={{ $json.room }}', returnAll: '={{ $json.all }}', limit: '={{ $json.limit }}', options },
			items: () => liveItems,
		},
		{
			name: 'member.getManyOnline',
			command: ONLINE_MEMBERS,
			parameters: { resource: 'member', operation: 'getManyOnline', groupId: '={{ $json.group }}', returnAll: '={{ $json.all }}', limit: '={{ $json.limit }}', options },
			items: () => onlineItems,
		},
	];

	return { lockItems, unlockItems, moveItems, readItems, liveItems, onlineItems, liveAccounts, groupAccounts, RUNS, setUp };
}

type Batch = ReturnType<typeof createBatch>;

// ---------------------------------------------------------------- reading the logs

/** The emulator's logs of a batch, kept before the fixture resets them for each test. */
interface BatchLog {
	requests: RequestLogEntry[];
	mutations: MutationLogEntry[];
}

/** Answered 200 with ErrorCode 0 and no fault: the client saw success. */
const clean = (request: RequestLogEntry) => request.fault === null && request.httpStatus === 200 && request.errorCode === 0;
const isRateLimit = (request: RequestLogEntry) => request.fault === 'rateLimited';
const FAULT_MESSAGE: Record<AnyFaultKind, RegExp> = {
	internalErrorBeforeApply: /internal error \(100001\)|system error \(10002\)/,
	internalErrorAfterApply: /internal error \(100001\)|system error \(10002\)/,
	http502: /HTTP 502 server error/,
	connectionReset: /connection reset/,
	stall: /timeout/,
	truncatedJson: /invalid response/,
	rateLimited: /too many requests \(60018\)/,
	lateApply: /timeout/,
	resetThenLateApply: /connection reset/,
};

/**
 * A call of a read or a lock fails only once it has used all its attempts (4; up to 8 when rate
 * limits were among them), every one of them failed as the client saw it: the message names the
 * last failure (a fault, or a timeout: on a busy machine a late answer counts as one), and the
 * item is marked retryable.
 */
function expectOutOfAttempts(requests: RequestLogEntry[], outcome: ItemOutcome): void {
	const last = requests[requests.length - 1];
	const attempts = requests.filter((request) => bodyKey(request.body) === bodyKey(last.body));
	expect(attempts.length).toBeGreaterThanOrEqual(DEFAULT_MAX_ATTEMPTS);
	expect(attempts.length).toBeLessThanOrEqual(RATE_LIMITED_MAX_ATTEMPTS);
	expect(outcome.errors[0].error).toMatch(last.fault ? FAULT_MESSAGE[last.fault] : /timeout/);
	expect((outcome.errors[0].details as Details).retryable).toBe(true);
}

interface Details {
	errorCode: number | null;
	errorInfo: string;
	requestId: string | null;
	retryable: boolean;
}

interface Figures {
	items: number;
	outputItems: number;
	requests: number;
	faultsByKind: Record<string, number>;
	/** Faults a retry can fix: any fault on a read or a lock, a rate limit on a move. */
	retriableFaults: number;
	retriableFaultsRecovered: number;
	/** Faults on a move that may have applied it: settled by reading the seat list. */
	moveAmbiguousFaults: number;
	movesReconciled: number;
	movesProvenNotApplied: number;
	movesCheckFailed: number;
	succeeded: number;
	errors: number;
	errorsAfterEveryAttemptFailed: number;
	errorsExpected: number;
	moveDuplicates: number;
	lockReapplicationsNoOp: number;
	lockDuplicateEffects: number;
	wallMs: number;
}

describe.each([
	// [items, fault rate, size, room prefix, least share of retriable faults recovered]
	// A call is lost only when all its attempts fail: about rate^4 of calls (4 attempts, 8 after
	// rate limits); on a busy machine a late answer can count as a failed attempt too.
	['1,060', '10 %', FULL, 'a-', 0.9],
	['265', '30 %', QUARTER, 'b-', 0.75],
])('%s mixed items with %s faults of every kind', (_items, label, size, prefix, leastRecovered) => {
	const faultRate = Number.parseInt(label, 10) / 100;
	const batch = createBatch(prefix, size, TIMEOUT_MS);
	const { lockItems, unlockItems, moveItems, readItems, liveItems, onlineItems, liveAccounts, groupAccounts, RUNS } = batch;
	const log: BatchLog = { requests: [], mutations: [] };
	const outcomes = new Map<string, ItemOutcome[]>();
	let wallMs = 0;

	beforeAll(async () => {
		batch.setUp();
		emulator.setFaultRate(faultRate, [...FAULT_KINDS]);
		const started = Date.now();
		// One run after another, as six Tencent Room nodes of a workflow would run: n8n resolves every
		// item's expressions when a run starts, a synchronous stretch that would otherwise delay the
		// answers of the runs in flight past their client timeout on a busy machine.
		const runs = [];
		for (const run of RUNS) runs.push(await runNode(run.parameters, run.items(), nodeOptions, CREDENTIAL));
		wallMs = Date.now() - started;
		emulator.clearFaults();
		log.requests = [...emulator.requests];
		log.mutations = [...emulator.mutations];
		runs.forEach((result, index) => {
			const run = RUNS[index];
			expect(result.error).toBeUndefined();
			const [success = [], errors = []] = result.itemsOf('Tencent Room') as INodeExecutionData[][];
			outcomes.set(run.name, outcomesByInput(run.items().length, success, errors));
		});
	}, 120_000);

	const outcomesOf = (name: string): ItemOutcome[] => {
		const found = outcomes.get(name);
		if (!found) throw new Error(`no run ${name}`);
		return found;
	};
	const requestsFor = (command: string, key: (body: Record<string, unknown>) => string): Map<string, RequestLogEntry[]> => {
		const byKey = new Map<string, RequestLogEntry[]>();
		for (const request of log.requests) {
			if (request.command !== command) continue;
			const k = key(request.body as Record<string, unknown>);
			byKey.set(k, [...(byKey.get(k) ?? []), request]);
		}
		return byKey;
	};

	it(`met every fault kind, about ${label} of all requests`, () => {
		const faults = log.requests.filter((request) => request.fault !== null);
		expect(new Set(faults.map((request) => request.fault))).toEqual(new Set(FAULT_KINDS));
		// Each request meets a fault with probability faultRate: within 4 standard deviations.
		const share = faults.length / log.requests.length;
		const sigma = Math.sqrt((faultRate * (1 - faultRate)) / log.requests.length);
		expect(Math.abs(share - faultRate)).toBeLessThan(4 * sigma);
		if (size === FULL) expect(RUNS.reduce((sum, run) => sum + run.items().length, 0)).toBeGreaterThanOrEqual(1000);
	});

	it('accounts for every input item exactly once: its results, or one error item', () => {
		const expectedCount: Record<string, (index: number) => number> = {
			lock: () => 1,
			unlock: () => 1,
			moveUser: () => 1,
			'seat.getMany': () => 4,
			'member.getMany': (index) => (liveItems[index].all ? LIVE_MEMBERS_PER_ROOM : liveItems[index].limit),
			'member.getManyOnline': (index) => (onlineItems[index].all ? GROUP_MEMBERS : onlineItems[index].limit),
		};
		for (const run of RUNS) {
			const list = outcomesOf(run.name);
			expect(list).toHaveLength(run.items().length);
			list.forEach((outcome, index) => {
				const failed = outcome.errors.length > 0;
				if (failed) {
					expect({ run: run.name, index, success: outcome.success.length, errors: outcome.errors.length }).toEqual({
						run: run.name,
						index,
						success: 0,
						errors: 1,
					});
					expect(Object.keys(outcome.errors[0]).filter((key) => key === 'error' || key === 'details').sort()).toEqual(['details', 'error']);
				} else {
					expect({ run: run.name, index, success: outcome.success.length }).toEqual({ run: run.name, index, success: expectedCount[run.name](index) });
				}
			});
		}
	});

	it('locks and unlocks: each applied, never with a second effect, and failing only when every attempt met a fault', () => {
		const byRequest = mutationsByRequest(log.mutations);
		for (const [run, items, flags] of [
			['lock', lockItems, (item: IDataObject) => ({ ForbidTaken: item.taken, ForbidVideo: item.video, ForbidAudio: item.audio })],
			['unlock', unlockItems, () => ({ ForbidTaken: false, ForbidVideo: false, ForbidAudio: false })],
		] as const) {
			const sent = requestsByBody(log.requests, LOCK);
			outcomesOf(run).forEach((outcome, index) => {
				const item = items[index] as IDataObject;
				const body = { RoomId: item.room, Index: item.seat, ...flags(item) };
				const requests = sent.get(bodyKey(body)) ?? [];
				expect(requests.length).toBeGreaterThan(0);
				const applied = requests.filter((request) => request.applied);
				// Applied again only after an answer that hid the first success, and then a no-op.
				for (const again of applied.slice(1)) {
					const mutations = byRequest.get(again.seq) ?? [];
					expect(mutations.map((mutation) => mutation.detail.action)).toEqual(['setSeatFlags']);
					const { previous, ...set } = mutations[0].detail as { previous: unknown; action: string };
					expect(previous).toEqual({ ForbidTaken: body.ForbidTaken, ForbidVideo: body.ForbidVideo, ForbidAudio: body.ForbidAudio });
					expect(set).toMatchObject({ ForbidTaken: body.ForbidTaken, ForbidVideo: body.ForbidVideo, ForbidAudio: body.ForbidAudio });
				}
				const seat = emulator.getSeats(item.room as string)[item.seat as number];
				if (outcome.errors.length === 0) {
					expect(outcome.success[0]).toMatchObject({ RoomId: item.room, Index: item.seat, ...flags(item), RequestId: expect.stringMatching(/^Id-/) });
					expect(requests.some(clean)).toBe(true);
					expect(applied.length).toBeGreaterThan(0);
				} else {
					expectOutOfAttempts(requests, outcome);
				}
				// The seat holds what was last applied for it (one item per seat in these rooms).
				if (applied.length > 0) {
					expect({ taken: seat.IsTakenDisabled, video: seat.IsVideoDisabled, audio: seat.IsAudioDisabled }).toEqual({
						taken: body.ForbidTaken,
						video: body.ForbidVideo,
						audio: body.ForbidAudio,
					});
					if (body.ForbidTaken) expect(seat.Member_Account).toBe('');
				}
			});
		}
	});

	it('moves: sent again only after a rate-limit answer or a read that found them not applied, applied at most once, reported exactly as the seats show', () => {
		const moves = requestsFor(MOVE, (body) => String(body.RoomId));
		const checks = requestsFor(SEATS, (body) => String(body.RoomId));
		const byRequest = mutationsByRequest(log.mutations);
		outcomesOf('moveUser').forEach((outcome, index) => {
			const item = moveItems[index];
			const sent = moves.get(item.room) ?? [];
			expect(sent.length).toBeGreaterThan(0);
			// Resent only after "rate limited, nothing was done", or after a clean read of the seats
			// in between (made once Tencent could no longer apply the earlier attempt).
			sent.slice(0, -1).forEach((earlier, attempt) => {
				if (isRateLimit(earlier)) return;
				const next = sent[attempt + 1];
				const readBetween = (checks.get(item.room) ?? []).some((read) => read.seq > earlier.seq && read.seq < next.seq && clean(read));
				expect(readBetween).toBe(true);
			});
			const applied = sent.filter((request) => (byRequest.get(request.seq) ?? []).length > 0);
			expect(applied.length).toBeLessThanOrEqual(1);
			const seats = emulator.getSeats(item.room).map((seat) => seat.Member_Account);
			expect(seats).toEqual(applied.length === 1 ? AFTER_MOVE[item.policy] : INITIAL_MOVE_SEATS);
			if (item.invalid) expect(applied).toHaveLength(0);

			const last = sent[sent.length - 1];
			if (outcome.errors.length === 0) {
				// Success means applied, once; Reconciled exactly when the answer did not say so
				// (a fault, or, on a loaded machine, a clean answer that came after the client timeout).
				expect(applied).toHaveLength(1);
				expect(outcome.success[0]).toMatchObject({ RoomId: item.room, SeatIndex: item.seat, Member_Account: 'alice', Policy: POLICY_NUMBER[item.policy] });
				if (outcome.success[0].Reconciled !== true) expect(clean(last)).toBe(true);
				else expect(clean(last) && last.fault === null && (checks.get(item.room) ?? []).length === 0).toBe(false);
				return;
			}
			const { error, details } = outcome.errors[0] as { error: string; details: Details };
			if (details.errorCode === 100210) {
				// Tencent's clean refusal: only the invalid moves get one, and it needs no check (reads
				// before it settled earlier unclear attempts).
				expect(item.invalid).toBe(true);
				expect(last.fault).toBeNull();
				expect(details.retryable).toBe(false);
				expect((checks.get(item.room) ?? []).filter((read) => read.seq > last.seq)).toHaveLength(0);
			} else if (/too many requests/.test(error)) {
				// Nothing was done by any attempt, and the move used all of them.
				expect(isRateLimit(last)).toBe(true);
				expect(sent).toHaveLength(RATE_LIMITED_MAX_ATTEMPTS);
				expect(details.retryable).toBe(true);
			} else if (/to check failed too/.test(error)) {
				// The seat list could not be read after the move's last ambiguous failure.
				expect(details.retryable).toBe(false);
				const lastReads = (checks.get(item.room) ?? []).filter((read) => read.seq > last.seq);
				expect(lastReads.some(clean)).toBe(false);
			} else {
				// Every attempt failed unclearly, and the seat list read after each proved it had not happened.
				expect(error).toMatch(/The node tried 4 times; reading the seat list afterwards showed it had not been applied, so running it again is safe\./);
				expect(applied).toHaveLength(0);
				expect(error).toMatch(last.fault ? FAULT_MESSAGE[last.fault] : /timeout/);
				expect(details.retryable).toBe(true);
			}
		});
	});

	it('seat lists and member listings: exact results, or one error after every attempt met a fault', () => {
		const expectFailureAfterFaults = expectOutOfAttempts;
		const seatReads = requestsFor(SEATS, (body) => String(body.RoomId));
		outcomesOf('seat.getMany').forEach((outcome, index) => {
			const room = readItems[index].room;
			if (outcome.errors.length > 0) return expectFailureAfterFaults(seatReads.get(room) ?? [], outcome);
			expect(outcome.success.map((seat) => [seat.Index, seat.Member_Account, seat.IsAudioDisabled])).toEqual([
				[0, '', false],
				[1, '', false],
				[2, 'carol', false],
				[3, '', true],
			]);
		});
		const livePages = requestsFor(LIVE_MEMBERS, (body) => String(body.RoomId));
		outcomesOf('member.getMany').forEach((outcome, index) => {
			const item = liveItems[index];
			if (outcome.errors.length > 0) return expectFailureAfterFaults(livePages.get(item.room) ?? [], outcome);
			const expected = liveAccounts(index).slice(0, item.all ? undefined : item.limit);
			expect(outcome.success.map((member) => member.Member_Account)).toEqual(expected);
			expect(outcome.success.every((member) => member.MemberCount === LIVE_MEMBERS_PER_ROOM)).toBe(true);
		});
		const onlinePages = requestsFor(ONLINE_MEMBERS, (body) => String(body.GroupId));
		outcomesOf('member.getManyOnline').forEach((outcome, index) => {
			const item = onlineItems[index];
			if (outcome.errors.length > 0) return expectFailureAfterFaults(onlinePages.get(item.group) ?? [], outcome);
			const newestFirst = [...groupAccounts(index)].reverse();
			expect(outcome.success.map((member) => member.Member_Account)).toEqual(newestFirst.slice(0, item.all ? undefined : item.limit));
		});
	});

	it('retriable faults were recovered, moves settled; the figures', () => {
		const figures = computeFigures(batch, log, outcomes, wallMs);
		expect(figures.moveDuplicates).toBe(0);
		expect(figures.lockDuplicateEffects).toBe(0);
		expect(figures.retriableFaultsRecovered / figures.retriableFaults).toBeGreaterThan(leastRecovered);
		expect(figures.movesReconciled + figures.movesProvenNotApplied + figures.movesCheckFailed).toBeGreaterThan(0);
		expect(figures.succeeded + figures.errors).toBe(figures.items);
		const report = process.env.RELIABILITY_REPORT;
		if (report) writeFileSync(report.replace(/(\.json)?$/, `-${prefix.slice(0, -1)}.json`), `${JSON.stringify({ faultRate, ...figures }, null, 2)}\n`);
	});
});

/**
 * A retriable fault is "recovered" when the item whose request met it still ended with its
 * results. Every request of this batch is attributable: lock bodies are unique, and every other
 * item has a room or group of its own (a move's seat check belongs to the move).
 */
function computeFigures(batch: Batch, log: BatchLog, outcomes: Map<string, ItemOutcome[]>, wallMs: number): Figures {
	const { lockItems, unlockItems, moveItems, readItems, liveItems, onlineItems } = batch;
	const itemOf = new Map<string, { run: string; index: number }>();
	const key = (command: string, body: Record<string, unknown>) =>
		command === LOCK ? `lock|${bodyKey(body)}` : command === ONLINE_MEMBERS ? `group|${String(body.GroupId)}` : `room|${String(body.RoomId)}`;
	lockItems.forEach((item, index) =>
		itemOf.set(key(LOCK, { RoomId: item.room, Index: item.seat, ForbidTaken: item.taken, ForbidVideo: item.video, ForbidAudio: item.audio }), { run: 'lock', index }),
	);
	unlockItems.forEach((item, index) =>
		itemOf.set(key(LOCK, { RoomId: item.room, Index: item.seat, ForbidTaken: false, ForbidVideo: false, ForbidAudio: false }), { run: 'unlock', index }),
	);
	moveItems.forEach((item, index) => itemOf.set(`room|${item.room}`, { run: 'moveUser', index }));
	readItems.forEach((item, index) => itemOf.set(`room|${item.room}`, { run: 'seat.getMany', index }));
	liveItems.forEach((item, index) => itemOf.set(`room|${item.room}`, { run: 'member.getMany', index }));
	onlineItems.forEach((item, index) => itemOf.set(`group|${item.group}`, { run: 'member.getManyOnline', index }));

	const figures: Figures = {
		items: 0,
		outputItems: 0,
		requests: log.requests.length,
		faultsByKind: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])),
		retriableFaults: 0,
		retriableFaultsRecovered: 0,
		moveAmbiguousFaults: 0,
		movesReconciled: 0,
		movesProvenNotApplied: 0,
		movesCheckFailed: 0,
		succeeded: 0,
		errors: 0,
		errorsAfterEveryAttemptFailed: 0,
		errorsExpected: 0,
		moveDuplicates: 0,
		lockReapplicationsNoOp: 0,
		lockDuplicateEffects: 0,
		wallMs,
	};
	const checkFailed = (outcome: ItemOutcome | undefined) => /check failed too/.test(String(outcome?.errors[0]?.error ?? ''));
	for (const request of log.requests) {
		if (request.fault === null) continue;
		figures.faultsByKind[request.fault] += 1;
		const owner = itemOf.get(key(request.command, request.body as Record<string, unknown>));
		if (!owner) throw new Error(`unattributed request ${request.command} ${JSON.stringify(request.body)}`);
		const outcome = outcomes.get(owner.run)?.[owner.index];
		if (request.command === MOVE && request.fault !== 'rateLimited') {
			figures.moveAmbiguousFaults += 1;
			continue;
		}
		figures.retriableFaults += 1;
		// A move's seat check counts as recovered when the check got its answer.
		// An item refused by Tencent itself (100210) got its real answer: the fault before it was recovered.
		const endedWell = outcome?.errors.length === 0 || (outcome?.errors[0].details as Details | undefined)?.errorCode === 100210;
		const recovered = owner.run === 'moveUser' && request.command === SEATS ? !checkFailed(outcome) : endedWell;
		if (recovered) figures.retriableFaultsRecovered += 1;
	}
	for (const [run, list] of outcomes) {
		for (const outcome of list) {
			figures.items += 1;
			figures.outputItems += outcome.success.length + outcome.errors.length;
			if (outcome.errors.length === 0) {
				figures.succeeded += 1;
				if (outcome.success[0]?.Reconciled === true) figures.movesReconciled += 1;
				continue;
			}
			figures.errors += 1;
			const { error, details } = outcome.errors[0] as { error: string; details: Details };
			if (run === 'moveUser' && /did not happen|had not happened/.test(error)) figures.movesProvenNotApplied += 1;
			else if (run === 'moveUser' && checkFailed(outcome)) figures.movesCheckFailed += 1;
			else if (details.errorCode === 100210) figures.errorsExpected += 1;
			else figures.errorsAfterEveryAttemptFailed += 1;
		}
	}
	const byRequest = mutationsByRequest(log.mutations);
	const movesApplied = new Map<string, number>();
	for (const request of log.requests) {
		if (request.command === MOVE && (byRequest.get(request.seq) ?? []).length > 0) {
			const room = String((request.body as { RoomId: string }).RoomId);
			movesApplied.set(room, (movesApplied.get(room) ?? 0) + 1);
		}
	}
	figures.moveDuplicates = [...movesApplied.values()].filter((count) => count > 1).length;
	for (const requests of requestsByBody(log.requests, LOCK).values()) {
		for (const again of requests.filter((request) => request.applied).slice(1)) {
			const mutations = byRequest.get(again.seq) ?? [];
			const detail = mutations[0]?.detail as { previous?: Record<string, unknown>; ForbidTaken?: unknown; ForbidVideo?: unknown; ForbidAudio?: unknown };
			const noOp =
				mutations.length === 1 &&
				detail.previous?.ForbidTaken === detail.ForbidTaken &&
				detail.previous?.ForbidVideo === detail.ForbidVideo &&
				detail.previous?.ForbidAudio === detail.ForbidAudio;
			if (noOp) figures.lockReapplicationsNoOp += 1;
			else figures.lockDuplicateEffects += 1;
		}
	}
	return figures;
}

describe('a stall ends at the client timeout', () => {
	beforeAll(() => {
		emulator.createRoom({ roomId: 'stall-room', seatCount: 2 });
	});
	const timeouts = { timeoutMs: TIMEOUT_MS };

	it('a read that stalls on every attempt: one clear, retryable timeout error after 4 attempts of 500 ms', async () => {
		emulator.injectFault('stall', { command: SEATS, count: DEFAULT_MAX_ATTEMPTS });
		const started = Date.now();
		const { errors } = await runNode({ resource: 'seat', operation: 'getMany', roomId: 'stall-room', options: timeouts }, [{}], nodeOptions);
		const elapsed = Date.now() - started;
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toBe(
			'Could not get the seats of room "stall-room": timeout. Tencent did not answer in time. The node tried 4 times; this call is safe to repeat, so run it again later.',
		);
		expect(errors[0].details).toEqual({ errorCode: null, errorInfo: 'ECONNABORTED', requestId: null, retryable: true });
		expect(emulator.requests.map((request) => request.fault)).toEqual(Array(DEFAULT_MAX_ATTEMPTS).fill('stall'));
		// Four client timeouts and three back-offs, not the emulator's patience (it never answers).
		expect(elapsed).toBeGreaterThanOrEqual(DEFAULT_MAX_ATTEMPTS * TIMEOUT_MS - 50);
		expect(elapsed).toBeLessThan(DEFAULT_MAX_ATTEMPTS * TIMEOUT_MS + 5000);
	});

	it('a lock that stalls once is retried and applied', async () => {
		emulator.injectFault('stall', { command: LOCK });
		const started = Date.now();
		const { success } = await runNode({ resource: 'seat', operation: 'lock', roomId: 'stall-room', seatIndex: 1, options: timeouts });
		expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
		expect(success).toEqual([expect.objectContaining({ Index: 1, ForbidTaken: true, RequestId: expect.stringMatching(/^Id-/) })]);
		const [stalled, retry] = emulator.requests;
		expect([stalled.fault, stalled.applied]).toEqual(['stall', false]);
		expect([retry.fault, retry.applied]).toEqual([null, true]);
	});
});
