import { createHash, createHmac } from 'crypto';

import { zlibStored } from './zlibStored';

/** TLSSigAPIv2 UserSig, as Tencent documents it (see README "How requests are signed"). */

export interface UserSigInput {
	sdkAppId: number;
	identifier: string;
	secretKey: string;
	/** Lifetime in seconds. */
	expireSeconds: number;
	/** Signing time in milliseconds since the epoch. */
	nowMs: number;
}

/** The HMAC-SHA256 over Tencent's exact five-line content, standard base64. */
export function computeTlsSig(
	sdkAppId: number,
	identifier: string,
	secretKey: string,
	timeSeconds: number,
	expireSeconds: number,
): string {
	const content =
		`TLS.identifier:${identifier}\n` +
		`TLS.sdkappid:${sdkAppId}\n` +
		`TLS.time:${timeSeconds}\n` +
		`TLS.expire:${expireSeconds}\n`;
	return createHmac('sha256', secretKey).update(content, 'utf8').digest('base64');
}

/** Base64 with Tencent's URL-safe substitutions: + → *, / → -, = → _. */
export function base64UrlTencent(bytes: Uint8Array): string {
	return Buffer.from(bytes).toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

export function createUserSig(input: UserSigInput): string {
	const timeSeconds = Math.floor(input.nowMs / 1000);
	// Key order and number types follow Tencent's libraries; the server parses JSON, so only types matter.
	const document = JSON.stringify({
		'TLS.ver': '2.0',
		'TLS.identifier': input.identifier,
		'TLS.sdkappid': input.sdkAppId,
		'TLS.time': timeSeconds,
		'TLS.expire': input.expireSeconds,
		'TLS.sig': computeTlsSig(input.sdkAppId, input.identifier, input.secretKey, timeSeconds, input.expireSeconds),
	});
	return base64UrlTencent(zlibStored(Buffer.from(document, 'utf8')));
}

/** One day, as Tencent advises at least; a cached UserSig is renewed at half its life. */
export const USER_SIG_LIFETIME_SECONDS = 86_400;
const RENEW_AFTER_MS = (USER_SIG_LIFETIME_SECONDS * 1000) / 2;

interface CachedUserSig {
	userSig: string;
	signedAtMs: number;
}

/**
 * Caches UserSigs per SDKAppID + identifier + key, so signing (HMAC + deflate) happens once a
 * day instead of once per request. The key is stored only as a hash in the cache key.
 */
export class UserSigCache {
	private readonly entries = new Map<string, CachedUserSig>();

	constructor(private readonly now: () => number) {}

	/** `key`: the cacheKey of the same three values, when the caller keeps it (hashing the secret costs per call). */
	get(sdkAppId: number, identifier: string, secretKey: string, key = this.cacheKey(sdkAppId, identifier, secretKey)): string {
		const nowMs = this.now();
		const cached = this.entries.get(key);
		// A clock moved backwards also renews: a UserSig "from the future" would look odd to support.
		if (cached && nowMs - cached.signedAtMs < RENEW_AFTER_MS && nowMs >= cached.signedAtMs) {
			return cached.userSig;
		}
		const userSig = createUserSig({
			sdkAppId,
			identifier,
			secretKey,
			expireSeconds: USER_SIG_LIFETIME_SECONDS,
			nowMs,
		});
		this.entries.set(key, { userSig, signedAtMs: nowMs });
		return userSig;
	}

	/** Tencent called the UserSig expired (70001 / 70052): the next request signs afresh. */
	forget(sdkAppId: number, identifier: string): void {
		const prefix = `${sdkAppId}|${identifier}|`;
		for (const key of this.entries.keys()) {
			if (key.startsWith(prefix)) this.entries.delete(key);
		}
	}

	cacheKey(sdkAppId: number, identifier: string, secretKey: string): string {
		const keyHash = createHash('sha256').update(secretKey, 'utf8').digest('hex');
		return `${sdkAppId}|${identifier}|${keyHash}`;
	}
}

/** The process-wide cache the credential signs through. */
export const sharedUserSigCache = new UserSigCache(() => Date.now());
