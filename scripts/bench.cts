/**
 * `npm run bench`: figures measured side by side in one run, against the emulator running in
 * its own process (50 ms latency, Tencent's 200 calls/s per command). Not a test: it prints.
 *
 *   1. 2,000 seat.lock items over 100 rooms: this node vs the same node one item at a time
 *   2. the same job with n8n's HTTP Request node, default settings and batching tuned to 200/s
 *   3. paging 1,000 members with each member operation
 *   4. CPU per request at 0 ms latency (limit raised), and peak memory for 20,000 items
 *
 * BENCH_ITEMS (default 2000) and BENCH_SEQUENTIAL_ITEMS (default BENCH_ITEMS) shorten a run.
 */
import { execFileSync } from 'child_process';
import { randomInt } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-room-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import { createUserSig } from '../nodes/shared/userSig';
import { DEMO_APP } from '../test/emulator/demoApp.cjs';
import { RemoteEmulator } from '../test/emulator/remote.cjs';
import {
	ITEMS_NODE_TYPE,
	registerNodeType,
	runWorkflow,
	tencentRoomWorkflow,
	type WorkflowRun,
} from '../test/helpers/n8nHarness.cjs';

const LOCK = 'room_engine_http_mic/lock_seat';
const ITEMS = Number(process.env.BENCH_ITEMS ?? 2000);
const SEQUENTIAL_ITEMS = Number(process.env.BENCH_SEQUENTIAL_ITEMS ?? ITEMS);
const ROOMS = 100;
const NODES_BASE_VERSION = '2.41.1';
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-tencent-room', 'bench-nodes-base');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Row {
	label: string;
	items: number;
	wallMs: number;
	requests: number;
	rejected: number;
	failed: number;
	note?: string;
}

const rows: Row[] = [];
let jobCounter = 0;

function credential(emulator: RemoteEmulator, maxRequestsPerSecond = 200) {
	return {
		tencentRoomApi: {
			sdkAppId: DEMO_APP.sdkAppId,
			identifier: DEMO_APP.admins[0],
			secretKey: DEMO_APP.secretKey,
			region: 'custom',
			baseUrl: emulator.baseUrl,
			maxRequestsPerSecond,
		},
	};
}

async function createRooms(emulator: RemoteEmulator, prefix: string, count: number, seatCount: number): Promise<string[]> {
	const rooms: string[] = [];
	for (let r = 0; r < count; r++) {
		const roomId = `${prefix}-${r}`;
		await emulator.createRoom({ roomId, seatCount, type: 'live' });
		rooms.push(roomId);
	}
	return rooms;
}

/** Item i locks seat floor(i / rooms) of room i % rooms: every seat once, rooms interleaved. */
function lockItems(rooms: string[], count: number) {
	return Array.from({ length: count }, (_, i) => ({ room: rooms[i % rooms.length], seat: Math.floor(i / rooms.length) }));
}

/** Waits out every rate window, ours and the emulator's, so jobs do not disturb each other. */
async function quiet(emulator: RemoteEmulator): Promise<void> {
	await sleep(1200);
	await emulator.resetLog();
}

async function exactlyOnce(emulator: RemoteEmulator, expected: number): Promise<string> {
	const applied = (await emulator.requests()).filter((request) => request.command === LOCK && request.applied);
	const distinct = new Set(applied.map((request) => JSON.stringify(request.body))).size;
	return applied.length === expected && distinct === expected ? 'each item applied exactly once' : `applied ${applied.length}, distinct ${distinct} of ${expected}`;
}

async function benchNode(emulator: RemoteEmulator, label: string, count: number, concurrency?: number): Promise<Row> {
	await quiet(emulator);
	const rooms = await createRooms(emulator, `job-${++jobCounter}`, ROOMS, Math.ceil(count / ROOMS));
	const parameters = {
		resource: 'seat',
		operation: 'lock',
		roomId: '={{ $json.room }}',
		seatIndex: '={{ $json.seat }}',
		...(concurrency ? { options: { concurrency } } : {}),
	};
	const started = Date.now();
	const run = await runWorkflow(tencentRoomWorkflow(parameters, lockItems(rooms, count), { onError: 'continueErrorOutput' }), credential(emulator));
	const wallMs = Date.now() - started;
	const [success = [], errors = []] = run.outputOf('Tencent Room');
	const stats = await emulator.stats();
	const row: Row = {
		label,
		items: count,
		wallMs,
		requests: stats.total,
		rejected: stats.rateLimited,
		failed: errors.length + (count - success.length - errors.length),
		note: await exactlyOnce(emulator, count),
	};
	rows.push(row);
	return row;
}

