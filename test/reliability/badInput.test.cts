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
	soon: new Date(Date.now() + 120_000).toISOString(),
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

const createLive = { resource: 'room', operation: 'create', roomType: 'live', roomId: 'bad-new-room' };
const createConference = { resource: 'room', operation: 'create', roomType: 'conference', roomId: 'bad-new-meeting' };
const updateLive = { resource: 'room', operation: 'update', roomType: 'live', roomId: 'bad-room' };
const setMetadata = (pairs: Array<{ key: unknown; value: unknown }>) => ({ resource: 'metadata', operation: 'set', roomId: 'bad-room', metadata: { pairs } }) as unknown as INodeParameters;
const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

/** Room and metadata fields (0.2): Tencent's documented limits, checked before sending. */
const ROOM_CASES: Case[] = [
	['new Room ID longer than 48 bytes', { ...createLive, roomId: '={{ $json.longRoom }}' }, /Room ID is 49 bytes long; Tencent allows at most 48/],
	['Room Name over 100 bytes', { ...createLive, additionalFields: { roomName: 'n'.repeat(101) } }, /Room Name is 101 bytes long; Tencent allows at most 100/],
	['Room Name of 34 three-byte characters (102 bytes)', { ...updateLive, updateFields: { roomName: '房'.repeat(34) } }, /Room Name is 102 bytes long/],
	['Cover URL over 200 bytes', { ...createLive, additionalFields: { coverUrl: `https://example.com/${'c'.repeat(190)}` } }, /Cover URL is 210 bytes long; Tencent allows at most 200/],
	['Cover URL that is not an address', { ...updateLive, updateFields: { coverUrl: 'cover.png' } }, /Cover URL must be an http:\/\/ or https:\/\/ address/],
	['four Categories', { ...createLive, additionalFields: { category: 'a, b, c, d' } }, /Categories has 4 entries; Tencent allows at most 3/],
	['Categories from an expression giving an object', { ...createLive, additionalFields: { category: '={{ $json.object }}' } }, /Categories must be a list or comma-separated text, not an object/],
	['Max Members of 0', { ...updateLive, updateFields: { maxMemberCount: 0 } }, /Max Members must be a whole number from 1/],
	['a schedule ending before it starts', { ...createConference, additionalFields: { scheduleStartTime: '2030-01-01T10:00:00Z', scheduleEndTime: '2030-01-01T09:00:00Z' } }, /Schedule End must be at least 5 minutes after Schedule Start; it is -3600 seconds after/],
	['a meeting of 4 minutes', { ...createConference, additionalFields: { scheduleStartTime: '2030-01-01T10:00:00Z', scheduleEndTime: '2030-01-01T10:04:00Z' } }, /Schedule End must be at least 5 minutes after Schedule Start; it is 240 seconds after/],
	['a schedule ending within 5 minutes of now', { ...createConference, additionalFields: { scheduleEndTime: '={{ $json.soon }}' } }, /Schedule End must be at least 5 minutes after now/],
	['a schedule that is not a date', { ...createConference, additionalFields: { scheduleStartTime: '={{ $json.text }}' } }, /Schedule Start must be a date-time .* not "two"/],
	['a schedule in milliseconds', { ...createConference, additionalFields: { scheduleStartTime: '={{ 1767225600000 }}' } }, /milliseconds\? divide by 1000/],
	// n8n drops fields a collection no longer shows: a live room has no Custom Info to update.
	['only a field of the other room type', { ...updateLive, updateFields: { customInfo: 'x' } }, /Update Fields is empty: add at least one field to change/],
	['an empty update', { ...updateLive, updateFields: {} }, /Update Fields is empty: add at least one field to change/],
	['Custom Info over 500 bytes', { ...createConference, additionalFields: { customInfo: 'x'.repeat(501) } }, /Custom Info is 501 bytes long; Tencent allows at most 500/],
	['Notice over 100 bytes', { ...updateLive, updateFields: { notice: 'x'.repeat(101) } }, /Notice is 101 bytes long; Tencent allows at most 100/],
	['a new owner that is an object', { resource: 'room', operation: 'changeOwner', roomType: 'live', roomId: 'bad-room', newOwnerAccount: '={{ $json.object }}' }, /New Owner Account must be text .*not an object/],
	['metadata with 11 keys', setMetadata(Array.from({ length: 11 }, (_, index) => ({ key: `k${index}`, value: 'v' }))), /Metadata has 11 keys; a room holds at most 10/],
	['a metadata key over 50 bytes', setMetadata([{ key: 'k'.repeat(51), value: 'v' }]), /Metadata key 1 is 51 bytes long; Tencent allows at most 50/],
	['a metadata value over 2 KB', setMetadata([{ key: 'k', value: 'v'.repeat(2049) }]), /The value of "k" is 2049 bytes; Tencent allows at most 2048/],
	['metadata over 16 KB in all', setMetadata(Array.from({ length: 10 }, (_, index) => ({ key: `k${index}`, value: 'v'.repeat(1700) }))), /Metadata values add up to 17000 bytes; Tencent allows at most 16384/],
	['metadata keys to delete over 50 bytes', { resource: 'metadata', operation: 'delete', roomId: 'bad-room', keys: 'k'.repeat(51) }, /Keys entry 1 is 51 bytes long/],
];

