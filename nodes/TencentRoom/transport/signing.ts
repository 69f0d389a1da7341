import { randomInt } from 'crypto';
import type { IHttpRequestOptions } from 'n8n-workflow';

import type { CredentialSettings } from '../../shared/credentialSettings';
import { sharedUserSigCache } from '../../shared/userSig';

/**
 * Adds Tencent's five query parameters to a request and points it at the regional host. The
 * UserSig is computed from the secret key (and cached until shortly before it expires), so
 * users never paste one. The credential's `authenticate` and the node's transport both sign here.
 */
export function signRequest(settings: CredentialSettings, requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const usersig = sharedUserSigCache.get(settings.sdkAppId, settings.identifier, settings.secretKey);
	return {
		...requestOptions,
		baseURL: settings.baseUrl,
		qs: {
			...(requestOptions.qs ?? {}),
			sdkappid: settings.sdkAppId,
			identifier: settings.identifier,
			usersig,
			// A fresh random uint32 per request, as Tencent requires.
			random: randomInt(0, 0x1_0000_0000),
			contenttype: 'json',
		},
	};
}
