/**
 * Bad input, field by field: every malformed credential field, node field or option gives a
 * clear error naming the field, and nothing at all reaches Tencent (the emulator logs 0 requests).
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { useEmulator } from '../helpers/fixture.cjs';

const { emulator, runNode } = useEmulator();

beforeAll(() => {
	emulator.createRoom({ roomId: 'bad-room', seatCount: 4, members: ['alice', 'bob'] });
	emulator.takeSeat('bad-room', 'alice', 0);
	emulator.createGroup({ groupId: '@TGS#bad', members: [{ account: 'ann', joinTime: 1_700_000_000 }] });
});

const seatGetMany = { resource: 'seat', operation: 'getMany', roomId: 'bad-room' };
const lock = { resource: 'seat', operation: 'lock', roomId: 'bad-room', seatIndex: 2 };
const move = { resource: 'seat', operation: 'moveUser', roomId: 'bad-room', memberAccount: 'alice', seatIndex: 3, policy: 'cancel' };
const liveMembers = { resource: 'member', operation: 'getMany', roomId: 'bad-room', returnAll: false, limit: 10 };
const onlineMembers = { resource: 'member', operation: 'getManyOnline', groupId: '@TGS#bad', returnAll: false, limit: 10 };

/** The item the expressions read from: every kind of wrong value a previous node can hand on. */
const ITEM: IDataObject = {
	object: { id: 1 },
	list: ['room-a', 'room-b'],
	nothing: null,
	longRoom: 'r'.repeat(49),
	longAccount: 'u'.repeat(33),
	longGroup: `@TGS#${'g'.repeat(44)}`,
	text: 'two',
	empty: '',
	negative: -1,
	fraction: 1.5,
	huge: 1000,
	tab: 'room\tone',
	newline: 'alice\n',
};

type Case = [label: string, parameters: INodeParameters, field: RegExp];

const NODE_FIELD_CASES: Case[] = [
	['Room ID longer than 48 bytes', { ...seatGetMany, roomId: '={{ $json.longRoom }}' }, /Room ID is 49 bytes long; Tencent allows at most 48/],
	['Room ID with a tab', { ...lock, roomId: '={{ $json.tab }}' }, /Room ID contains control characters/],
	['Room ID that is an object', { ...lock, roomId: '={{ $json.object }}' }, /Room ID must be text .*not an object/],
	['Room ID that is a list', { ...seatGetMany, roomId: '={{ $json.list }}' }, /Room ID must be text .*not a list/],
	['Room ID that is null', { ...move, roomId: '={{ $json.nothing }}' }, /Room ID must be text .*not null/],
	['Room ID that is empty', { ...liveMembers, roomId: '={{ $json.empty }}' }, /Room ID is empty/],
	['Seat Index negative', { ...lock, seatIndex: '={{ $json.negative }}' }, /Seat Index must be a whole number from 0 to 999.*got -1/],
	['Seat Index above 999', { ...move, seatIndex: '={{ $json.huge }}' }, /Seat Index must be a whole number from 0 to 999.*got 1000/],
	['Seat Index fractional', { ...lock, seatIndex: '={{ $json.fraction }}' }, /Seat Index must be a whole number.*got 1\.5/],
	['Seat Index text', { resource: 'seat', operation: 'unlock', roomId: 'bad-room', seatIndex: '={{ $json.text }}' }, /Seat Index must be a whole number.*not a string/],
	['Seat Index an object', { ...move, seatIndex: '={{ $json.object }}' }, /Seat Index must be a whole number.*not an object/],
	['Member Account empty', { ...move, memberAccount: '={{ $json.empty }}' }, /Member Account is empty/],
	['Member Account longer than 32 bytes', { ...move, memberAccount: '={{ $json.longAccount }}' }, /Member Account is 33 bytes long; Tencent allows at most 32/],
	['Member Account an object', { ...move, memberAccount: '={{ $json.object }}' }, /Member Account must be text .*not an object/],
	['Member Account with a line break inside', { ...move, memberAccount: '={{ "ali\\nce" }}' }, /Member Account contains control characters/],
	['policy unknown', { ...move, policy: 'swap' }, /When the Seat Is Taken must be one of "cancel", "forceMove", "exchange"; got "swap"/],
	['policy from an expression giving a number', { ...move, policy: '={{ 2 }}' }, /When the Seat Is Taken must be one of .*; got a number/],
	['Forbid Taking the Seat not a boolean', { ...lock, forbidTaken: '={{ "maybe" }}' }, /Forbid Taking the Seat must be true or false/],
	['Limit 0', { ...liveMembers, limit: 0 }, /Limit must be a whole number from 1 to 1000.*got 0/],
	['Limit 1001', { ...onlineMembers, limit: 1001 }, /Limit must be a whole number from 1 to 1000.*got 1001/],
	['Limit text', { ...liveMembers, limit: '={{ $json.text }}' }, /Limit must be a whole number from 1 to 1000.*not a string/],
	['Return All not a boolean', { ...liveMembers, returnAll: '={{ "yes" }}' }, /Return All must be true or false/],
	['Return All an object', { ...onlineMembers, returnAll: '={{ $json.object }}' }, /Return All must be true or false, not an object/],
	['Member Mark text', { ...onlineMembers, mark: '={{ $json.text }}' }, /Member Mark must be a whole number.*not a string/],
	['Member Mark negative', { ...onlineMembers, mark: -1 }, /Member Mark must be a whole number from 0 .*got -1/],
	['Member Mark fractional', { ...onlineMembers, mark: 2.5 }, /Member Mark must be a whole number .*got 2\.5/],
	['Group ID empty', { ...onlineMembers, groupId: '={{ $json.empty }}' }, /Group ID is empty/],
	['Group ID longer than 48 bytes', { ...onlineMembers, groupId: '={{ $json.longGroup }}' }, /Group ID is 49 bytes long; Tencent allows at most 48/],
	['Group ID an object', { ...onlineMembers, groupId: '={{ $json.object }}' }, /Group ID must be text .*not an object/],
	['Group ID with non-ASCII characters', { ...onlineMembers, groupId: '@TGS#房间' }, /Group ID may only contain printable ASCII/],
];

