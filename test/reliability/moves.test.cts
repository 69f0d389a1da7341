/**
 * Moves after an ambiguous failure: the move is never sent again blindly. Once Tencent can no
 * longer apply it late (3 s after it left, when Tencent gave no answer), one read of the seat list
 * decides between "done" (Reconciled: true) and "did not happen" (then, and only then, it is sent
 * again). The emulator's mutation log proves that no exchange is ever applied twice.
 */
import type { AnyFaultKind, FaultKind } from '../emulator/index.cjs';
import { useEmulator } from '../helpers/fixture.cjs';
import { MOVE, SEATS } from './support.cjs';

const { emulator, runNode } = useEmulator();
/** For stalls: the node's minimum, so they end fast. Other tests keep a roomy timeout. */
const STALL_TIMEOUT_MS = 500;
const TIMEOUT_MS = 5000;
const continueErrors = { onError: 'continueErrorOutput' as const };

let roomCounter = 0;
/** alice on 0, bob on 1, seats 2 and 3 empty. */
function freshRoom(): string {
	const roomId = `moves-${++roomCounter}`;
	emulator.createRoom({ roomId, seatCount: 4, members: ['alice', 'bob'] });
	emulator.takeSeat(roomId, 'alice', 0);
	emulator.takeSeat(roomId, 'bob', 1);
	return roomId;
}

type Policy = 'cancel' | 'forceMove' | 'exchange';
const POLICY_NUMBER: Record<Policy, number> = { cancel: 0, forceMove: 1, exchange: 2 };

/** cancel → the empty seat 3; forceMove and exchange → bob's seat 1. */
function moveOf(roomId: string, policy: Policy, timeoutMs = TIMEOUT_MS) {
	return {
		resource: 'seat',
		operation: 'moveUser',
		roomId,
		memberAccount: 'alice',
		seatIndex: policy === 'cancel' ? 3 : 1,
		policy,
		options: { timeoutMs },
	};
}

const occupants = (roomId: string) => emulator.getSeats(roomId).map((seat) => seat.Member_Account);
const EXPECTED_AFTER: Record<Policy, string[]> = {
	cancel: ['', 'bob', '', 'alice'],
	forceMove: ['', 'alice', '', ''],
	exchange: ['bob', 'alice', '', ''],
};
const moveRequests = () => emulator.requests.filter((request) => request.command === MOVE);
/** Tencent's backend window (3 s) plus the node's margin, counted by the node from when the move left. */
const LATE_APPLY_WINDOW_MS = 3500;
/** How long after the first move arrived the seat list was read. */
const checkDelayMs = () => {
	const firstMove = moveRequests()[0];
	const check = emulator.requests.find((request) => request.command === SEATS);
	return (check?.receivedAt ?? Number.NaN) - firstMove.receivedAt;
};
const appliedMoves = () => new Set(emulator.mutations.filter((mutation) => mutation.command === MOVE).map((m) => m.requestSeq)).size;

const POLICIES: Policy[] = ['cancel', 'forceMove', 'exchange'];
const APPLIED_FAULTS: FaultKind[] = ['internalErrorAfterApply', 'truncatedJson'];

