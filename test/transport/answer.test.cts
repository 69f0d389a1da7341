/** The pure reading of what came back for one request: answers and network errors. */
import { makeScrub, readAnswer, readNetworkError } from '../../nodes/TencentRoom/transport/answer';

const scrub = makeScrub(['the-secret-key']);

/** How n8n hands the error on: its own NodeApiError around axios's error around Node's. */
function wrapped(code: string, message = 'request failed'): Error {
	const nodeError = Object.assign(new Error(message), { code });
	const axiosError = Object.assign(new Error(message), { code: 'ERR_SOMETHING_AXIOS', cause: nodeError });
	return Object.assign(new Error('The connection failed'), { cause: axiosError });
}

describe('readNetworkError', () => {
	it.each([
		'DEPTH_ZERO_SELF_SIGNED_CERT',
		'SELF_SIGNED_CERT_IN_CHAIN',
		'CERT_HAS_EXPIRED',
		'CERT_NOT_YET_VALID',
		'ERR_TLS_CERT_ALTNAME_INVALID',
		'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
		'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
		'ERR_SSL_WRONG_VERSION_NUMBER',
		'EPROTO',
	])('%s: a certificate or TLS failure, final, nothing sent, nothing to wait for', (code) => {
		expect(readNetworkError(wrapped(code))).toMatchObject({ name: 'TLS certificate refused', retry: 'final', mayStillLand: false, errorInfo: code });
	});

	it.each([
		['ECONNRESET', 'connection reset', 'ambiguous', true],
		['ECONNABORTED', 'timeout', 'ambiguous', true],
		['ECONNREFUSED', 'connection refused', 'safe', false],
		['ENOTFOUND', 'host not found', 'final', false],
		['ERR_INVALID_URL', 'request not sent', 'final', false],
		['ERR_SOMETHING_NEW', 'network error', 'ambiguous', true],
	])('%s → %s (%s)', (code, name, retry, mayStillLand) => {
		expect(readNetworkError(wrapped(code))).toMatchObject({ name, retry, mayStillLand });
	});

	it('an error nobody recognises is not called a connection reset, and names its code', () => {
		expect(readNetworkError(wrapped('ERR_SOMETHING_NEW'))).toMatchObject({ name: 'network error', errorInfo: 'ERR_SOMETHING_AXIOS' });
		expect(readNetworkError(new Error('?'))).toMatchObject({ name: 'network error', errorInfo: 'no error code' });
	});

	it('never copies the message, which can hold the signed URL', () => {
		const failed = readNetworkError(wrapped('ERR_SOMETHING_NEW', 'GET https://x/v4/a?usersig=abc&identifier=admin failed'));
		expect(JSON.stringify(failed)).not.toMatch(/usersig|identifier/);
	});
});

describe('readAnswer', () => {
	it('success only for ActionStatus "OK" with the number 0', () => {
		expect(readAnswer(200, '{"ActionStatus":"OK","ErrorCode":0,"RequestId":"Id-1"}', scrub)).toMatchObject({ ok: true });
		for (const code of [null, '', '0', false]) {
			const outcome = readAnswer(200, JSON.stringify({ ActionStatus: 'OK', ErrorCode: code, RequestId: 'Id-2' }), scrub);
			expect(outcome).toMatchObject({ ok: false, failed: { name: 'unexpected response', errorCode: null, requestId: 'Id-2' } });
		}
	});

	it('a refusal without a numeric code is an unexpected response, not "unknown Tencent error (0)"', () => {
		for (const code of [undefined, null, '', 0, 'abc', 1.5]) {
			const outcome = readAnswer(200, JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: code }), scrub);
			expect(outcome).toMatchObject({ ok: false, failed: { name: 'unexpected response', errorCode: null } });
		}
	});

	it('a refusal reads the table, and knows which codes Tencent may still apply and which mean "slow down"', () => {
		const answer = (code: number) => readAnswer(200, JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: code, ErrorInfo: 'x' }), scrub);
		expect(answer(100004)).toMatchObject({ ok: false, failed: { errorCode: 100004, name: 'room not found', retry: 'final', mayStillLand: false } });
		expect(answer(60008)).toMatchObject({ ok: false, failed: { retry: 'ambiguous', mayStillLand: true } });
		expect(answer(100001)).toMatchObject({ ok: false, failed: { retry: 'ambiguous', mayStillLand: false } });
		expect(answer(60018)).toMatchObject({ ok: false, failed: { retry: 'safe', rateLimited: true } });
	});

	it('hides secrets and UserSig-like text that a gateway echoes', () => {
		const echoed = JSON.stringify({ ActionStatus: 'FAIL', ErrorCode: 60002, ErrorInfo: `bad url usersig=${'A'.repeat(150)} key the-secret-key` });
		const outcome = readAnswer(200, echoed, scrub);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.failed.errorInfo).toBe('bad url usersig=[hidden] key [hidden]');
	});
});
