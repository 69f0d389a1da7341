import http from 'http';

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
}

/** A plain node:http request with full control of the bytes sent, for tooling outside node code. */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawAnswer> {
	const payload = options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body, 'utf8');
	const started = Date.now();
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method: options.method ?? 'POST', agent: options.agent, headers: { 'Content-Length': payload.length, ...options.headers } },
			(response) => {
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
			},
		);
		request.on('error', reject);
		if (options.timeoutMs !== undefined) {
			request.setTimeout(options.timeoutMs, () =>
				request.destroy(Object.assign(new Error(`no answer within ${options.timeoutMs} ms`), { code: 'CLIENT_TIMEOUT' })),
			);
		}
		request.end(payload);
	});
}
