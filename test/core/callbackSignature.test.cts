import { CALLBACK_COMMAND_VALUES, CALLBACK_COMMANDS } from '../../nodes/shared/callbackCommands';
import {
	computeCallbackSign,
	DEFAULT_MAX_CLOCK_SKEW_SECONDS,
	isValidCallbackSign,
	isWithinClockWindow,
	readQueryParameter,
	verifyCallback,
	type CallbackVerificationInput,
} from '../../nodes/shared/callbackSignature';
import { tencentCallbackSign } from '../emulator/index.cjs';

// The module object itself (an `import * as` namespace is a frozen copy jest cannot spy on).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cryptoModule = require('crypto') as typeof import('crypto');

// Tencent's documented vector (tencent-rest.md, "Callbacks").
const VECTOR = {
	token: 'xxxxyyyy',
	requestTime: '1669872112',
	sign: '17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061',
};
const APP = 1400000001;
const T = 1_669_872_112_000;

function input(query: Record<string, unknown>, overrides: Partial<CallbackVerificationInput> = {}): CallbackVerificationInput {
	return {
		query,
		sdkAppId: APP,
		token: VECTOR.token,
		allowUnsigned: false,
		nowMs: T,
		maxClockSkewSeconds: DEFAULT_MAX_CLOCK_SKEW_SECONDS,
		...overrides,
	};
}

function signedQuery(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		SdkAppid: String(APP),
		CallbackCommand: 'Group.CallbackAfterSendMsg',
		contenttype: 'json',
		ClientIP: '203.0.113.7',
		OptPlatform: 'RESTAPI',
		RequestTime: VECTOR.requestTime,
		Sign: VECTOR.sign,
		...extra,
	};
}

describe('computeCallbackSign', () => {
	it('gives the documented vector: sha256("xxxxyyyy" + "1669872112") in lowercase hex', () => {
		expect(computeCallbackSign(VECTOR.token, VECTOR.requestTime)).toBe(VECTOR.sign);
		expect(computeCallbackSign(VECTOR.token, 1669872112)).toBe(VECTOR.sign);
	});

	it('agrees with the emulator\'s independent signer', () => {
		for (const [token, time] of [['t', '1'], ['a long token with ünïcode', '1700000000'], ['', '0']]) {
			expect(computeCallbackSign(token, time)).toBe(tencentCallbackSign(token, time));
		}
	});
});

describe('isValidCallbackSign', () => {
	it('accepts the vector, and the same digits in uppercase', () => {
		expect(isValidCallbackSign(VECTOR.token, VECTOR.requestTime, VECTOR.sign)).toBe(true);
		expect(isValidCallbackSign(VECTOR.token, VECTOR.requestTime, VECTOR.sign.toUpperCase())).toBe(true);
	});

	it.each([
		['another token', (s: string) => s, 'xxxxyyyz', VECTOR.requestTime],
		['another RequestTime', (s: string) => s, VECTOR.token, '1669872113'],
		['one digit changed', (s: string) => `${s.slice(0, 63)}${s[63] === '0' ? '1' : '0'}`, VECTOR.token, VECTOR.requestTime],
		['63 digits', (s: string) => s.slice(0, 63), VECTOR.token, VECTOR.requestTime],
		['65 digits', (s: string) => `${s}0`, VECTOR.token, VECTOR.requestTime],
		['a non-hex character', (s: string) => `${s.slice(0, 63)}g`, VECTOR.token, VECTOR.requestTime],
		['surrounding spaces', (s: string) => ` ${s} `, VECTOR.token, VECTOR.requestTime],
		['empty', () => '', VECTOR.token, VECTOR.requestTime],
		['base64 of the digest', () => Buffer.from(VECTOR.sign, 'hex').toString('base64'), VECTOR.token, VECTOR.requestTime],
	])('refuses %s', (_label, mutate, token, requestTime) => {
		expect(isValidCallbackSign(token, requestTime, mutate(VECTOR.sign))).toBe(false);
	});

	it.each([[undefined], [null], [123], [[VECTOR.sign]], [{ sign: VECTOR.sign }]])('refuses a Sign that is not a string: %p', (value) => {
		expect(isValidCallbackSign(VECTOR.token, VECTOR.requestTime, value)).toBe(false);
	});

	it('compares with crypto.timingSafeEqual on buffers of equal length, and never for a malformed Sign', () => {
		const spy = jest.spyOn(cryptoModule, 'timingSafeEqual');
		try {
			isValidCallbackSign(VECTOR.token, VECTOR.requestTime, VECTOR.sign);
			isValidCallbackSign('other', VECTOR.requestTime, VECTOR.sign);
			expect(spy).toHaveBeenCalledTimes(2);
			for (const [a, b] of spy.mock.calls) expect((a as Buffer).length).toBe((b as Buffer).length);
			spy.mockClear();
			isValidCallbackSign(VECTOR.token, VECTOR.requestTime, VECTOR.sign.slice(1));
			isValidCallbackSign(VECTOR.token, VECTOR.requestTime, 'z'.repeat(64));
			expect(spy).not.toHaveBeenCalled();
		} finally {
			spy.mockRestore();
		}
	});
});

