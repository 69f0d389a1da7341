/**
 * `npm run bench`: figures measured side by side in one run. Not a test: it prints.
 *
 * The emulator runs in its own process, over HTTPS (a throwaway CA made at start, trusted through
 * NODE_EXTRA_CA_CERTS, never by turning verification off), behind a TCP proxy that delays every
 * chunk by half the round trip each way, so TCP and TLS handshakes cost what they cost far away.
 *
 *   1. 2,000 seat.lock items over 100 rooms at round trips of 20, 80, 150 and 300 ms: this node
 *      against n8n's HTTP Request node (batching tuned per round trip as a user would)
 *   2. the 100/s and 10/s commands (room statistics, the room list) at the longest round trip
 *   3. the node one item at a time, and paging 1,000 members
 *   4. CPU per call (this node and the HTTP Request node, same calls), peak memory for 20,000 items;
 *      with --profile, where this node's CPU goes (the package, n8n's expressions, its HTTP client,
 *      connection set-up)
 *
 * BENCH_QUICK=1: a two-minute run of every section on smaller jobs (CI runs it to keep the code
 * path alive; it asserts nothing). BENCH_ITEMS, BENCH_RTTS (e.g. "20,300") and BENCH_ONLY (e.g.
 * "1,4": those sections) narrow a run.
 */
import { execFileSync, spawnSync } from 'child_process';
import { randomInt } from 'crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { Session } from 'inspector';
import { homedir, tmpdir } from 'os';
import { join, sep } from 'path';

process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-room-bench-'));
process.env.N8N_LOG_LEVEL ??= 'silent';

import type { INodeType, IVersionedNodeType } from 'n8n-workflow';

import type { CallDurations } from '../nodes/shared/inFlightTarget';
import { createUserSig } from '../nodes/shared/userSig';
import type { PemKeyPair } from '../test/emulator/certificates.cjs';
import type { EmulatorProcessOptions } from '../test/emulator/childProcess.cjs';
import { DEMO_APP } from '../test/emulator/demoApp.cjs';
import { makeTestCertificates } from '../test/emulator/certificates.cjs';
import { RemoteEmulator } from '../test/emulator/remote.cjs';
import { packageRoot } from '../test/helpers/packageRoot.cjs';
import { mostInAnyWindow, ratePerSecond } from '../test/helpers/slidingWindow.cjs';
import { ITEMS_NODE_TYPE, registerNodeType, runWorkflow, tencentRoomWorkflow, type CredentialStore, type WorkflowDefinition } from '../test/helpers/n8nHarness.cjs';

const QUICK = process.env.BENCH_QUICK === '1';
const PROFILE = process.argv.includes('--profile');
const ITEMS = Number(process.env.BENCH_ITEMS ?? (QUICK ? 400 : 2000));
const ROUND_TRIPS_MS = (process.env.BENCH_RTTS ?? (QUICK ? '150' : '20,80,150,300')).split(',').map(Number);
/** BENCH_ONLY=1,4 runs those sections alone. */
const ONLY = process.env.BENCH_ONLY?.split(',').map(Number);
const ROOMS = 100;
const LIMIT = 200;
const LOCK = 'room_engine_http_mic/lock_seat';
const STATS = 'live_engine_http_srv/get_room_stats';
const ROOM_LIST = 'live_engine_http_srv/get_room_list';
const NODES_BASE_VERSION = '2.41.1';
const CACHE = join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'n8n-nodes-tencent-room', 'bench-nodes-base');
/** HTTP Request node settings a user would try, in order, until the job runs without rate-limit failures. */
const HTTP_REQUEST_TUNINGS = [
	{ batchSize: 200, batchInterval: 1000 },
	{ batchSize: 180, batchInterval: 1000 },
	{ batchSize: 90, batchInterval: 500 },
];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const perSecond = (count: number, ms: number) => (ms > 0 ? (count * 1000) / ms : 0);

// ------------------------------------------------------------------ HTTPS with a throwaway CA

/**
 * Node reads NODE_EXTRA_CA_CERTS only at start: the bench makes the CA, then runs itself again
 * with it trusted (beside any CA the machine already adds).
 */
