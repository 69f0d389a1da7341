/**
 * Moves after an ambiguous failure: the move is never sent again; one read of the seat list
 * decides between "done" (Reconciled: true) and "did not happen" (the original error, saying so).
 * The emulator's mutation log proves that no exchange is ever applied twice.
 */
import type { FaultKind } from '../emulator/index.cjs';
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
	it.each(POLICIES)('100001 before applying, %s: the original error, saying so; retryable', async (policy) => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorBeforeApply', { command: MOVE });
		const { success, errors } = await runNode(moveOf(roomId, policy), [{}], continueErrors);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/^Could not move "alice" to seat \d of room "moves-\d+": internal error \(100001\)\./);
		expect(errors[0].error).toMatch(policy === 'exchange' ? /exchange did not happen.*running it again is safe/ : /move did not happen: running it again is safe/);
		// Tencent answered, so it had finished: a new try cannot double anything.
		expect(errors[0].details).toEqual({ errorCode: 100001, errorInfo: expect.any(String), requestId: expect.stringMatching(/^Id-/), retryable: true });
		expect(emulator.requests.map((request) => request.command)).toEqual([MOVE, SEATS]);
		expect(appliedMoves()).toBe(0);
		expect(occupants(roomId)).toEqual(['alice', 'bob', '', '']);
	});

	it.each<[FaultKind, RegExp]>([
		['http502', /HTTP 502 server error/],
		['connectionReset', /connection reset/],
		['stall', /timeout/],
	])('%s on an exchange: not retryable, because a late exchange would be undone by a second one', async (fault, name) => {
		const roomId = freshRoom();
		emulator.injectFault(fault, { command: MOVE });
		const started = Date.now();
		const { errors } = await runNode(moveOf(roomId, 'exchange', STALL_TIMEOUT_MS), [{}], continueErrors);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(name);
		expect(errors[0].error).toMatch(/exchange had not happened, but without Tencent's answer it may still be applied late.*check the seats/);
		expect(errors[0].details).toMatchObject({ errorCode: null, retryable: false });
		expect(moveRequests()).toHaveLength(1);
		expect(appliedMoves()).toBe(0);
		if (fault === 'stall') expect(Date.now() - started).toBeGreaterThanOrEqual(STALL_TIMEOUT_MS - 50);
	});

	it.each([60008, 70169])('Tencent\'s own timeout %i on an exchange: not retryable either (its backend may still apply it)', async (code) => {
		const roomId = freshRoom();
		emulator.injectErrorCode(code, { command: MOVE });
		const { errors } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(errors[0].error).toMatch(/exchange had not happened, but without Tencent's answer it may still be applied late/);
		expect(errors[0].details).toMatchObject({ errorCode: code, retryable: false });
		expect(moveRequests()).toHaveLength(1);
	});

	it('Tencent\'s own timeout after the exchange was applied: Reconciled', async () => {
		const roomId = freshRoom();
		emulator.injectErrorCode(70169, { command: MOVE, afterApply: true });
		const { success } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ Policy: 2, Reconciled: true })]);
		expect(appliedMoves()).toBe(1);
		expect(moveRequests()).toHaveLength(1);
	});

	it.each<[FaultKind, Policy]>([
		['stall', 'cancel'],
		['connectionReset', 'forceMove'],
		['http502', 'cancel'],
	])('%s on a %s move: retryable, since moving again cannot double anything', async (fault, policy) => {
		const roomId = freshRoom();
		emulator.injectFault(fault, { command: MOVE });
		const { errors } = await runNode(moveOf(roomId, policy, STALL_TIMEOUT_MS), [{}], continueErrors);
		expect(errors[0].error).toMatch(/move did not happen: running it again is safe/);
		expect(errors[0].details).toMatchObject({ errorCode: null, requestId: null, retryable: true });
		expect(moveRequests()).toHaveLength(1);
	});

	it('running the item again after "did not happen" moves the user exactly once', async () => {
		const roomId = freshRoom();
		emulator.injectFault('stall', { command: MOVE });
		expect((await runNode(moveOf(roomId, 'exchange', STALL_TIMEOUT_MS), [{}], continueErrors)).errors).toHaveLength(1);
		const { success } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ Policy: 2, RequestId: expect.stringMatching(/^Id-/) })]);
		expect(success[0]).not.toHaveProperty('Reconciled');
		expect(appliedMoves()).toBe(1);
		expect(occupants(roomId)).toEqual(EXPECTED_AFTER.exchange);
	});
});

describe('when the check itself fails', () => {
	it('the move error says it could not be checked; not retryable; the move is still sent once', async () => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorAfterApply', { command: MOVE });
		emulator.injectFault('http502', { command: SEATS, count: 4 });
		const { errors } = await runNode(moveOf(roomId, 'exchange'), [{}], continueErrors);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/internal error \(100001\)\. It may or may not have been applied, and reading the seat list to check failed too/);
		expect(errors[0].details).toMatchObject({ errorCode: 100001, retryable: false });
		expect(moveRequests()).toHaveLength(1);
		expect(emulator.requests.filter((request) => request.command === SEATS)).toHaveLength(4);
		expect(appliedMoves()).toBe(1);
	});

	it('stops the run with the move\'s error when not continuing', async () => {
		const roomId = freshRoom();
		emulator.injectFault('internalErrorBeforeApply', { command: MOVE });
		const { error } = await runNode(moveOf(roomId, 'cancel'));
		expect(error?.message).toMatch(/internal error \(100001\)\. The seat list read afterwards shows the move did not happen/);
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
