import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { failureHint, isRetryable, type CallHistory, type RetryClass } from '../../shared/errorTable';
import type { FailedAttempt } from './answer';

/** What a failed item carries (contract.md, "Failed items"). */
export interface TencentFailureDetails extends IDataObject {
	errorCode: number | null;
	errorInfo: string;
	requestId: string | null;
	retryable: boolean;
}

/** The call an error is about. */
export interface CallContext {
	itemIndex: number;
	/** What the call tries to do, for messages: 'lock seat 2 of room "room-test"'. */
	action: string;
	/** Advice for codes that mean something particular for this call, instead of the table's. */
	advice?: Readonly<Partial<Record<number, string>>>;
}

/**
 * A Tencent call that failed for good: every retry, re-signing and check the transport could do
 * is done. It carries what the router and operations read, as typed fields, and is built from
 * plain, secret-free values only (never from the HTTP client's error, which holds the signed URL).
 */
export class TencentRequestError extends NodeApiError {
	readonly details: TencentFailureDetails;

	readonly retryClass: RetryClass;

	/** Sending the failed command twice is harmless. */
	readonly repeatSafe: boolean;

	constructor(node: INode, call: CallContext, failed: FailedAttempt, history: CallHistory) {
		const details: TencentFailureDetails = {
			errorCode: failed.errorCode,
			errorInfo: failed.errorInfo,
			requestId: failed.requestId,
			retryable: isRetryable(history),
		};
		const codeText = failed.errorCode !== null ? ` (${failed.errorCode})` : '';
		const description = [
			failed.errorCode !== null ? `Tencent ErrorCode ${failed.errorCode}: ${failed.name}.` : `No Tencent answer: ${failed.name}.`,
			failed.errorInfo ? `ErrorInfo: ${failed.errorInfo}.` : '',
			failed.requestId ? `RequestId: ${failed.requestId}.` : '',
		]
			.filter(Boolean)
			.join(' ');
		super(node, { ...details } as JsonObject, {
			message: `Could not ${call.action}: ${failed.name}${codeText}. ${failureHint((failed.errorCode !== null && call.advice?.[failed.errorCode]) || failed.advice, history)}`,
			description,
			httpCode: failed.httpStatus !== null ? String(failed.httpStatus) : undefined,
			itemIndex: call.itemIndex,
			failure: failed.rateLimited ? { cause: 'rate-limited' } : undefined,
		});
		this.details = details;
		this.retryClass = history.retry;
		this.repeatSafe = history.repeatSafe;
	}
}

/**
 * An answer Tencent gave that the node cannot use (a list that is not a list, a cursor that
 * never ends): retrying the same call cannot help.
 */
export function unusableAnswerError(
	node: INode,
	call: CallContext,
	found: { name: string; problem: string; advice: string; requestId: string | null },
): TencentRequestError {
	const failed: FailedAttempt = {
		errorCode: null,
		errorInfo: found.problem,
		requestId: found.requestId,
		httpStatus: null,
		retry: 'final',
		name: found.name,
		advice: found.advice,
		mayStillLand: false,
		rateLimited: false,
	};
	return new TencentRequestError(node, call, failed, { retry: 'final', repeatSafe: true, attempts: 1, resigned: false });
}