function ensureNodesBase(): string {
	const entry = join(CACHE, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	if (!existsSync(entry)) {
		console.log(`Installing n8n-nodes-base@${NODES_BASE_VERSION} into ${CACHE} (once; about a minute)…`);
		mkdirSync(CACHE, { recursive: true });
		execFileSync('npm', ['init', '-y'], { cwd: CACHE, stdio: 'ignore' });
		execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n-nodes-base@${NODES_BASE_VERSION}`], {
			cwd: CACHE,
			stdio: 'inherit',
		});
	}
	return entry;
}

/** What a user's Code node would do: build the signed URL and the body for each item. */
function signedItems(emulator: RemoteEmulator, rooms: string[], count: number) {
	const usersig = createUserSig({
		sdkAppId: DEMO_APP.sdkAppId,
		identifier: DEMO_APP.admins[0],
		secretKey: DEMO_APP.secretKey,
		expireSeconds: 86400,
		nowMs: Date.now(),
	});
	return lockItems(rooms, count).map(({ room, seat }) => ({
		url:
			`${emulator.baseUrl}/v4/${LOCK}?sdkappid=${DEMO_APP.sdkAppId}&identifier=${DEMO_APP.admins[0]}` +
			`&usersig=${usersig}&random=${randomInt(0, 0x1_0000_0000)}&contenttype=json`,
		body: { RoomId: room, Index: seat, ForbidTaken: true, ForbidVideo: false, ForbidAudio: false },
	}));
}

async function benchHttpRequestNode(emulator: RemoteEmulator, label: string, count: number, batching: boolean): Promise<Row> {
	await quiet(emulator);
	const rooms = await createRooms(emulator, `job-${++jobCounter}`, ROOMS, Math.ceil(count / ROOMS));
	const items = signedItems(emulator, rooms, count);
	const definition = {
		nodes: [
			{ name: 'Signed requests', type: ITEMS_NODE_TYPE, parameters: { items: JSON.stringify(items) } },
			{
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				onError: 'continueRegularOutput' as const,
				parameters: {
					method: 'POST',
					url: '={{ $json.url }}',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json.body) }}',
					options: batching ? { batching: { batch: { batchSize: 200, batchInterval: 1000 } } } : {},
				},
			},
		],
		connections: [['Signed requests', 'HTTP Request']] as Array<[string, string]>,
	};
	const started = Date.now();
	const run: WorkflowRun = await runWorkflow(definition, {});
	const wallMs = Date.now() - started;
	const output = run.outputOf('HTTP Request')[0] ?? [];
	const failed = output.filter((json) => json.ErrorCode !== 0).length + (count - output.length);
	const stats = await emulator.stats();
	const row: Row = { label, items: count, wallMs, requests: stats.total, rejected: stats.rateLimited, failed, note: run.error ? `run error: ${run.error.message}` : undefined };
	rows.push(row);
	return row;
}

async function benchPaging(emulator: RemoteEmulator): Promise<string[]> {
	await quiet(emulator);
	await emulator.createRoom({
		roomId: 'paging-live',
		type: 'live',
		members: Array.from({ length: 1250 }, (_, i) => `fan-${i}`),
	});
	await emulator.createGroup({
		groupId: '@TGS#paging',
		type: 'AVChatRoom',
		members: Array.from({ length: 1200 }, (_, i) => ({ account: `viewer-${i}`, joinTime: 1_717_200_000 + i })),
	});
	const lines: string[] = [];
	for (const [label, parameters] of [
		['member.getMany (live room, 1,250 members)', { resource: 'member', operation: 'getMany', roomId: 'paging-live', returnAll: true }],
		['member.getManyOnline (AVChatRoom, 1,200 members)', { resource: 'member', operation: 'getManyOnline', groupId: '@TGS#paging', returnAll: true }],
	] as const) {
		await emulator.resetLog();
		const started = Date.now();
		const run = await runWorkflow(tencentRoomWorkflow({ ...parameters }), credential(emulator));
		const wallMs = Date.now() - started;
		const members = run.outputOf('Tencent Room')[0]?.length ?? 0;
		const requests = (await emulator.stats()).total;
		lines.push(`${label.padEnd(50)} ${String(members).padStart(5)} members  ${String(requests).padStart(3)} requests  ${String(wallMs).padStart(6)} ms`);
	}
	return lines;
}

async function benchCpuAndMemory(): Promise<string[]> {
	const fast = await RemoteEmulator.start({ latencyMs: 0, rateLimitPerSecond: 0 });
	try {
		const lines: string[] = [];
		const rooms = await createRooms(fast, 'cpu', 1000, 20);
		const lockParameters = { resource: 'seat', operation: 'lock', roomId: '={{ $json.room }}', seatIndex: '={{ $json.seat }}' };
		// Warm-up: JIT, module loading, sockets.
		await runWorkflow(tencentRoomWorkflow(lockParameters, lockItems(rooms, 500)), credential(fast, 10_000));
		await fast.resetLog();

		const cpuStart = process.cpuUsage();
		const started = Date.now();
		await runWorkflow(tencentRoomWorkflow(lockParameters, lockItems(rooms, 5000)), credential(fast, 10_000));
		const cpu = process.cpuUsage(cpuStart);
		const wallMs = Date.now() - started;
		const requests = (await fast.stats()).total;
		const microsPerRequest = (cpu.user + cpu.system) / requests;
		lines.push(
			`CPU per request (5,000 locks, 0 ms latency, limit raised): ${microsPerRequest.toFixed(0)} µs ` +
				`(user ${(cpu.user / 1000).toFixed(0)} ms + system ${(cpu.system / 1000).toFixed(0)} ms over ${requests} requests; ${(requests / (wallMs / 1000)).toFixed(0)} requests/s)`,
		);

		await fast.resetLog();
		global.gc?.();
		const baseline = process.memoryUsage();
		let peakRss = baseline.rss;
		let peakHeap = baseline.heapUsed;
		const sampler = setInterval(() => {
			const usage = process.memoryUsage();
			peakRss = Math.max(peakRss, usage.rss);
			peakHeap = Math.max(peakHeap, usage.heapUsed);
		}, 20);
		const memStarted = Date.now();
		const run = await runWorkflow(tencentRoomWorkflow(lockParameters, lockItems(rooms, 20_000)), credential(fast, 10_000));
		clearInterval(sampler);
		const done = run.outputOf('Tencent Room')[0]?.length ?? 0;
		const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
		lines.push(
			`Memory for 20,000 items: peak RSS ${mb(peakRss)} (baseline ${mb(baseline.rss)}), peak heap ${mb(peakHeap)} ` +
				`(baseline ${mb(baseline.heapUsed)}); ${done} items done in ${Date.now() - memStarted} ms`,
		);
		return lines;
	} finally {
		await fast.stop();
	}
}

function printTable(): void {
	console.log('\n| job | items | wall time | requests/s | rate-limit rejections | failed items | notes |');
	console.log('|---|---:|---:|---:|---:|---:|---|');
	for (const row of rows) {
		const perSecond = row.requests / (row.wallMs / 1000);
		console.log(
			`| ${row.label} | ${row.items} | ${(row.wallMs / 1000).toFixed(2)} s | ${perSecond.toFixed(1)} | ${row.rejected} | ${row.failed} | ${row.note ?? ''} |`,
		);
	}
}

async function main(): Promise<void> {
	console.log(`Benchmark: ${ITEMS} seat.lock items over ${ROOMS} rooms; emulator in its own process, 50 ms latency, 200 calls/s per command`);
	const httpRequestEntry = ensureNodesBase();
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(httpRequestEntry) as { HttpRequest: new () => INodeType | IVersionedNodeType };
	registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());

	const emulator = await RemoteEmulator.start({ latencyMs: 50, rateLimitPerSecond: 200 });
	try {
		// Warm-up so the first job does not pay for module loading.
		await benchNode(emulator, 'warm-up', 100);
		rows.length = 0;

		const ours = await benchNode(emulator, 'Tencent Room node (default: 32 in flight)', ITEMS);
		const sequential = await benchNode(emulator, 'Tencent Room node, Max Concurrent Requests 1', SEQUENTIAL_ITEMS, 1);
		const httpDefault = await benchHttpRequestNode(emulator, 'HTTP Request node, default settings', ITEMS, false);
		const httpTuned = await benchHttpRequestNode(emulator, 'HTTP Request node, batching 200 per 1000 ms', ITEMS, true);
		printTable();

		const rate = (row: Row) => row.requests / (row.wallMs / 1000);
		const itemsPerSecond = (row: Row) => (row.items - row.failed) / (row.wallMs / 1000);
		console.log(`\nthis node vs one at a time: ${(rate(ours) / rate(sequential)).toFixed(1)}× the requests/s`);
		console.log(
			`this node vs tuned HTTP Request: ${(itemsPerSecond(ours) / itemsPerSecond(httpTuned)).toFixed(2)}× the successful items/s; ` +
				`failed items ${ours.failed} vs ${httpDefault.failed} (HTTP Request default) and ${httpTuned.failed} (tuned)`,
		);
		console.log(`target: ≥ 190 requests/s with 0 rejections → ${rate(ours).toFixed(1)} requests/s, ${ours.rejected} rejections`);

		console.log('\nPaging (Return All), 50 ms latency:');
		for (const line of await benchPaging(emulator)) console.log(`  ${line}`);
	} finally {
		await emulator.stop();
	}
	console.log('');
	for (const line of await benchCpuAndMemory()) console.log(line);
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