describe('a move that was applied although the answer says otherwise', () => {
	for (const fault of APPLIED_FAULTS) {
		it.each(POLICIES)(`${fault}, %s: Reconciled: true, sent once, applied once`, async (policy) => {
			const roomId = freshRoom();
			emulator.injectFault(fault, { command: MOVE });
			const { success, errors } = await runNode(moveOf(roomId, policy), [{ mine: 1 }], continueErrors);
			expect(errors).toEqual([]);
			expect(success).toEqual([
				{
					RoomId: roomId,
					SeatIndex: policy === 'cancel' ? 3 : 1,
					Member_Account: 'alice',
					Policy: POLICY_NUMBER[policy],
					// 100001 carries Tencent's RequestId; a cut-off answer has none.
					RequestId: fault === 'internalErrorAfterApply' ? expect.stringMatching(/^Id-/) : null,
					Reconciled: true,
				},
			]);
			expect(emulator.requests.map((request) => request.command)).toEqual([MOVE, SEATS]);
			expect(appliedMoves()).toBe(1);
			expect(occupants(roomId)).toEqual(EXPECTED_AFTER[policy]);
		});
	}

	it('an exchange is never applied twice, whatever the run mode, over many ambiguous answers', async () => {
		const rooms = Array.from({ length: 12 }, () => freshRoom());
		for (let i = 0; i < rooms.length; i++) emulator.injectFault(APPLIED_FAULTS[i % 2], { command: MOVE });
		const modes = [{ onError: 'continueErrorOutput' as const }, { onError: 'continueRegularOutput' as const }, {}];
		for (const [index, mode] of modes.entries()) {
			const batch = rooms.slice(index * 4, index * 4 + 4);
			const { success, error } = await runNode(
				{ ...moveOf('={{ $json.room }}', 'exchange') },
				batch.map((room) => ({ room })),
				mode,
			);
			expect(error).toBeUndefined();
			expect(success.filter((item) => item.Reconciled === true)).toHaveLength(4);
		}
		const exchanges = emulator.mutations.filter((mutation) => mutation.detail.action === 'exchangeSeats');
		expect(exchanges).toHaveLength(12);
		expect(new Set(exchanges.map((mutation) => mutation.roomId)).size).toBe(12);
		expect(moveRequests()).toHaveLength(12);
		for (const roomId of rooms) expect(occupants(roomId)).toEqual(EXPECTED_AFTER.exchange);
	});
});

describe('a move that did not happen', () => {
	it.each(POLICIES)('100001 before applying, %s: Tencent had finished, so the seats are read at once; not there → sent again', async (policy) => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorBeforeApply', { command: MOVE });
		const { success, errors } = await runNode(moveOf(roomId, policy), [{}], continueErrors);
		expect(errors).toEqual([]);
		expect(success).toEqual([expect.objectContaining({ Policy: POLICY_NUMBER[policy], RequestId: expect.stringMatching(/^Id-/) })]);
		expect(success[0]).not.toHaveProperty('Reconciled');
		expect(emulator.requests.map((request) => request.command)).toEqual([MOVE, SEATS, MOVE]);
		expect(checkDelayMs()).toBeLessThan(1000);
		expect(appliedMoves()).toBe(1);
		expect(occupants(roomId)).toEqual(EXPECTED_AFTER[policy]);
	});

	it.each<[FaultKind, Policy]>([
		['http502', 'exchange'],
		['connectionReset', 'exchange'],
		['stall', 'exchange'],
		['stall', 'cancel'],
		['connectionReset', 'forceMove'],
	])('%s on a %s move: no answer, so the seats are read only once Tencent can no longer apply it; not there → sent again once', async (fault, policy) => {
		const roomId = freshRoom();
		emulator.injectFault(fault, { command: MOVE });
		const { success, errors } = await runNode(moveOf(roomId, policy, STALL_TIMEOUT_MS), [{}], continueErrors);
		expect(errors).toEqual([]);
		expect(success).toEqual([expect.objectContaining({ Policy: POLICY_NUMBER[policy] })]);
		expect(emulator.requests.map((request) => request.command)).toEqual([MOVE, SEATS, MOVE]);
		expect(checkDelayMs()).toBeGreaterThanOrEqual(LATE_APPLY_WINDOW_MS - 100);
		expect(appliedMoves()).toBe(1);
		expect(occupants(roomId)).toEqual(EXPECTED_AFTER[policy]);
	});

	it.each([60008, 70169])("Tencent's own timeout %i on an exchange: its backend may still apply it, so the read waits too", async (code) => {
		const roomId = freshRoom();
		emulator.injectErrorCode(code, { command: MOVE });
		const { success } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ Policy: 2 })]);
		expect(checkDelayMs()).toBeGreaterThanOrEqual(LATE_APPLY_WINDOW_MS - 100);
		expect(moveRequests()).toHaveLength(2);
		expect(appliedMoves()).toBe(1);
	});

	it("Tencent's own timeout after the exchange was applied: Reconciled", async () => {
		const roomId = freshRoom();
		emulator.injectErrorCode(70169, { command: MOVE, afterApply: true });
		const { success } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ Policy: 2, Reconciled: true })]);
		expect(appliedMoves()).toBe(1);
		expect(moveRequests()).toHaveLength(1);
	});

	// Tencent applies the exchange after the client gave up (2.5 s in, within its 3 s window).
	// Reading the seats at once would see no exchange and send a second one, swapping the users
	// back; read after the window, the seats show it done.
	it.each<AnyFaultKind>(['lateApply', 'resetThenLateApply'])('%s: an exchange applied after the client gave up is found by the read, never sent twice', async (fault) => {
		const roomId = freshRoom();
		emulator.injectFault(fault, { command: MOVE });
		const { success, errors } = await runNode(moveOf(roomId, 'exchange', STALL_TIMEOUT_MS), [{}], continueErrors);
		expect(errors).toEqual([]);
		expect(success).toEqual([expect.objectContaining({ Policy: 2, Reconciled: true })]);
		expect(moveRequests()).toHaveLength(1);
		expect(appliedMoves()).toBe(1);
		expect(occupants(roomId)).toEqual(EXPECTED_AFTER.exchange);
	});

	it('a move that keeps failing unclearly: after four tries the error says the last read found it not applied; retryable', async () => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorBeforeApply', { command: MOVE, count: 4 });
		const { errors } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/^Could not move "alice" to seat 1 of room "moves-\d+": internal error \(100001\)\. Tencent reported an internal error\. The node tried 4 times; reading the seat list afterwards showed it had not been applied, so running it again is safe\.$/);
		expect(errors[0].details).toEqual({ errorCode: 100001, errorInfo: expect.any(String), requestId: expect.stringMatching(/^Id-/), retryable: true });
		expect(moveRequests()).toHaveLength(4);
		expect(emulator.requests.filter((request) => request.command === SEATS)).toHaveLength(4);
		expect(appliedMoves()).toBe(0);
		expect(occupants(roomId)).toEqual(['alice', 'bob', '', '']);
	});
});

