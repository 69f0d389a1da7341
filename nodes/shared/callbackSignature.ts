import { createHash, timingSafeEqual } from 'crypto';

/**
 * Verifies the callbacks Tencent POSTs to the trigger. Pure: the clock and every input are
 * arguments, so tests pin them.
 *
 * With a callback token enabled, Tencent adds `Sign` and `RequestTime` to the query, where
 * `Sign = lowercase hex SHA-256(token + RequestTime)` (no separator) and RequestTime is in
 * seconds. The Sign covers neither the body nor the other query parameters: it proves the
 * sender knows the token and bounds replays to the clock window, nothing more.
 */

export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 60;
export const MAX_CLOCK_SKEW_SECONDS_LIMIT = 300;

const SIGN_FORMAT = /^[0-9a-fA-F]{64}$/;
const DIGITS = /^\d{1,12}$/;

/** Tencent's Sign for a token and a RequestTime (the query value, as sent). */
export function computeCallbackSign(token: string, requestTime: string | number): string {
	return createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex');
}

/**
 * True when `received` is the Sign for this token and RequestTime. The comparison takes
 * the same time wherever the strings differ; anything that is not 64 hex digits is false
 * before any comparison.
 */
export function isValidCallbackSign(token: string, requestTime: string, received: unknown): boolean {
	if (typeof received !== 'string' || !SIGN_FORMAT.test(received)) return false;
	const expected = Buffer.from(computeCallbackSign(token, requestTime), 'utf8');
	const actual = Buffer.from(received.toLowerCase(), 'utf8');
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A query as express parses it: repeated names give arrays. */
export type CallbackQuery = Record<string, unknown>;

/**
 * The value of the first listed name present in the query, compared case-insensitively
 * (Tencent's pages spell `SdkAppid`, `SdkAppId`, `CallbackCommand`, `WebhookCommand`).
 * A name given twice, or given in two spellings, is ambiguous and reads as absent, so a
 * forged second copy can never win over the signed one.
 */
export function readQueryParameter(query: CallbackQuery, ...names: string[]): string | undefined {
	for (const name of names) {
		const wanted = name.toLowerCase();
		const matches = Object.keys(query).filter((key) => key.toLowerCase() === wanted);
		if (matches.length === 0) continue;
		if (matches.length > 1) return undefined;
		const value = query[matches[0]];
		return typeof value === 'string' ? value : undefined;
	}
	return undefined;
}

export type CallbackRejection =
	| 'unsignedNotAllowed'
	| 'sdkAppIdMismatch'
	| 'signMissing'
	| 'signMalformed'
	| 'signMismatch'
	| 'requestTimeMissing'
	| 'requestTimeMalformed'
	| 'requestTimeOutOfWindow';

/** For logs: why a callback was refused, without any value from the request. */
export const CALLBACK_REJECTION_REASONS: Readonly<Record<CallbackRejection, string>> = {
	unsignedNotAllowed:
		'the credential has no Callback Token and "Allow Unsigned Callbacks" is off',
	sdkAppIdMismatch: 'SdkAppid is missing or is not the credential\'s SDKAppID',
	signMissing: 'the Sign query parameter is missing',
	signMalformed: 'Sign is not 64 hexadecimal digits',
	signMismatch: 'Sign does not match the Callback Token',
	requestTimeMissing: 'the RequestTime query parameter is missing',
	requestTimeMalformed: 'RequestTime is not a number of seconds',
	requestTimeOutOfWindow: 'RequestTime is too far from this server\'s clock',
};

export interface CallbackVerificationInput {
	query: CallbackQuery;
	/** The credential's SDKAppID. */
	sdkAppId: number;
	/** The credential's callback token; empty when none is set. */
	token: string;
	/** Accept callbacks without Sign when no token is set. */
	allowUnsigned: boolean;
	nowMs: number;
	maxClockSkewSeconds: number;
}

export type CallbackVerdict = { ok: true } | { ok: false; reason: CallbackRejection };

/**
 * Fails closed: without a token only an explicit allowUnsigned lets a callback through,
 * and the SdkAppid is checked in both modes. A token, once set, is always required.
 */
export function verifyCallback(input: CallbackVerificationInput): CallbackVerdict {
	const { query } = input;
	if (!input.token && !input.allowUnsigned) return { ok: false, reason: 'unsignedNotAllowed' };

	if (input.token) {
		const sign = readQueryParameter(query, 'Sign');
		if (sign === undefined || sign === '') return { ok: false, reason: 'signMissing' };
		if (!SIGN_FORMAT.test(sign)) return { ok: false, reason: 'signMalformed' };
		const requestTime = readQueryParameter(query, 'RequestTime');
		if (requestTime === undefined || requestTime === '') return { ok: false, reason: 'requestTimeMissing' };
		if (!DIGITS.test(requestTime)) return { ok: false, reason: 'requestTimeMalformed' };
		if (!isValidCallbackSign(input.token, requestTime, sign)) return { ok: false, reason: 'signMismatch' };
		if (!isWithinClockWindow(Number(requestTime), input.nowMs, input.maxClockSkewSeconds)) {
			return { ok: false, reason: 'requestTimeOutOfWindow' };
		}
	}

	const sdkAppId = readQueryParameter(query, 'SdkAppid');
	if (sdkAppId === undefined || !DIGITS.test(sdkAppId) || Number(sdkAppId) !== input.sdkAppId) {
		return { ok: false, reason: 'sdkAppIdMismatch' };
	}
	return { ok: true };
}

/** |now − requestTime| ≤ maxSkew, in seconds; the boundary itself is accepted. */
export function isWithinClockWindow(requestTimeSeconds: number, nowMs: number, maxClockSkewSeconds: number): boolean {
	if (!Number.isFinite(requestTimeSeconds) || !Number.isFinite(nowMs)) return false;
	return Math.abs(nowMs - requestTimeSeconds * 1000) <= maxClockSkewSeconds * 1000;
}
