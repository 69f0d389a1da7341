import type { IDataObject } from 'n8n-workflow';

import {
	classifyTransportFailure,
	lookupTencentError,
	TENCENT_RATE_LIMIT_CODES,
	TENCENT_TIMEOUT_CODES,
	type FailureClass,
	type TransportFailureKind,
} from '../../shared/errorTable';

/**
 * Reads what came back for one request: Tencent's answer (HTTP status and body) or the network
 * error, into a reply or a failed attempt. Pure: no requests, no n8n runtime.
 */

/** A successful answer: ActionStatus "OK" and ErrorCode 0. */
export interface TencentReply extends IDataObject {
	ActionStatus: 'OK';
	ErrorCode: 0;
	RequestId?: string;
	Response?: IDataObject;
}

/** One request that did not succeed, with everything a message and the retry decision need. */
export interface FailedAttempt extends FailureClass {
	/** Tencent's ErrorCode; null when Tencent gave none. */
	errorCode: number | null;
	errorInfo: string;
	requestId: string | null;
	httpStatus: number | null;
	rateLimited: boolean;
}

export type AttemptOutcome = { ok: true; reply: TencentReply } | { ok: false; failed: FailedAttempt };

/**
 * Tencent's largest answer (500 online members with nicknames and avatars) is a few hundred KB.
 * n8n's HTTP helper has no size cap, so the body is read as text and anything larger than this
 * is refused before it is parsed.
 */
export const MAX_ANSWER_CHARS = 4 * 1024 * 1024;
/** Tencent's ErrorInfo and RequestId are short; longer text is cut so messages stay readable. */
const MAX_ERROR_INFO_CHARS = 300;
const MAX_REQUEST_ID_CHARS = 120;

/** Text from the answer, cut to `max` characters, with anything secret-looking hidden. */
export type Scrub = (text: string, max: number) => string;