function relaunchWithThrowawayCa(): never {
	const folder = mkdtempSync(join(tmpdir(), 'tencent-room-bench-ca-'));
	const certificates = makeTestCertificates();
	const caFile = join(folder, 'ca.pem');
	const existing = process.env.NODE_EXTRA_CA_CERTS && existsSync(process.env.NODE_EXTRA_CA_CERTS) ? readFileSync(process.env.NODE_EXTRA_CA_CERTS, 'utf8') : '';
	writeFileSync(caFile, `${existing}\n${certificates.caCert}`);
	writeFileSync(join(folder, 'server.json'), JSON.stringify(certificates.caSigned));
	const child = spawnSync(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
		stdio: 'inherit',
		env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile, BENCH_TLS_FOLDER: folder },
	});
	rmSync(folder, { recursive: true, force: true });
	process.exit(child.status ?? 1);
}

function serverCertificate(): PemKeyPair {
	return JSON.parse(readFileSync(join(process.env.BENCH_TLS_FOLDER as string, 'server.json'), 'utf8')) as PemKeyPair;
}

async function farEmulator(roundTripMs: number, extra: EmulatorProcessOptions = {}): Promise<RemoteEmulator> {
	return await RemoteEmulator.start({ latencyMs: 0, rateLimitPerSecond: LIMIT, tls: serverCertificate(), networkRoundTripMs: roundTripMs, ...extra });
}

// ------------------------------------------------------------------ jobs