describe('readQueryParameter', () => {
	it('reads names case-insensitively', () => {
		for (const name of ['SdkAppid', 'SdkAppId', 'sdkappid', 'SDKAPPID']) {
			expect(readQueryParameter({ [name]: '1400000001' }, 'SdkAppid')).toBe('1400000001');
		}
	});

	it('takes the first listed name that is present (CallbackCommand before WebhookCommand)', () => {
		expect(readQueryParameter({ WebhookCommand: 'B' }, 'CallbackCommand', 'WebhookCommand')).toBe('B');
		expect(readQueryParameter({ webhookcommand: 'B', callbackcommand: 'A' }, 'CallbackCommand', 'WebhookCommand')).toBe('A');
		expect(readQueryParameter({}, 'CallbackCommand', 'WebhookCommand')).toBeUndefined();
	});

	it('reads a repeated or doubly spelled name as absent, so no forged copy can win', () => {
		expect(readQueryParameter({ Sign: ['a', 'b'] }, 'Sign')).toBeUndefined();
		expect(readQueryParameter({ Sign: 'a', sign: 'b' }, 'Sign')).toBeUndefined();
		expect(readQueryParameter({ Sign: { nested: 'a' } }, 'Sign')).toBeUndefined();
	});
});

describe('isWithinClockWindow', () => {
	it('accepts up to 60 s either way and refuses 61 s', () => {
		const t = T / 1000;
		expect(isWithinClockWindow(t, T, 60)).toBe(true);
		expect(isWithinClockWindow(t - 60, T, 60)).toBe(true);
		expect(isWithinClockWindow(t + 60, T, 60)).toBe(true);
		expect(isWithinClockWindow(t - 61, T, 60)).toBe(false);
		expect(isWithinClockWindow(t + 61, T, 60)).toBe(false);
		expect(isWithinClockWindow(t - 60, T + 1, 60)).toBe(false);
	});

	it('refuses non-finite values', () => {
		expect(isWithinClockWindow(Number.NaN, T, 60)).toBe(false);
		expect(isWithinClockWindow(T / 1000, Number.POSITIVE_INFINITY, 60)).toBe(false);
	});
});

