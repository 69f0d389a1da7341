/** Live room metadata: set (upsert), get (all or some keys), delete; Tencent's limits checked before sending. */
import type { IDataObject, INodeParameters, NodeParameterValueType } from 'n8n-workflow';

import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();
const continueErrors = { onError: 'continueErrorOutput' as const };

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const metadata = (operation: string, roomId: string, extra: INodeParameters = {}): INodeParameters => ({ resource: 'metadata', operation, roomId: byId(roomId), ...extra });
const pairs = (entries: Array<[string, unknown]>) => ({ pairs: entries.map(([key, value]) => ({ key, value })) }) as unknown as NodeParameterValueType;

beforeAll(() => {
	emulator.createRoom({ roomId: 'meta-live', type: 'live' });
	emulator.createRoom({ roomId: 'meta-conf', type: 'conference' });
});

describe('metadata', () => {
	it('set adds and overwrites, get reads all or the keys asked, delete removes', async () => {
		const set = await runNode(metadata('set', 'meta-live', { metadata: pairs([['showStartsAt', '20:00'], ['host', 'ann']]) }));
		expect(set.success).toEqual([{ RoomId: 'meta-live', Keys: ['showStartsAt', 'host'], RequestId: expect.stringMatching(/^Id-/) }]);
		await runNode(metadata('set', 'meta-live', { metadata: pairs([['host', 'ben'], ['seats', 8]]) }));

		const all = await runNode(metadata('get', 'meta-live'));
		expect(all.success).toEqual([{ RoomId: 'meta-live', Metadata: { showStartsAt: '20:00', host: 'ben', seats: '8' }, RequestId: expect.stringMatching(/^Id-/) }]);
		const some = await runNode(metadata('get', 'meta-live', { keys: 'host, nothing-here' }));
		expect(some.success[0].Metadata).toEqual({ host: 'ben' });
		expect(emulator.requests[emulator.requests.length - 1].body).toEqual({ RoomId: 'meta-live', Keys: ['host', 'nothing-here'] });

		const removed = await runNode(metadata('delete', 'meta-live', { keys: '={{ ["host", "seats"] }}' }));
		expect(removed.success).toEqual([{ RoomId: 'meta-live', Keys: ['host', 'seats'], RequestId: expect.stringMatching(/^Id-/) }]);
		expect(emulator.getRoomMetadata('meta-live')).toEqual([{ Key: 'showStartsAt', Value: '20:00' }]);
	});

	it.each<[string, INodeParameters, RegExp]>([
		['no pairs', { metadata: {} }, /Metadata is empty/],
		['11 keys', { metadata: pairs(Array.from({ length: 11 }, (_, index): [string, unknown] => [`k${index}`, 'v'])) }, /11 keys; a room holds at most 10/],
		['a key of 51 bytes', { metadata: pairs([['k'.repeat(51), 'v']]) }, /key 1 is 51 bytes long; Tencent allows at most 50/],
		['the same key twice', { metadata: pairs([['a', '1'], ['a', '2']]) }, /names the key "a" twice/],
		['a value of 2049 bytes', { metadata: pairs([['a', 'x'.repeat(2049)]]) }, /value of "a" is 2049 bytes; Tencent allows at most 2048/],
		['17 KB in all', { metadata: pairs(Array.from({ length: 9 }, (_, index): [string, unknown] => [`k${index}`, 'x'.repeat(2000)])) }, /add up to 18000 bytes; Tencent allows at most 16384/],
		['an object as a value', { metadata: pairs([['a', '={{ { nested: true } }}']]) }, /value of "a" must be text/],
	])('set with %s is refused before sending, naming the field', async (_label, parameters, message) => {
		const { errors } = await runNode(metadata('set', 'meta-live', parameters), [{}], continueErrors);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(message);
		expect(errors[0].details).toEqual({ errorCode: null, errorInfo: '', requestId: null, retryable: false });
		expect(emulator.requests).toHaveLength(0);
	});

	it('delete without keys (an expression that gives none) is refused before sending', async () => {
		const { errors } = await runNode(metadata('delete', 'meta-live', { keys: '={{ $json.keys }}' }), [{ keys: ' , ' }], continueErrors);
		expect(errors[0].error).toMatch(/Keys is empty/);
		expect(emulator.requests).toHaveLength(0);
	});

	it("the room's own limit: 10 keys in all (100500), even when each call is within it", async () => {
		emulator.createRoom({ roomId: 'meta-full', type: 'live' });
		await runNode(metadata('set', 'meta-full', { metadata: pairs(Array.from({ length: 6 }, (_, index): [string, unknown] => [`a${index}`, 'v'])) }));
		const { errors } = await runNode(
			metadata('set', 'meta-full', { metadata: pairs(Array.from({ length: 6 }, (_, index): [string, unknown] => [`b${index}`, 'v'])) }),
			[{}],
			continueErrors,
		);
		expect(errors[0].details).toMatchObject({ errorCode: 100500, retryable: false });
	});

	it("the room's own limit: 16 KB of values in all (100502), across calls", async () => {
		emulator.createRoom({ roomId: 'meta-heavy', type: 'live' });
		const big = (prefix: string, count: number) => pairs(Array.from({ length: count }, (_, index): [string, unknown] => [`${prefix}${index}`, 'x'.repeat(2000)]));
		await runNode(metadata('set', 'meta-heavy', { metadata: big('a', 8) }));
		const { errors } = await runNode(metadata('set', 'meta-heavy', { metadata: big('b', 1) }), [{}], continueErrors);
		expect(errors[0].details).toMatchObject({ errorCode: 100502, retryable: false });
		expect(errors[0].error).toMatch(/metadata too large \(100502\)\. A room's metadata values may hold at most 16 KB in all/);
	});

	it('a conference room has no metadata (100006); a missing room (100004)', async () => {
		const { errors } = await runNode(metadata('get', '={{ $json.room }}'), [{ room: 'meta-conf' }, { room: 'meta-gone' }], continueErrors);
		expect(errors.map((error) => (error.details as IDataObject).errorCode)).toEqual([100006, 100004]);
	});
});
