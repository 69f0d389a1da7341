import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import {
	InvalidCredentialSettingError,
	parseCredentialSettings,
	type CredentialSettings,
} from '../../shared/credentialSettings';
import {
	classifyTransportFailure,
	HINT_CLOCK_PROBABLY_OFF,
	HINT_MAY_HAVE_RUN,
	hintSafeToRepeat,
	isRetryable,
	lookupTencentError,
	TENCENT_RATE_LIMIT_CODES,
	type RetryClass,
	type TransportFailureKind,
} from '../../shared/errorTable';
import { getSharedRateLimiter } from '../../shared/rateLimiter';
import { DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS, decideRetry, isIdempotentCommand } from '../../shared/retryPolicy';
import { sharedUserSigCache } from '../../shared/userSig';

/** The only way out to Tencent: every REST call of the node goes through TencentTransport.call. */

export type TencentCommand =
	| 'room_engine_http_mic/get_seat_list'
	| 'room_engine_http_mic/lock_seat'
	| 'room_engine_http_mic/move_user_to_seat'
	| 'live_engine_http_srv/get_member_list'
	| 'group_open_avchatroom_http_svc/get_members';

/** A successful answer: ActionStatus OK, ErrorCode 0. */
export interface TencentReply extends IDataObject {
	ActionStatus: 'OK';
	ErrorCode: 0;
	ErrorInfo: string;
	RequestId?: string;
	Response?: IDataObject;
}

/** What a failed item carries (contract.md, "Failed items"). */
export interface TencentFailureDetails extends IDataObject {
	errorCode: number | null;
	errorInfo: string;
	requestId: string | null;
	retryable: boolean;
}

export interface CallContext {
	itemIndex: number;
	/** What the call tries to do, for messages: 'lock seat 2 of room "room-test"'. */
	action: string;
}

const CREDENTIAL_TYPE = 'tencentRoomApi';
const RATE_LIMITED_MAX_ATTEMPTS = 8;
/**
 * Tencent's largest answer (500 online members with nicknames and avatars) is a few hundred KB.
 * n8n's HTTP helper has no size cap (maxContentLength is fixed at Infinity), so the body is read
 * as text and anything larger than this is refused before it is parsed or turned into items.
 */
export const MAX_RESPONSE_CHARS = 4 * 1024 * 1024;
/** Tencent's ErrorInfo and RequestId are short; longer text is cut so messages stay readable. */
const MAX_ERROR_INFO_CHARS = 300;
const MAX_REQUEST_ID_CHARS = 120;

type CallOutcome =
	| { ok: true; reply: TencentReply }
	| {
			ok: false;
			errorCode: number | null;
			errorInfo: string;
			requestId: string | null;
			httpStatus: number | null;
			retry: RetryClass;
			name: string;
			hint: string;
	  };

/** Node.js / axios error codes, looked for on the error and its causes. */
const FAILURE_KIND_BY_CODE: Record<string, TransportFailureKind> = {
	ECONNABORTED: 'timeout',
	ETIMEDOUT: 'timeout',
	UND_ERR_HEADERS_TIMEOUT: 'timeout',
	UND_ERR_BODY_TIMEOUT: 'timeout',
	ECONNRESET: 'connectionReset',
	EPIPE: 'connectionReset',
	UND_ERR_SOCKET: 'connectionReset',
	ERR_BAD_RESPONSE: 'invalidResponse',
	ECONNREFUSED: 'connectionRefused',
	EHOSTUNREACH: 'connectionRefused',
	ENETUNREACH: 'connectionRefused',
	ENOTFOUND: 'dnsFailure',
	EAI_AGAIN: 'dnsFailure',
	// Bodies too large for one string or buffer (hundreds of MB).
	ERR_STRING_TOO_LONG: 'responseTooLarge',
	ERR_BUFFER_TOO_LARGE: 'responseTooLarge',
};

function failureKindOf(error: unknown): TransportFailureKind {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const { code, message } = current as { code?: unknown; message?: unknown };
		if (typeof code === 'string' && FAILURE_KIND_BY_CODE[code]) return FAILURE_KIND_BY_CODE[code];
		if (typeof message === 'string') {
			if (/maxContentLength|string longer than/i.test(message)) return 'responseTooLarge';
			if (/timeout/i.test(message)) return 'timeout';
			if (/socket hang up|ECONNRESET/i.test(message)) return 'connectionReset';
			if (/ECONNREFUSED/.test(message)) return 'connectionRefused';
		}
		current = (current as { cause?: unknown }).cause;
	}
	return 'connectionReset';
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
	if (typeof body === 'string') {
		try {
			body = JSON.parse(body) as unknown;
		} catch {
			return undefined;
		}
	}
	return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
}

