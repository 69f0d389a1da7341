import { LatencyProxy } from '../emulator/latencyProxy.cjs';
import { RemoteEmulator } from '../emulator/remote.cjs';
import { emulatorCredential, useEmulator } from '../helpers/fixture.cjs';
import { ratePerSecond } from '../helpers/slidingWindow.cjs';
import { runWorkflow, tencentRoomWorkflow } from '../helpers/n8nHarness.cjs';

// Latency makes overlap observable; the limit is the emulator's per-command window.
const { emulator, runNode } = useEmulator({ latencyMs: 15, rateLimitPerSecond: 200 });

let roomCounter = 0;
function freshRooms(count: number, seatCount = 8): string[] {
	return Array.from({ length: count }, () => {
		const roomId = `conc-${++roomCounter}`;
		emulator.createRoom({ roomId, seatCount, members: ['alice', 'bob', 'carol'] });
		return roomId;
	});
}

const LOCK = 'room_engine_http_mic/lock_seat';
const lockParameters = { resource: 'seat', operation: 'lock', roomId: '={{ $json.room }}', seatIndex: '={{ $json.seat }}' };

describe('concurrency with per-room order', () => {
	it('runs locks side by side and each seat\'s calls in input order', async () => {
		// One room: were its items run one after another, never more than one call would be in flight.
		const [roomId] = freshRooms(1);
		// Three rounds over every seat: video forbidden, allowed, forbidden again.
		const items = [0, 1, 2].flatMap((round) => Array.from({ length: 8 }, (_, seat) => ({ room: roomId, seat, video: round !== 1 })));
		const { success, errors } = await runNode({ ...lockParameters, forbidVideo: '={{ $json.video }}' }, items);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(24);
		for (let seat = 0; seat < 8; seat++) {
			const videoInArrivalOrder = emulator.requests
				.map((request) => request.body as { RoomId: string; Index: number; ForbidVideo: boolean })
				.filter((body) => body.Index === seat)
				.map((body) => body.ForbidVideo);
			expect(videoInArrivalOrder).toEqual([true, false, true]);
		}
		expect(emulator.getSeats(roomId).every((seat) => seat.IsVideoDisabled)).toBe(true);
		// Seats of one room do not wait for each other (15 ms answers, a call every 5 ms).
		expect(emulator.stats().peakConcurrentRequests).toBeGreaterThan(1);
	});

	it('keeps move semantics: in every room A takes seat 5, then B (cancel) fails with 100210', async () => {
		const rooms = freshRooms(20);
		for (const roomId of rooms) {
			emulator.takeSeat(roomId, 'alice', 0);
			emulator.takeSeat(roomId, 'bob', 1);
		}
		const items = rooms.flatMap((room) => [
			{ room, user: 'alice' },
			{ room, user: 'bob' },
		]);
		const { success, errors } = await runNode(
			{ resource: 'seat', operation: 'moveUser', roomId: '={{ $json.room }}', memberAccount: '={{ $json.user }}', seatIndex: 5, policy: 'cancel' },
			items,
			{ onError: 'continueErrorOutput' },
		);
		expect(success.map((item) => item.Member_Account)).toEqual(Array(20).fill('alice'));
		expect(errors).toHaveLength(20);
		for (const error of errors) expect(error).toMatchObject({ user: 'bob', details: { errorCode: 100210 } });
		expect(emulator.stats().peakConcurrentRequests).toBeGreaterThan(1);
	});

	it('emits outcomes in input order with the right pairedItem, failed items in their place', async () => {
		const [good] = freshRooms(1);
		const items = Array.from({ length: 30 }, (_, i) => ({ room: i % 3 === 0 ? `missing-${i}` : good, seat: i % 8, i }));
		const { itemsOf } = await runNode(lockParameters, items, { onError: 'continueRegularOutput' });
		const output = itemsOf('Tencent Room')[0];
		expect(output).toHaveLength(30);
		output.forEach((item, index) => {
			expect(item.pairedItem).toEqual({ item: index });
			if (index % 3 === 0) {
				expect(item.json).toMatchObject({ details: { errorCode: 100004 } });
			} else {
				expect(item.json).toMatchObject({ RoomId: good, Index: index % 8 });
			}
		});
	});

	it('Max Concurrent Requests 1 runs every item strictly one after another, in input order', async () => {
		const rooms = freshRooms(6);
		const items = Array.from({ length: 24 }, (_, i) => ({ room: rooms[i % 6], seat: Math.floor(i / 6) }));
		const { success } = await runNode({ ...lockParameters, options: { concurrency: 1 } }, items);
		expect(success).toHaveLength(24);
		expect(emulator.stats().peakConcurrentRequests).toBe(1);
		const arrival = emulator.requests.map((request) => request.body as { RoomId: string; Index: number });
		expect(arrival).toEqual(items.map((item) => expect.objectContaining({ RoomId: item.room, Index: item.seat })));
	});

	it('without "Continue", stops starting items after the first failure', async () => {
		const rooms = freshRooms(1);
		const items = [{ room: rooms[0], seat: 0 }, { room: rooms[0], seat: 99 }, { room: rooms[0], seat: 99 }, { room: rooms[0], seat: 99 }];
		const { error } = await runNode(lockParameters, items);
		expect(error?.message).toContain('100002');
		// Same seat: the items after the failing one were never started.
		expect(emulator.requests.map((request) => (request.body as { Index: number }).Index).sort((a, b) => a - b)).toEqual([0, 99]);
	});
	it('checks every item before the first call: one bad item among many sends nothing when not continuing', async () => {
		const rooms = freshRooms(3);
		const items = [{ room: rooms[0], seat: 0 }, { room: rooms[1], seat: 1 }, { room: rooms[2], seat: -1 }, { room: rooms[0], seat: 2 }];
		const { error } = await runNode(lockParameters, items);
		expect(error?.message).toMatch(/Seat Index must be a whole number/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('the rate budget', () => {
	const { emulator: limited, runNode: runLimited } = useEmulator({ rateLimitPerSecond: 40, latencyMs: 2 });

	it('is never exceeded: 120 locks at a 40/s budget, 0 rejections, each applied once', async () => {
		const rooms = Array.from({ length: 20 }, (_, r) => {
			limited.createRoom({ roomId: `budget-${r}`, seatCount: 8 });
			return `budget-${r}`;
		});
		const items = Array.from({ length: 120 }, (_, i) => ({ room: rooms[i % 20], seat: Math.floor(i / 20) }));
		const { success, errors } = await runLimited(lockParameters, items, {}, { maxRequestsPerSecond: 40 });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(120);
		const stats = limited.stats();
		expect(stats.rateLimited).toBe(0);
		expect(stats.byCommand[LOCK]).toBe(120);
		expect(stats.maxPerSecondByCommand[LOCK]).toBeLessThanOrEqual(40);
	});

	it('is shared by two workflows running at once with the same credential', async () => {
		const rooms = Array.from({ length: 10 }, (_, r) => {
			limited.createRoom({ roomId: `shared-${r}`, seatCount: 8 });
			return `shared-${r}`;
		});
		const items = (offset: number) => Array.from({ length: 40 }, (_, i) => ({ room: rooms[(i + offset) % 10], seat: (i + offset) % 8 }));
		const credential = { tencentRoomApi: emulatorCredential(limited, { maxRequestsPerSecond: 40 }) };
		const [first, second] = await Promise.all([
			runWorkflow(tencentRoomWorkflow(lockParameters, items(0)), credential),
			runWorkflow(tencentRoomWorkflow(lockParameters, items(5)), credential),
		]);
		expect(first.outputOf('Tencent Room')[0]).toHaveLength(40);
		expect(second.outputOf('Tencent Room')[0]).toHaveLength(40);
		expect(limited.stats().rateLimited).toBe(0);
		expect(limited.stats().maxPerSecondByCommand[LOCK]).toBeLessThanOrEqual(40);
	});
});

describe('rate-limit answers', () => {
	// The credential believes in 200/s; this Tencent allows 30/s: the node must adapt, not fail.
	const { emulator: strict, runNode: runStrict } = useEmulator({ rateLimitPerSecond: 30 });

	it('are absorbed: every item succeeds once, none is applied twice', async () => {
		const rooms = Array.from({ length: 15 }, (_, r) => {
			strict.createRoom({ roomId: `strict-${r}`, seatCount: 8 });
			return `strict-${r}`;
		});
		const items = Array.from({ length: 90 }, (_, i) => ({ room: rooms[i % 15], seat: Math.floor(i / 15) }));
		const { success, errors } = await runStrict(lockParameters, items, { onError: 'continueErrorOutput' });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(90);
		const stats = strict.stats();
		expect(stats.rateLimited).toBeGreaterThan(0);
		const applied = strict.requests.filter((request) => request.applied);
		expect(applied).toHaveLength(90);
		expect(new Set(applied.map((request) => JSON.stringify(request.body))).size).toBe(90);
	});
});

describe('calls in flight follow the round trip', () => {
	// Tencent in a process of its own behind a 200 ms network, as in production: the emulator
	// counts calls by its own clock, not delayed by this process's event loop (which also runs
	// n8n and the node). Plain HTTP: each call pays a TCP handshake and its request, about 400 ms.
	let far: RemoteEmulator;
	beforeAll(async () => {
		far = await RemoteEmulator.start({ rateLimitPerSecond: 200, networkRoundTripMs: 200 });
	});
	afterAll(async () => {
		await far.stop();
	});

	async function locksThroughProxy(count: number, options: { concurrency?: number } = {}) {
		const rooms = await Promise.all(
			Array.from({ length: 40 }, async () => {
				const roomId = `far-${++roomCounter}`;
				await far.createRoom({ roomId, seatCount: Math.ceil(count / 40) });
				return roomId;
			}),
		);
		const items = Array.from({ length: count }, (_, i) => ({ room: rooms[i % 40], seat: Math.floor(i / 40) }));
		await far.resetLog();
		await far.proxyStats(true);
		const run = await runWorkflow(tencentRoomWorkflow({ ...lockParameters, options }, items, { onError: 'continueErrorOutput' }), {
			tencentRoomApi: emulatorCredential(far),
		});
		const requests = await far.requests();
		const admitted = requests.map((request) => request.admittedAt).filter((time): time is number => time !== null);
		return {
			success: run.outputOf('Tencent Room')[0] ?? [],
			errors: run.outputOf('Tencent Room')[1] ?? [],
			perSecond: ratePerSecond(admitted).perSecond,
			peakInFlight: (await far.proxyStats())?.peakOpen ?? 0,
			applied: requests.filter((request) => request.applied).map((request) => JSON.stringify(request.body)),
			stats: await far.stats(),
		};
	}

	it('by default keeps enough in flight for the budget far away: 600 locks, far above the 80/s a fixed 32 allows, 0 rejections, each applied once', async () => {
		const { success, errors, perSecond, peakInFlight, applied, stats } = await locksThroughProxy(600);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(600);
		expect(new Set(applied).size).toBe(600);
		expect(applied).toHaveLength(600);
		expect(stats.rateLimited).toBe(0);
		// 200/s × 0.4 s = 80 calls under way; a fixed 32 would give at most 32 / 0.4 s = 80/s. Near
		// 200/s on a quiet machine; the bound leaves room for a CI run with every core busy.
		expect(peakInFlight).toBeGreaterThan(60);
		expect(perSecond).toBeGreaterThan(120);
		expect(stats.maxPerSecondByCommand[LOCK]).toBeLessThanOrEqual(200);
	});
});

describe('Max Concurrent Requests', () => {
	// In this process, so the proxy sees a call's connection close before the next one opens and
	// its count of open connections is the count of calls in flight.
	const ROUND_TRIP_MS = 200;
	const { emulator: near } = useEmulator({ rateLimitPerSecond: 200 });
	let proxy: LatencyProxy;
	let proxyUrl = '';
	beforeAll(async () => {
		// The emulator's own beforeAll ran first: its port is known now.
		proxy = new LatencyProxy(Number(new URL(near.baseUrl).port), ROUND_TRIP_MS);
		proxyUrl = `http://127.0.0.1:${await proxy.start()}`;
	});
	afterAll(async () => {
		await proxy.stop();
	});

	it('is never exceeded: 12 in flight at most, about 12 / 0.4 s = 30 calls per second', async () => {
		const rooms = Array.from({ length: 40 }, () => {
			const roomId = `cap-${++roomCounter}`;
			near.createRoom({ roomId, seatCount: 3 });
			return roomId;
		});
		const items = Array.from({ length: 120 }, (_, i) => ({ room: rooms[i % 40], seat: Math.floor(i / 40) }));
		proxy.readStats(true);
		const run = await runWorkflow(tencentRoomWorkflow({ ...lockParameters, options: { concurrency: 12 } }, items, { onError: 'continueErrorOutput' }), {
			tencentRoomApi: emulatorCredential(near, { baseUrl: proxyUrl }),
		});
		const admitted = near.requests.map((request) => request.admittedAt).filter((time): time is number => time !== null);
		expect(run.outputOf('Tencent Room')[0]).toHaveLength(120);
		expect(proxy.readStats().peakOpen).toBeLessThanOrEqual(12);
		expect(ratePerSecond(admitted).perSecond).toBeLessThan(40);
	});
});