describe('verifyCallback', () => {
	it('accepts the documented vector with the credential\'s SdkAppid, within the window', () => {
		expect(verifyCallback(input(signedQuery()))).toEqual({ ok: true });
		expect(verifyCallback(input(signedQuery(), { nowMs: T + 60_000 }))).toEqual({ ok: true });
		expect(verifyCallback(input(signedQuery(), { nowMs: T - 60_000 }))).toEqual({ ok: true });
	});

	it.each([
		['missing Sign', { Sign: undefined }, 'signMissing'],
		['empty Sign', { Sign: '' }, 'signMissing'],
		['a repeated Sign', { Sign: [VECTOR.sign, VECTOR.sign] }, 'signMissing'],
		['a Sign of the wrong length', { Sign: VECTOR.sign.slice(2) }, 'signMalformed'],
		['a non-hex Sign', { Sign: `${VECTOR.sign.slice(0, 60)}wxyz` }, 'signMalformed'],
		['missing RequestTime', { RequestTime: undefined }, 'requestTimeMissing'],
		['RequestTime in milliseconds-with-dot', { RequestTime: '1669872112.5' }, 'requestTimeMalformed'],
		['a negative RequestTime', { RequestTime: '-1669872112' }, 'requestTimeMalformed'],
		['a Sign made with another token', { Sign: computeCallbackSign('another-token', VECTOR.requestTime) }, 'signMismatch'],
		['a Sign for another RequestTime', { RequestTime: '1669872113' }, 'signMismatch'],
		['another SdkAppid', { SdkAppid: '1400000002' }, 'sdkAppIdMismatch'],
		['a missing SdkAppid', { SdkAppid: undefined }, 'sdkAppIdMismatch'],
		['a non-numeric SdkAppid', { SdkAppid: '1400000001abc' }, 'sdkAppIdMismatch'],
	])('refuses %s', (_label, change, reason) => {
		const query = signedQuery(change);
		for (const [key, value] of Object.entries(query)) if (value === undefined) delete query[key];
		expect(verifyCallback(input(query))).toEqual({ ok: false, reason });
	});

	it('refuses a RequestTime 61 s in the past or in the future', () => {
		expect(verifyCallback(input(signedQuery(), { nowMs: T + 61_000 }))).toEqual({ ok: false, reason: 'requestTimeOutOfWindow' });
		expect(verifyCallback(input(signedQuery(), { nowMs: T - 61_000 }))).toEqual({ ok: false, reason: 'requestTimeOutOfWindow' });
	});

	it('uses the configured skew', () => {
		expect(verifyCallback(input(signedQuery(), { nowMs: T + 90_000, maxClockSkewSeconds: 120 })).ok).toBe(true);
		expect(verifyCallback(input(signedQuery(), { nowMs: T + 11_000, maxClockSkewSeconds: 10 })).ok).toBe(false);
	});

	it('reads SdkAppId, Sign and RequestTime in any spelling', () => {
		const query = { sdkappid: String(APP), requesttime: VECTOR.requestTime, SIGN: VECTOR.sign };
		expect(verifyCallback(input(query))).toEqual({ ok: true });
		expect(verifyCallback(input({ SdkAppId: String(APP), RequestTime: VECTOR.requestTime, sign: VECTOR.sign }))).toEqual({ ok: true });
	});

	describe('without a token', () => {
		const unsigned = { SdkAppid: String(APP), CallbackCommand: 'Group.CallbackAfterSendMsg' };

		it('refuses everything unless unsigned callbacks are allowed', () => {
			expect(verifyCallback(input(unsigned, { token: '' }))).toEqual({ ok: false, reason: 'unsignedNotAllowed' });
			expect(verifyCallback(input(signedQuery(), { token: '' }))).toEqual({ ok: false, reason: 'unsignedNotAllowed' });
		});

		it('accepts unsigned callbacks when allowed, and still checks the SdkAppid', () => {
			expect(verifyCallback(input(unsigned, { token: '', allowUnsigned: true }))).toEqual({ ok: true });
			expect(verifyCallback(input({ ...unsigned, SdkAppid: '1400000002' }, { token: '', allowUnsigned: true }))).toEqual({
				ok: false,
				reason: 'sdkAppIdMismatch',
			});
		});

		it('still requires the Sign once a token is set, whatever allowUnsigned says', () => {
			expect(verifyCallback(input(unsigned, { allowUnsigned: true }))).toEqual({ ok: false, reason: 'signMissing' });
		});
	});
});

describe('callback commands offered in Events', () => {
	const DOCUMENTED = [
		'Room.CallbackAfterCreateRoom',
		'Room.CallbackAfterDestroyRoom',
		'Room.CallbackAfterUpdateRoomInfo',
		'Room.CallbackAfterMemberEnter',
		'Room.CallbackAfterMemberLeave',
		'Live.CallbackAfterCreateRoom',
		'Live.CallbackAfterDestroyRoom',
		'Live.CallbackAfterUpdateRoomInfo',
		'Live.CallbackAfterMemberStateChanged',
		'Mic.CallbackAfterSeatInfoChanged',
		'Group.CallbackAfterSendMsg',
		'Group.CallbackBeforeSendMsg',
		// tencent-rooms.md §5.4, and the Chat group member callbacks behind a live room
		'Live.CallbackAfterSetMetadata',
		'Live.CallbackAfterDelMetadata',
		'Live.CallbackAfterModifyAdmin',
		'Live.CallbackAfterCreateRoomReachingThreshold',
		'Live.CallbackBeforeSendGift',
		'Group.CallbackAfterNewMemberJoin',
		'Group.CallbackAfterMemberExit',
	];

	it('are exactly the room, live, seat and chat commands Tencent documents, verbatim', () => {
		expect([...CALLBACK_COMMAND_VALUES].sort()).toEqual([...DOCUMENTED].sort());
		expect(CALLBACK_COMMANDS).toHaveLength(DOCUMENTED.length);
	});

	it('are listed by name alphabetically, each with a description naming its command', () => {
		const names = CALLBACK_COMMANDS.map((command) => command.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
		expect(new Set(names).size).toBe(names.length);
		for (const command of CALLBACK_COMMANDS) expect(command.description).toContain(command.value);
	});
});
