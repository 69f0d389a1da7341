import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireWholeNumber } from '../../shared/validation';

/** Node-wide settings, read once per execution (not per item). */
export interface ExecutionOptions {
	/** The most items in flight at once (the node keeps fewer when fewer feed the budget); 1 runs them strictly one by one. */
	concurrency: number;
	/** Client timeout per request; Tencent's own backend gives up after about 3 s. */
	timeoutMs: number;
}

/** Enough for Tencent's 200 calls per second at a 300 ms round trip with a new TLS connection per call. */
export const DEFAULT_CONCURRENCY = 250;
export const MAX_CONCURRENCY = 1000;
export const DEFAULT_TIMEOUT_MS = 8000;

export const optionsDescription: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	options: [
		{
			displayName: 'Max Concurrent Requests',
			name: 'concurrency',
			type: 'number',
			default: DEFAULT_CONCURRENCY,
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			description:
				"The most items in flight at once. The node keeps as many in flight as the credential's rate budget needs at the round trip it measures (a few nearby, up to about 200 far away), never more than this. Items on the same room always run in input order. 1 runs every item strictly one after another.",
		},
		{
			displayName: 'Timeout (Milliseconds)',
			name: 'timeoutMs',
			type: 'number',
			default: DEFAULT_TIMEOUT_MS,
			typeOptions: { minValue: 500, maxValue: 60000 },
			description:
				"How long to wait for Tencent's answer to one request. Tencent gives up after about 3 seconds itself and may still apply a request until then, so after a timeout nothing more is sent on that room until 3.5 seconds after the request left.",
		},
	],
};

export function readExecutionOptions(context: IExecuteFunctions): ExecutionOptions {
	const options = context.getNodeParameter('options', 0, {}) as { concurrency?: unknown; timeoutMs?: unknown };
	return {
		concurrency: requireWholeNumber(options.concurrency ?? DEFAULT_CONCURRENCY, 'Max Concurrent Requests', 1, MAX_CONCURRENCY, '1 = one by one'),
		timeoutMs: requireWholeNumber(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, 'Timeout (Milliseconds)', 500, 60000, 'milliseconds'),
	};
}
