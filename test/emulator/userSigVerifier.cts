/**
 * UserSig verification as Tencent's server does it, written from the documented format
 * (not from any signing library), so the emulator checks clients independently.
 */
import { createHmac, timingSafeEqual } from 'crypto';
import { inflateSync } from 'zlib';

import { ErrorCodes } from './errorCodes.cjs';

export interface UserSigCheck {
	userSig: string;
	/** The `sdkappid` and `identifier` of the request's query string. */
	sdkAppId: number;
	identifier: string;
	secretKey: string;
	nowSeconds: number;
}

export type UserSigVerdict = { ok: true } | { ok: false; code: number; info: string };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function fail(code: number, info: string): UserSigVerdict {
	return { ok: false, code, info };
}

/** Tencent's URL-safe alphabet back to standard base64: `*`→`+`, `-`→`/`, `_`→`=`. */
export function unescapeUserSig(userSig: string): string {
	return userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
}

/** Inflates and parses a UserSig; null when it is not a zlib-wrapped JSON object. */
export function decodeUserSig(userSig: string): Record<string, unknown> | null {
	const base64 = unescapeUserSig(userSig);
	// Buffer.from(…, 'base64') silently skips junk and stray characters: decode strictly,
	// accepting only the canonical spelling of the bytes (padding optional).
	if (!BASE64.test(base64)) return null;
	const bytes = Buffer.from(base64, 'base64');
	if (bytes.toString('base64').replace(/=+$/, '') !== base64.replace(/=+$/, '')) return null;
	let json: string;
	try {
		json = inflateSync(bytes).toString('utf8');
	} catch {
		return null;
	}
	try {
		const doc: unknown = JSON.parse(json);
		return doc !== null && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>) : null;
	} catch {
		return null;
	}
}

function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

/** The exact text Tencent signs; `TLS.userbuf` only when the signature carries one. */
export function userSigSignedContent(identifier: string, sdkAppId: number, time: number, expire: number, userBuf?: string): string {
	let content = `TLS.identifier:${identifier}\nTLS.sdkappid:${sdkAppId}\nTLS.time:${time}\nTLS.expire:${expire}\n`;
	if (userBuf !== undefined) content += `TLS.userbuf:${userBuf}\n`;
	return content;
}

export function verifyUserSig(check: UserSigCheck): UserSigVerdict {
	if (check.userSig === '') return fail(ErrorCodes.userSigEmpty, 'usersig is empty');

	const doc = decodeUserSig(check.userSig);
	if (doc === null) return fail(ErrorCodes.userSigTruncated, 'usersig cannot be decoded (base64, zlib or JSON): truncated or damaged');

	const version = doc['TLS.ver'];
	const identifier = doc['TLS.identifier'];
	const sdkAppId = doc['TLS.sdkappid'];
	const time = doc['TLS.time'];
	const expire = doc['TLS.expire'];
	const sig = doc['TLS.sig'];
	const userBuf = doc['TLS.userbuf'];
	if (
		typeof identifier !== 'string' ||
		!isInteger(sdkAppId) ||
		!isInteger(time) ||
		!isInteger(expire) ||
		typeof sig !== 'string' ||
		(userBuf !== undefined && typeof userBuf !== 'string')
	) {
		return fail(ErrorCodes.userSigTruncated, 'usersig lacks TLS.identifier, TLS.sdkappid, TLS.time, TLS.expire or TLS.sig');
	}
	if (version !== '2.0') return fail(ErrorCodes.userSigInvalid, `usersig version ${JSON.stringify(version)} is not 2.0`);
	if (sdkAppId !== check.sdkAppId) {
		return fail(ErrorCodes.userSigSdkAppIdMismatch, `usersig was made for sdkappid ${sdkAppId}, not ${check.sdkAppId}`);
	}
	if (identifier !== check.identifier) {
		return fail(ErrorCodes.userSigIdentifierMismatch, 'usersig was made for another identifier');
	}
	if (check.nowSeconds > time + expire) {
		return fail(ErrorCodes.userSigExpired, `usersig expired at ${time + expire}, now ${check.nowSeconds}`);
	}

	const expected = createHmac('sha256', check.secretKey)
		.update(userSigSignedContent(identifier, sdkAppId, time, expire, userBuf as string | undefined))
		.digest('base64');
	// Compare the text, as Tencent does: a differently spelled base64 is a different signature.
	const given = Buffer.from(sig, 'utf8');
	const wanted = Buffer.from(expected, 'utf8');
	if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) {
		return fail(ErrorCodes.userSigWrongKey, 'usersig signature does not match: made with another secret key');
	}
	return { ok: true };
}
