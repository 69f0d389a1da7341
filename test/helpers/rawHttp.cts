import http from 'http';
import https from 'https';

/** One HTTP answer, read whole: what tooling (tests, the callback sender) needs to look at. */
export interface RawAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	/** The body parsed as JSON, or undefined when it is not JSON. */
	json: unknown;
	/** Time until the answer was complete. */
	elapsedMs: number;
}

export interface RawRequestOptions {
	method?: string;
	/** Sent as is; Content-Length is set from it. */
	body?: string | Buffer;
	/** Exactly these headers (plus Content-Length): nothing is added behind the caller's back. */
	headers?: http.OutgoingHttpHeaders;
	/** Give up when no answer is complete in time; the error has code 'CLIENT_TIMEOUT'. */
	timeoutMs?: number;
	/** false: a fresh connection for this request only. */
	agent?: http.Agent | false;
	/**
	 * https:// URLs only: the certificate authorities to trust (PEM) instead of Node's bundled
	 * ones. A TLS failure rejects with Node's code (DEPTH_ZERO_SELF_SIGNED_CERT, CERT_HAS_EXPIRED,
	 * ERR_TLS_CERT_ALTNAME_INVALID, ...).
	 */
	ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * A plain node:http (or node:https, for https:// URLs) request with full control of the bytes
 * sent, for tooling outside node code.
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
	const payload = options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const secure = new URL(url).protocol === 'https:';
		if (options.ca !== undefined && !secure) throw new Error('rawRequest: ca applies to https:// URLs only');
		const requestOptions: https.RequestOptions = {
			method: options.method ?? 'POST',
			agent: options.agent,
			headers: { 'Content-Length': payload.length, ...options.headers },
			...(options.ca !== undefined ? { ca: options.ca } : {}),
		};
		const onResponse = (response: http.IncomingMessage) => {
			const chunks: Buffer[] = [];
			response.on('data', (chunk: Buffer) => chunks.push(chunk));
			response.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: unknown;
				try {
					json = JSON.parse(text);
				} catch {
					json = undefined;
				}
				resolve({ status: response.statusCode ?? 0, headers: response.headers, text, json, elapsedMs: Date.now() - started });
			});
			response.on('error', reject);
		};
		const request = secure ? https.request(url, requestOptions, onResponse) : http.request(url, requestOptions, onResponse);
		request.on('error', reject);
		if (options.timeoutMs !== undefined) {
			request.setTimeout(options.timeoutMs, () =>
				request.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'CLIENT_TIMEOUT' })),
			);
		}
		request.end(payload);
	});
}