/** Text from the answer, cut to `max` characters, with anything secret-looking hidden. */
type Scrub = (text: string, max: number) => string;

function interpret(statusCode: number, rawBody: unknown, scrub: Scrub): CallOutcome {
	if (typeof rawBody === 'string' && rawBody.length > MAX_RESPONSE_CHARS) {
		return {
			ok: false,
			errorCode: null,
			errorInfo: `answer of ${Math.round(rawBody.length / 1024)} KB (HTTP ${statusCode}), more than the ${MAX_RESPONSE_CHARS / 1024} KB accepted`,
			requestId: null,
			httpStatus: statusCode,
			...classifyTransportFailure('responseTooLarge'),
		};
	}
	const body = statusCode === 200 ? parseBody(rawBody) : undefined;
	if (statusCode !== 200 || !body) {
		const kind: TransportFailureKind = statusCode === 200 ? 'invalidResponse' : 'httpStatus';
		const failure = classifyTransportFailure(kind, statusCode);
		return {
			ok: false,
			errorCode: null,
			errorInfo: statusCode === 200 ? 'response is not a JSON object' : `HTTP ${statusCode}`,
			requestId: null,
			httpStatus: statusCode,
			...failure,
		};
	}
	const errorCode = typeof body.ErrorCode === 'number' ? body.ErrorCode : Number(body.ErrorCode);
	const requestId = typeof body.RequestId === 'string' ? scrub(body.RequestId, MAX_REQUEST_ID_CHARS) : null;
	if (body.ActionStatus === 'OK' && errorCode === 0) {
		// Only a text RequestId is passed on (it ends up in output items).
		const reply = { ...body } as TencentReply;
		if (requestId === null) delete reply.RequestId;
		else reply.RequestId = requestId;
		return { ok: true, reply };
	}
	if (!Number.isFinite(errorCode)) {
		return {
			ok: false,
			errorCode: null,
			errorInfo: 'response has no ErrorCode',
			requestId,
			httpStatus: statusCode,
			...classifyTransportFailure('invalidResponse'),
		};
	}
	const entry = lookupTencentError(errorCode);
	return {
		ok: false,
		errorCode,
		errorInfo: typeof body.ErrorInfo === 'string' ? scrub(body.ErrorInfo, MAX_ERROR_INFO_CHARS) : '',
		requestId,
		httpStatus: statusCode,
		retry: entry.retry,
		name: entry.name,
		hint: entry.hint,
	};
}

type FailedOutcome = Extract<CallOutcome, { ok: false }>;

/** What each error built by failure() was made from: its retry class (retryClassOf) and what restate() needs. */
const failureOrigins = new WeakMap<NodeApiError, { outcome: FailedOutcome; idempotent: boolean }>();

