/**
 * Without "Continue", the first failure stops the node while other items run side by side. The
 * error must say exactly which items were done, which failed and which never started, in words a
 * user acts on; the emulator's mutation log is the judge.
 */
import type { INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator({ latencyMs: 30 });

const ROOMS = 40;
const MISSING_ITEM = 3;

let batch = 0;
/** 40 rooms with alice on seat 0 and bob on seat 1; item 3 names a room that does not exist. */
function roomsForRun(): string[] {
	batch += 1;
	return Array.from({ length: ROOMS }, (_, index) => {
		const roomId = `stop-${batch}-${index}`;
		if (index === MISSING_ITEM) return `${roomId}-missing`;
		emulator.createRoom({ roomId, seatCount: 4, members: ['alice', 'bob'] });
		emulator.takeSeat(roomId, 'alice', 0);
		emulator.takeSeat(roomId, 'bob', 1);
		return roomId;
	});
}

const exchange = (options: INodeParameters = {}): INodeParameters => ({
	resource: 'seat',
	operation: 'moveUser',
	roomId: '={{ $json.room }}',
	memberAccount: 'alice',
	seatIndex: 1,
	policy: 'exchange',
	options,
});

/** "items 0-2, 4-31 and 35" → [0, 1, 2, 4, …]. */
function itemsIn(text: string | undefined): number[] {
	if (!text) return [];
	const list = text.replace(/^items? /, '').replace(' and ', ', ');
	return list.split(', ').flatMap((part) => {
		const [from, to] = part.split('-').map(Number);
		return Array.from({ length: (to ?? from) - from + 1 }, (_, offset) => from + offset);
	});
}

interface Account {
	done: number[];
	failed: number[];
	notStarted: number[];
	description: string;
}

function accountOf(error: unknown): Account {
	const description = String((error as { description?: string }).description ?? '');
	const done = /Done: (items? [\d ,\-and]+?) \(\d+ items?\)\./.exec(description)?.[1];
	const failed = /Failed: (items? [\d ,\-and]+?)\./.exec(description)?.[1];
	const notStarted = /Not started: (items? [\d ,\-and]+?) \(\d+ items?\)\./.exec(description)?.[1];
	const first = /^(Item \d+) failed, so the node stopped/m.exec(description)?.[1]?.toLowerCase();
	return { done: itemsIn(done), failed: itemsIn(failed ?? first), notStarted: itemsIn(notStarted), description };
}

const exchangedRooms = () =>
	new Set(emulator.mutations.filter((mutation) => mutation.detail.action === 'exchangeSeats').map((mutation) => mutation.roomId));

describe('"Stop Workflow": 40 exchanges on 40 rooms, item 3 on a missing room', () => {
	it('side by side (at most 32 at once): the error lists exactly the items Tencent applied, the failed one and the unstarted ones', async () => {
		const rooms = roomsForRun();
		const { error, success } = await runNode(exchange({ concurrency: 32 }), rooms.map((room) => ({ room })));
		expect(success).toEqual([]);
		expect(error?.message).toMatch(/^Could not move "alice" to seat 1 of room "stop-\d+-3-missing": room not found \(100004\)\./);

		const account = accountOf(error);
		// Every item is in exactly one of the three lists.
		expect([...account.done, ...account.failed, ...account.notStarted].sort((a, b) => a - b)).toEqual(
			Array.from({ length: ROOMS }, (_, index) => index),
		);
		expect(account.failed).toEqual([MISSING_ITEM]);
		// What the error calls done is exactly what Tencent applied, no more, no less.
		expect(exchangedRooms()).toEqual(new Set(account.done.map((index) => rooms[index])));
		// Items before the failing one were all done; some after it ran too, and the error says so.
		expect(account.done.slice(0, MISSING_ITEM)).toEqual([0, 1, 2]);
		expect(account.done.some((index) => index > MISSING_ITEM)).toBe(true);
		expect(account.notStarted.length).toBeGreaterThan(0);
		expect(account.description).toMatch(/had started before the failure was seen/);
		// …and what running again would do to those users.
		expect(account.description).toMatch(/Running the same input again repeats the done items, and for items [\d ,\-and]+ that swaps the two users back: remove the done items first, or set the node's On Error setting to "Continue \(using error output\)"/);
	});

	it('one at a time: items before the failing one done, none after it started', async () => {
		const rooms = roomsForRun();
		const { error } = await runNode(exchange({ concurrency: 1 }), rooms.map((room) => ({ room })));
		const account = accountOf(error);
		expect(account.done).toEqual([0, 1, 2]);
		expect(account.notStarted).toEqual(Array.from({ length: ROOMS - MISSING_ITEM - 1 }, (_, offset) => MISSING_ITEM + 1 + offset));
		expect(exchangedRooms()).toEqual(new Set(rooms.slice(0, MISSING_ITEM)));
		expect(account.description).not.toMatch(/had started before the failure was seen/);
	});

	it('locks: the same account, and running again is said to be harmless', async () => {
		const rooms = roomsForRun();
		const { error } = await runNode({ resource: 'seat', operation: 'lock', roomId: '={{ $json.room }}', seatIndex: 2 }, rooms.map((room) => ({ room })));
		const account = accountOf(error);
		expect(account.failed).toEqual([MISSING_ITEM]);
		const locked = new Set(emulator.mutations.filter((mutation) => mutation.detail.action === 'setSeatFlags').map((mutation) => mutation.roomId));
		expect(locked).toEqual(new Set(account.done.map((index) => rooms[index])));
		expect(account.description).toMatch(/Running the same input again repeats the done items, which is harmless for this operation\./);
	});

	it('a single item: just its error, no account', async () => {
		const { error } = await runNode(exchange(), [{ room: 'stop-alone-missing' }]);
		expect(error?.message).toMatch(/room not found \(100004\)/);
		expect(String((error as { description?: string }).description)).not.toMatch(/Done:|Not started:/);
	});
});
