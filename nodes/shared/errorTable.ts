/**
 * Tencent REST error codes → short name, advice for the user, and whether retrying can help;
 * and the hint that ends every failure message, built from how the call went. One table
 * instead of an if/else chain, so every documented code is visible (and tested) in one place.
 * Pure: no n8n imports.
 */

import errorCodes from './errorCodes.json';

/**
 * - `safe`: nothing was done; trying again later can succeed (rate limits, connection refused).
 * - `resign`: the UserSig expired; sign a new one and retry once.
 * - `ambiguous`: the call may or may not have taken effect (internal errors, timeouts, resets).
 * - `final`: retrying the same call cannot help.
 */
export type RetryClass = 'safe' | 'resign' | 'ambiguous' | 'final';

export interface TencentErrorEntry {
	readonly code: number;
	/** Short label, e.g. 'seat locked'. */
	readonly name: string;
	/** What the code means for the user, and what to do: one or two sentences. */
	readonly advice: string;
	readonly retry: RetryClass;
}

/** The table itself is data: errorCodes.json, one row per documented code. */
type Row = [code: number, name: string, retry: RetryClass, advice: string];

const RETRY_CLASSES: ReadonlySet<string> = new Set<RetryClass>(['safe', 'resign', 'ambiguous', 'final']);

function isRow(row: unknown): row is Row {
	if (!Array.isArray(row) || row.length !== 4) return false;
	const [code, name, retry, advice] = row as unknown[];
	return Number.isInteger(code) && typeof name === 'string' && typeof retry === 'string' && RETRY_CLASSES.has(retry) && typeof advice === 'string';
}

function buildTable(rows: readonly unknown[]): ReadonlyMap<number, TencentErrorEntry> {
	const table = new Map<number, TencentErrorEntry>();
	for (const row of rows) {
		if (!isRow(row)) throw new Error(`malformed Tencent error code row ${JSON.stringify(row)}`);
		const [code, name, retry, advice] = row;
		if (table.has(code)) throw new Error(`duplicate Tencent error code ${code}`);
		table.set(code, Object.freeze({ code, name, advice, retry }));
	}
	return table;
}

export const TENCENT_ERRORS: ReadonlyMap<number, TencentErrorEntry> = buildTable(errorCodes.codes);

/**
 * Codes that mean "rate limited, nothing was done" (10006 is the Chat group service's). Tencent
 * does not document which of them it sends at the per-command limit, so all of them make the
 * caller back off.
 */
export const TENCENT_RATE_LIMIT_CODES: ReadonlySet<number> = new Set([60007, 60011, 60018, 60019, 10006]);

/**
 * Codes where Tencent's front end gave up waiting for its backend: the call may still be applied
 * after them, as after no answer at all.
 */
export const TENCENT_TIMEOUT_CODES: ReadonlySet<number> = new Set([60008, 70169]);

/** Unknown codes are final: retrying something not understood may repeat a write. */
export function lookupTencentError(code: number): TencentErrorEntry {
	return (
		TENCENT_ERRORS.get(code) ?? {
			code,
			name: 'unknown Tencent error',
			advice: "Look the code up on Tencent Cloud's Chat error code page and check Tencent's error text.",
			retry: 'final',
		}
	);
}

/** Failures where Tencent gave no ErrorCode: the network, the HTTP status, or an unreadable answer. */
export type TransportFailureKind =
	| 'timeout'
	| 'connectionReset'
	| 'connectionRefused'
	| 'dnsFailure'
	| 'tlsFailure'
	| 'notSent'
	| 'networkError'
	| 'httpStatus'
	| 'invalidResponse'
	| 'unexpectedResponse'
	| 'responseTooLarge';

export interface FailureClass {
	retry: RetryClass;
	name: string;
	advice: string;
	/** Tencent may still apply the call: it has not answered, or answered only that it timed out. */
	mayStillLand: boolean;
}

type FailureEntryKey = Exclude<TransportFailureKind, 'httpStatus'> | 'http429' | 'http5xx' | 'http4xx' | 'http3xx' | 'httpOther';