/** Runs of 100+ base64-like characters: a UserSig (about 200) or something like it, never Tencent's own text. */
const LONG_TOKEN = /[A-Za-z0-9*_\-+/=]{100,}/g;
const USERSIG_PARAMETER = /(usersig=)[^&\s"'<>]*/gi;

/**
 * One per node execution: holds the checked credential settings, so every call knows its
 * rate budget and which UserSig to forget when Tencent calls it expired.
 */
export class TencentTransport {
	private readonly rateLimiter = getSharedRateLimiter({ now: () => Date.now(), sleep });

	private constructor(
		private readonly context: IExecuteFunctions,
		readonly settings: CredentialSettings,
		private readonly timeoutMs: number,
	) {}

	/** Reads and checks the credential once; a bad field is refused before any request. */
	static async forExecution(context: IExecuteFunctions, options: { timeoutMs: number }): Promise<TencentTransport> {
		const raw = await context.getCredentials(CREDENTIAL_TYPE);
		try {
			return new TencentTransport(context, parseCredentialSettings(raw), options.timeoutMs);
		} catch (error) {
			const field = error instanceof InvalidCredentialSettingError ? error.field : 'unknown';
			throw new NodeOperationError(context.getNode(), `Credential field "${field}" is invalid`, {
				description: `${(error as Error).message} Nothing was sent to Tencent.`,
			});
		}
	}

	async call(command: TencentCommand, body: IDataObject, call: CallContext): Promise<TencentReply> {
		const idempotent = isIdempotentCommand(command);
		const budgetKey = `${this.settings.sdkAppId}|${this.settings.baseUrl}|${command}`;
		let resignsDone = 0;
		for (let attempt = 1; ; attempt++) {
			const release = await this.rateLimiter.acquire(budgetKey, this.settings.maxRequestsPerSecond);
			let outcome: CallOutcome;
			try {
				outcome = await this.send(command, body);
			} finally {
				// Counted at its completion: Tencent handled it at some moment before that.
				release();
			}
			if (outcome.ok) return outcome.reply;

			const rateLimited =
				(outcome.errorCode !== null && TENCENT_RATE_LIMIT_CODES.has(outcome.errorCode)) || outcome.httpStatus === 429;
			const decision = decideRetry(
				{
					retry: outcome.retry,
					idempotent,
					attempt,
					resignsDone,
					// Nothing was done on a rate-limit answer: worth more patience than other failures.
					maxAttempts: rateLimited ? RATE_LIMITED_MAX_ATTEMPTS : DEFAULT_MAX_ATTEMPTS,
				},
				{ ...DEFAULT_BACKOFF, random: Math.random },
			);
			if (rateLimited) this.rateLimiter.penalize(budgetKey, Math.max(decision.delayMs, 100));
			if (!decision.retry) {
				if (outcome.retry === 'resign' && resignsDone > 0) {
					// A new UserSig did not help: signing again cannot either, until the clock is fixed.
					throw this.failure({ ...outcome, retry: 'final', hint: HINT_CLOCK_PROBABLY_OFF }, call, idempotent);
				}
				if (outcome.retry === 'ambiguous' && idempotent) {
					// Whether the last try ran does not matter for a call that can run twice.
					throw this.failure({ ...outcome, hint: outcome.hint.replace(HINT_MAY_HAVE_RUN, hintSafeToRepeat(attempt)) }, call, idempotent);
				}
				throw this.failure(outcome, call, idempotent);
			}
			if (decision.resign) {
				resignsDone++;
				sharedUserSigCache.forget(this.settings.sdkAppId, this.settings.identifier);
			}
			if (decision.delayMs > 0) await sleep(decision.delayMs);
		}
	}

	private async send(command: TencentCommand, body: IDataObject): Promise<CallOutcome> {
		const request: IHttpRequestOptions = {
			method: 'POST',
			url: `/v4/${command}`,
			body,
			json: true,
			timeout: this.timeoutMs,
			returnFullResponse: true,
			// Tencent answers 200 with ErrorCode in the body; other statuses are read here, not thrown.
			ignoreHttpStatusErrors: true,
			// Read as text and parsed here, so the size is checked before anything is parsed.
			encoding: 'text',
			// Tencent never redirects: a redirect means a wrong Base URL, and following it would
			// send the request body elsewhere.
			disableFollowRedirect: true,
		};
		try {
			const response = (await this.context.helpers.httpRequestWithAuthentication.call(
				this.context,
				CREDENTIAL_TYPE,
				request,
			)) as { statusCode: number; body: unknown };
			return interpret(response.statusCode, response.body, (text, max) => this.scrub(text, max));
		} catch (error) {
			// The error n8n built holds the request options, signed query included: keep only its kind.
			const kind = failureKindOf(error);
			return {
				ok: false,
				errorCode: null,
				errorInfo: kind,
				requestId: null,
				httpStatus: null,
				...classifyTransportFailure(kind),
			};
		}
	}

	/** Tencent answered OK but not in the documented shape: say so instead of guessing. */
	invalidReply(call: CallContext, problem: string, reply: TencentReply): NodeApiError {
		return this.finalFailure(call, {
			name: 'unexpected response',
			problem,
			hint: `Tencent's answer does not match its documentation (${problem}); report it with the RequestId.`,
			requestId: typeof reply.RequestId === 'string' ? reply.RequestId : null,
			httpStatus: 200,
		});
	}

	/** Tencent's cursor did not move or never ended: stop instead of looping. */
	paginationFailure(call: CallContext, problem: string): NodeApiError {
		return this.finalFailure(call, { name: 'pagination did not end', problem, hint: problem, requestId: null, httpStatus: null });
	}

	/** A failure the node found in an answer Tencent gave: retrying the same call cannot help. */
	private finalFailure(
		call: CallContext,
		found: { name: string; problem: string; hint: string; requestId: string | null; httpStatus: number | null },
	): NodeApiError {
		return this.failure(
			{
				ok: false,
				errorCode: null,
				errorInfo: found.problem,
				requestId: found.requestId,
				httpStatus: found.httpStatus,
				retry: 'final',
				name: found.name,
				hint: found.hint,
			},
			call,
			false,
		);
	}

	/**
	 * Text from Tencent's answer that ends up in messages: cut to `max` characters, and with the
	 * secret key, the callback token and anything UserSig-like hidden, in case a gateway echoes
	 * the request's query string back.
	 */
	private scrub(text: string, max: number): string {
		let clean = text.length > max * 4 ? text.slice(0, max * 4) : text;
		for (const secret of [this.settings.secretKey, this.settings.callbackToken]) {
			if (secret.length >= 4) clean = clean.split(secret).join('[hidden]');
		}
		clean = clean.replace(USERSIG_PARAMETER, '$1[hidden]').replace(LONG_TOKEN, '[hidden]');
		return clean.length > max ? `${clean.slice(0, max)}…` : clean;
	}

	/**
	 * The same failure with another hint and `retryable`, e.g. once an operation has checked
	 * what an ambiguous failure left behind. Errors the transport did not build pass through
	 * asNodeError unchanged.
	 */
	restate(
		error: unknown,
		call: CallContext,
		change: { hint: string; retryable: boolean },
	): NodeApiError | NodeOperationError {
		const origin = error instanceof NodeApiError ? failureOrigins.get(error) : undefined;
		if (!origin) return this.asNodeError(call, error);
		return this.failure({ ...origin.outcome, hint: change.hint }, call, origin.idempotent, change.retryable);
	}

	/** Errors from the node's own code pass through; anything else is wrapped for the item. */
	asNodeError(call: CallContext, error: unknown): NodeApiError | NodeOperationError {
		if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
		return new NodeOperationError(this.context.getNode(), error instanceof Error ? error.message : String(error), {
			itemIndex: call.itemIndex,
		});
	}

	/** A fresh error built from plain, secret-free values only. */
	private failure(
		outcome: FailedOutcome,
		call: CallContext,
		idempotent: boolean,
		retryable = isRetryable(outcome.retry, idempotent),
	): NodeApiError {
		const details: TencentFailureDetails = {
			errorCode: outcome.errorCode,
			errorInfo: outcome.errorInfo,
			requestId: outcome.requestId,
			retryable,
		};
		const codeText = outcome.errorCode !== null ? ` (${outcome.errorCode})` : '';
		const message = `Could not ${call.action}: ${outcome.name}${codeText}. ${outcome.hint}`;
		const description = [
			outcome.errorCode !== null ? `Tencent ErrorCode ${outcome.errorCode}: ${outcome.name}.` : `No Tencent answer: ${outcome.name}.`,
			outcome.errorInfo ? `ErrorInfo: ${outcome.errorInfo}.` : '',
			outcome.requestId ? `RequestId: ${outcome.requestId}.` : '',
		]
			.filter(Boolean)
			.join(' ');
		const error = new NodeApiError(this.context.getNode(), { ...details } as JsonObject, {
			message,
			description,
			httpCode: outcome.httpStatus !== null ? String(outcome.httpStatus) : undefined,
			itemIndex: call.itemIndex,
		});
		error.context.tencent = details;
		failureOrigins.set(error, { outcome, idempotent });
		return error;
	}
}

/** The Tencent details a NodeApiError from the transport carries, if any. */
export function tencentDetailsOf(error: unknown): TencentFailureDetails | undefined {
	if (error instanceof NodeApiError && error.context.tencent && typeof error.context.tencent === 'object') {
		return error.context.tencent as TencentFailureDetails;
	}
	return undefined;
}

/** How the transport judged a failure it built ('safe', 'resign', 'ambiguous', 'final'), if it did. */
export function retryClassOf(error: unknown): RetryClass | undefined {
	return error instanceof NodeApiError ? failureOrigins.get(error)?.outcome.retry : undefined;
}

/**
 * True when the call may or may not have taken effect: Tencent's internal errors (100001,
 * 70500…), 5xx answers, timeouts, broken connections and unreadable answers. The transport
 * never repeats a non-idempotent command after one of these; the operation can check instead.
 */
export function isAmbiguousFailure(error: unknown): boolean {
	return retryClassOf(error) === 'ambiguous';
}
