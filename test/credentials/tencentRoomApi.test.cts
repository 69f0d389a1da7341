import axios from 'axios';
import type { ICredentialDataDecryptedObject, IHttpRequestOptions } from 'n8n-workflow';

import { REGION_HOSTS } from '../../nodes/shared/credentialSettings';
import { DEMO_APP, decodeUserSig, TencentEmulator, verifyUserSig } from '../emulator/index.cjs';
import { emulatorCredential, useEmulator } from '../helpers/fixture.cjs';
import { loadPackage } from '../helpers/n8nHarness.cjs';

const { emulator, runNode } = useEmulator();

async function credentialType() {
	return (await loadPackage()).getCredential('tencentRoomApi').type;
}

async function authenticate(credentials: ICredentialDataDecryptedObject, request: IHttpRequestOptions = { url: '/v4/x/y' }) {
	const { authenticate: signRequest } = await credentialType();
	if (typeof signRequest !== 'function') throw new Error('authenticate must be a function');
	return await signRequest(credentials, request);
}

/**
 * What n8n's credential tester does with `test`: send the request through authenticate(),
 * then fail on the first rule whose key/value matches the 200 body.
 */
async function runCredentialTest(credentials: ICredentialDataDecryptedObject): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const { test } = await credentialType();
	if (!test) throw new Error('the credential has no test');
	const signed = await authenticate(credentials, { ...(test.request as IHttpRequestOptions) });
	const response = await axios.request({
		method: signed.method,
		baseURL: signed.baseURL,
		url: signed.url,
		params: signed.qs,
		data: signed.body,
		validateStatus: () => true,
	});
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && response.data?.[rule.properties.key] === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful' };
}

describe('authenticate', () => {
	it('adds the five query parameters and a UserSig the emulator accepts', async () => {
		const signed = await authenticate(emulatorCredential(emulator), { url: '/v4/room_engine_http_mic/get_seat_list', qs: { keep: 1 } });
		expect(signed.baseURL).toBe(emulator.baseUrl);
		expect(signed.url).toBe('/v4/room_engine_http_mic/get_seat_list');
		const qs = signed.qs as Record<string, unknown>;
		expect(Object.keys(qs).sort()).toEqual(['contenttype', 'identifier', 'keep', 'random', 'sdkappid', 'usersig']);
		expect(qs).toMatchObject({ sdkappid: DEMO_APP.sdkAppId, identifier: 'administrator', contenttype: 'json', keep: 1 });
		expect(Number.isInteger(qs.random) && (qs.random as number) >= 0 && (qs.random as number) <= 0xffffffff).toBe(true);
		const verdict = verifyUserSig({
			userSig: qs.usersig as string,
			sdkAppId: DEMO_APP.sdkAppId,
			identifier: 'administrator',
			secretKey: DEMO_APP.secretKey,
			nowSeconds: Math.floor(Date.now() / 1000),
		});
		expect(verdict).toMatchObject({ ok: true });
	});

	it('uses a fresh random per request but signs once (cached UserSig)', async () => {
		const randoms = new Set<unknown>();
		const userSigs = new Set<unknown>();
		for (let i = 0; i < 20; i++) {
			const qs = (await authenticate(emulatorCredential(emulator))).qs as Record<string, unknown>;
			randoms.add(qs.random);
			userSigs.add(qs.usersig);
		}
		expect(randoms.size).toBeGreaterThan(15);
		expect(userSigs.size).toBe(1);
		const document = decodeUserSig([...userSigs][0] as string) as Record<string, unknown>;
		expect(document['TLS.expire']).toBe(86400);
	});

	it.each(Object.entries(REGION_HOSTS))('points region %s at %s', async (region, host) => {
		const signed = await authenticate({ sdkAppId: 1400000000, identifier: 'administrator', secretKey: 'k', region });
		expect(signed.baseURL).toBe(host);
	});

	it('has exactly the eight documented regional hosts plus custom', async () => {
		const regionProperty = (await credentialType()).properties.find((property) => property.name === 'region');
		const values = (regionProperty?.options as Array<{ value: string }>).map((option) => option.value).sort();
		expect(values).toEqual(['china', 'custom', 'frankfurt', 'jakarta', 'mumbai', 'seoul', 'singapore', 'tokyo', 'usa']);
		expect(REGION_HOSTS).toEqual({
			china: 'https://console.tim.qq.com',
			singapore: 'https://adminapisgp.im.qcloud.com',
			seoul: 'https://adminapikr.im.qcloud.com',
			tokyo: 'https://adminapijpn.im.qcloud.com',
			frankfurt: 'https://adminapiger.im.qcloud.com',
			mumbai: 'https://adminapiind.im.qcloud.com',
			usa: 'https://adminapiusa.im.qcloud.com',
			jakarta: 'https://adminapiidn.im.qcloud.com',
		});
	});

	it.each([
		['a non-numeric SDKAppID', { sdkAppId: 'abc' }, /SDKAppID must be/],
		['SDKAppID 0', { sdkAppId: 0 }, /SDKAppID must be/],
		['an empty secret key', { secretKey: '  ' }, /Secret Key is empty/],
		['an empty identifier', { identifier: '' }, /Identifier must name/],
		['a custom base URL that is not http(s)', { baseUrl: 'ftp://127.0.0.1' }, /Base URL must be an http/],
		['a custom base URL that is not a URL', { baseUrl: 'localhost:8080' }, /Base URL must be an http/],
		['an unknown region', { region: 'mars' }, /Region must be one of/],
		['a rate budget of 0', { maxRequestsPerSecond: 0 }, /Max Requests per Second/],
	])('refuses %s, naming the field', async (_label, override, message) => {
		await expect(authenticate({ ...emulatorCredential(emulator), ...override })).rejects.toThrow(message);
	});
});

