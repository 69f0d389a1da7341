import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();

let roomCounter = 0;
/** A fresh room per test: 6 seats, alice on 0, bob on 1, carol and dave members without seats. */
function freshRoom(options: { seatsEnabled?: boolean } = {}): string {
	const roomId = `room-${++roomCounter}`;
	emulator.createRoom({ roomId, seatCount: 6, members: ['alice', 'bob', 'carol', 'dave'], seatsEnabled: options.seatsEnabled });
	if (options.seatsEnabled !== false) {
		emulator.takeSeat(roomId, 'alice', 0);
		emulator.takeSeat(roomId, 'bob', 1);
	}
	return roomId;
}

const SEAT_KEYS = ['RoomId', 'Index', 'Member_Account', 'IsTakenDisabled', 'IsVideoDisabled', 'IsAudioDisabled'];

describe('seat.getMany', () => {
	it('returns one item per seat with the contract fields, "" for an empty seat', async () => {
		const roomId = freshRoom();
		emulator.setSeatFlags(roomId, 4, { forbidTaken: true, forbidAudio: true });
		const { success, errors, error } = await runNode({ resource: 'seat', operation: 'getMany', roomId });
		expect(error).toBeUndefined();
		expect(errors).toEqual([]);
		expect(success).toHaveLength(6);
		for (const seat of success) expect(Object.keys(seat).sort()).toEqual([...SEAT_KEYS].sort());
		expect(success[0]).toEqual({
			RoomId: roomId,
			Index: 0,
			Member_Account: 'alice',
			IsTakenDisabled: false,
			IsVideoDisabled: false,
			IsAudioDisabled: false,
		});
		expect(success[2].Member_Account).toBe('');
		expect(success[4]).toMatchObject({ Index: 4, IsTakenDisabled: true, IsAudioDisabled: true, IsVideoDisabled: false });
	});

	it('pairs every seat with its input item and resolves expressions per item', async () => {
		const first = freshRoom();
		const second = freshRoom();
		const { itemsOf } = await runNode({ resource: 'seat', operation: 'getMany', roomId: '={{ $json.room }}' }, [
			{ room: first },
			{ room: second },
		]);
		const items = itemsOf('Tencent Room')[0];
		expect(items).toHaveLength(12);
		expect(items.slice(0, 6).every((item) => item.json.RoomId === first)).toBe(true);
		expect(items.slice(6).every((item) => item.json.RoomId === second)).toBe(true);
		expect(items.map((item) => item.pairedItem)).toEqual([
			...Array(6).fill({ item: 0 }),
			...Array(6).fill({ item: 1 }),
		]);
	});

	it('sends a missing room to the error output with errorCode 100004, keeping the user\'s fields', async () => {
		const roomId = freshRoom();
		const { success, errors, itemsOf } = await runNode(
			{ resource: 'seat', operation: 'getMany', roomId: '={{ $json.room }}' },
			[{ room: 'room-gone', note: 'mine' }, { room: roomId }],
			{ onError: 'continueErrorOutput' },
		);
		expect(success).toHaveLength(6);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({
			room: 'room-gone',
			note: 'mine',
			details: { errorCode: 100004, retryable: false },
		});
		expect(errors[0].error).toMatch(/room "room-gone".*100004/);
		expect(typeof (errors[0].details as { requestId: unknown }).requestId).toBe('string');
		expect(itemsOf('Tencent Room')[1][0].pairedItem).toEqual({ item: 0 });
	});

	it('keeps failed items on the main output with "Continue"', async () => {
		const { success, errors } = await runNode(
			{ resource: 'seat', operation: 'getMany', roomId: 'room-gone' },
			[{}],
			{ onError: 'continueRegularOutput' },
		);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		expect(Object.keys(success[0]).sort()).toEqual(['details', 'error']);
		expect(success[0].details).toMatchObject({ errorCode: 100004, errorInfo: expect.any(String), retryable: false });
	});

	it('stops the run with an error naming the item, the code and its meaning when not continuing', async () => {
		const roomId = freshRoom();
		const { error, run } = await runNode({ resource: 'seat', operation: 'getMany', roomId: '={{ $json.room }}' }, [
			{ room: roomId },
			{ room: 'room-gone' },
		]);
		expect(error).toBeDefined();
		expect(error?.message).toContain('100004');
		expect(error?.message).toMatch(/room does not exist/i);
		expect((error as unknown as { context: { itemIndex: number } }).context.itemIndex).toBe(1);
		expect(run.status).toBe('error');
	});

	it('answers 100211 for a room without seats', async () => {
		const roomId = freshRoom({ seatsEnabled: false });
		const { errors } = await runNode({ resource: 'seat', operation: 'getMany', roomId }, [{}], { onError: 'continueErrorOutput' });
		expect(errors[0].details).toMatchObject({ errorCode: 100211 });
	});

	it.each([
		['empty (from an expression)', '={{ $json.missingField ?? "" }}'],
		['spaces only', '   '],
		['longer than 48 bytes', 'r'.repeat(49)],
		['48 bytes of multibyte text plus one', '房'.repeat(16) + 'x'],
		['a control character', 'room\n1'],
		['an object', '={{ { id: 1 } }}'],
	])('refuses a Room ID that is %s before sending anything', async (_label, roomId) => {
		const { errors, success } = await runNode({ resource: 'seat', operation: 'getMany', roomId }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/Room ID/);
		expect(errors[0].details).toEqual({ errorCode: null, errorInfo: '', requestId: null, retryable: false });
		expect(emulator.requests).toHaveLength(0);
	});

	it('is refused by n8n itself when the required Room ID is left blank', async () => {
		await expect(runNode({ resource: 'seat', operation: 'getMany', roomId: '' })).rejects.toThrow(/Room ID.*required/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('seat.lock and seat.unlock', () => {
	it('locks a seat, removes whoever sits there, and reports what was set', async () => {
		const roomId = freshRoom();
		const { success, errors } = await runNode({ resource: 'seat', operation: 'lock', roomId, seatIndex: 1 });
		expect(errors).toEqual([]);
		expect(success).toEqual([
			{
				RoomId: roomId,
				Index: 1,
				ForbidTaken: true,
				ForbidVideo: false,
				ForbidAudio: false,
				RequestId: expect.stringMatching(/^Id-/),
			},
		]);
		expect(emulator.getSeats(roomId)[1]).toMatchObject({ Member_Account: '', IsTakenDisabled: true });
		expect(emulator.requests[0].body).toEqual({
			RoomId: roomId,
			Index: 1,
			ForbidTaken: true,
			ForbidVideo: false,
			ForbidAudio: false,
		});
	});

	it('can disable only audio and video, leaving the user seated', async () => {
		const roomId = freshRoom();
		await runNode({
			resource: 'seat',
			operation: 'lock',
			roomId,
			seatIndex: 0,
			forbidTaken: false,
			forbidVideo: true,
			forbidAudio: true,
		});
		expect(emulator.getSeats(roomId)[0]).toEqual({
			Index: 0,
			Member_Account: 'alice',
			IsTakenDisabled: false,
			IsVideoDisabled: true,
			IsAudioDisabled: true,
		});
	});

	it('unlocks with all three flags false', async () => {
		const roomId = freshRoom();
		emulator.setSeatFlags(roomId, 3, { forbidTaken: true, forbidVideo: true, forbidAudio: true });
		const { success } = await runNode({ resource: 'seat', operation: 'unlock', roomId, seatIndex: 3 });
		expect(success[0]).toMatchObject({ Index: 3, ForbidTaken: false, ForbidVideo: false, ForbidAudio: false });
		expect(emulator.requests[0].body).toEqual({ RoomId: roomId, Index: 3, ForbidTaken: false, ForbidVideo: false, ForbidAudio: false });
		expect(emulator.getSeats(roomId)[3]).toMatchObject({ IsTakenDisabled: false, IsVideoDisabled: false, IsAudioDisabled: false });
	});

	it.each([
		['a missing room', 'room-gone', 0, 100004],
		['a seat index beyond the room', undefined, 6, 100002],
	])('reports %s with Tencent\'s code', async (_label, roomOverride, seatIndex, code) => {
		const roomId = roomOverride ?? freshRoom();
		const { errors } = await runNode({ resource: 'seat', operation: 'lock', roomId, seatIndex }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors[0].details).toMatchObject({ errorCode: code });
	});

	it('reports 100211 for a room without seats', async () => {
		const roomId = freshRoom({ seatsEnabled: false });
		const { errors } = await runNode({ resource: 'seat', operation: 'unlock', roomId, seatIndex: 0 }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors[0].details).toMatchObject({ errorCode: 100211 });
	});

	it.each([
		['negative', -1],
		['fractional', 1.5],
		['text', 'two'],
		['an object', '={{ { seat: 1 } }}'],
	])('refuses a seat index that is %s before sending', async (_label, seatIndex) => {
		const roomId = freshRoom();
		const { errors } = await runNode({ resource: 'seat', operation: 'lock', roomId, seatIndex }, [{}], {
			onError: 'continueErrorOutput',
		});
		expect(errors[0].error).toMatch(/Seat Index must be a whole number from 0/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('seat.moveUser', () => {
	const move = (roomId: string, memberAccount: string, seatIndex: number, policy = 'cancel') => ({
		resource: 'seat',
		operation: 'moveUser',
		roomId,
		memberAccount,
		seatIndex,
		policy,
	});

	it('moves a seated user to an empty seat and echoes what was sent', async () => {
		const roomId = freshRoom();
		const { success } = await runNode(move(roomId, 'alice', 3));
		expect(success).toEqual([
			{ RoomId: roomId, SeatIndex: 3, Member_Account: 'alice', Policy: 0, RequestId: expect.stringMatching(/^Id-/) },
		]);
		const seats = emulator.getSeats(roomId);
		expect(seats[0].Member_Account).toBe('');
		expect(seats[3].Member_Account).toBe('alice');
	});

	it('cancel: fails with 100210 when the target seat is taken, and changes nothing', async () => {
		const roomId = freshRoom();
		const { errors } = await runNode(move(roomId, 'alice', 1, 'cancel'), [{}], { onError: 'continueErrorOutput' });
		expect(errors[0].details).toMatchObject({ errorCode: 100210, retryable: false });
		expect(errors[0].error).toMatch(/Force Move or Exchange/);
		expect(emulator.getSeats(roomId).slice(0, 2).map((seat) => seat.Member_Account)).toEqual(['alice', 'bob']);
	});

	it('forceMove: takes the seat, and its occupant leaves the seat', async () => {
		const roomId = freshRoom();
		const { success } = await runNode(move(roomId, 'alice', 1, 'forceMove'));
		expect(success[0].Policy).toBe(1);
		const seats = emulator.getSeats(roomId);
		expect(seats[1].Member_Account).toBe('alice');
		expect(seats.some((seat) => seat.Member_Account === 'bob')).toBe(false);
	});

	it('exchange: swaps the two users', async () => {
		const roomId = freshRoom();
		const { success } = await runNode(move(roomId, 'alice', 1, 'exchange'));
		expect(success[0].Policy).toBe(2);
		const seats = emulator.getSeats(roomId);
		expect([seats[0].Member_Account, seats[1].Member_Account]).toEqual(['bob', 'alice']);
	});

	it.each(['cancel', 'forceMove', 'exchange'])('%s: a locked target seat refuses the move with 100200', async (policy) => {
		const roomId = freshRoom();
		emulator.setSeatFlags(roomId, 4, { forbidTaken: true });
		const { errors } = await runNode(move(roomId, 'alice', 4, policy), [{}], { onError: 'continueErrorOutput' });
		expect(errors[0].details).toMatchObject({ errorCode: 100200 });
		expect(emulator.getSeats(roomId)[0].Member_Account).toBe('alice');
	});

	it.each([
		['a user who is not on a seat', 'carol', 3, 100206],
		['a user who is not in the room', 'mallory', 3, 100005],
		['the seat the user already has', 'alice', 0, 100203],
	])('reports %s with Tencent\'s code', async (_label, account, seatIndex, code) => {
		const roomId = freshRoom();
		const { errors } = await runNode(move(roomId, account, seatIndex), [{}], { onError: 'continueErrorOutput' });
		expect(errors[0].details).toMatchObject({ errorCode: code });
	});

	it('runs items in order: A then B to the same seat with cancel fails only for B', async () => {
		const roomId = freshRoom();
		const { success, errors, itemsOf } = await runNode(
			{ ...move(roomId, '={{ $json.user }}', 4), seatIndex: 4 },
			[{ user: 'alice' }, { user: 'bob' }],
			{ onError: 'continueErrorOutput' },
		);
		expect(success).toHaveLength(1);
		expect(success[0].Member_Account).toBe('alice');
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatchObject({ user: 'bob', details: { errorCode: 100210 } });
		expect(itemsOf('Tencent Room')[1][0].pairedItem).toEqual({ item: 1 });
	});

	it.each([
		['an empty member account', { memberAccount: '={{ "" }}' }, /Member Account is empty/],
		['an unknown policy', { policy: 'swap' }, /When the Seat Is Taken must be one of "cancel", "forceMove", "exchange"/],
		['a member account longer than 32 bytes', { memberAccount: 'u'.repeat(33) }, /Member Account is 33 bytes/],
	])('refuses %s before sending', async (_label, override, message) => {
		const roomId = freshRoom();
		const { errors } = await runNode({ ...move(roomId, 'alice', 3), ...override }, [{}], { onError: 'continueErrorOutput' });
		expect(errors[0].error).toMatch(message);
		expect(emulator.requests).toHaveLength(0);
	});
});
