/**
 * Hostile and malformed answers, through the real node and n8n's HTTP stack: whatever comes
 * back, each item ends with one clear error (or its result), the node never crashes and never
 * loops. Answers are planted with the emulator's overrideNextAnswer test hook.
 */
import type { INodeParameters } from 'n8n-workflow';

import { DEMO_APP } from '../emulator/index.cjs';
import { useEmulator } from '../helpers/fixture.cjs';
import { LIVE_MEMBERS, MOVE, ONLINE_MEMBERS, SEATS } from './support.cjs';

const { emulator, runNode } = useEmulator();

const OK = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
const FOUR_ATTEMPTS = 4;
const continueErrors = { onError: 'continueErrorOutput' as const };

let roomCounter = 0;
function freshRoom(): string {
	const roomId = `hostile-${++roomCounter}`;
	emulator.createRoom({ roomId, seatCount: 4, members: ['alice', 'bob'] });
	emulator.takeSeat(roomId, 'alice', 0);
	emulator.takeSeat(roomId, 'bob', 1);
	return roomId;
}

const getSeats = (roomId: string) => ({ resource: 'seat', operation: 'getMany', roomId });

interface Failure {
	error: string;
	details: { errorCode: number | null; errorInfo: string; requestId: string | null; retryable: boolean };
}

async function failureOf(parameters: INodeParameters): Promise<Failure> {
	const { success, errors, error } = await runNode(parameters, [{}], continueErrors);
	expect(error).toBeUndefined();
	expect(success).toEqual([]);
	expect(errors).toHaveLength(1);
	return errors[0] as unknown as Failure;
}

describe('oversized answers', () => {
	// Valid JSON, 50 MB: a SeatList padded with one long string nobody needs.
	const FIFTY_MB = 50 * 1024 * 1024;
	let huge: Buffer;
	beforeAll(() => {
		const head = '{"ActionStatus":"OK","ErrorCode":0,"ErrorInfo":"","RequestId":"Id-huge","Response":{"SeatList":[],"Padding":"';
		const tail = '"}}';
		huge = Buffer.alloc(FIFTY_MB, 'x');
		huge.write(head, 0, 'utf8');
		huge.write(tail, FIFTY_MB - tail.length, 'utf8');
	});
	afterAll(() => {
		huge = Buffer.alloc(0);
	});

	it('a 50 MB answer to a read is refused unparsed, retried like any unreadable answer, and ends as one clear error', async () => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({ command: SEATS, body: huge, headers: { 'Content-Type': 'application/json' }, count: FOUR_ATTEMPTS });
		const failure = await failureOf(getSeats(roomId));
		expect(failure.error).toMatch(/get the seats of room "hostile-\d+": answer too large\./);
		expect(failure.error).toMatch(/far larger than any Tencent sends/);
		expect(failure.details).toEqual({
			errorCode: null,
			errorInfo: expect.stringMatching(/^answer of 51200 KB \(HTTP 200\), more than the 4096 KB accepted$/),
			requestId: null,
			// A read: trying again later can succeed once whatever sends it is gone.
			retryable: true,
		});
		expect(emulator.requests).toHaveLength(FOUR_ATTEMPTS);
	});

	it('a huge answer to a move that was applied is settled by reading the seat list: Reconciled, sent once', async () => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({ command: MOVE, body: huge, apply: true });
		const { success, errors } = await runNode(
			{ resource: 'seat', operation: 'moveUser', roomId, memberAccount: 'alice', seatIndex: 3, policy: 'cancel' },
			[{}],
			continueErrors,
		);
		expect(errors).toEqual([]);
		expect(success).toEqual([{ RoomId: roomId, SeatIndex: 3, Member_Account: 'alice', Policy: 0, RequestId: null, Reconciled: true }]);
		expect(emulator.requests.map((request) => request.command)).toEqual([MOVE, SEATS]);
		expect(emulator.mutations).toHaveLength(1);
	});

	it('a 1 MB ErrorInfo is cut to a readable length', async () => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({
			command: SEATS,
			body: { ActionStatus: 'FAIL', ErrorCode: 100004, ErrorInfo: 'room gone '.repeat(100_000), RequestId: 'Id-long-info' },
		});
		const failure = await failureOf(getSeats(roomId));
		expect(failure.details.errorCode).toBe(100004);
		expect(failure.details.errorInfo.length).toBeLessThanOrEqual(301);
		expect(failure.error.length).toBeLessThan(400);
		expect(failure.details.requestId).toBe('Id-long-info');
	});
});