const ban = { resource: 'member', operation: 'ban', roomType: 'live', roomId: 'bad-room', memberAccounts: 'ann', duration: 600 };
const mute = { resource: 'member', operation: 'mute', roomId: 'bad-room', memberAccounts: 'ann', duration: 600 };
const sendMessage = { resource: 'message', operation: 'send', roomId: 'bad-room', senderAccount: 'mod-bot', text: 'hi' };

/** Moderation fields (0.2): each refused before sending, naming the field. */
const MODERATION_CASES: Case[] = [
	['Member Accounts empty', { ...ban, memberAccounts: '={{ $json.empty }}' }, /Member Accounts is empty: give at least one UserID/],
	['Member Accounts of commas only', { ...mute, memberAccounts: ' , ,' }, /Member Accounts is empty/],
	['Member Accounts naming one twice', { ...ban, memberAccounts: 'ann, bob, ann' }, /Member Accounts names "ann" twice/],
	['Member Accounts with a 33-byte UserID', { ...ban, memberAccounts: '={{ ["ann", $json.longAccount] }}' }, /Member Accounts entry 2 is 33 bytes long; Tencent allows at most 32/],
	['Member Accounts an object', { ...mute, memberAccounts: '={{ $json.object }}' }, /Member Accounts must be UserIDs, comma-separated or a list, not an object/],
	['Member Accounts with an object inside the list', { ...ban, memberAccounts: '={{ ["ann", $json.object] }}' }, /Member Accounts entry 2 must be text/],
	['Duration 0 on a mute (that is unmute)', { ...mute, duration: 0 }, /Duration \(Seconds\) is 0, which Tencent reads as "unmute": use Member → Unmute/],
	['Duration 0 on a ban', { ...ban, duration: 0 }, /Duration \(Seconds\) must be a whole number from 1 .*got 0/],
	['Duration negative', { ...ban, duration: '={{ $json.negative }}' }, /Duration \(Seconds\) must be a whole number from 1 .*got -1/],
	['Duration fractional', { ...mute, duration: '={{ $json.fraction }}' }, /Duration \(Seconds\) must be a whole number .*got 1\.5/],
	['Duration text', { ...ban, duration: '={{ $json.text }}' }, /Duration \(Seconds\) must be a whole number .*not a string/],
	['Reason over 1000 bytes', { ...ban, reason: 'r'.repeat(1001) }, /Reason is 1001 bytes long; Tencent allows at most 1000/],
	['Remove with a reason holding a line break', { resource: 'member', operation: 'remove', roomId: 'bad-room', memberAccounts: 'ann', reason: '={{ "spam\\nagain" }}' }, /Reason contains control characters/],
	['message Text empty', { ...sendMessage, text: '={{ $json.empty }}' }, /Text is empty/],
	['message Text over 8 KB', { ...sendMessage, text: 'x'.repeat(8193) }, /Text is 8193 bytes long; Tencent allows at most 8192/],
	['message Text and Extension Info over 8 KB together', { ...sendMessage, text: 'x'.repeat(8000), extensionInfo: `{"pad":"${'p'.repeat(200)}"}` }, /Text and Extension Info are 8\d{3} bytes together; a Tencent message holds at most 8192/],
	['Extension Info that is not JSON', { ...sendMessage, extensionInfo: '{color: red}' }, /Extension Info must be JSON text/],
	['Sender Account empty', { ...sendMessage, senderAccount: '={{ $json.empty }}' }, /Sender Account is empty/],
	['Data over 1000 bytes when taking a user off a seat', { resource: 'seat', operation: 'kickUser', roomId: 'bad-room', memberAccount: 'alice', data: 'd'.repeat(1001) }, /Data is 1001 bytes long; Tencent allows at most 1000/],
	['Seat Index negative when putting a user on a seat', { resource: 'seat', operation: 'pickUser', roomId: 'bad-room', memberAccount: 'bob', seatIndex: '={{ $json.negative }}' }, /Seat Index must be a whole number from 0 to 999.*got -1/],
];

