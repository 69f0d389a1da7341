import { randomBytes } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { CredentialSettings } from '../../shared/credentialSettings';
import { sharedUserSigCache } from '../../shared/userSig';

/**
 * Adds Tencent's five query parameters to requests and points them at the regional host. The
 * UserSig is computed from the secret key (and cached until shortly before it expires), so
 * users never paste one. One signer per credential reading: the cache key (a hash of the
 * secret) and the signed part of the query are made once, not per request.
 */
export class RequestSigner {
	private readonly cacheKey: string;
	private signedQuery = { userSig: '', query: '' };

	constructor(private readonly settings: CredentialSettings) {
		this.cacheKey = sharedUserSigCache.cacheKey(settings.sdkAppId, settings.identifier, settings.secretKey);
	}

	/**
	 * The transport's requests: the path with the signed query written into it (n8n's
	 * query-string encoder costs more per call), to send with `baseURL: settings.baseUrl`.
	 */
	signedPath(path: string): string {
		const { sdkAppId, identifier, secretKey } = this.settings;
		const userSig = sharedUserSigCache.get(sdkAppId, identifier, secretKey, this.cacheKey);
		if (userSig !== this.signedQuery.userSig) {
			this.signedQuery = { userSig, query: `sdkappid=${sdkAppId}&identifier=${encodeURIComponent(identifier)}&usersig=${encodeURIComponent(userSig)}` };
		}
		// A fresh random uint32 per request, as Tencent requires.
		return `${path}?${this.signedQuery.query}&random=${randomUint32()}&contenttype=json`;
	}
}

/**
 * The credential's `authenticate` (also what n8n's HTTP Request node uses with this credential):
 * the same five parameters, as `qs`, so they join any query the request already has.
 */
export function signRequest(settings: CredentialSettings, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	return {
		...requestOptions,
		baseURL: settings.baseUrl,
		qs: {
			...(requestOptions.qs ?? {}),
			sdkappid: settings.sdkAppId,
			identifier: settings.identifier,
			usersig: sharedUserSigCache.get(settings.sdkAppId, settings.identifier, settings.secretKey),
			random: randomUint32(),
			contenttype: 'json',
		},
	};
}

// Random numbers drawn from the CSPRNG in blocks: one system call per 1,024 requests.
const RANDOM_BLOCK_BYTES = 4096;
let randomBlock = randomBytes(RANDOM_BLOCK_BYTES);
let randomOffset = 0;

function randomUint32(): number {
	if (randomOffset >= RANDOM_BLOCK_BYTES) {
		randomBlock = randomBytes(RANDOM_BLOCK_BYTES);
		randomOffset = 0;
	}
	const value = randomBlock.readUInt32LE(randomOffset);
	randomOffset += 4;
	return value;
}
