import {
	TENCENT_ERRORS,
	TENCENT_RATE_LIMIT_CODES,
	classifyTransportFailure,
	failureHint,
	isRetryable,
	lookupTencentError,
	type RetryClass,
	type TransportFailureKind,
} from '../../nodes/shared/errorTable';

// Every code in /work/shared/reference/tencent-rest.md "Error codes", with the retry class the
// document gives it (no → final; back off → safe; sign again → resign; ambiguous → ambiguous).
const EXPECTED: ReadonlyArray<[number, RetryClass]> = [
	// common
	[60002, 'final'], [60003, 'final'], [60004, 'final'], [60005, 'final'], [60006, 'final'],
	[60007, 'safe'], [60008, 'ambiguous'], [60009, 'final'], [60010, 'final'], [60011, 'safe'],
	[60012, 'final'], [60015, 'final'], [60016, 'final'], [60017, 'final'], [60018, 'safe'],
	[60019, 'safe'], [60020, 'final'], [60021, 'final'],
	[70001, 'resign'], [70002, 'final'], [70003, 'final'], [70005, 'final'], [70009, 'final'],
	[70013, 'final'], [70014, 'final'], [70016, 'final'], [70020, 'final'], [70052, 'resign'],
	[70169, 'ambiguous'], [70500, 'ambiguous'],
	// Room Engine
	[100001, 'ambiguous'], [100002, 'final'], [100003, 'final'], [100004, 'final'], [100005, 'final'],
	[100006, 'final'], [100007, 'final'], [100008, 'final'], [100010, 'final'],
	[100011, 'final'], [100012, 'safe'], // a frequency limit: nothing was created
	[100016, 'final'], [100017, 'final'], [100020, 'final'], [100026, 'final'], [100200, 'final'],
	[100201, 'final'], [100203, 'final'], [100205, 'final'], [100206, 'final'], [100210, 'final'],
	[100211, 'final'], [100300, 'final'], [100301, 'final'], [100302, 'final'], [100500, 'final'], [100501, 'final'], [100502, 'final'],
	// Chat messages
	[80001, 'final'], [80002, 'final'],
	// AVChatRoom get_members
	[10001, 'final'], [10002, 'ambiguous'], [10003, 'final'], [10004, 'final'], [10006, 'safe'], [10007, 'final'],
	[10010, 'final'], [10015, 'final'],
];

describe('TENCENT_ERRORS', () => {
	it.each(EXPECTED)('%i is present with retry class %s', (code, retry) => {
		const entry = TENCENT_ERRORS.get(code);
		expect(entry).toBeDefined();
		expect(entry?.code).toBe(code);
		expect(entry?.retry).toBe(retry);
	});

	it('holds exactly the documented codes, no more', () => {
		expect([...TENCENT_ERRORS.keys()].sort((a, b) => a - b)).toEqual(
			EXPECTED.map(([code]) => code).sort((a, b) => a - b),
		);
	});

	it('gives every code a short name and short advice', () => {
		for (const entry of TENCENT_ERRORS.values()) {
			expect(entry.name.length).toBeGreaterThan(0);
			expect(entry.name.length).toBeLessThanOrEqual(40);
			expect(entry.advice).toMatch(/^[A-Z].*\.$/);
			expect(entry.advice.length).toBeLessThanOrEqual(200);
		}
	});

	it('uses the agreed wording for the codes users meet most', () => {
		expect(lookupTencentError(70001)).toMatchObject({
			name: 'UserSig expired',
			advice: 'The UserSig expired: the node signs a new one and tries again.',
		});
		expect(lookupTencentError(60006).advice).toBe(
			'Check the Region in the credential: the SDKAppID belongs to another regional host.',
		);
		expect(lookupTencentError(60010).advice).toBe(
			'Use an App administrator account as Identifier (Chat console → App administrator).',
		);
		expect(lookupTencentError(70009).advice).toBe('The Secret Key does not belong to this SDKAppID.');
		expect(lookupTencentError(100200)).toMatchObject({
			name: 'seat locked',
			advice: 'Unlock the seat first or pick another seat.',
		});
		expect(lookupTencentError(100210).advice).toBe('Use policy Force Move or Exchange, or pick an empty seat.');
		expect(lookupTencentError(100206).advice).toMatch(/^Only users already on a seat can be moved; /);
	});

	it('entries cannot be changed by a caller', () => {
		const entry = lookupTencentError(100200);
		expect(Object.isFrozen(entry)).toBe(true);
	});

	it('lists the rate-limit codes, all of them safe', () => {
		expect([...TENCENT_RATE_LIMIT_CODES].sort((a, b) => a - b)).toEqual([10006, 60007, 60011, 60018, 60019]);
		for (const code of TENCENT_RATE_LIMIT_CODES) expect(lookupTencentError(code).retry).toBe('safe');
	});
});

describe('lookupTencentError', () => {
	it('returns the table entry for a known code', () => {
		expect(lookupTencentError(100004)).toBe(TENCENT_ERRORS.get(100004));
	});

	it.each([0, 12345, 99999, -1, 100202])('falls back to a generic final entry for unknown code %i', (code) => {
		const entry = lookupTencentError(code);
		expect(entry).toEqual({
			code,
			name: 'unknown Tencent error',
			advice: expect.stringContaining('error code page'),
			retry: 'final',
		});
	});
});

