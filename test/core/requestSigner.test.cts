import { RequestSigner, signRequest } from '../../nodes/TencentRoom/transport/signing';
import type { CredentialSettings } from '../../nodes/shared/credentialSettings';
import { verifyUserSig } from '../emulator/userSigVerifier.cjs';

const settings: CredentialSettings = {
	sdkAppId: 1400000001,
	identifier: 'admin istrator',
	secretKey: 'a'.repeat(64),
	region: 'custom',
	baseUrl: 'https://127.0.0.1:8443',
	maxRequestsPerSecond: 200,
	sharingProcesses: 1,
	callbackToken: '',
};

describe('RequestSigner', () => {
	it('writes Tencent\'s five parameters into the path, a fresh random each time, the UserSig valid', () => {
		const signer = new RequestSigner(settings);
		const first = new URL(signer.signedPath('/v4/room_engine_http_mic/lock_seat'), settings.baseUrl);
		const second = new URL(signer.signedPath('/v4/room_engine_http_mic/lock_seat'), settings.baseUrl);
		expect(first.pathname).toBe('/v4/room_engine_http_mic/lock_seat');
		expect([...first.searchParams.keys()]).toEqual(['sdkappid', 'identifier', 'usersig', 'random', 'contenttype']);
		expect(first.searchParams.get('sdkappid')).toBe('1400000001');
		expect(first.searchParams.get('identifier')).toBe('admin istrator');
		expect(first.searchParams.get('contenttype')).toBe('json');
		for (const url of [first, second]) {
			const random = Number(url.searchParams.get('random'));
			expect(Number.isInteger(random) && random >= 0 && random < 2 ** 32).toBe(true);
		}
		expect(first.searchParams.get('random')).not.toBe(second.searchParams.get('random'));
		const verdict = verifyUserSig({ userSig: first.searchParams.get('usersig') as string, sdkAppId: settings.sdkAppId, identifier: settings.identifier, secretKey: settings.secretKey, nowSeconds: Math.floor(Date.now() / 1000) });
		expect(verdict).toEqual({ ok: true });
	});

	it('signs the same UserSig as the credential\'s authenticate (one cache)', () => {
		const path = new URL(new RequestSigner(settings).signedPath('/v4/x'), settings.baseUrl);
		const viaCredential = signRequest(settings, { url: '/v4/x', qs: { keep: 1 } });
		expect(viaCredential.baseURL).toBe(settings.baseUrl);
		expect(viaCredential.qs).toMatchObject({ keep: 1, sdkappid: settings.sdkAppId, identifier: settings.identifier, contenttype: 'json' });
		expect((viaCredential.qs as Record<string, unknown>).usersig).toBe(path.searchParams.get('usersig'));
	});
});