const OPTION_CASES: Case[] = [
	['Timeout below 500 ms', { ...seatGetMany, options: { timeoutMs: 100 } }, /Timeout \(Ms\) must be a whole number from 500 to 60000.*got 100/],
	['Timeout text', { ...seatGetMany, options: { timeoutMs: '={{ "soon" }}' } }, /Timeout \(Ms\) must be a whole number/],
	['Max Concurrent Requests 0', { ...lock, options: { concurrency: 0 } }, /Max Concurrent Requests must be a whole number from 1 to 200.*got 0/],
	['Max Concurrent Requests fractional', { ...lock, options: { concurrency: 2.5 } }, /Max Concurrent Requests must be a whole number/],
];

const CREDENTIAL_CASES: Array<[label: string, override: ICredentialDataDecryptedObject, field: string, message: RegExp]> = [
	['a non-numeric SDKAppID', { sdkAppId: 'abc' }, 'SDKAppID', /SDKAppID must be the app's numeric ID/],
	['SDKAppID 0', { sdkAppId: 0 }, 'SDKAppID', /numeric ID/],
	['a negative SDKAppID', { sdkAppId: -1400000000 }, 'SDKAppID', /numeric ID/],
	['a fractional SDKAppID', { sdkAppId: 1400000000.5 }, 'SDKAppID', /numeric ID/],
	['an SDKAppID above 32 bits', { sdkAppId: 2 ** 40 }, 'SDKAppID', /numeric ID/],
	['an empty Secret Key', { secretKey: '' }, 'Secret Key', /Secret Key is empty/],
	['a Secret Key of spaces', { secretKey: '   ' }, 'Secret Key', /Secret Key is empty/],
	['a Secret Key with a line break inside', { secretKey: 'abc\ndef' }, 'Secret Key', /line break or tab/],
	['an empty Identifier', { identifier: ' ' }, 'Identifier', /Identifier must name an App administrator/],
	['an Identifier longer than 32 bytes', { identifier: 'a'.repeat(33) }, 'Identifier', /at most 32 bytes/],
	['an Identifier with a tab', { identifier: 'admin\tistrator' }, 'Identifier', /without line breaks or tabs/],
	['an unknown region', { region: 'mars' }, 'Region', /Region must be one of china, singapore/],
	['a custom Base URL that is not http(s)', { baseUrl: 'ftp://127.0.0.1:21' }, 'Base URL', /http:\/\/ or https:\/\//],
	['a custom Base URL that is not a URL', { baseUrl: 'localhost 8080' }, 'Base URL', /http:\/\/ or https:\/\//],
	['an empty custom Base URL', { baseUrl: '' }, 'Base URL', /http:\/\/ or https:\/\//],
	['a custom Base URL with a query', { baseUrl: 'http://127.0.0.1:8080/?usersig=x' }, 'Base URL', /without query/],
	['a rate budget of 0', { maxRequestsPerSecond: 0 }, 'Max Requests per Second', /whole number from 1 to 10000/],
	['a rate budget above 10000', { maxRequestsPerSecond: 20000 }, 'Max Requests per Second', /whole number from 1 to 10000/],
	['a fractional rate budget', { maxRequestsPerSecond: 2.5 }, 'Max Requests per Second', /whole number/],
	['a rate budget of true', { maxRequestsPerSecond: true }, 'Max Requests per Second', /whole number/],
];

function expectOneRefusal(errors: IDataObject[], field: RegExp): void {
	expect(errors).toHaveLength(1);
	expect(errors[0].error).toMatch(field);
	expect(errors[0].details).toEqual({ errorCode: null, errorInfo: '', requestId: null, retryable: false });
}

describe('node fields', () => {
	it.each(NODE_FIELD_CASES)('%s: one error naming the field, nothing sent', async (_label, parameters, field) => {
		const { success, errors, error } = await runNode(parameters, [ITEM], { onError: 'continueErrorOutput' });
		expect(error).toBeUndefined();
		expect(success).toEqual([]);
		expectOneRefusal(errors, field);
		// The user's own fields stay on the failed item.
		expect(errors[0]).toMatchObject({ text: 'two', longRoom: ITEM.longRoom });
		expect(emulator.requests).toHaveLength(0);
	});

	it.each(NODE_FIELD_CASES.slice(0, 8))('%s, not continuing: the run stops with the field in the message, nothing sent', async (_label, parameters, field) => {
		const { error, run } = await runNode(parameters, [ITEM]);
		expect(run.status).toBe('error');
		expect(error?.message).toMatch(field);
		expect((error as unknown as { description?: string }).description).toMatch(/Nothing was sent to Tencent\. Field: /);
		expect(emulator.requests).toHaveLength(0);
	});

	it('a bad item fails alone: the good items around it are sent', async () => {
		const { success, errors } = await runNode(
			{ ...lock, seatIndex: '={{ $json.seat }}' },
			[{ seat: 1 }, { seat: -3 }, { seat: 2 }],
			{ onError: 'continueErrorOutput' },
		);
		expect(success.map((item) => item.Index)).toEqual([1, 2]);
		expectOneRefusal(errors, /Seat Index/);
		expect(emulator.requests).toHaveLength(2);
	});
});

describe('node options', () => {
	it.each(OPTION_CASES)('%s: every item fails naming the option, nothing sent', async (_label, parameters, field) => {
		const { success, errors } = await runNode(parameters, [{}, {}], { onError: 'continueErrorOutput' });
		expect(success).toEqual([]);
		expect(errors).toHaveLength(2);
		for (const item of errors) expect(item.error).toMatch(field);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('credential fields', () => {
	it.each(CREDENTIAL_CASES)('%s: every item fails naming the field, nothing sent', async (_label, override, field, message) => {
		const { success, errors } = await runNode(seatGetMany, [{}, {}], { onError: 'continueErrorOutput' }, override);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(2);
		for (const item of errors) {
			expect(item.error).toBe(`Credential field "${field}" is invalid`);
			expect(item.details).toEqual({ errorCode: null, errorInfo: '', requestId: null, retryable: false });
		}
		expect(emulator.requests).toHaveLength(0);
		// The description says what is wrong, without repeating the value.
		const { error } = await runNode(seatGetMany, [{}], {}, override);
		expect(error?.message).toBe(`Credential field "${field}" is invalid`);
		expect((error as unknown as { description: string }).description).toMatch(message);
		expect((error as unknown as { description: string }).description).toMatch(/Nothing was sent to Tencent/);
		if (typeof override.secretKey === 'string' && override.secretKey.trim()) {
			expect(JSON.stringify(error)).not.toContain(override.secretKey);
		}
		expect(emulator.requests).toHaveLength(0);
	});
});

it('covers at least 30 distinct malformed inputs', () => {
	expect(NODE_FIELD_CASES.length + OPTION_CASES.length + CREDENTIAL_CASES.length).toBeGreaterThanOrEqual(30);
});
