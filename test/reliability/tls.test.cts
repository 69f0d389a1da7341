/**
 * A certificate the n8n server refuses (self-signed, expired, for another host) fails the TLS
 * handshake before any request is sent: nothing can have been applied, retrying meets the same
 * certificate, and the fix is in the credential's Base URL or the gateway's certificate.
 */
import { makeTestCertificates } from '../emulator/index.cjs';
import { useEmulator } from '../helpers/fixture.cjs';

const certificates = makeTestCertificates();
const { emulator, runNode } = useEmulator({ tls: certificates.selfSigned });

const continueErrors = { onError: 'continueErrorOutput' as const };

beforeAll(() => {
	emulator.createRoom({ roomId: 'tls-room', seatCount: 4, members: ['alice', 'bob'] });
	emulator.takeSeat('tls-room', 'alice', 0);
	emulator.takeSeat('tls-room', 'bob', 1);
});

describe('an HTTPS gateway with a self-signed certificate', () => {
	it('serves HTTPS (the test really reaches a TLS server)', () => {
		expect(emulator.baseUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
	});

	it.each([
		['a lock (safe to repeat)', { resource: 'seat', operation: 'lock', roomId: 'tls-room', seatIndex: 2 }],
		['an exchange (checked by a read after unclear failures)', { resource: 'seat', operation: 'moveUser', roomId: 'tls-room', memberAccount: 'alice', seatIndex: 1, policy: 'exchange' }],
		['a read', { resource: 'seat', operation: 'getMany', roomId: 'tls-room' }],
	])('%s: one final error that says nothing was sent and what to fix; no retry, no check', async (_label, parameters) => {
		const started = Date.now();
		const { success, errors } = await runNode(parameters, [{}], continueErrors);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatch(/: TLS certificate refused\. The server's HTTPS certificate was not accepted, so nothing was sent: check the Region or the Base URL in the credential/);
		expect(errors[0].error).not.toMatch(/may or may not have been applied/);
		expect(errors[0].details).toEqual({ errorCode: null, errorInfo: 'DEPTH_ZERO_SELF_SIGNED_CERT', requestId: null, retryable: false });
		// The handshake failed: no request reached the server, and none was retried.
		expect(emulator.requests).toHaveLength(0);
		expect(Date.now() - started).toBeLessThan(1500);
	});

	it('without Continue the run stops with the same message', async () => {
		const { error } = await runNode({ resource: 'seat', operation: 'lock', roomId: 'tls-room', seatIndex: 2 });
		expect(error?.message).toMatch(/TLS certificate refused/);
		expect(emulator.requests).toHaveLength(0);
	});
});