describe('when the check itself fails', () => {
	it('the move error says it could not be checked; not retryable; the move is still sent once', async () => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorAfterApply', { command: MOVE });
		emulator.injectFault('internalErrorBeforeApply', { command: SEATS, count: 4 });
		const { errors } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/internal error \(100001\)\. Tencent reported an internal error\. It may or may not have been applied, and reading the seat list to check failed too/);
		expect(errors[0].details).toMatchObject({ errorCode: 100001, retryable: false });
		expect(moveRequests()).toHaveLength(1);
		expect(emulator.requests.filter((request) => request.command === SEATS)).toHaveLength(4);
		expect(appliedMoves()).toBe(1);
	});

	it("stops the run with the move's error when not continuing", async () => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorAfterApply', { command: MOVE });
		emulator.injectFault('internalErrorBeforeApply', { command: SEATS, count: 4 });
		const { error } = await runNode(moveOf(roomId, 'cancel'));
		expect(error?.message).toMatch(/internal error \(100001\)\. Tencent reported an internal error\. It may or may not have been applied, and reading the seat list/);
		expect(moveRequests()).toHaveLength(1);
	});
});

describe('failures that are not ambiguous are not checked', () => {
	it('100210 (cancel, seat taken) fails at once without reading the seat list', async () => {
		const roomId = freshRoom();
		const { errors } = await runNode({ ...moveOf(roomId, 'cancel'), seatIndex: 1 }, [{}], continueErrors);
		expect(errors[0].details).toMatchObject({ errorCode: 100210, retryable: false });
		expect(emulator.requests.map((request) => request.command)).toEqual([MOVE]);
	});

	it('a rate-limit answer is retried: nothing was done', async () => {
		const roomId = freshRoom();
		emulator.injectFault('rateLimited', { command: MOVE });
		const { success } = await runNode(moveOf(roomId, 'exchange'));
		expect(success).toHaveLength(1);
		expect(success[0]).not.toHaveProperty('Reconciled');
		expect(moveRequests()).toHaveLength(2);
		expect(appliedMoves()).toBe(1);
	});
});
