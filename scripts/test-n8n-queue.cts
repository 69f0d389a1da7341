/**
 * `npm run test:n8n:queue`: the package in n8n's queue mode, the real n8n (the cached install of
 * test:n8n) on 127.0.0.1: Redis and PostgreSQL from Debian's packages (installed when missing),
 * one main process, one webhook process and three workers (N8N_CONCURRENCY_PRODUCTION_LIMIT=1,
 * so three executions started at once run on three workers), against the Tencent emulator
 * answering after 50 ms and admitting 200 calls per command in any sliding second.
 *
 * It proves, and prints as a table:
 * 1. one worker alone locks 2,000 seats at ≥ 90 % of the limit;
 * 2. three executions of 2,000 locks each, started at once, on three workers: every lock applied
 *    once, no sliding second above 200 at the emulator, ≤ 2 % rate-limited, ≥ 85 % of the limit;
 * 3. a worker killed (SIGKILL) in the middle of a job of locks and seat exchanges: no exchange
 *    applied twice, and after the job is run again (what the README tells users to do) every
 *    lock is applied and every exchange applied once or reported as already done;
 * 4. 200 signed callbacks through the webhook process start 200 executions on the workers;
 *    forged ones are refused and start none.
 *
 * Every process it starts is stopped at the end, on failure and on Ctrl-C.
 */
import { createRequire } from 'module';
import { randomBytes } from 'crypto';
import { join } from 'path';

import { groupMessageBody, sendCallback } from '../test/emulator/callbacks.cjs';
import { DEMO_APP } from '../test/emulator/demoApp.cjs';
import { ErrorCodes } from '../test/emulator/errorCodes.cjs';
import { RemoteEmulator } from '../test/emulator/remote.cjs';
import type { RequestLogEntry } from '../test/emulator/types.cjs';
import { mostInAnyWindow, ratePerSecond } from '../test/helpers/slidingWindow.cjs';
import { check, expect, concludeRun, recordBrokenRun, runMain, seconds } from './n8nApp/checks.cjs';
import { packExtension } from './n8nApp/extension.cjs';
import { ensureN8nRuntime, N8N_VERSION, runDir, type N8nRuntime } from './n8nApp/install.cjs';
import { N8nInstance } from './n8nApp/instance.cjs';
import { freePort, onShutdown, sleep, stopAll, waitFor } from './n8nApp/processes.cjs';
import { ensureSystemPackages, PostgresCluster, RedisServer } from './n8nApp/services.cjs';
import { CREDENTIAL_ID, CREDENTIAL_NAME, CUSTOM_ACTION_TYPE, CUSTOM_TRIGGER_TYPE, writeImportFiles, type WorkflowFile } from './n8nApp/workflows.cjs';

const LATENCY_MS = 50;
const LIMIT = 200;
const LOCKS_PER_JOB = 2000;
const SEATS_PER_ROOM = 10;
const WORKERS = 3;
const CALLBACKS = 200;
const FORGED_CALLBACKS = 20;
const CALLBACK_TOKEN = 'queue-callback-token-7Hd2';
const LOCK = 'room_engine_http_mic/lock_seat';
const MOVE = 'room_engine_http_mic/move_user_to_seat';
/** The whole run (installs excluded) must end within this. */
const RUN_LIMIT_MS = 25 * 60_000;

// ------------------------------------------------------------------ workflows

const BULK_ID = 'TRoomQueueBulk01';
const CALLBACK_ID = 'TRoomQueueCbks01';
const BULK_PATH = 'tencent-room-bulk';

const credentials = { tencentRoomApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } };
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

/**
 * Webhook (answers at once; the job runs on a worker) → the posted locks, one item each → Lock
 * Seat; and the posted moves → Move User (exchange). Failed items go to the error outputs, so
 * every item ends as one success or one error item.
 */