describe('classifyTransportFailure', () => {
	it.each<[TransportFailureKind, number | undefined, RetryClass]>([
		['httpStatus', 429, 'safe'],
		['httpStatus', 500, 'ambiguous'],
		['httpStatus', 502, 'ambiguous'],
		['httpStatus', 503, 'ambiguous'],
		['httpStatus', 504, 'ambiguous'],
		['httpStatus', 599, 'ambiguous'],
		['httpStatus', 400, 'final'],
		['httpStatus', 401, 'final'],
		['httpStatus', 403, 'final'],
		['httpStatus', 404, 'final'],
		['httpStatus', 499, 'final'],
		['httpStatus', 301, 'final'],
		['httpStatus', undefined, 'ambiguous'],
		['timeout', undefined, 'ambiguous'],
		['connectionReset', undefined, 'ambiguous'],
		['connectionRefused', undefined, 'safe'],
		['dnsFailure', undefined, 'final'],
		['invalidResponse', undefined, 'ambiguous'],
		['invalidResponse', 200, 'ambiguous'],
		['unexpectedResponse', 200, 'ambiguous'],
		['networkError', undefined, 'ambiguous'],
		['tlsFailure', undefined, 'final'],
		['notSent', undefined, 'final'],
	])('%s %s → %s', (kind, status, retry) => {
		const result = classifyTransportFailure(kind, status);
		expect(result.retry).toBe(retry);
		expect(result.name.length).toBeGreaterThan(0);
		expect(result.advice).toMatch(/\.$/);
	});

	it('says which failures Tencent may still apply later: no answer, a gateway error, not a refusal', () => {
		const late = (kind: TransportFailureKind, status?: number) => classifyTransportFailure(kind, status).mayStillLand;
		expect([late('timeout'), late('connectionReset'), late('networkError'), late('httpStatus', 502)]).toEqual([true, true, true, true]);
		expect([late('connectionRefused'), late('tlsFailure'), late('notSent'), late('dnsFailure'), late('httpStatus', 404)]).toEqual([
			false, false, false, false, false,
		]);
		// Tencent answered (if oddly): it has finished with the call.
		expect([late('invalidResponse', 200), late('unexpectedResponse', 200), late('responseTooLarge')]).toEqual([false, false, false]);
	});

	it('tells a certificate problem apart: nothing was sent, and the Base URL or the gateway certificate is what to fix', () => {
		const tls = classifyTransportFailure('tlsFailure');
		expect(tls.advice).toMatch(/nothing was sent/);
		expect(tls.advice).toMatch(/Base URL/);
		expect(tls.advice).toMatch(/certificate/);
	});

	it('names the HTTP status', () => {
		expect(classifyTransportFailure('httpStatus', 502).name).toContain('502');
		expect(classifyTransportFailure('httpStatus', 404).name).toContain('404');
	});

	it('points a DNS failure at the region / base URL', () => {
		expect(classifyTransportFailure('dnsFailure').advice).toMatch(/Region.*Base URL/);
	});
});

describe('isRetryable', () => {
	it.each<[RetryClass, boolean, boolean]>([
		['safe', true, true],
		['safe', false, true],
		['resign', true, true],
		['resign', false, true],
		['ambiguous', true, true],
		['ambiguous', false, false],
		['final', true, false],
		['final', false, false],
	])('%s, repeat-safe %s → %s', (retry, repeatSafe, expected) => {
		expect(isRetryable({ retry, repeatSafe, resigned: false })).toBe(expected);
	});

	it('an unclear call that is not repeat-safe is retryable once a read showed it was not applied', () => {
		expect(isRetryable({ retry: 'ambiguous', repeatSafe: false, resigned: false, check: { verdict: 'notApplied', reads: 'the seat list' } })).toBe(true);
		expect(isRetryable({ retry: 'ambiguous', repeatSafe: false, resigned: false, check: { verdict: 'unreadable', reads: 'the seat list' } })).toBe(false);
		expect(isRetryable({ retry: 'resign', repeatSafe: true, resigned: true })).toBe(false);
	});
});

describe('failureHint: one function of how the call went', () => {
	const base = { repeatSafe: true, attempts: 1, resigned: false };

	it('a final failure: the advice alone', () => {
		expect(failureHint('Unlock the seat first.', { ...base, retry: 'final' })).toBe('Unlock the seat first.');
	});

	it('an unclear failure of a repeat-safe call: tried N times, safe to run again', () => {
		expect(failureHint('Tencent timed out.', { ...base, retry: 'ambiguous', attempts: 4 })).toBe(
			'Tencent timed out. The node tried 4 times; this call is safe to repeat, so run it again later.',
		);
	});

	it('an unclear failure of a call that must not be repeated: check first', () => {
		expect(failureHint('Tencent timed out.', { ...base, retry: 'ambiguous', repeatSafe: false })).toBe(
			'Tencent timed out. It may or may not have been applied: check the current state before running it again.',
		);
		expect(
			failureHint('Tencent timed out.', { ...base, retry: 'ambiguous', repeatSafe: false, check: { verdict: 'unreadable', reads: 'the seat list' } }),
		).toMatch(/reading the seat list to check failed too/);
		expect(
			failureHint('Tencent timed out.', { ...base, retry: 'ambiguous', repeatSafe: false, attempts: 4, check: { verdict: 'notApplied', reads: 'the seat list' } }),
		).toBe('Tencent timed out. The node tried 4 times; reading the seat list afterwards showed it had not been applied, so running it again is safe.');
	});

	it('nothing done (rate limits, refused connections): tried N times, safe', () => {
		expect(failureHint('Tencent is limiting the request rate.', { ...base, retry: 'safe', attempts: 8 })).toBe(
			'Tencent is limiting the request rate. The node tried 8 times; nothing was applied, so running it again later is safe.',
		);
		expect(failureHint('Could not connect.', { ...base, retry: 'safe' })).toBe('Could not connect. Nothing was applied, so running it again later is safe.');
	});

	it("a fresh UserSig refused too: the server's clock", () => {
		expect(failureHint('The UserSig expired.', { ...base, retry: 'resign', attempts: 2, resigned: true })).toMatch(/clock is probably off/);
	});
});