describe('credential test', () => {
	it('passes for the right app, key and administrator', async () => {
		expect(await runCredentialTest(emulatorCredential(emulator))).toEqual({ status: 'OK', message: 'Connection successful' });
	});

	it.each([
		['a wrong secret key', { secretKey: 'f'.repeat(64) }, /Secret Key does not belong/],
		['an identifier that is not an administrator', { identifier: 'viewer-01' }, /not an App administrator/],
		['an SDKAppID from another region', { sdkAppId: 1400999999 }, /SDKAppID not found on this host: check the Region/],
	])('fails with a clear message for %s', async (_label, override, message) => {
		const result = await runCredentialTest(emulatorCredential(emulator, override));
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
	});
});

describe('authentication failures through the node', () => {
	it.each([
		['a wrong secret key', { secretKey: 'f'.repeat(64) }, 70009],
		['an identifier that is not an administrator', { identifier: 'viewer-01' }, 60010],
		['an unknown SDKAppID', { sdkAppId: 1400999999 }, 70020],
	])('reports %s with Tencent\'s code and no retry', async (_label, override, code) => {
		emulator.createRoom({ roomId: `auth-${code}`, seatCount: 2 });
		const { errors } = await runNode({ resource: 'seat', operation: 'getMany', roomId: `auth-${code}` }, [{}], { onError: 'continueErrorOutput' }, override);
		expect(errors[0].details).toMatchObject({ errorCode: code, retryable: false });
		expect(emulator.requests).toHaveLength(1);
	});

	it('refuses a bad credential field for every item before sending anything', async () => {
		const { errors, success } = await runNode({ resource: 'seat', operation: 'getMany', roomId: 'any' }, [{}, {}], { onError: 'continueErrorOutput' }, { baseUrl: 'not a url' });
		expect(success).toEqual([]);
		expect(errors).toHaveLength(2);
		expect(errors[0].error).toMatch(/Credential field "Base URL" is invalid/);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('UserSig expiry', () => {
	it('a UserSig Tencent calls expired is signed again and the call retried once', async () => {
		// The emulator's clock runs two days ahead: every UserSig signed "now" is expired there.
		let skewMs = 0;
		const skewed = new TencentEmulator({ now: () => Date.now() + skewMs });
		await skewed.start();
		try {
			skewed.createRoom({ roomId: 'skew-room', seatCount: 1 });
			skewMs = 2 * 86_400_000;
			const run = await import('../helpers/n8nHarness.cjs').then(({ runWorkflow, tencentRoomWorkflow }) =>
				runWorkflow(tencentRoomWorkflow({ resource: 'seat', operation: 'getMany', roomId: 'skew-room' }, [{}], { onError: 'continueErrorOutput' }), {
					tencentRoomApi: emulatorCredential(skewed),
				}),
			);
			const [, errors = []] = run.outputOf('Tencent Room');
			expect(errors[0].details).toMatchObject({ errorCode: 70001 });
			// One try, one re-signed retry: not more.
			expect(skewed.requests.map((request) => request.errorCode)).toEqual([70001, 70001]);
		} finally {
			await skewed.stop();
		}
	});
});
