/**
 * Tencent can apply a call after the client gave up on it, until its backend's own 3 s timeout.
 * A lock resent at once, followed by the room's next item (an unlock), would then be undone by
 * the late lock. The node sends nothing more on that room until the window has passed.
 */
import type { AnyFaultKind } from '../emulator/index.cjs';
import { useEmulator } from '../helpers/fixture.cjs';
import { LOCK } from './support.cjs';

const { emulator, runNode } = useEmulator();

/** The node's smallest timeout: far below Tencent's window, the case that used to reorder a room. */
const SHORT_TIMEOUT_MS = 500;

let roomCounter = 0;
function freshRoom(): string {
	const roomId = `late-${++roomCounter}`;
	emulator.createRoom({ roomId, seatCount: 4, members: ['alice'] });
	return roomId;
}

/** Item 0 locks seat 1, item 1 unlocks it (lock_seat with every flag false): the user wants it unlocked. */
const lockThenUnlock = {
	resource: 'seat',
	operation: 'lock',
	roomId: '={{ $json.room }}',
	seatIndex: 1,
	forbidTaken: '={{ $json.lock }}',
	options: { timeoutMs: SHORT_TIMEOUT_MS },
};

const flagsSet = (roomId: string) =>
	emulator.mutations.filter((mutation) => mutation.roomId === roomId && mutation.detail.action === 'setSeatFlags');

describe.each<AnyFaultKind>(['lateApply', 'resetThenLateApply'])('%s on a lock, then an unlock of the same seat', (fault) => {
	it('the room keeps input order: the late lock lands before the resent lock and the unlock; the seat ends unlocked', async () => {
		const roomId = freshRoom();
		const other = freshRoom();
		emulator.injectFault(fault, { command: LOCK, count: 1 });
		const { success, errors } = await runNode(
			lockThenUnlock,
			[
				{ room: roomId, lock: true },
				{ room: roomId, lock: false },
				{ room: other, lock: true },
			],
			{ onError: 'continueErrorOutput' },
		);
		expect(errors).toEqual([]);
		expect(success.map((item) => [item.RoomId, item.ForbidTaken])).toEqual([
			[roomId, true],
			[roomId, false],
			[other, true],
		]);

		// Whatever Tencent applies late has landed by now (its window is 3 s from arrival).
		const firstArrival = emulator.requests.find((request) => request.command === LOCK)?.receivedAt ?? 0;
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, firstArrival + 3000 - Date.now())));

		// Every change to the seat, in the order Tencent applied them: the unlock is last.
		const changes = flagsSet(roomId);
		expect(changes.map((mutation) => mutation.detail.ForbidTaken)).toEqual([true, true, false]);
		const [late, resent] = changes;
		const firstLock = emulator.requests.find((request) => request.seq === late.requestSeq);
		expect(firstLock?.fault).toBe(fault);
		// The lock was sent again only once Tencent could no longer apply the first one.
		const resend = emulator.requests.find((request) => request.seq === resent.requestSeq);
		expect((resend?.receivedAt ?? 0) - (firstLock?.receivedAt ?? 0)).toBeGreaterThanOrEqual(3000);
		expect(emulator.getSeats(roomId)[1]).toMatchObject({ IsTakenDisabled: false });

		// Other rooms did not wait: room B's lock was applied while room A waited out the window.
		const otherLock = flagsSet(other)[0];
		expect(otherLock.seq).toBeLessThan(resent.seq);
	});
});