function credential(emulator: { baseUrl: string }, maxRequestsPerSecond = LIMIT) {
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

let jobCounter = 0;

async function createRooms(emulator: RemoteEmulator, count: number, seatCount: number): Promise<string[]> {
	const prefix = `job-${++jobCounter}`;
	const rooms = Array.from({ length: count }, (_, index) => `${prefix}-${index}`);
	for (const roomId of rooms) await emulator.createRoom({ roomId, seatCount, type: 'live' });
	return rooms;
}

/** Item i locks seat floor(i / rooms) of room i % rooms: every seat once, rooms interleaved. */
function lockItems(rooms: string[], count: number) {
	return Array.from({ length: count }, (_, i) => ({ room: rooms[i % rooms.length], seat: Math.floor(i / rooms.length) }));
}

const LOCK_PARAMETERS = { resource: 'seat', operation: 'lock', roomId: '={{ $json.room }}', seatIndex: '={{ $json.seat }}' };

/** What a user's Code node would do: the signed URL and the body of each lock. */
function signedLockItems(emulator: { baseUrl: string }, rooms: string[], count: number) {
	const usersig = createUserSig({ sdkAppId: DEMO_APP.sdkAppId, identifier: DEMO_APP.admins[0], secretKey: DEMO_APP.secretKey, expireSeconds: 86400, nowMs: Date.now() });
	return lockItems(rooms, count).map(({ room, seat }) => ({
		url: `${emulator.baseUrl}/v4/${LOCK}?sdkappid=${DEMO_APP.sdkAppId}&identifier=${DEMO_APP.admins[0]}&usersig=${usersig}&random=${randomInt(0, 0x1_0000_0000)}&contenttype=json`,
		body: { RoomId: room, Index: seat, ForbidTaken: true, ForbidVideo: false, ForbidAudio: false },
	}));
}

function httpRequestWorkflow(items: unknown[], batching?: { batchSize: number; batchInterval: number }): WorkflowDefinition {
	return {
		nodes: [
			{ name: 'Signed requests', type: ITEMS_NODE_TYPE, parameters: { items: JSON.stringify(items) } },
			{
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				onError: 'continueRegularOutput',
				parameters: {
					method: 'POST',
					url: '={{ $json.url }}',
					sendBody: true,
					specifyBody: 'json',
					jsonBody: '={{ JSON.stringify($json.body) }}',
					options: batching ? { batching: { batch: batching } } : {},
				},
			},
		],
		connections: [['Signed requests', 'HTTP Request']],
	};
}

interface JobFigures {
	label: string;
	items: number;
	wallMs: number;
	/** Calls Tencent admitted per second, first admission to last. */
	admittedPerSecond: number;
	rejected: number;
	mostInASecond: number;
	peakInFlight: number;
	/** How long a call took on average, as the node measured it (0 for the HTTP Request node). */
	callMs: number;
	/** TCP connections opened (n8n 2.41's helpers open one per call). */
	connections: number;
	failedItems: number;
	appliedOnce: boolean;
}

/** Waits out every rate window (ours and the emulator's) so jobs do not disturb each other. */
async function quiet(emulator: RemoteEmulator): Promise<void> {
	await sleep(1200);
	await emulator.resetLog();
	await emulator.proxyStats(true);
}

/** The node's own record of call durations: the copy n8n loaded from dist, not this script's. */
function nodeCallDurations(): CallDurations {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return (require(join(packageRoot(), 'dist', 'nodes', 'shared', 'inFlightTarget.js')) as { sharedCallDurations: CallDurations }).sharedCallDurations;
}

async function proxyFigures(emulator: RemoteEmulator): Promise<{ peakInFlight: number; connections: number }> {
	const stats = await emulator.proxyStats();
	return { peakInFlight: stats?.peakOpen ?? 0, connections: stats?.connections ?? 0 };
}

async function measure(emulator: RemoteEmulator, label: string, items: number, command: string, run: () => Promise<number>): Promise<JobFigures> {
	await quiet(emulator);
	const started = Date.now();
	const failedItems = await run();
	const wallMs = Date.now() - started;
	const log = (await emulator.requests()).filter((entry) => entry.command === command);
	const admitted = log.map((entry) => entry.admittedAt).filter((time): time is number => time !== null);
	const applied = log.filter((entry) => entry.applied).map((entry) => JSON.stringify(entry.body));
	return {
		label,
		items,
		wallMs,
		admittedPerSecond: ratePerSecond(admitted).perSecond,
		rejected: log.length - admitted.length,
		mostInASecond: mostInAnyWindow(admitted),
		...(await proxyFigures(emulator)),
		callMs: label.startsWith('HTTP Request') ? 0 : nodeCallDurations().averageOf(emulator.baseUrl),
		failedItems,
		appliedOnce: command !== LOCK || (applied.length === items && new Set(applied).size === items),
	};
}

async function lockJob(emulator: RemoteEmulator, label: string, count: number, options: { concurrency?: number } = {}): Promise<JobFigures> {
	const rooms = await createRooms(emulator, ROOMS, Math.ceil(count / ROOMS));
	return await measure(emulator, label, count, LOCK, async () => {
		const run = await runWorkflow(tencentRoomWorkflow({ ...LOCK_PARAMETERS, options }, lockItems(rooms, count), { onError: 'continueErrorOutput' }), credential(emulator));
		const [success = [], errors = []] = run.outputOf('Tencent Room');
		return errors.length + (count - success.length - errors.length);
	});
}

async function httpRequestJob(emulator: RemoteEmulator, count: number, batching: { batchSize: number; batchInterval: number }): Promise<JobFigures> {
	const rooms = await createRooms(emulator, ROOMS, Math.ceil(count / ROOMS));
	const label = `HTTP Request node, batching ${batching.batchSize} per ${batching.batchInterval} ms`;
	return await measure(emulator, label, count, LOCK, async () => {
		const run = await runWorkflow(httpRequestWorkflow(signedLockItems(emulator, rooms, count), batching), {});
		const output = run.outputOf('HTTP Request')[0] ?? [];
		return output.filter((json) => json.ErrorCode !== 0).length + (count - output.length);
	});
}

/** The tunings in order, stopping at the first without failed items (what a user would settle on). */
async function tunedHttpRequestJob(emulator: RemoteEmulator, count: number): Promise<{ best: JobFigures; tried: JobFigures[] }> {
	const tried: JobFigures[] = [];
	for (const batching of HTTP_REQUEST_TUNINGS) {
		tried.push(await httpRequestJob(emulator, count, batching));
		if (tried[tried.length - 1].failedItems === 0) break;
	}
	const successPerSecond = (job: JobFigures) => perSecond(job.items - job.failedItems, job.wallMs);
	const best = [...tried].sort((a, b) => a.failedItems - b.failedItems || successPerSecond(b) - successPerSecond(a))[0];
	return { best, tried };
}

function printJobs(title: string, jobs: Array<JobFigures & { roundTripMs?: number }>): void {
	console.log(`\n${title}\n`);
	console.log('| round trip | job | items | wall time | calls/s at Tencent | most in a sliding second | rate-limit rejections | peak in flight | a call took (node\'s average) | connections | failed items | each applied once |');
	console.log('|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
	for (const job of jobs) {
		console.log(
			`| ${job.roundTripMs ?? ''} ms | ${job.label} | ${job.items} | ${(job.wallMs / 1000).toFixed(2)} s | ${job.admittedPerSecond.toFixed(1)} | ${job.mostInASecond} | ${job.rejected} | ${job.peakInFlight} | ${job.callMs ? `${job.callMs.toFixed(0)} ms` : ''} | ${job.connections} | ${job.failedItems} | ${job.appliedOnce ? 'yes' : 'NO'} |`,
		);
	}
}

// ------------------------------------------------------------------ 1 and 2: far away

async function benchRoundTrips(): Promise<void> {
	const jobs: Array<JobFigures & { roundTripMs: number }> = [];
	const goals: string[] = [];
	for (const roundTripMs of ROUND_TRIPS_MS) {
		const emulator = await farEmulator(roundTripMs);
		try {
			await lockJob(emulator, 'warm-up', 100);
			const ours = await lockJob(emulator, 'Tencent Room node, defaults', ITEMS);
			if (PROFILE && roundTripMs === ROUND_TRIPS_MS[0]) {
				const { microsByCategory, microsByFunction } = await profiled(() => lockJob(emulator, 'profiled', ITEMS));
				printProfile(`the Tencent Room node's job at ${roundTripMs} ms`, ITEMS, microsByCategory, microsByFunction);
			}
			const { best, tried } = await tunedHttpRequestJob(emulator, ITEMS);
			jobs.push({ ...ours, roundTripMs }, ...tried.map((job) => ({ ...job, label: job === best ? `${job.label} (tuned)` : job.label, roundTripMs })));
			const met = ours.admittedPerSecond >= 0.95 * LIMIT && ours.rejected === 0 && ours.failedItems === 0;
			goals.push(`${roundTripMs} ms: ${ours.admittedPerSecond.toFixed(1)} calls/s, ${ours.rejected} rejections, peak ${ours.peakInFlight} in flight → ${met ? 'met' : 'NOT met'} (≥ ${0.95 * LIMIT}/s, 0 rejections)`);
		} finally {
			await emulator.stop();
		}
	}
	printJobs(`1. ${ITEMS} seat.lock items over ${ROOMS} rooms, HTTPS through the round-trip proxy, ${LIMIT} calls per second per command:`, jobs);

	// The same job over plain HTTP: what the new TLS connection of every call costs this process.
	const roundTripMs = ROUND_TRIPS_MS[0];
	const cpuShare: string[] = [];
	for (const tls of [true, false]) {
		const emulator = tls ? await farEmulator(roundTripMs) : await RemoteEmulator.start({ latencyMs: 0, rateLimitPerSecond: LIMIT, networkRoundTripMs: roundTripMs });
		try {
			await lockJob(emulator, 'warm-up', 100);
			const before = process.cpuUsage();
			const job = await lockJob(emulator, 'cpu share', ITEMS);
			const used = process.cpuUsage(before);
			cpuShare.push(`${tls ? 'HTTPS' : 'plain HTTP'}: ${job.admittedPerSecond.toFixed(1)} calls/s, ${job.rejected} rejections, this process busy ${((100 * (used.user + used.system)) / 1000 / job.wallMs).toFixed(0)} % of the time`);
		} finally {
			await emulator.stop();
		}
	}
	console.log(`\nThe node at ${roundTripMs} ms, same job: ${cpuShare.join('; ')}`);
	console.log('\nGoal, 95 % of the limit with 0 rejections at every round trip:');
	for (const line of goals) console.log(`  ${line}`);
}

async function benchSlowCommands(): Promise<void> {
	const roundTripMs = Math.max(...ROUND_TRIPS_MS);
	const emulator = await farEmulator(roundTripMs);
	const jobs: JobFigures[] = [];
	try {
		const statsItems = QUICK ? 200 : 600;
		const rooms = await createRooms(emulator, 50, 1);
		const statsJob = (label: string) =>
			measure(emulator, label, statsItems, STATS, async () => {
				const items = Array.from({ length: statsItems }, (_, i) => ({ room: rooms[i % rooms.length] }));
				const run = await runWorkflow(tencentRoomWorkflow({ resource: 'room', operation: 'getStatistics', roomId: { __rl: true, mode: 'id', value: '={{ $json.room }}' } }, items, { onError: 'continueErrorOutput' }), credential(emulator));
				return run.outputOf('Tencent Room')[1]?.length ?? 0;
			});
		// The process's first job to this host does not know how long a call takes there yet: its
		// first round trip runs with the initial guess (inFlightTarget). Measured apart, as section 1
		// measures after a warm-up job.
		const firstJob = await statsJob('room.getStatistics, the first job to this host');
		const statistics = await statsJob('room.getStatistics (get_room_stats, 100/s)');
		const listItems = QUICK ? 20 : 60;
		const list = await measure(emulator, 'room.getMany, Limit 20 (get_room_list, 10/s)', listItems, ROOM_LIST, async () => {
			const items = Array.from({ length: listItems }, () => ({}));
			const run = await runWorkflow(tencentRoomWorkflow({ resource: 'room', operation: 'getMany', returnAll: false, limit: 20 }, items, { onError: 'continueErrorOutput' }), credential(emulator));
			return run.outputOf('Tencent Room')[1]?.length ?? 0;
		});
		jobs.push(firstJob, statistics, list);
		printJobs(`2. Commands with their own limits, at a ${roundTripMs} ms round trip:`, jobs.map((job) => ({ ...job, roundTripMs })));
		console.log(`\n  get_room_stats: ${statistics.admittedPerSecond.toFixed(1)}/s of 100 (${statistics.admittedPerSecond >= 95 ? 'met' : 'NOT met'}; the first job to the host ${firstJob.admittedPerSecond.toFixed(1)}/s), get_room_list: ${list.admittedPerSecond.toFixed(2)}/s of 10 (${list.admittedPerSecond >= 9.5 ? 'met' : 'NOT met'})`);
	} finally {
		await emulator.stop();
	}
}

// ------------------------------------------------------------------ 3: one by one, paging

async function benchOneByOneAndPaging(): Promise<void> {
	const roundTripMs = 20;
	const emulator = await farEmulator(roundTripMs);
	try {
		const count = QUICK ? 50 : 200;
		const concurrent = await lockJob(emulator, 'Tencent Room node, defaults', count);
		const oneByOne = await lockJob(emulator, 'Tencent Room node, Max Concurrent Requests 1', count, { concurrency: 1 });
		printJobs(`3. ${count} locks one by one, ${roundTripMs} ms round trip:`, [concurrent, oneByOne].map((job) => ({ ...job, roundTripMs })));
		console.log(`\n  defaults vs one by one: ${(perSecond(count, oneByOne.wallMs) > 0 ? perSecond(count, concurrent.wallMs) / perSecond(count, oneByOne.wallMs) : 0).toFixed(1)}× the items per second`);

		await emulator.createRoom({ roomId: 'paging-live', type: 'live', members: Array.from({ length: 1250 }, (_, i) => `fan-${i}`) });
		await emulator.createGroup({ groupId: '@TGS#paging', type: 'AVChatRoom', members: Array.from({ length: 1200 }, (_, i) => ({ account: `viewer-${i}`, joinTime: 1_717_200_000 + i })) });
		console.log(`\n  Paging with Return All, ${roundTripMs} ms round trip:`);
		for (const [label, parameters] of [
			['member.getMany (live room, 1,250 members)', { resource: 'member', operation: 'getMany', roomId: 'paging-live', returnAll: true }],
			['member.getManyOnline (AVChatRoom, 1,200 members)', { resource: 'member', operation: 'getManyOnline', groupId: '@TGS#paging', returnAll: true }],
		] as const) {
			await quiet(emulator);
			const started = Date.now();
			const run = await runWorkflow(tencentRoomWorkflow({ ...parameters }), credential(emulator));
			const wallMs = Date.now() - started;
			const members = run.outputOf('Tencent Room')[0]?.length ?? 0;
			console.log(`  ${label.padEnd(50)} ${String(members).padStart(5)} members  ${String((await emulator.stats()).total).padStart(3)} requests  ${String(wallMs).padStart(6)} ms`);
		}
	} finally {
		await emulator.stop();
	}
}

// ------------------------------------------------------------------ 4: CPU and memory

/** Where CPU goes, by the file a sampled function lives in. */
const CPU_CATEGORIES: Array<[string, (url: string, name: string) => boolean]> = [
	['this package', (url) => url.includes(`${sep}dist${sep}nodes${sep}`) || url.includes(`${sep}dist${sep}credentials${sep}`)],
	['n8n expressions', (url) => /n8n-workflow.*(expression|extensions)|@n8n[\\/](tournament|expression-runtime)|riot-tmpl|recast|esprima|acorn|ast-types|isolated-vm/i.test(url)],
	['n8n HTTP client (axios)', (url) => /axios|follow-redirects|backend-network|request-helper|form-data|proxy-from-env/i.test(url)],
	['connection set-up (TCP, TLS)', (url) => /^node:(net|tls|_tls_wrap|_tls_common|_http_agent|https|dns)$/.test(url)],
	['garbage collection', (_url, name) => name === '(garbage collector)'],
	['n8n engine, other', (url) => /n8n-core|n8n-workflow|@n8n[\\/]/.test(url)],
	['Node.js, other', (url) => url.startsWith('node:') || url === ''],
	['other', () => true],
];

interface ProfileNode {
	id: number;
	callFrame: { url: string; functionName: string };
	hitCount?: number;
	children?: number[];
}

async function profiled<T>(run: () => Promise<T>): Promise<{ result: T; microsByCategory: Map<string, number>; microsByFunction: Map<string, number> }> {
	const session = new Session();
	session.connect();
	const post = (method: string, params?: object) =>
		new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
	await post('Profiler.enable');
	await post('Profiler.setSamplingInterval', { interval: 100 });
	await post('Profiler.start');
	const result = await run();
	const { profile } = (await post('Profiler.stop')) as { profile: { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] } };
	session.disconnect();
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const microsByCategory = new Map<string, number>();
	const microsByFunction = new Map<string, number>();
	for (const [index, id] of profile.samples.entries()) {
		const node = byId.get(id);
		if (!node || node.callFrame.functionName === '(idle)' || node.callFrame.functionName === '(program)') continue;
		const { url, functionName } = node.callFrame;
		const category = CPU_CATEGORIES.find(([, matches]) => matches(url, functionName))?.[0] ?? 'other';
		const micros = profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0;
		microsByCategory.set(category, (microsByCategory.get(category) ?? 0) + micros);
		const where = `${functionName || '(anonymous)'} ${url.split(/[\\/]node_modules[\\/]/).pop()?.split(/[\\/]dist[\\/]/).pop() ?? url}`;
		microsByFunction.set(where, (microsByFunction.get(where) ?? 0) + micros);
	}
	return { result, microsByCategory, microsByFunction };
}

function printProfile(what: string, calls: number, byCategory: Map<string, number>, byFunction: Map<string, number>): void {
	console.log(`\n  Profile of ${what} (${calls} calls), µs per call:`);
	for (const [category] of CPU_CATEGORIES) console.log(`    ${category.padEnd(32)} ${((byCategory.get(category) ?? 0) / calls).toFixed(1).padStart(7)}`);
	printCostliest(byFunction, calls, 15);
}

/** The `count` functions with the most CPU, µs per call (only those `where` matches, if given). */
function printCostliest(byFunction: Map<string, number>, calls: number, count: number, where?: RegExp): void {
	const entries = [...byFunction.entries()].filter(([place]) => !where || where.test(place));
	for (const [place, micros] of entries.sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`    ${(micros / calls).toFixed(1).padStart(7)}  ${place}`);
}

async function cpuPerCall(emulator: RemoteEmulator, workflow: WorkflowDefinition, credentials: CredentialStore): Promise<{ micros: number; calls: number; connections: number }> {
	await emulator.resetLog();
	await emulator.proxyStats(true);
	const before = process.cpuUsage();
	await runWorkflow(workflow, credentials);
	const used = process.cpuUsage(before);
	const calls = (await emulator.stats()).total;
	const connections = (await emulator.proxyStats())?.connections ?? 0;
	return { micros: (used.user + used.system) / Math.max(1, calls), calls, connections };
}

interface MemoryJob {
	node: string;
	baseUrl: string;
	rooms: string[];
	items: number;
}

/** Runs this script again for one memory job; it prints its figures as the last line. */
function memoryInOwnProcess(job: MemoryJob): { baseline: number; peak: number } {
	const child = spawnSync(process.execPath, [...process.execArgv, __filename], {
		env: { ...process.env, BENCH_MEMORY_JOB: JSON.stringify(job) },
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	const lines = (child.stdout ?? '').trim().split('\n');
	if (child.status !== 0) throw new Error(`memory job ${job.node} failed: ${child.stderr}`);
	return JSON.parse(lines[lines.length - 1]) as { baseline: number; peak: number };
}

async function memoryJob(job: MemoryJob): Promise<void> {
	const target = { baseUrl: job.baseUrl };
	const workflow = (count: number) =>
		job.node === 'ours'
			? { definition: tencentRoomWorkflow(LOCK_PARAMETERS, lockItems(job.rooms, count)), credentials: credential(target, 10_000) }
			: { definition: httpRequestWorkflow(signedLockItems(target, job.rooms, count), { batchSize: 50, batchInterval: 1 }), credentials: {} };
	const warmUp = workflow(200);
	await runWorkflow(warmUp.definition, warmUp.credentials);
	const measured = workflow(job.items);
	global.gc?.();
	const baseline = process.memoryUsage().rss;
	const peak = await peakMemory(() => runWorkflow(measured.definition, measured.credentials));
	console.log(JSON.stringify({ baseline, peak }));
}

async function peakMemory(run: () => Promise<unknown>): Promise<number> {
	global.gc?.();
	let peak = process.memoryUsage().rss;
	const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
	await run();
	clearInterval(sampler);
	return peak;
}

async function benchCpuAndMemory(): Promise<void> {
	// HTTPS as Tencent, no latency, no limit: what is left is the CPU of each call in this
	// process, a new TLS connection included (the proxy, at 0 ms, counts the connections).
	const fast = await farEmulator(0, { rateLimitPerSecond: 0 });
	try {
		const calls = QUICK ? 1000 : 5000;
		const rooms = await createRooms(fast, 1000, 25);
		const oursWorkflow = (count: number) => tencentRoomWorkflow(LOCK_PARAMETERS, lockItems(rooms, count));
		const httpWorkflow = (count: number) => httpRequestWorkflow(signedLockItems(fast, rooms, count), { batchSize: 50, batchInterval: 1 });
		const ourCredential = credential(fast, 10_000);
		// Warm-up: JIT, module loading.
		await runWorkflow(oursWorkflow(500), ourCredential);
		await runWorkflow(httpWorkflow(500), {});

		// Alternated, twice each, so a warmer second half favours neither.
		const ours: number[] = [];
		const theirs: number[] = [];
		let connections = '';
		for (let round = 0; round < 2; round++) {
			const our = await cpuPerCall(fast, oursWorkflow(calls), ourCredential);
			const their = await cpuPerCall(fast, httpWorkflow(calls), {});
			ours.push(our.micros);
			theirs.push(their.micros);
			connections = `${our.connections} and ${their.connections} TCP and TLS connections for ${our.calls} and ${their.calls} calls`;
		}
		const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
		console.log(`\n4. CPU per call, ${calls} locks over HTTPS at 0 ms latency, limit off (this process: n8n, the node, the HTTP client; ${connections}):`);
		console.log(`  Tencent Room node:  ${mean(ours).toFixed(0)} µs per call (runs: ${ours.map((value) => value.toFixed(0)).join(', ')})`);
		console.log(`  HTTP Request node:  ${mean(theirs).toFixed(0)} µs per call (runs: ${theirs.map((value) => value.toFixed(0)).join(', ')}; batching 50 per 1 ms, signed URLs made beforehand)`);
		console.log(`  ratio: ${(mean(ours) / mean(theirs)).toFixed(2)} (goal ≤ 1.00)`);

		if (PROFILE) {
			const profiles: Array<{ name: string; calls: number; byCategory: Map<string, number>; byFunction: Map<string, number> }> = [];
			for (const [name, workflow, credentials] of [
				['Tencent Room node', oursWorkflow(calls), ourCredential],
				['HTTP Request node', httpWorkflow(calls), {}],
			] as const) {
				await fast.resetLog();
				const { microsByCategory, microsByFunction } = await profiled(() => runWorkflow(workflow, credentials));
				profiles.push({ name, calls: (await fast.stats()).total, byCategory: microsByCategory, byFunction: microsByFunction });
			}
			console.log(`\n  Where the CPU goes (${calls} calls each, sampled every 100 µs), µs per call:\n`);
			console.log(`  | | ${profiles.map((profile) => profile.name).join(' | ')} |`);
			console.log(`  |---|${profiles.map(() => '---:').join('|')}|`);
			for (const [category] of CPU_CATEGORIES) {
				console.log(`  | ${category} | ${profiles.map((profile) => ((profile.byCategory.get(category) ?? 0) / profile.calls).toFixed(1)).join(' | ')} |`);
			}
			const [ours] = profiles;
			const own = (ours.byCategory.get('this package') ?? 0) / ours.calls;
			console.log(`\n  this package's own share: ${own.toFixed(1)} µs per call (goal ≤ 25); its costliest functions, µs per call:`);
			printCostliest(ours.byFunction, ours.calls, 8, / (nodes|credentials)[\\/]/);
			for (const profile of profiles) {
				console.log(`  ${profile.name}, the costliest functions overall, µs per call:`);
				printCostliest(profile.byFunction, profile.calls, 12);
			}
		}

		// Each node in a fresh process of its own: a process's peak never goes down, so one after
		// the other in one process would measure the second against the first one's high-water mark.
		const memoryItems = QUICK ? 4000 : 20_000;
		const peaks = ['ours', 'http'].map((node) => memoryInOwnProcess({ node, baseUrl: fast.baseUrl, rooms, items: memoryItems }));
		const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
		console.log(`\n  Peak RSS for ${memoryItems} items, each node in a fresh process (the same warm-up first):`);
		console.log(`    Tencent Room node: ${mb(peaks[0].peak)} (${mb(peaks[0].baseline)} before the job)`);
		console.log(`    HTTP Request node: ${mb(peaks[1].peak)} (${mb(peaks[1].baseline)} before the job)`);
	} finally {
		await fast.stop();
	}
}

// ------------------------------------------------------------------ main

function ensureNodesBase(): string {
	const entry = join(CACHE, 'node_modules', 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'HttpRequest.node.js');
	if (!existsSync(entry)) {
		console.log(`Installing n8n-nodes-base@${NODES_BASE_VERSION} into ${CACHE} (once; about a minute)…`);
		mkdirSync(CACHE, { recursive: true });
		execFileSync('npm', ['init', '-y'], { cwd: CACHE, stdio: 'ignore' });
		execFileSync('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', `n8n-nodes-base@${NODES_BASE_VERSION}`], { cwd: CACHE, stdio: 'inherit' });
	}
	return entry;
}

async function main(): Promise<void> {
	const started = Date.now();
	if (!process.env.BENCH_MEMORY_JOB) console.log(`Benchmark${QUICK ? ' (BENCH_QUICK: smaller jobs, figures not comparable)' : ''}: the emulator in its own process over HTTPS, round trips ${ROUND_TRIPS_MS.join(', ')} ms`);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(ensureNodesBase()) as { HttpRequest: new () => INodeType | IVersionedNodeType };
	registerNodeType('n8n-nodes-base.httpRequest', new HttpRequest());

	if (process.env.BENCH_MEMORY_JOB) return await memoryJob(JSON.parse(process.env.BENCH_MEMORY_JOB) as MemoryJob);
	const sections = [benchRoundTrips, benchSlowCommands, benchOneByOneAndPaging, benchCpuAndMemory];
	for (const [index, section] of sections.entries()) if (!ONLY || ONLY.includes(index + 1)) await section();
	console.log(`\nbench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (!process.env.BENCH_TLS_FOLDER) {
	ensureNodesBase();
	relaunchWithThrowawayCa();
}
main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(error);
		process.exit(1);
	},
);