function bulkWorkflow(): WorkflowFile {
	const node = (name: string, type: string, typeVersion: number, position: [number, number], parameters: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
		id: `${BULK_ID}-${name}`.replace(/[^A-Za-z0-9-]/g, '-'),
		name,
		type,
		typeVersion,
		position,
		parameters,
		...extra,
	});
	return {
		id: BULK_ID,
		name: 'test:n8n:queue – bulk seat jobs',
		nodes: [
			node('Job', 'n8n-nodes-base.webhook', 2.1, [0, 0], { httpMethod: 'POST', path: BULK_PATH, responseMode: 'onReceived', options: {} }, { webhookId: '5b0f4c1e-6a55-4c39-9d0b-1f7f0b2d9a01' }),
			node('Locks', 'n8n-nodes-base.splitOut', 1, [220, -100], { fieldToSplitOut: 'body.locks', options: {} }),
			node(
				'Lock seat',
				CUSTOM_ACTION_TYPE,
				1.1,
				[440, -100],
				{ resource: 'seat', operation: 'lock', roomId: byId('={{ $json.roomId }}'), seatIndex: '={{ $json.seatIndex }}', forbidTaken: true, forbidVideo: false, forbidAudio: true },
				{ credentials, onError: 'continueErrorOutput' },
			),
			node('Moves', 'n8n-nodes-base.splitOut', 1, [220, 100], { fieldToSplitOut: 'body.moves', options: {} }),
			node(
				'Exchange seats',
				CUSTOM_ACTION_TYPE,
				1.1,
				[440, 100],
				{ resource: 'seat', operation: 'moveUser', roomId: byId('={{ $json.roomId }}'), seatIndex: '={{ $json.seatIndex }}', memberAccount: '={{ $json.user }}', policy: 'exchange' },
				{ credentials, onError: 'continueErrorOutput' },
			),
		],
		// Locks first (the upper branch), then the exchanges: n8n's v1 order runs one branch to its end.
		connections: {
			Job: { main: [[{ node: 'Locks', type: 'main', index: 0 }, { node: 'Moves', type: 'main', index: 0 }]] },
			Locks: { main: [[{ node: 'Lock seat', type: 'main', index: 0 }]] },
			Moves: { main: [[{ node: 'Exchange seats', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

function callbackWorkflow(): WorkflowFile {
	return {
		id: CALLBACK_ID,
		name: 'test:n8n:queue – chat callbacks',
		nodes: [
			{
				id: `${CALLBACK_ID}-trigger`,
				name: 'Tencent Room Trigger',
				type: CUSTOM_TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { events: ['Group.CallbackAfterSendMsg'], options: {} },
				credentials,
				webhookId: '9c3e1d7a-2b44-4f0e-8a61-3d5c7e9f1b02',
			},
			{ id: `${CALLBACK_ID}-noop`, name: 'Received', type: 'n8n-nodes-base.noOp', typeVersion: 1, position: [220, 0], parameters: {} },
		],
		connections: { 'Tencent Room Trigger': { main: [[{ node: 'Received', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

// ------------------------------------------------------------------ emulator data

interface LockItem {
	roomId: string;
	seatIndex: number;
}

interface MoveItem {
	roomId: string;
	user: string;
	seatIndex: number;
}

function roomName(prefix: string, index: number): string {
	return `${prefix}-${String(index).padStart(3, '0')}`;
}

/** `count` locks over rooms `<prefix>-000…`, every seat of each room. */
function lockItems(prefix: string, count: number): LockItem[] {
	return Array.from({ length: count }, (_, index) => ({ roomId: roomName(prefix, Math.floor(index / SEATS_PER_ROOM)), seatIndex: index % SEATS_PER_ROOM }));
}

async function createLockRooms(emulator: RemoteEmulator, items: LockItem[]): Promise<void> {
	for (const roomId of new Set(items.map((item) => item.roomId))) await emulator.createRoom({ roomId, type: 'live', seatCount: SEATS_PER_ROOM });
}

/**
 * Rooms of 10 seated users (user k on seat k); each move swaps a pair: user 2j to seat 2j+1.
 * A user moved once sits on the target seat: moving them there again is refused (100203).
 */
async function createExchangeRooms(emulator: RemoteEmulator, prefix: string, rooms: number): Promise<MoveItem[]> {
	const moves: MoveItem[] = [];
	for (let room = 0; room < rooms; room++) {
		const roomId = roomName(prefix, room);
		const users = Array.from({ length: SEATS_PER_ROOM }, (_, seat) => `${roomId}-u${seat}`);
		await emulator.createRoom({ roomId, type: 'live', seatCount: SEATS_PER_ROOM, members: users });
		for (const [seat, user] of users.entries()) await emulator.call('takeSeat', roomId, user, seat);
		for (let pair = 0; pair < SEATS_PER_ROOM; pair += 2) moves.push({ roomId, user: users[pair], seatIndex: pair + 1 });
	}
	return moves;
}

const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(1)} %`;

interface CommandFigures {
	requests: number;
	admitted: number;
	rateLimited: number;
	maxInAnySecond: number;
	/** Admitted calls per second, from the first admitted call to the last. */
	perSecond: number;
	spanMs: number;
	/** Rate-limit answers in each second from the first request: when the workers met the limit. */
	rateLimitedBySecond: number[];
}

function figuresFor(log: RequestLogEntry[], command: string): CommandFigures {
	const entries = log.filter((entry) => entry.command === command);
	const admittedAt = entries.map((entry) => entry.admittedAt).filter((time): time is number => time !== null);
	const rateLimited = entries.filter((entry) => entry.errorCode === RATE_LIMITED_CODE);
	const firstAt = Math.min(...entries.map((entry) => entry.receivedAt));
	const rateLimitedBySecond: number[] = [];
	for (const entry of rateLimited) {
		const second = Math.floor((entry.receivedAt - firstAt) / 1000);
		while (rateLimitedBySecond.length <= second) rateLimitedBySecond.push(0);
		rateLimitedBySecond[second]++;
	}
	return {
		rateLimitedBySecond,
		requests: entries.length,
		admitted: admittedAt.length,
		rateLimited: rateLimited.length,
		maxInAnySecond: mostInAnyWindow(admittedAt),
		...ratePerSecond(admittedAt),
	};
}

const RATE_LIMITED_CODE = ErrorCodes.defaultRateLimited;

// ------------------------------------------------------------------ the cluster

interface Cluster {
	main: N8nInstance;
	webhook: N8nInstance;
	workers: N8nInstance[];
	database: PostgresCluster;
}

interface ExecutionRow {
	id: number;
	status: string;
	mode: string;
	startedAt: number;
	stoppedAt: number | null;
}

async function executionRows(database: PostgresCluster, workflowId: string, afterId = 0): Promise<ExecutionRow[]> {
	const rows = await database.rows(
		`SELECT id, status, mode, (EXTRACT(EPOCH FROM "startedAt") * 1000)::bigint, (EXTRACT(EPOCH FROM "stoppedAt") * 1000)::bigint FROM execution_entity WHERE "workflowId" = '${workflowId}' AND id > ${afterId} ORDER BY id`,
	);
	return rows.map(([id, status, mode, startedAt, stoppedAt]) => ({ id: Number(id), status, mode, startedAt: Number(startedAt), stoppedAt: stoppedAt ? Number(stoppedAt) : null }));
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

async function waitForExecutions(database: PostgresCluster, workflowId: string, afterId: number, count: number, timeoutMs: number): Promise<ExecutionRow[]> {
	return await waitFor(`${count} finished execution(s) of ${workflowId}`, timeoutMs, async () => {
		const rows = await executionRows(database, workflowId, afterId);
		return rows.length >= count && rows.every((row) => FINISHED.has(row.status)) ? rows : undefined;
	}, 500);
}

async function lastExecutionId(database: PostgresCluster): Promise<number> {
	const [[id]] = await database.rows('SELECT COALESCE(MAX(id), 0) FROM execution_entity');
	return Number(id);
}

/** Which worker ran an execution: each worker logs "Worker started execution <id> (job <job>)". */
function workerOf(workers: N8nInstance[], executionId: number): string {
	const pattern = new RegExp(`Worker started execution ${executionId} \\(job`);
	const index = workers.findIndex((worker) => pattern.test(worker.logText()));
	return index === -1 ? '?' : `worker ${index + 1}`;
}

type RunData = Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> } }>>;

/** An execution's run data, from PostgreSQL (n8n keeps it as `flatted` text). */
async function runDataOf(runtime: N8nRuntime, database: PostgresCluster, executionId: number): Promise<RunData> {
	const [[text] = []] = await database.rows(`SELECT data FROM execution_data WHERE "executionId" = ${executionId}`);
	expect(text, `execution ${executionId} has no stored data`);
	const { parse } = createRequire(join(runtime.n8nDir, 'package.json'))('flatted') as { parse: (text: string) => unknown };
	return (parse(text) as { resultData: { runData: RunData } }).resultData.runData;
}

/** An execution's items on a node's outputs. */
async function outputCounts(runtime: N8nRuntime, database: PostgresCluster, executionId: number, node: string): Promise<{ success: number; error: number; errorCodes: Record<string, number> }> {
	const run = (await runDataOf(runtime, database, executionId))[node]?.[0];
	const [success = [], error = []] = run?.data?.main ?? [];
	const errorCodes: Record<string, number> = {};
	for (const item of error ?? []) {
		const code = String((item.json.details as { errorCode?: unknown } | undefined)?.errorCode ?? 'none');
		errorCodes[code] = (errorCodes[code] ?? 0) + 1;
	}
	return { success: (success ?? []).length, error: (error ?? []).length, errorCodes };
}

/** The first item a node put out in an execution. */
async function firstItemOf(runtime: N8nRuntime, database: PostgresCluster, executionId: number, node: string): Promise<Record<string, unknown> | undefined> {
	return (await runDataOf(runtime, database, executionId))[node]?.[0]?.data?.main?.[0]?.[0]?.json;
}

async function postJob(webhookBase: string, body: { locks: LockItem[]; moves: MoveItem[] }): Promise<void> {
	const response = await fetch(`${webhookBase}/webhook/${BULK_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
		signal: AbortSignal.timeout(30_000),
	});
	const text = await response.text();
	expect(response.status === 200, `POST /webhook/${BULK_PATH} answered ${response.status}: ${text.slice(0, 300)}`);
}

// ------------------------------------------------------------------ the checks

/** One row of the printed table: a job (or the jobs together), where it ran, and the emulator's figures of its locks. */
interface PhaseRow {
	phase: string;
	worker: string;
	figures: CommandFigures;
}

const table: PhaseRow[] = [];

async function lockedSeats(emulator: RemoteEmulator, items: LockItem[]): Promise<number> {
	let locked = 0;
	for (const roomId of new Set(items.map((item) => item.roomId))) {
		const seats = await emulator.getSeats(roomId);
		locked += seats.filter((seat) => seat.IsTakenDisabled && seat.IsAudioDisabled).length;
	}
	return locked;
}

/**
 * How many times the emulator applied each (room, `detail` field) change of a command, from its
 * mutation log: seats locked per (room, seat), exchanges per (room, user).
 */
async function mutationCounts(emulator: RemoteEmulator, command: string, action: string, field: string): Promise<Map<string, number>> {
	const counts = new Map<string, number>();
	for (const entry of await emulator.mutations()) {
		if (entry.command !== command || entry.detail.action !== action) continue;
		const key = `${entry.roomId}#${String(entry.detail[field])}`;
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	return counts;
}

const lockCounts = (emulator: RemoteEmulator) => mutationCounts(emulator, LOCK, 'setSeatFlags', 'Index');

/** Every one of `seats` locked, and none more than once. */
function expectEachLockedOnce(counts: Map<string, number>, seats: number): void {
	const twice = [...counts.values()].filter((count) => count > 1).length;
	expect(counts.size === seats && twice === 0, `locks applied: ${counts.size} of ${seats} seats; applied more than once: ${twice}`);
}

async function checkAlone(cluster: Cluster, emulator: RemoteEmulator, webhookBase: string): Promise<void> {
	const locks = lockItems('alone', LOCKS_PER_JOB);
	await createLockRooms(emulator, locks);
	await emulator.resetLog();
	await check(`alone: one execution of ${LOCKS_PER_JOB} seat locks on one worker gets ≥ 90 % of the limit (≥ ${0.9 * LIMIT}/s), every lock applied once`, async () => {
		const after = await lastExecutionId(cluster.database);
		await postJob(webhookBase, { locks, moves: [] });
		const [row] = await waitForExecutions(cluster.database, BULK_ID, after, 1, 120_000);
		const log = await emulator.requests();
		const figures = figuresFor(log, LOCK);
		const counts = await lockCounts(emulator);
		const worker = workerOf(cluster.workers, row.id);
		table.push({ phase: 'alone', worker, figures });
		expect(row.status === 'success', `execution ${row.id}: ${row.status}`);
		expectEachLockedOnce(counts, LOCKS_PER_JOB);
		expect((await lockedSeats(emulator, locks)) === LOCKS_PER_JOB, 'not every seat is locked');
		expect(figures.maxInAnySecond <= LIMIT, `${figures.maxInAnySecond} calls in one sliding second`);
		expect(figures.perSecond >= 0.9 * LIMIT, `${figures.perSecond.toFixed(1)} locks/s`);
		return `execution ${row.id} on ${worker}: ${figures.perSecond.toFixed(1)} locks/s, at most ${figures.maxInAnySecond} in a sliding second, ${figures.rateLimited} rate-limited`;
	});
}

async function checkThreeAtOnce(cluster: Cluster, emulator: RemoteEmulator, webhookBase: string, runtime: N8nRuntime): Promise<void> {
	const jobs = Array.from({ length: WORKERS }, (_, job) => lockItems(`shared${job + 1}`, LOCKS_PER_JOB));
	for (const locks of jobs) await createLockRooms(emulator, locks);
	await emulator.resetLog();
	await check(`three at once: ${WORKERS} executions of ${LOCKS_PER_JOB} locks on ${WORKERS} workers: every lock applied once, no sliding second above ${LIMIT}, ≤ 2 % rate-limited, ≥ 85 % of the limit together`, async () => {
		const after = await lastExecutionId(cluster.database);
		await Promise.all(jobs.map((locks) => postJob(webhookBase, { locks, moves: [] })));
		const rows = await waitForExecutions(cluster.database, BULK_ID, after, WORKERS, 300_000);
		const log = await emulator.requests();
		const figures = figuresFor(log, LOCK);
		const counts = await lockCounts(emulator);
		const workers = rows.map((row) => workerOf(cluster.workers, row.id));
		// The posts race each other: which job an execution ran is in its own run data.
		const jobOf = new Map<number, number>();
		for (const row of rows) {
			const first = await firstItemOf(runtime, cluster.database, row.id, 'Locks');
			const job = jobs.findIndex((locks) => locks[0].roomId === first?.roomId);
			expect(job !== -1 && ![...jobOf.values()].includes(job), `execution ${row.id} did not run one of the posted jobs (first lock: ${JSON.stringify(first)})`);
			jobOf.set(row.id, job);
		}
		for (const [index, row] of [...rows.entries()].sort(([, a], [, b]) => jobOf.get(a.id)! - jobOf.get(b.id)!)) {
			const job = jobOf.get(row.id)!;
			const rooms = new Set(jobs[job].map((item) => item.roomId));
			const own = figuresFor(log.filter((entry) => rooms.has(String((entry.body as { RoomId?: unknown } | null)?.RoomId))), LOCK);
			table.push({ phase: `three at once, job ${job + 1} (execution ${row.id})`, worker: workers[index], figures: own });
			expect(row.status === 'success', `execution ${row.id}: ${row.status}`);
		}
		table.push({ phase: 'three at once, together', worker: [...new Set(workers)].join(', '), figures });
		expect(new Set(workers).size === WORKERS && !workers.includes('?'), `the executions ran on ${workers.join(', ')}`);
		expectEachLockedOnce(counts, WORKERS * LOCKS_PER_JOB);
		expect(figures.maxInAnySecond <= LIMIT, `${figures.maxInAnySecond} calls in one sliding second`);
		expect(figures.rateLimited <= 0.02 * figures.requests, `${figures.rateLimited} of ${figures.requests} requests rate-limited`);
		expect(figures.perSecond >= 0.85 * LIMIT, `${figures.perSecond.toFixed(1)} locks/s together`);
		return `executions ${rows.map((row, index) => `${row.id} on ${workers[index]}`).join(', ')}: ${figures.perSecond.toFixed(1)} locks/s together, at most ${figures.maxInAnySecond} in a sliding second, ${figures.rateLimited} of ${figures.requests} requests rate-limited (${percent(figures.rateLimited, figures.requests)})`;
	});
}

async function checkKilledWorker(cluster: Cluster, emulator: RemoteEmulator, webhookBase: string, runtime: N8nRuntime): Promise<void> {
	const locks = lockItems('crash', 1000);
	await createLockRooms(emulator, locks);
	const moves = await createExchangeRooms(emulator, 'swap', 120);
	await emulator.resetLog();
	let crashedId = 0;
	let killedWorker = '';
	const exchangesOf = () => mutationCounts(emulator, MOVE, 'exchangeSeats', 'Member_Account');
	const killed = await check(`worker killed: SIGKILL to the worker running ${locks.length} locks and ${moves.length} seat exchanges, in the middle of the exchanges; no exchange applied twice`, async () => {
		const after = await lastExecutionId(cluster.database);
		await postJob(webhookBase, { locks, moves });
		const running = await waitFor('the job to start on a worker', 60_000, async () => (await executionRows(cluster.database, BULK_ID, after))[0]);
		crashedId = running.id;
		killedWorker = await waitFor('the worker of the job to log it', 30_000, async () => {
			const name = workerOf(cluster.workers, running.id);
			return name === '?' ? undefined : name;
		});
		const worker = cluster.workers[Number(killedWorker.replace('worker ', '')) - 1];
		// About half the exchanges applied: the kill lands while calls are in flight.
		await waitFor('half the exchanges to be applied', 120_000, async () => ((await exchangesOf()).size >= moves.length / 2 ? true : undefined), 100);
		await worker.kill();
		// Calls already on their way are still answered (50 ms): count once they are.
		await sleep(1000);
		const exchanges = await exchangesOf();
		await sleep(3000);
		const later = await exchangesOf();
		expect([...later.values()].every((count) => count === 1), 'an exchange was applied twice');
		expect(later.size === exchanges.size, `exchanges went on after the kill: ${exchanges.size} → ${later.size}`);
		const [row] = await executionRows(cluster.database, BULK_ID, after);
		return `execution ${crashedId} on ${killedWorker} killed after ${exchanges.size} of ${moves.length} exchanges (all ${locks.length} locks done); n8n shows it as "${row.status}"`;
	});
	if (!killed) return;
	await check('worker killed: n8n does not run the killed job again by itself (Bull: maxStalledCount 0); 45 s later no exchange was applied twice', async () => {
		await sleep(45_000);
		const exchanges = await exchangesOf();
		expect([...exchanges.values()].every((count) => count === 1), 'an exchange was applied twice');
		const [row] = await executionRows(cluster.database, BULK_ID, crashedId - 1);
		const startedAgain = cluster.workers.some((worker) => (worker.logText().match(new RegExp(`Worker started execution ${crashedId} \\(job`, 'g')) ?? []).length > 1);
		expect(!startedAgain, `execution ${crashedId} was started again`);
		return `execution ${crashedId}: "${row.status}"; ${exchanges.size} exchanges applied, each once`;
	});
	await check('worker killed: the same job run again (README: "after a crash") applies every lock and every exchange still missing; the exchanges already made are refused (100203) and reported on the error output, none applied twice', async () => {
		const before = await exchangesOf();
		const after = await lastExecutionId(cluster.database);
		await postJob(webhookBase, { locks, moves });
		const [row] = await waitForExecutions(cluster.database, BULK_ID, after, 1, 180_000);
		expect(row.status === 'success', `execution ${row.id}: ${row.status}`);
		const exchanges = await exchangesOf();
		expect(exchanges.size === moves.length && [...exchanges.values()].every((count) => count === 1), `exchanges: ${exchanges.size} of ${moves.length}, some twice: ${[...exchanges.values()].some((count) => count > 1)}`);
		const lockOutput = await outputCounts(runtime, cluster.database, row.id, 'Lock seat');
		const moveOutput = await outputCounts(runtime, cluster.database, row.id, 'Exchange seats');
		expect(lockOutput.success === locks.length && lockOutput.error === 0, `Lock seat: ${lockOutput.success} success, ${lockOutput.error} error items`);
		expect((await lockedSeats(emulator, locks)) === locks.length, 'not every seat is locked');
		expect(moveOutput.success + moveOutput.error === moves.length, `Exchange seats: ${moveOutput.success} + ${moveOutput.error} items for ${moves.length} moves`);
		expect(moveOutput.error === before.size && (moveOutput.errorCodes['100203'] ?? 0) === before.size, `error items ${JSON.stringify(moveOutput.errorCodes)}, ${before.size} exchanges were made before the kill`);
		for (const move of moves) {
			const seats = await emulator.getSeats(move.roomId);
			expect(seats.find((seat) => seat.Index === move.seatIndex)?.Member_Account === move.user, `${move.user} is not on seat ${move.seatIndex} of ${move.roomId}`);
		}
		return `execution ${row.id} on ${workerOf(cluster.workers, row.id)}: ${lockOutput.success} locks; ${moveOutput.success} exchanges made, ${moveOutput.error} reported already made (100203); every user on the intended seat`;
	});
}

async function checkCallbacks(cluster: Cluster, webhookBase: string): Promise<void> {
	const url = `${webhookBase}/webhook/9c3e1d7a-2b44-4f0e-8a61-3d5c7e9f1b02/tencent-room`;
	await check(`callbacks: ${CALLBACKS} signed callbacks through the webhook process start ${CALLBACKS} executions on the workers; ${FORGED_CALLBACKS} forged ones get 401 and start none`, async () => {
		const after = await lastExecutionId(cluster.database);
		const statuses: number[] = [];
		const nowMs = Date.now();
		const send = async (index: number, forged: boolean) => {
			const body = { ...groupMessageBody({ groupId: 'queue-room', from: `viewer-${index}`, text: `message ${index}`, msgTime: Math.floor(nowMs / 1000) }), MsgSeq: index + 1 };
			const delivery = await sendCallback({ url, sdkAppId: DEMO_APP.sdkAppId, command: 'Group.CallbackAfterSendMsg', body, token: forged ? 'not-the-token' : CALLBACK_TOKEN, nowMs }, 30_000);
			if (!forged) statuses.push(delivery.status);
			return delivery.status;
		};
		const started = Date.now();
		// 20 at a time, as a busy app's Chat callbacks arrive.
		for (let batch = 0; batch < CALLBACKS; batch += 20) await Promise.all(Array.from({ length: 20 }, (_, offset) => send(batch + offset, false)));
		const forged = await Promise.all(Array.from({ length: FORGED_CALLBACKS }, (_, index) => send(CALLBACKS + index, true)));
		const sentMs = Date.now() - started;
		expect(statuses.every((status) => status === 200), `signed callbacks answered ${JSON.stringify([...new Set(statuses)])}`);
		expect(forged.every((status) => status === 401), `forged callbacks answered ${JSON.stringify([...new Set(forged)])}`);
		const rows = await waitForExecutions(cluster.database, CALLBACK_ID, after, CALLBACKS, 120_000);
		await sleep(2000);
		const all = await executionRows(cluster.database, CALLBACK_ID, after);
		expect(all.length === CALLBACKS, `${all.length} executions`);
		expect(all.every((row) => row.status === 'success' && row.mode === 'webhook'), `statuses ${JSON.stringify([...new Set(all.map((row) => `${row.mode}/${row.status}`))])}`);
		const perWorker: Record<string, number> = {};
		for (const row of rows) perWorker[workerOf(cluster.workers, row.id)] = (perWorker[workerOf(cluster.workers, row.id)] ?? 0) + 1;
		expect(!('?' in perWorker), `executions not started by any worker: ${perWorker['?']}`);
		const spread = Object.entries(perWorker)
			.sort()
			.map(([worker, count]) => `${worker}: ${count}`)
			.join(', ');
		return `sent in ${seconds(sentMs)}; ${all.length} executions (${spread}); forged: 401, none started`;
	});
}

// ------------------------------------------------------------------ main

async function main(): Promise<number> {
	const started = Date.now();
	console.log(`test:n8n:queue: n8n-nodes-tencent-room in n8n ${N8N_VERSION}'s queue mode (Redis, PostgreSQL, 1 main, 1 webhook process, ${WORKERS} workers)`);
	const work = runDir('tencent-room-test-n8n-queue');
	let emulator: RemoteEmulator | undefined;
	const servers: N8nInstance[] = [];
	let redis: RedisServer | undefined;
	let database: PostgresCluster | undefined;
	const cleanup = onShutdown(async () => {
		await Promise.all(servers.map((server) => server.stop()));
		await database?.stop();
		await redis?.stop();
		await emulator?.stop();
		await stopAll();
	});
	const watchdog = setTimeout(() => {
		console.log(`FAIL: test:n8n:queue did not finish within ${RUN_LIMIT_MS / 60_000} minutes`);
		void cleanup().then(() => process.exit(1));
	}, RUN_LIMIT_MS);
	watchdog.unref();

	try {
		let runtime: N8nRuntime | undefined;
		const installed = await check(`n8n ${N8N_VERSION}, Node 24, redis-server and PostgreSQL are installed`, async () => {
			const installStarted = Date.now();
			runtime = await ensureN8nRuntime((line) => console.log(`        ${line}`));
			const packages = await ensureSystemPackages((line) => console.log(`        ${line}`));
			redis = new RedisServer(packages.redisServer, await freePort(), join(work, 'redis'));
			database = new PostgresCluster(packages, await freePort(), join(work, 'postgres'));
			const installedNow = [...(runtime.installedNow ? ['n8n'] : []), ...packages.installedNow];
			return `${installedNow.length ? `installed now: ${installedNow.join(', ')}` : 'all there'} (${seconds(Date.now() - installStarted)})`;
		});
		if (!installed || !runtime || !redis || !database) return 1;
		watchdog.refresh();
		const phaseStarted = Date.now();
		const db = database;
		const redisServer = redis;
		const ready = await check('Redis and a throwaway PostgreSQL cluster (as the unprivileged postgres user) run on 127.0.0.1', async () => {
			const t = Date.now();
			await Promise.all([redisServer.start(), db.start()]);
			return `Redis :${redisServer.port}, PostgreSQL :${db.port}, up in ${seconds(Date.now() - t)}`;
		});
		if (!ready) return 1;

		const extension = await packExtension(work);
		emulator = await RemoteEmulator.start({ latencyMs: LATENCY_MS, rateLimitPerSecond: LIMIT });
		console.log(`        Tencent emulator on ${emulator.baseUrl}: ${LATENCY_MS} ms latency, ${LIMIT} calls per command in any sliding second`);

		// One encryption key, database and Redis for every process: that is what queue mode shares.
		const webhookPort = await freePort();
		const webhookBase = `http://127.0.0.1:${webhookPort}`;
		const shared: NodeJS.ProcessEnv = {
			...db.n8nEnv(),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisServer.port),
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			WEBHOOK_URL: `${webhookBase}/`,
			// The main process hands production webhooks to the webhook process.
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
			N8N_LOG_LEVEL: 'info',
		};
		const instance = async (name: string, extraEnv: NodeJS.ProcessEnv = {}, port?: number) =>
			new N8nInstance(runtime as N8nRuntime, {
				userFolder: join(work, name),
				extensions: [extension.extensionsDir],
				port: port ?? (await freePort()),
				brokerPort: await freePort(),
				logFile: join(work, `${name}.log`),
				extraEnv: { ...shared, ...extraEnv },
			});
		const main = await instance('main');
		const webhook = await instance('webhook', {}, webhookPort);
		const workers: N8nInstance[] = [];
		const healthPorts: number[] = [];
		for (let index = 0; index < WORKERS; index++) {
			const healthPort = await freePort();
			healthPorts.push(healthPort);
			// One job at a time per worker (n8n's N8N_CONCURRENCY_PRODUCTION_LIMIT), so three jobs take three workers.
			workers.push(
				await instance(`worker-${index + 1}`, {
					N8N_CONCURRENCY_PRODUCTION_LIMIT: '1',
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(healthPort),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
			);
		}
		const cluster: Cluster = { main, webhook, workers, database: db };

		const files = writeImportFiles(
			join(work, 'import'),
			// As the README says for queue mode: the credential knows how many workers share the limit.
			{ sdkAppId: DEMO_APP.sdkAppId, identifier: DEMO_APP.admins[0], secretKey: DEMO_APP.secretKey, baseUrl: emulator.baseUrl, callbackToken: CALLBACK_TOKEN, sharingProcesses: WORKERS },
			[
				{ id: BULK_ID, workflow: bulkWorkflow() },
				{ id: CALLBACK_ID, workflow: callbackWorkflow() },
			],
		);
		const imported = await check('headless import into PostgreSQL: the credential and two workflows, both published', async () => {
			await main.importCredentials(files.credentialFile);
			await main.importWorkflows(files.workflowDir);
			await main.publish(BULK_ID);
			await main.publish(CALLBACK_ID);
		});
		if (!imported) return 1;
		servers.push(main, webhook, ...workers);
		const up = await check(`n8n start, n8n webhook and ${WORKERS} × n8n worker answer their health checks`, async () => {
			const t = Date.now();
			await main.start(180_000);
			await Promise.all([webhook.serve('webhook', `${webhookBase}/healthz`, 180_000), ...workers.map((worker, index) => worker.serve('worker', `http://127.0.0.1:${healthPorts[index]}/healthz/readiness`, 180_000))]);
			// The webhook process serves what the main process activated: wait for the bulk webhook.
			await waitFor('the webhook process to serve the published workflows', 60_000, async () => {
				const response = await fetch(`${webhookBase}/webhook/${BULK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locks: [], moves: [] }) });
				return response.status === 200 ? true : undefined;
			}, 500);
			return `all up in ${seconds(Date.now() - t)}`;
		});
		if (!up) return 1;
		// The probe above started one empty execution: let it finish before measuring.
		await waitForExecutions(db, BULK_ID, 0, 1, 60_000);

		await checkAlone(cluster, emulator, webhookBase);
		await checkThreeAtOnce(cluster, emulator, webhookBase, runtime);
		await checkKilledWorker(cluster, emulator, webhookBase, runtime);
		await checkCallbacks(cluster, webhookBase);
		console.log(`\n  run time without the installs: ${seconds(Date.now() - phaseStarted)}`);
	} catch (error) {
		recordBrokenRun('test:n8n:queue itself', error);
	} finally {
		clearTimeout(watchdog);
		await cleanup();
	}

	if (table.length > 0) {
		console.log(`\n${LOCKS_PER_JOB} seat locks per job, emulator at ${LATENCY_MS} ms latency and ${LIMIT} calls per command in any sliding second:\n`);
		console.log('| job | worker | locks applied | time | locks/s | most in a sliding second | rate-limited (of requests) |');
		console.log('|---|---|---|---|---|---|---|');
		for (const { phase, worker, figures } of table) {
			const rateLimited = `${figures.rateLimited} (${percent(figures.rateLimited, figures.requests)})`;
			console.log(`| ${phase} | ${worker} | ${figures.admitted} | ${seconds(figures.spanMs)} | ${figures.perSecond.toFixed(1)} | ${figures.maxInAnySecond} | ${rateLimited} |`);
		}
		console.log('\nRate-limit answers in each second from the job\'s first request:\n');
		for (const { phase, figures } of table) console.log(`  ${phase}: ${figures.rateLimitedBySecond.join(' ') || 'none'}`);
	}
	return concludeRun('test:n8n:queue', started, work, 'logs');
}

runMain(main);
