import type { IDataObject, IExecuteFunctions, IHookFunctions, IHttpRequestOptions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import {
	COMMAND_RULES,
	payloadOf,
	TENCENT_LATE_APPLY_WINDOW_MS,
	type AppliedCheck,
	type CheckVerdict,
	type TencentCommand,
} from '../../shared/commands';
import { InvalidCredentialSettingError, parseCredentialSettings, type CredentialSettings } from '../../shared/credentialSettings';
import type { CallHistory } from '../../shared/errorTable';
import { sharedCallDurations, targetInFlight } from '../../shared/inFlightTarget';
import { getSharedRateLimiter } from '../../shared/rateLimiter';
import { DEFAULT_BACKOFF, DEFAULT_MAX_ATTEMPTS, decideRetry } from '../../shared/retryPolicy';
import { sharedUserSigCache } from '../../shared/userSig';
import { makeScrub, readAnswer, readNetworkError, type AttemptOutcome, type FailedAttempt, type Scrub, type TencentReply } from './answer';
import { TencentRequestError, unusableAnswerError, type CallContext } from './errors';
import { RequestSigner } from './signing';

export type { TencentCommand } from '../../shared/commands';
export type { TencentReply } from './answer';
export { TencentRequestError, type CallContext, type TencentFailureDetails } from './errors';

/** The only way out to Tencent: every REST call of the node goes through TencentTransport.call. */

export interface CallResult {
	reply: TencentReply;
	/** An unclear attempt turned out to have been applied (a check read, or the answer to a resend). */
	reconciled: boolean;
}

const CREDENTIAL_TYPE = 'tencentRoomApi';

/** Who calls: an execution, the editor filling a list (resource locators), or a trigger (de)activating. */
export type TencentContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;
/** Nothing was done on a rate-limit answer: worth more patience than other failures. */
const RATE_LIMITED_MAX_ATTEMPTS = 8;

/**
 * One per node execution: holds the checked credential settings, so every call knows its rate
 * budget and which UserSig to forget when Tencent calls it expired. Sends, retries what the
 * command table says is safe to retry, and settles unclear attempts.
 */
export class TencentTransport {
	private readonly rateLimiter = getSharedRateLimiter({ now: () => Date.now(), sleep });

	private readonly scrub: Scrub;

	private readonly signer: RequestSigner;

	/** The rate budget of the latest call (calls per second): what the calls in flight must feed. */
	private budgetInUse = 0;

	/** Calls waiting out a back-off or Tencent's late window: they hold an item without using the budget. */
	private parked = 0;

	private constructor(
		private readonly context: TencentContext,
		readonly settings: CredentialSettings,
		private readonly timeoutMs: number,
	) {
		this.scrub = makeScrub([settings.secretKey, settings.callbackToken]);
		this.signer = new RequestSigner(settings);
	}

	/** Reads and checks the credential once; a bad field is refused before any request. */
	static async forExecution(context: TencentContext, options: { timeoutMs: number }): Promise<TencentTransport> {
		const raw = await context.getCredentials(CREDENTIAL_TYPE);
		try {
			return new TencentTransport(context, parseCredentialSettings(raw), options.timeoutMs);
		} catch (error) {
			// parseCredentialSettings refuses bad fields with InvalidCredentialSettingError only.
			const field = error instanceof InvalidCredentialSettingError ? error.field : 'unknown';
			throw new NodeOperationError(context.getNode(), `Credential field "${field}" is invalid`, {
				description: `${(error as Error).message} Nothing was sent to Tencent.`,
			});
		}
	}

	/**
	 * Sends a command until it succeeds or fails for good. After an unclear failure (the call may
	 * have been applied) nothing more is sent on it until Tencent can no longer apply it late;
	 * then a repeat-safe command is sent again, and any other is checked by a read first.
	 */
	async call(command: TencentCommand, body: IDataObject, call: CallContext): Promise<CallResult> {
		const rule = COMMAND_RULES[command];
		const budgetKey = `${this.settings.sdkAppId}|${this.settings.baseUrl}|${command}`;
		const budget = Math.min(this.settings.maxRequestsPerSecond, rule.callsPerSecond ?? Number.POSITIVE_INFINITY);
		this.budgetInUse = budget;
		let resigned = false;
		let unclearBefore = false;
		let check: CallHistory['check'];
		for (let attempt = 1; ; attempt++) {
			const release = await this.rateLimiter.acquire(budgetKey, budget, this.settings.sharingProcesses);
			const sentAt = Date.now();
			const outcome = await this.send(command, body);
			release({ refused: !outcome.ok && outcome.failed.rateLimited });
			// Only answers time the round trip: a timeout or a stall says nothing about it.
			if (outcome.ok || outcome.failed.errorCode !== null) sharedCallDurations.note(this.settings.baseUrl, Date.now() - sentAt);
			if (outcome.ok) return { reply: outcome.reply, reconciled: false };
			const failed = outcome.failed;
			if (unclearBefore && failed.errorCode !== null && rule.appliedBeforeCodes?.includes(failed.errorCode)) {
				return { reply: confirmation(failed), reconciled: true };
			}

			let retry = failed.retry;
			if (retry === 'ambiguous') {
				unclearBefore = true;
				// A change may still land: nothing more on it (nor, since the room's next item waits
				// for this one, on its room) until Tencent can no longer apply it.
				if (failed.mayStillLand && !rule.readOnly) await this.parkUntil(sentAt + TENCENT_LATE_APPLY_WINDOW_MS);
				if (!rule.repeatSafe) {
					const history = { retry, repeatSafe: false, attempts: attempt, resigned, ifUnclear: rule.ifUnclear };
					if (!rule.check) throw this.error(call, failed, history);
					const verdict = await this.checkApplied(rule.check, body, call);
					if (verdict === 'applied') return { reply: confirmation(failed), reconciled: true };
					check = { verdict, reads: rule.check.reads, found: rule.check.conflict };
					if (verdict !== 'notApplied') throw this.error(call, failed, { ...history, check });
					// Read after Tencent could apply it late: sending it again is harmless now.
					retry = 'safe';
				}
			}

			const decision = decideRetry(
				{
					retry,
					repeatSafe: rule.repeatSafe,
					attempt,
					resignsDone: resigned ? 1 : 0,
					maxAttempts: failed.rateLimited ? RATE_LIMITED_MAX_ATTEMPTS : DEFAULT_MAX_ATTEMPTS,
				},
				{ ...DEFAULT_BACKOFF, random: Math.random },
			);
			// The call itself waits its back-off; the others go on at the cut budget.
			if (failed.rateLimited) this.rateLimiter.penalize(budgetKey);
			if (!decision.retry) {
				throw this.error(call, failed, { retry: failed.retry, repeatSafe: rule.repeatSafe, attempts: attempt, resigned, check });
			}
			if (decision.resign) {
				resigned = true;
				sharedUserSigCache.forget(this.settings.sdkAppId, this.settings.identifier);
			}
			// Tencent refuses the same call again within the command's gap (create_room: 1 s per RoomId).
			await this.parkUntil(Math.max(Date.now() + decision.delayMs, sentAt + (rule.resendGapMs ?? 0)));
		}
	}

	/**
	 * How many items to keep in flight: enough to use the rate budget at the round trip calls
	 * take now (see inFlightTarget), within the node's Max Concurrent Requests.
	 */
	inFlightTarget(ceiling: number): number {
		const callsPerSecond = this.budgetInUse || this.settings.maxRequestsPerSecond;
		return targetInFlight(callsPerSecond, sharedCallDurations.averageOf(this.settings.baseUrl), ceiling, this.parked);
	}

	private async parkUntil(timeMs: number): Promise<void> {
		this.parked++;
		try {
			await sleepUntil(timeMs);
		} finally {
			this.parked--;
		}
	}

	/** Tencent answered OK but not in the documented shape: say so instead of guessing. */
	invalidReply(call: CallContext, problem: string, reply: TencentReply): TencentRequestError {
		return unusableAnswerError(this.context.getNode(), call, {
			name: 'unexpected response',
			problem,
			advice: `Tencent's answer does not match its documentation (${problem}); report it with the RequestId.`,
			requestId: typeof reply.RequestId === 'string' ? reply.RequestId : null,
		});
	}

	/** Tencent's cursor did not move or never ended: stop instead of looping. */
	paginationFailure(call: CallContext, problem: string): TencentRequestError {
		return unusableAnswerError(this.context.getNode(), call, { name: 'pagination did not end', problem, advice: problem, requestId: null });
	}

	private async send(command: TencentCommand, body: IDataObject): Promise<AttemptOutcome> {
		const request: IHttpRequestOptions = {
			method: 'POST',
			baseURL: this.settings.baseUrl,
			url: this.signer.signedPath(`/v4/${command}`),
			// Tencent wants a body even when it has no fields, and n8n's client drops an empty object.
			body: Object.keys(body).length === 0 ? '{}' : body,
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
			// Signed with the settings read once per execution: n8n's httpRequestWithAuthentication
			// would read and decrypt the credential again for every call (a database query in queue mode).
			const response = (await this.context.helpers.httpRequest(request)) as { statusCode: number; body: unknown };
			return readAnswer(response.statusCode, response.body, this.scrub);
		} catch (error) {
			// The error n8n built holds the request options, signed query included: keep only its kind.
			return { ok: false, failed: readNetworkError(error) };
		}
	}

	/** Reads whether an unclear attempt was applied; a read that fails says "unreadable". */
	private async checkApplied(check: AppliedCheck, sent: IDataObject, call: CallContext): Promise<CheckVerdict> {
		try {
			const { reply } = await this.call(check.command, check.body(sent) as IDataObject, {
				itemIndex: call.itemIndex,
				action: `read ${check.reads} to check`,
			});
			return check.verdict(payloadOf(check.command, reply), sent);
		} catch (error) {
			const code = error instanceof TencentRequestError ? error.details.errorCode : null;
			return code !== null && check.absentCodes?.includes(code) ? 'notApplied' : 'unreadable';
		}
	}

	private error(call: CallContext, failed: FailedAttempt, history: CallHistory): TencentRequestError {
		return new TencentRequestError(this.context.getNode(), call, failed, history);
	}
}

/** What an unclear attempt that was applied after all stands for: Tencent's OK, with its RequestId if any. */
function confirmation(failed: FailedAttempt): TencentReply {
	const reply: TencentReply = { ActionStatus: 'OK', ErrorCode: 0, ErrorInfo: '' };
	if (failed.requestId !== null) reply.RequestId = failed.requestId;
	return reply;
}

async function sleepUntil(timeMs: number): Promise<void> {
	const waitMs = timeMs - Date.now();
	if (waitMs > 0) await sleep(waitMs);
}
