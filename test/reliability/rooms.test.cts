/**
 * Room writes after unclear failures: each is sent again only where a second send is harmless,
 * and an answer or a read that shows the first attempt had worked counts as success
 * (Reconciled: true). The emulator's mutation log proves nothing was applied twice.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();
const continueErrors = { onError: 'continueErrorOutput' as const };
/** Unanswered attempts end fast; Tencent's late window (3.5 s after sending) then decides. */
const SHORT_TIMEOUT = { timeoutMs: 500 };

const CREATE = 'live_engine_http_srv/create_room';
const INFO = 'live_engine_http_srv/get_room_info';
const DESTROY = 'live_engine_http_srv/destroy_room';
const CHANGE_OWNER = 'live_engine_http_srv/change_room_owner';
const UPDATE = 'live_engine_http_srv/update_room_info';
const SET_METADATA = 'live_engine_http_srv/set_room_metadata';

let counter = 0;
const uniqueId = (prefix: string) => `${prefix}-${++counter}`;
const sent = (command: string) => emulator.requests.filter((request) => request.command === command);
const applied = (command: string) => new Set(emulator.mutations.filter((mutation) => mutation.command === command).map((mutation) => mutation.requestSeq)).size;
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

const create = (roomId: string): INodeParameters => ({ resource: 'room', operation: 'create', roomType: 'live', roomId, additionalFields: { roomName: 'Show' }, options: SHORT_TIMEOUT });
const destroy = (roomId: string): INodeParameters => ({ resource: 'room', operation: 'delete', roomType: 'live', roomId: byId(roomId), options: SHORT_TIMEOUT });

describe('room.create after an unclear failure', () => {
	it('applied, then answered 100001: the room is read at once (Tencent had finished) and found with its owner: Reconciled, sent once', async () => {
		const roomId = uniqueId('rc-applied');
		emulator.injectFault('internalErrorAfterApply', { command: CREATE });
		const { success, errors } = await runNode(create(roomId), [{}], continueErrors);
		expect(errors).toEqual([]);
		expect(success).toEqual([expect.objectContaining({ RoomId: roomId, Owner_Account: 'administrator', Reconciled: true, RequestId: expect.stringMatching(/^Id-/) })]);
		expect(emulator.requests.map((request) => request.command)).toEqual([CREATE, INFO]);
		expect(applied(CREATE)).toBe(1);
	});

	it.each(['connectionReset', 'stall', 'http502'] as const)('%s before applying: read after the late window, not there, created again once', async (fault) => {
		const roomId = uniqueId('rc-not-applied');
		emulator.injectFault(fault, { command: CREATE });
		const { success, errors } = await runNode(create(roomId), [{}], continueErrors);
		expect(errors).toEqual([]);
		expect(success[0]).toMatchObject({ RoomId: roomId, RoomName: 'Show' });
		expect(success[0]).not.toHaveProperty('Reconciled');
		expect(emulator.requests.map((request) => request.command)).toEqual([CREATE, INFO, CREATE]);
		const [first, read, second] = emulator.requests;
		expect(read.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(3400);
		expect(read.errorCode).toBe(100004);
		expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(1000);
		expect(applied(CREATE)).toBe(1);
	});

	it('applied after the client gave up (2.5 s in): the read after the window finds it: Reconciled, never created twice', async () => {
		const roomId = uniqueId('rc-late');
		emulator.injectFault('resetThenLateApply', { command: CREATE });
		const { success } = await runNode(create(roomId), [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ RoomId: roomId, Reconciled: true })]);
		expect(sent(CREATE)).toHaveLength(1);
		expect(applied(CREATE)).toBe(1);
	});

	it('the read says "no such room" but the resend answers 100010 (exists with the same owner): Reconciled', async () => {
		const roomId = uniqueId('rc-100010');
		emulator.injectFault('internalErrorAfterApply', { command: CREATE });
		emulator.injectErrorCode(100004, { command: INFO });
		const { success } = await runNode(create(roomId), [{}], continueErrors);
		expect(success).toEqual([expect.objectContaining({ RoomId: roomId, Reconciled: true })]);
		expect(sent(CREATE).map((request) => request.errorCode)).toEqual([100001, 100010]);
		expect(applied(CREATE)).toBe(1);
	});

	it('meanwhile someone else created the room: an error that says so, not retryable, sent once', async () => {
		const roomId = uniqueId('rc-taken');
		emulator.overrideNextAnswer({
			command: CREATE,
			body: () => {
				emulator.createRoom({ roomId, type: 'live', owner: 'someone-else' });
				return { ActionStatus: 'FAIL', ErrorCode: 100001, ErrorInfo: 'internal error', RequestId: 'Id-taken' };
			},
		});
		const { success, errors } = await runNode(create(roomId), [{}], continueErrors);
		expect(success).toEqual([]);
		expect(errors[0].error).toMatch(/internal error \(100001\)\. Tencent reported an internal error\. Reading the room afterwards showed the room exists with another owner, so it is not the one this node created\./);
		expect(errors[0].details).toMatchObject({ errorCode: 100001, retryable: false });
		expect(sent(CREATE)).toHaveLength(1);
	});

	it('the resend answers 100003 (someone else created it after the read): an error naming 100003', async () => {
		const roomId = uniqueId('rc-100003');
		let creates = 0;
		emulator.overrideNextAnswer({
			command: CREATE,
			count: 2,
			body: () =>
				++creates === 1
					? { ActionStatus: 'FAIL', ErrorCode: 100001, ErrorInfo: 'internal error', RequestId: 'Id-1' }
					: { ActionStatus: 'FAIL', ErrorCode: 100003, ErrorInfo: 'room id exists', RequestId: 'Id-2' },
		});
		const { errors } = await runNode(create(roomId), [{}], continueErrors);
		expect(errors[0].error).toMatch(/room ID already exists \(100003\)/);
		expect(errors[0].details).toMatchObject({ errorCode: 100003, retryable: false });
		expect(emulator.requests.map((request) => request.command)).toEqual([CREATE, INFO, CREATE]);
	});
});