/** Runs of 100+ base64-like characters: a UserSig (about 200) or something like it, never Tencent's own text. */
const LONG_TOKEN = /[A-Za-z0-9*_\-+/=]{100,}/g;
const USERSIG_PARAMETER = /(usersig=)[^&\s"'<>]*/gi;
/** Short text of letters, digits and dashes (Tencent's RequestIds): no room for a UserSig or a query. */
const PLAIN_SHORT_TEXT = /^[A-Za-z0-9-]{0,99}$/;

/**
 * Hides the given secrets and anything UserSig-like in text that reaches messages, in case a
 * gateway echoes the request's query string back.
 */
export function makeScrub(secrets: readonly string[]): Scrub {
	const hidden = secrets.filter((secret) => secret.length >= 4);
	return (text, max) => {
		if (text.length <= max && PLAIN_SHORT_TEXT.test(text) && !hidden.some((secret) => text.includes(secret))) return text;
		let clean = text.length > max * 4 ? text.slice(0, max * 4) : text;
		for (const secret of hidden) clean = clean.split(secret).join('[hidden]');
		clean = clean.replace(USERSIG_PARAMETER, '$1[hidden]').replace(LONG_TOKEN, '[hidden]');
		return clean.length > max ? `${clean.slice(0, max)}…` : clean;
	};
}

function failure(kind: TransportFailureKind, errorInfo: string, extra: Partial<FailedAttempt> = {}): FailedAttempt {
	const httpStatus = extra.httpStatus ?? null;
	return {
		...classifyTransportFailure(kind, httpStatus ?? undefined),
		errorCode: null,
		errorInfo,
		requestId: null,
		httpStatus,
		rateLimited: kind === 'httpStatus' && httpStatus === 429,
		...extra,
	};
}

function parseObject(body: unknown): Record<string, unknown> | undefined {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** Only ActionStatus "OK" with the number 0 is success; FAIL needs a whole-number ErrorCode. */
export function readAnswer(statusCode: number, rawBody: unknown, scrub: Scrub): AttemptOutcome {
	if (typeof rawBody === 'string' && rawBody.length > MAX_ANSWER_CHARS) {
		const size = `answer of ${Math.round(rawBody.length / 1024)} KB (HTTP ${statusCode}), more than the ${MAX_ANSWER_CHARS / 1024} KB accepted`;
		return { ok: false, failed: failure('responseTooLarge', size, { httpStatus: statusCode }) };
	}
	if (statusCode !== 200) return { ok: false, failed: failure('httpStatus', `HTTP ${statusCode}`, { httpStatus: statusCode }) };
	const body = parseObject(rawBody);
	if (!body) return { ok: false, failed: failure('invalidResponse', 'response is not a JSON object', { httpStatus: 200 }) };

	const requestId = typeof body.RequestId === 'string' ? scrub(body.RequestId, MAX_REQUEST_ID_CHARS) : null;
	const status = body.ActionStatus;
	// A refusal's code sent as digits is still that code; success needs the number 0 itself.
	const code = status === 'FAIL' && typeof body.ErrorCode === 'string' && /^[1-9]\d{0,9}$/.test(body.ErrorCode) ? Number(body.ErrorCode) : body.ErrorCode;
	if (status === 'OK' && code === 0) {
		// The body was parsed here, so it is ours to change: only a text RequestId goes on to items.
		if (requestId === null) delete body.RequestId;
		else body.RequestId = requestId;
		return { ok: true, reply: body as TencentReply };
	}
	if (status !== 'FAIL' || typeof code !== 'number' || !Number.isInteger(code) || code === 0) {
		const shape = scrub(`ActionStatus ${JSON.stringify(status) ?? 'missing'} with ErrorCode ${JSON.stringify(code) ?? 'missing'}`, MAX_ERROR_INFO_CHARS);
		return { ok: false, failed: failure('unexpectedResponse', shape, { httpStatus: 200, requestId }) };
	}
	const entry = lookupTencentError(code);
	return {
		ok: false,
		failed: {
			errorCode: code,
			errorInfo: typeof body.ErrorInfo === 'string' ? scrub(body.ErrorInfo, MAX_ERROR_INFO_CHARS) : '',
			requestId,
			httpStatus: 200,
			retry: entry.retry,
			name: entry.name,
			advice: entry.advice,
			mayStillLand: TENCENT_TIMEOUT_CODES.has(code),
			rateLimited: TENCENT_RATE_LIMIT_CODES.has(code),
		},
	};
}

/** Node.js, undici and axios error codes, looked for on the error and its causes. */
const KIND_BY_CODE: Readonly<Record<string, TransportFailureKind>> = {
	ECONNABORTED: 'timeout',
	ETIMEDOUT: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	UND_ERR_BODY_TIMEOUT: 'timeout',
	ECONNRESET: 'connectionReset',
	EPIPE: 'connectionReset',
	UND_ERR_SOCKET: 'connectionReset',
	ERR_BAD_RESPONSE: 'invalidResponse',
	ECONNREFUSED: 'connectionRefused',
	EHOSTUNREACH: 'connectionRefused',
	ENETUNREACH: 'connectionRefused',
	ENOTFOUND: 'dnsFailure',
	EAI_AGAIN: 'dnsFailure',
	// Bodies too large for one string or buffer (hundreds of MB).
	ERR_STRING_TOO_LONG: 'responseTooLarge',
	ERR_BUFFER_TOO_LARGE: 'responseTooLarge',
	// Certificates refused during the TLS handshake, before any request was sent.
	CERT_HAS_EXPIRED: 'tlsFailure',
	CERT_NOT_YET_VALID: 'tlsFailure',
	CERT_REVOKED: 'tlsFailure',
	CERT_UNTRUSTED: 'tlsFailure',
	CERT_REJECTED: 'tlsFailure',
	CERT_SIGNATURE_FAILURE: 'tlsFailure',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'tlsFailure',
	SELF_SIGNED_CERT_IN_CHAIN: 'tlsFailure',
	UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'tlsFailure',
	UNABLE_TO_GET_ISSUER_CERT: 'tlsFailure',
	UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'tlsFailure',
	INVALID_CA: 'tlsFailure',
	HOSTNAME_MISMATCH: 'tlsFailure',
	EPROTO: 'tlsFailure',
	// Requests Node.js refused to build: nothing left the machine.
	ERR_INVALID_URL: 'notSent',
	ERR_INVALID_CHAR: 'notSent',
	ERR_INVALID_HTTP_TOKEN: 'notSent',
	ERR_INVALID_PROTOCOL: 'notSent',
	ERR_UNESCAPED_CHARACTERS: 'notSent',
};

const ERROR_CODE_FORMAT = /^[A-Z][A-Z0-9_]{1,60}$/;

function kindOfCode(code: string): TransportFailureKind | undefined {
	return KIND_BY_CODE[code] ?? (/^ERR_(SSL|TLS)_/.test(code) ? 'tlsFailure' : undefined);
}

/**
 * The kind of a failure without an answer. n8n wraps the HTTP client's error, so the codes are
 * looked for along the chain of causes; only the code (never the message, which can hold the
 * signed URL) reaches the failure.
 */
export function readNetworkError(error: unknown): FailedAttempt {
	const chain: Array<{ code?: unknown; message?: unknown }> = [];
	for (let current = error; current && typeof current === 'object' && !chain.includes(current); current = (current as { cause?: unknown }).cause) {
		chain.push(current as { code?: unknown; message?: unknown });
	}
	// Codes first, anywhere along the chain: they are exact, the messages are guesses.
	const codes = chain.map(({ code }) => code).filter((code): code is string => typeof code === 'string' && ERROR_CODE_FORMAT.test(code));
	for (const code of codes) {
		const kind = kindOfCode(code);
		if (kind) return failure(kind, code);
	}
	for (const { message } of chain) {
		if (typeof message !== 'string') continue;
		if (/maxContentLength|string longer than/i.test(message)) return failure('responseTooLarge', 'responseTooLarge');
		if (/timeout/i.test(message)) return failure('timeout', 'timeout');
		if (/socket hang up/i.test(message)) return failure('connectionReset', 'socket hang up');
		if (/certificate|self[- ]signed/i.test(message)) return failure('tlsFailure', 'certificate');
	}
	return failure('networkError', codes[0] ?? 'no error code');
}