describe('answers that are not Tencent JSON', () => {
	it.each([
		['a plain-text 200', 200, 'OK', 'text/plain'],
		['an HTML page with status 200', 200, '<html><body><h1>Welcome to nginx!</h1></body></html>', 'text/html'],
	])('%s: "invalid response", retried as a read, then one error', async (_label, status, body, type) => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({ command: SEATS, status, body, headers: { 'Content-Type': type }, count: FOUR_ATTEMPTS });
		const failure = await failureOf(getSeats(roomId));
		expect(failure.error).toMatch(/invalid response\. Tencent's answer was incomplete or not JSON/);
		expect(failure.details).toMatchObject({ errorCode: null, errorInfo: 'response is not a JSON object', retryable: true });
		expect(emulator.requests).toHaveLength(FOUR_ATTEMPTS);
	});

	it.each([
		['an empty 200', ''],
		['a JSON list', '[1,2,3]'],
		['a JSON string', '"ActionStatus OK"'],
		['JSON null', 'null'],
		['an HTML page', '<html>oops</html>'],
	])('%s once: refused, and the read retried to success', async (_label, body) => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({ command: SEATS, body, headers: { 'Content-Type': 'application/json' } });
		const { success, errors } = await runNode(getSeats(roomId));
		expect(errors).toEqual([]);
		expect(success).toHaveLength(4);
		expect(emulator.requests.map((request) => request.httpStatus)).toEqual([200, 200]);
	});

	it.each([
		[500, /HTTP 500 server error/, true, FOUR_ATTEMPTS],
		[404, /HTTP 404\. Tencent refused the request/, false, 1],
		[403, /HTTP 403\. Tencent refused the request/, false, 1],
	])('an HTML error page with HTTP %i: %s, retryable %s', async (status, message, retryable, attempts) => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({
			command: SEATS,
			status,
			body: `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`,
			headers: { 'Content-Type': 'text/html' },
			count: attempts,
		});
		const failure = await failureOf(getSeats(roomId));
		expect(failure.error).toMatch(message);
		// The page itself is never copied into the message.
		expect(failure.error).not.toMatch(/<html|nginx/);
		expect(failure.details).toEqual({ errorCode: null, errorInfo: `HTTP ${status}`, requestId: null, retryable });
		expect(emulator.requests).toHaveLength(attempts);
	});

	it('a redirect is not followed: the request body never goes elsewhere', async () => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({
			command: SEATS,
			status: 302,
			body: '',
			headers: { Location: `${emulator.baseUrl}/v4/${SEATS}?sdkappid=${DEMO_APP.sdkAppId}` },
		});
		const failure = await failureOf(getSeats(roomId));
		expect(failure.error).toMatch(/HTTP 302 redirect\. Check the Base URL/);
		expect(failure.details).toMatchObject({ errorCode: null, retryable: false });
		expect(emulator.requests).toHaveLength(1);
	});
});