const OPTION_CASES: Case[] = [
	['Timeout below 500 ms', { ...seatGetMany, options: { timeoutMs: 100 } }, /Timeout \(Milliseconds\) must be a whole number from 500 to 60000.*got 100/],
	['Timeout text', { ...seatGetMany, options: { timeoutMs: '={{ "soon" }}' } }, /Timeout \(Milliseconds\) must be a whole number/],
	['Max Concurrent Requests 0', { ...lock, options: { concurrency: 0 } }, /Max Concurrent Requests must be a whole number from 1 to 1000.*got 0/],
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
	['0 processes sharing the limit', { sharingProcesses: 0 }, 'n8n Processes Sharing the Limit', /whole number from 1 to 100/],
	['101 processes sharing the limit', { sharingProcesses: 101 }, 'n8n Processes Sharing the Limit', /whole number from 1 to 100/],
	['1.5 processes sharing the limit', { sharingProcesses: 1.5 }, 'n8n Processes Sharing the Limit', /whole number/],
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

describe('room and metadata fields', () => {
	it.each(ROOM_CASES)('%s: one error naming the field, nothing sent', async (_label, parameters, field) => {
		const { success, errors } = await runNode(parameters, [ITEM], { onError: 'continueErrorOutput' });
		expect(success).toEqual([]);
		expectOneRefusal(errors, field);
		expect(emulator.requests).toHaveLength(0);
	});

	it('a schedule of exactly 5 minutes is accepted', async () => {
		const start = inFiveMinutes() + 600;
		const { success } = await runNode({ ...createConference, roomId: 'bad-five-minutes', additionalFields: { scheduleStartTime: start, scheduleEndTime: start + 300 } });
		expect(success).toEqual([expect.objectContaining({ ScheduleStartTime: start, ScheduleEndTime: start + 300 })]);
	});
});

describe('moderation fields', () => {
	it.each(MODERATION_CASES)('%s: one error naming the field, nothing sent', async (_label, parameters, field) => {
		const { success, errors } = await runNode(parameters, [ITEM], { onError: 'continueErrorOutput' });
		expect(success).toEqual([]);
		expectOneRefusal(errors, field);
		expect(emulator.requests).toHaveLength(0);
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
	expect(NODE_FIELD_CASES.length + ROOM_CASES.length + MODERATION_CASES.length + OPTION_CASES.length + CREDENTIAL_CASES.length).toBeGreaterThanOrEqual(90);
});
