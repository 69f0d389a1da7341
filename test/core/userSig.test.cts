import { inflateSync } from 'zlib';

import { adler32, zlibStored } from '../../nodes/shared/zlibStored';
import { computeTlsSig, createUserSig, UserSigCache, USER_SIG_LIFETIME_SECONDS } from '../../nodes/shared/userSig';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const TLSSigAPIv2 = require('tls-sig-api-v2') as { Api: new (sdkAppId: number, key: string) => { genUserSig(id: string, expire: number): string } };

// Tencent's published sample (tencent-rest.md, "UserSig").
const VECTOR = {
	sdkAppId: 1400000000,
	secretKey: '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e',
	identifier: 'administrator',
	expireSeconds: 15552000,
	nowMs: 1700000000 * 1000,
	tlsSig: 'JCzxanF8NTTXau4m+2h9wv7gYJnyNksm0xm1NEXU274=',
	tencentPackageUserSig:
		'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwokpuZl5mcUlRYkl*UVQBcUp2YkFBZkpSlaGJgZQAJEpycxNVbIyNEcVTa0oyCwCiZuamhrBRYsz05WslLycqyoS89ws-EJCIhJLTXK1jTIsy8vM0yO98ir9sotzDSpyDf1cI0KNzE1slWoBQr40pw__',
};

function decodeUserSig(userSig: string): Record<string, unknown> {
	const base64 = userSig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
	return JSON.parse(inflateSync(Buffer.from(base64, 'base64')).toString('utf8')) as Record<string, unknown>;
}

describe('TLS.sig', () => {
	it('matches Tencent\'s published vector', () => {
		expect(computeTlsSig(VECTOR.sdkAppId, VECTOR.identifier, VECTOR.secretKey, 1700000000, VECTOR.expireSeconds)).toBe(
			VECTOR.tlsSig,
		);
	});

	it('changes with every signed field', () => {
		const base = computeTlsSig(1, 'a', 'k', 10, 20);
		expect(computeTlsSig(2, 'a', 'k', 10, 20)).not.toBe(base);
		expect(computeTlsSig(1, 'b', 'k', 10, 20)).not.toBe(base);
		expect(computeTlsSig(1, 'a', 'x', 10, 20)).not.toBe(base);
		expect(computeTlsSig(1, 'a', 'k', 11, 20)).not.toBe(base);
		expect(computeTlsSig(1, 'a', 'k', 10, 21)).not.toBe(base);
	});
});

describe('UserSig', () => {
	it('inflates to the documented JSON document', () => {
		const userSig = createUserSig(VECTOR);
		expect(userSig).toMatch(/^[A-Za-z0-9*\-_]+$/);
		expect(decodeUserSig(userSig)).toEqual({
			'TLS.ver': '2.0',
			'TLS.identifier': 'administrator',
			'TLS.sdkappid': 1400000000,
			'TLS.time': 1700000000,
			'TLS.expire': 15552000,
			'TLS.sig': VECTOR.tlsSig,
		});
	});

	it('carries the same document as the published output of Tencent\'s package', () => {
		expect(decodeUserSig(createUserSig(VECTOR))).toEqual(decodeUserSig(VECTOR.tencentPackageUserSig));
	});

	it('agrees with Tencent\'s tls-sig-api-v2 package for the same clock', () => {
		const spy = jest.spyOn(Date, 'now').mockReturnValue(1_765_432_100_123);
		try {
			const theirs = new TLSSigAPIv2.Api(1400012345, 'another-secret-key').genUserSig('ops-admin', 86400);
			const ours = createUserSig({
				sdkAppId: 1400012345,
				identifier: 'ops-admin',
				secretKey: 'another-secret-key',
				expireSeconds: 86400,
				nowMs: 1_765_432_100_123,
			});
			// Different deflate blocks, same document: the server only inflates.
			expect(ours).not.toBe(theirs);
			expect(decodeUserSig(ours)).toEqual(decodeUserSig(theirs));
			expect(decodeUserSig(ours)['TLS.time']).toBe(1_765_432_100);
		} finally {
			spy.mockRestore();
		}
	});
});

describe('stored-block zlib encoder', () => {
	it.each([0, 1, 100, 65535, 65536, 200_000])('round-trips %i bytes through zlib', (size) => {
		const data = Buffer.alloc(size);
		for (let i = 0; i < size; i++) data[i] = (i * 31 + (i >> 7)) & 0xff;
		const encoded = zlibStored(data);
		expect(Buffer.from(inflateSync(encoded)).equals(data)).toBe(true);
		// 2 header bytes, 5 per block, the data, 4 checksum bytes: nothing compressed.
		expect(encoded.length).toBe(2 + 5 * Math.max(1, Math.ceil(size / 65535)) + size + 4);
	});

	it('computes Adler-32 like zlib (Wikipedia sample)', () => {
		expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
	});
});

describe('UserSigCache', () => {
	it('signs once, reuses the UserSig for half its life, then renews it', () => {
		let now = 1_700_000_000_000;
		const cache = new UserSigCache(() => now);
		const first = cache.get(1400000001, 'administrator', 'key');
		now += 60_000;
		expect(cache.get(1400000001, 'administrator', 'key')).toBe(first);
		now += (USER_SIG_LIFETIME_SECONDS * 1000) / 2;
		const renewed = cache.get(1400000001, 'administrator', 'key');
		expect(renewed).not.toBe(first);
		expect(decodeUserSig(renewed)['TLS.time']).toBe(Math.floor(now / 1000));
	});

	it('keeps separate UserSigs per app, identifier and key, and forgets on demand', () => {
		let now = 1_700_000_000_000;
		const cache = new UserSigCache(() => now);
		const a = cache.get(1, 'admin', 'k1');
		expect(cache.get(1, 'admin', 'k2')).not.toBe(a);
		expect(decodeUserSig(cache.get(2, 'admin', 'k1'))['TLS.sdkappid']).toBe(2);
		expect(decodeUserSig(cache.get(1, 'other', 'k1'))['TLS.identifier']).toBe('other');
		now += 1000;
		expect(cache.get(1, 'admin', 'k1')).toBe(a);
		cache.forget(1, 'admin');
		expect(decodeUserSig(cache.get(1, 'admin', 'k1'))['TLS.time']).toBe(1_700_000_001);
		// Other apps' UserSigs survive a forget.
		expect(decodeUserSig(cache.get(2, 'admin', 'k1'))['TLS.time']).toBe(1_700_000_000);
	});
});
