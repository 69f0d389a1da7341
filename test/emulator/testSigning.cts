/**
 * The test side of the calling convention: a small zlib-based UserSig signer (TLSSigAPIv2) and
 * the signed URL of a REST command. For the emulator's own tests; no jest in here.
 */
import { createHmac } from 'crypto';
import { deflateSync } from 'zlib';

export interface SigParts {
	sdkAppId: number;
	identifier: string;
	secretKey: string;
	timeSeconds: number;
	expire?: number;
	version?: string;
}

export function tlsSig(p: SigParts, expire: number): string {
	const content = `TLS.identifier:${p.identifier}\nTLS.sdkappid:${p.sdkAppId}\nTLS.time:${p.timeSeconds}\nTLS.expire:${expire}\n`;
	return createHmac('sha256', p.secretKey).update(content).digest('base64');
}

export function escapeBase64(base64: string): string {
	return base64.replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
}

export function sigJson(p: SigParts): string {
	const expire = p.expire ?? 86400;
	return JSON.stringify({
		'TLS.ver': p.version ?? '2.0',
		'TLS.identifier': p.identifier,
		'TLS.sdkappid': p.sdkAppId,
		'TLS.time': p.timeSeconds,
		'TLS.expire': expire,
		'TLS.sig': tlsSig(p, expire),
	});
}

export function makeUserSig(p: SigParts): string {
	return escapeBase64(deflateSync(Buffer.from(sigJson(p))).toString('base64'));
}

export type QueryKey = 'sdkappid' | 'identifier' | 'usersig' | 'random' | 'contenttype';

/**
 * `{baseUrl}/v4/{command}?sdkappid=…&identifier=…&usersig=…&random=…&contenttype=json`, signed
 * for `nowMs`. An override present with undefined leaves that parameter out.
 */
export function signedCommandUrl(
	baseUrl: string,
	command: string,
	signer: { sdkAppId: number; secretKey: string; identifier: string; nowMs: number },
	overrides: Partial<Record<QueryKey, string | undefined>> = {},
	path = `/v4/${command}`,
): string {
	const query: Record<string, string | undefined> = {
		sdkappid: String(signer.sdkAppId),
		identifier: signer.identifier,
		usersig: makeUserSig({
			sdkAppId: signer.sdkAppId,
			identifier: signer.identifier,
			secretKey: signer.secretKey,
			timeSeconds: Math.floor(signer.nowMs / 1000),
		}),
		random: String(Math.floor(Math.random() * 4294967295)),
		contenttype: 'json',
		...overrides,
	};
	const search = new URLSearchParams();
	for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, value);
	return `${baseUrl}${path}?${search.toString()}`;
}