describe('Tencent JSON with the wrong shape', () => {
	it.each([
		['SeatList is an object', { SeatList: { 0: { Index: 0 } } }, /Response\.SeatList is not a list/],
		['SeatList is missing', {}, /Response\.SeatList is not a list/],
		['a seat Index is text', { SeatList: [{ Index: '0', Member_Account: 'alice' }] }, /SeatList holds a seat without a whole-number Index/],
		['a Member_Account is an object', { SeatList: [{ Index: 0, Member_Account: { id: 'alice' } }] }, /text Member_Account/],
		['a seat is null', { SeatList: [null] }, /SeatList holds a seat/],
		['5000 seats', { SeatList: Array.from({ length: 5000 }, (_, Index) => ({ Index })) }, /SeatList has 5000 seats/],
	])('get_seat_list where %s: one final error naming the field, no retry', async (_label, response, message) => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({ command: SEATS, body: { ...OK, RequestId: 'Id-shape', Response: response } });
		const failure = await failureOf(getSeats(roomId));
		expect(failure.error).toMatch(message);
		expect(failure.error).toMatch(/unexpected response/);
		expect(failure.details).toEqual({ errorCode: null, errorInfo: expect.any(String), requestId: 'Id-shape', retryable: false });
		expect(emulator.requests).toHaveLength(1);
	});

	it('a RequestId that is not text is left out of the output instead of copied', async () => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({
			command: 'room_engine_http_mic/lock_seat',
			body: { ...OK, RequestId: { nested: ['x'] } },
			apply: true,
		});
		const { success } = await runNode({ resource: 'seat', operation: 'lock', roomId, seatIndex: 2 });
		expect(success).toEqual([expect.objectContaining({ RoomId: roomId, Index: 2, RequestId: null })]);
	});

	it('an ErrorCode given as text is still read as the code', async () => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({ command: SEATS, body: { ActionStatus: 'FAIL', ErrorCode: '100004', ErrorInfo: 'gone', RequestId: 'Id-text' } });
		const failure = await failureOf(getSeats(roomId));
		expect(failure.details).toEqual({ errorCode: 100004, errorInfo: 'gone', requestId: 'Id-text', retryable: false });
	});

	// Only ActionStatus "OK" with the number 0 is success; anything else is an unexpected response
	// that keeps Tencent's RequestId. (A read is safe to repeat, so it is tried four times.)
	it.each<[string, Record<string, unknown>, string]>([
		['OK without an ErrorCode', { ActionStatus: 'OK' }, 'ActionStatus "OK" with ErrorCode missing'],
		['OK with ErrorCode null', { ActionStatus: 'OK', ErrorCode: null }, 'ActionStatus "OK" with ErrorCode null'],
		['OK with ErrorCode ""', { ActionStatus: 'OK', ErrorCode: '' }, 'ActionStatus "OK" with ErrorCode ""'],
		['OK with ErrorCode "0"', { ActionStatus: 'OK', ErrorCode: '0' }, 'ActionStatus "OK" with ErrorCode "0"'],
		['FAIL without an ErrorCode', { ActionStatus: 'FAIL' }, 'ActionStatus "FAIL" with ErrorCode missing'],
		['FAIL with ErrorCode ""', { ActionStatus: 'FAIL', ErrorCode: '' }, 'ActionStatus "FAIL" with ErrorCode ""'],
		['FAIL with ErrorCode 0', { ActionStatus: 'FAIL', ErrorCode: 0 }, 'ActionStatus "FAIL" with ErrorCode 0'],
		['no ActionStatus, ErrorCode 0', { ErrorCode: 0 }, 'ActionStatus missing with ErrorCode 0'],
	])('%s is not success but an unexpected response with the RequestId', async (_label, envelope, shape) => {
		const roomId = freshRoom();
		emulator.overrideNextAnswer({
			command: SEATS,
			body: { ...envelope, ErrorInfo: '', RequestId: 'Id-odd', Response: { SeatList: [] } },
			count: FOUR_ATTEMPTS,
		});
		const failure = await failureOf(getSeats(roomId));
		expect(failure.error).toMatch(/unexpected response\./);
		expect(failure.error).not.toMatch(/unknown Tencent error|\(0\)/);
		expect(failure.details).toEqual({ errorCode: null, errorInfo: shape, requestId: 'Id-odd', retryable: true });
		expect(emulator.requests).toHaveLength(FOUR_ATTEMPTS);
	});
});