function isFailureClass(value: unknown): value is FailureClass {
	const entry = value as Partial<FailureClass> | null;
	return (
		typeof entry === 'object' &&
		entry !== null &&
		RETRY_CLASSES.has(String(entry.retry)) &&
		typeof entry.name === 'string' &&
		typeof entry.advice === 'string' &&
		typeof entry.mayStillLand === 'boolean'
	);
}

const FAILURES: Readonly<Record<string, unknown>> = errorCodes.failures;

function failureEntry(key: FailureEntryKey): FailureClass {
	const entry = FAILURES[key];
	if (!isFailureClass(entry)) throw new Error(`errorCodes.json has no valid failure "${key}"`);
	return entry;
}

function httpEntryKey(status: number | undefined): FailureEntryKey {
	if (status === 429) return 'http429';
	if (status !== undefined && status >= 300 && status <= 599) return (['http3xx', 'http4xx', 'http5xx'] as const)[Math.floor(status / 100) - 3];
	return 'httpOther';
}

/**
 * Failures without a Tencent ErrorCode. A gateway's 5xx, like no answer at all, leaves the call
 * possibly still running behind it; an answer Tencent finished (if oddly) does not.
 */
export function classifyTransportFailure(kind: TransportFailureKind, httpStatus?: number): FailureClass {
	const entry = failureEntry(kind === 'httpStatus' ? httpEntryKey(httpStatus) : kind);
	return { ...entry, name: entry.name.replace('{status}', httpStatus === undefined ? '' : String(httpStatus)).trim() };
}

/** How a call went, as far as the user's next step depends on it. */
export interface CallHistory {
	retry: RetryClass;
	/** Sending the command twice is harmless. */
	repeatSafe: boolean;
	/** Requests made for this call, the failed one included. */
	attempts: number;
	/** A new UserSig was signed and Tencent still refused it. */
	resigned: boolean;
	/** For a call that is neither repeat-safe nor checkable: what an unclear attempt means. */
	ifUnclear?: string;
	/** For a call that is not repeat-safe: what reading to check said, what was read and, for a conflict, found. */
	check?: { verdict: 'notApplied' | 'conflict' | 'unreadable'; reads: string; found?: string };
}

/** What contract.md calls `details.retryable`: can the same call succeed if tried again later? */
export function isRetryable(history: Pick<CallHistory, 'retry' | 'repeatSafe' | 'check' | 'resigned'>): boolean {
	switch (history.retry) {
		case 'safe':
			return true;
		case 'resign':
			// Refused again after signing afresh: the clock needs fixing first.
			return !history.resigned;
		case 'ambiguous':
			// Repeating an unclear call that is not repeat-safe (a seat exchange) could undo it,
			// unless a read showed it had not been applied.
			return history.repeatSafe || history.check?.verdict === 'notApplied';
		case 'final':
			return false;
	}
}

/**
 * The sentence that ends every failure message: the code's advice, then what the node already
 * tried and whether running the item again is safe.
 */
export function failureHint(advice: string, history: CallHistory): string {
	const tried = history.attempts > 1 ? `The node tried ${history.attempts} times; ` : '';
	switch (history.retry) {
		case 'final':
			return advice;
		case 'resign':
			return history.resigned
				? "Tencent still called a freshly signed UserSig expired, so the n8n server's clock is probably off (by a day or more): set it right (for example with NTP) and run the workflow again."
				: advice;
		case 'safe':
			return `${advice} ${capitalize(`${tried}nothing was applied, so running it again later is safe.`)}`;
		case 'ambiguous':
			if (history.repeatSafe) return `${advice} ${capitalize(`${tried}this call is safe to repeat, so run it again later.`)}`;
			if (history.check?.verdict === 'notApplied') {
				return `${advice} ${capitalize(`${tried}reading ${history.check.reads} afterwards showed it had not been applied, so running it again is safe.`)}`;
			}
			if (history.check?.verdict === 'conflict') {
				return `${advice} Reading ${history.check.reads} afterwards showed ${history.check.found ?? 'something else in its place'}.`;
			}
			if (history.check?.verdict === 'unreadable') {
				return `${advice} It may or may not have been applied, and reading ${history.check.reads} to check failed too: look before running it again.`;
			}
			return `${advice} ${history.ifUnclear ?? 'It may or may not have been applied: check the current state before running it again.'}`;
	}
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