describe('room.delete after an unclear failure', () => {
	it('applied, then answered 100001: sent again, "no such room" confirms it: Reconciled', async () => {
		const roomId = uniqueId('rd-applied');
		emulator.createRoom({ roomId, type: 'live' });
		emulator.injectFault('internalErrorAfterApply', { command: DESTROY });
		const { success } = await runNode(destroy(roomId), [{}], continueErrors);
		expect(success).toEqual([{ RoomId: roomId, RoomType: 'Live', Deleted: true, RequestId: expect.stringMatching(/^Id-/), Reconciled: true }]);
		expect(sent(DESTROY).map((request) => request.errorCode)).toEqual([100001, 100004]);
		expect(applied(DESTROY)).toBe(1);
	});

	it('no answer: sent again only after the late window; deleted once', async () => {
		const roomId = uniqueId('rd-reset');
		emulator.createRoom({ roomId, type: 'live' });
		emulator.injectFault('connectionReset', { command: DESTROY });
		const { success } = await runNode(destroy(roomId), [{}], continueErrors);
		expect(success[0]).toMatchObject({ Deleted: true });
		expect(success[0]).not.toHaveProperty('Reconciled');
		const [first, second] = sent(DESTROY);
		expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(3400);
		expect(applied(DESTROY)).toBe(1);
	});

	it('a first answer of 100004 is the error it is: the room was not there', async () => {
		const { errors } = await runNode(destroy(uniqueId('rd-never')), [{}], continueErrors);
		expect(errors[0].details).toMatchObject({ errorCode: 100004, retryable: false });
		expect(sent(DESTROY)).toHaveLength(1);
	});
});

describe('other room writes', () => {
	it('change owner applied, then answered 100001: the room names the new owner: Reconciled, sent once', async () => {
		const roomId = uniqueId('ro');
		emulator.createRoom({ roomId, type: 'live', owner: 'host01' });
		emulator.injectFault('internalErrorAfterApply', { command: CHANGE_OWNER });
		const { success } = await runNode({ resource: 'room', operation: 'changeOwner', roomType: 'live', roomId: byId(roomId), newOwnerAccount: 'host02' }, [{}], continueErrors);
		expect(success).toEqual([{ RoomId: roomId, NewOwner_Account: 'host02', RequestId: expect.stringMatching(/^Id-/), Reconciled: true }]);
		expect(emulator.requests.map((request) => request.command)).toEqual([CHANGE_OWNER, INFO]);
	});

	it.each<[string, string, INodeParameters]>([
		['update', UPDATE, { resource: 'room', operation: 'update', roomType: 'live', updateFields: { roomName: 'Renamed' } }],
		['metadata set', SET_METADATA, { resource: 'metadata', operation: 'set', metadata: { pairs: [{ key: 'k', value: 'v' }] } } as unknown as INodeParameters],
	])('%s sets given values: after an unclear failure it is simply sent again (after the late window)', async (_label, command, parameters) => {
		const roomId = uniqueId('rw');
		emulator.createRoom({ roomId, type: 'live' });
		emulator.injectFault('connectionReset', { command });
		const { success, errors } = await runNode({ ...parameters, roomId: byId(roomId), options: SHORT_TIMEOUT }, [{}], continueErrors);
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		const [first, second] = sent(command);
		expect(second.receivedAt - first.receivedAt).toBeGreaterThanOrEqual(3400);
		expect(sent(command)).toHaveLength(2);
	});
});

describe('reads are never held back', () => {
	it('a room read without an answer is sent again after the usual back-off, not after the late window', async () => {
		const roomId = uniqueId('rr');
		emulator.createRoom({ roomId, type: 'live' });
		emulator.injectFault('connectionReset', { command: INFO });
		const { success } = await runNode({ resource: 'room', operation: 'get', roomType: 'live', roomId: byId(roomId), options: SHORT_TIMEOUT });
		expect(success[0]).toMatchObject({ RoomId: roomId });
		const [first, second] = sent(INFO);
		expect(second.receivedAt - first.receivedAt).toBeLessThan(1000);
		expect((success[0] as IDataObject).RoomType).toBe('Live');
	});
});