describe('member listings with the wrong shape or a cursor that never ends', () => {
	beforeAll(() => {
		emulator.createRoom({ roomId: 'hostile-live', type: 'live', members: ['ann', 'ben', 'cid'] });
		emulator.createGroup({ groupId: '@TGS#hostile', members: [{ account: 'ann', joinTime: 1_700_000_000 }] });
	});
	const live = { resource: 'member', operation: 'getMany', roomId: 'hostile-live', returnAll: true };
	const online = { resource: 'member', operation: 'getManyOnline', groupId: '@TGS#hostile', returnAll: true };
	const livePage = (response: Record<string, unknown>) => ({ ...OK, RequestId: 'Id-live', Response: response });

	it.each([
		['MemberList is text', { Next: '', MemberCount: 1, MemberList: 'ann' }, /Response\.MemberList is not a list/],
		['Next is a number', { Next: 0, MemberCount: 1, MemberList: [{ Member_Account: 'ann' }] }, /Response\.Next is not text/],
		['an entry has no account', { Next: '', MemberCount: 1, MemberList: [{ Account: 'ann' }] }, /entry without a text Member_Account/],
	])('live room where %s: one final error', async (_label, response, message) => {
		emulator.overrideNextAnswer({ command: LIVE_MEMBERS, body: livePage(response) });
		const failure = await failureOf(live);
		expect(failure.error).toMatch(message);
		expect(failure.details.retryable).toBe(false);
		expect(emulator.requests).toHaveLength(1);
	});

	it.each([
		['MemberList is an object', { MemberList: { ann: 1 }, NextTimestamp: 0 }, /MemberList is not a list/],
		['NextTimestamp is text', { MemberList: [{ Member_Account: 'ann', JoinTime: 1 }], NextTimestamp: '1700000000' }, /NextTimestamp is not a whole number/],
		['NextTimestamp is negative', { MemberList: [], NextTimestamp: -5 }, /NextTimestamp is not a whole number/],
		['a member is a bare string', { MemberList: ['ann'], NextTimestamp: 0 }, /entry without a text Member_Account/],
	])('online members where %s: one final error', async (_label, payload, message) => {
		emulator.overrideNextAnswer({ command: ONLINE_MEMBERS, body: { ...OK, ...payload } });
		const failure = await failureOf(online);
		expect(failure.error).toMatch(message);
		expect(failure.details.retryable).toBe(false);
		expect(emulator.requests).toHaveLength(1);
	});

	it('a live cursor that repeats stops on the second page with a clear error', async () => {
		emulator.overrideNextAnswer({
			command: LIVE_MEMBERS,
			body: livePage({ Next: 'same-cursor', MemberCount: 9, MemberList: [{ Member_Account: 'ann' }] }),
			count: 10,
		});
		const failure = await failureOf(live);
		expect(failure.error).toMatch(/pagination did not end.*returned the page cursor "same-cursor" again after 2 page/);
		expect(emulator.requests).toHaveLength(2);
	});

	it('a live cursor that never ends stops after 100 pages', async () => {
		emulator.overrideNextAnswer({
			command: LIVE_MEMBERS,
			body: ({ seq }) => livePage({ Next: `cursor-${seq}`, MemberCount: 9, MemberList: [{ Member_Account: `user-${seq}` }] }),
			count: 150,
		});
		const failure = await failureOf(live);
		expect(failure.error).toMatch(/still had more pages after 100.*Turn off Return All and set a Limit/);
		expect(emulator.requests).toHaveLength(100);
	});

	it('an online-member cursor that repeats, and one that never ends, both stop', async () => {
		emulator.overrideNextAnswer({
			command: ONLINE_MEMBERS,
			body: { ...OK, MemberList: [{ Member_Account: 'ann', JoinTime: 5 }], NextTimestamp: 1_700_000_000 },
			count: 10,
		});
		expect((await failureOf(online)).error).toMatch(/cursor 1700000000 again after 2 page/);
		expect(emulator.requests).toHaveLength(2);

		emulator.clearFaults();
		emulator.resetLog();
		emulator.overrideNextAnswer({
			command: ONLINE_MEMBERS,
			body: ({ seq }) => ({ ...OK, MemberList: [{ Member_Account: `m-${seq}`, JoinTime: 5 }], NextTimestamp: 2_000_000_000 - seq }),
			count: 150,
		});
		expect((await failureOf(online)).error).toMatch(/still had more pages after 100/);
		expect(emulator.requests).toHaveLength(100);
	});

	it('a Limit still stops a cursor that never ends, without an error', async () => {
		emulator.overrideNextAnswer({
			command: LIVE_MEMBERS,
			body: ({ seq }) => livePage({ Next: `cursor-${seq}`, MemberCount: 9, MemberList: [{ Member_Account: `user-${seq}` }] }),
			count: 150,
		});
		const { success, errors } = await runNode({ ...live, returnAll: false, limit: 7 });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(7);
		expect(emulator.requests).toHaveLength(7);
	});
});
