/**
 * Tencent REST error codes → short name, a hint for the user, and whether retrying can help.
 * One table instead of an if/else chain, so every code documented in tencent-rest.md is
 * visible (and tested) in one place. Pure: no n8n imports.
 */

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
	/** One sentence for a no-code user: what to do. */
	readonly hint: string;
	readonly retry: RetryClass;
}

// Repeated hints, kept identical wherever the same situation arises.
const HINT_RATE_LIMITED =
	'Tencent is limiting the request rate: the node waits and retries; if this persists, lower Max Requests Per Second in the credential.';
export const HINT_MAY_HAVE_RUN =
	'The change may or may not have been applied: check the current state (for example with Get Seats) before running it again.';
const HINT_RESIGN =
	'The node signs a new one and retries; if this persists, check the server clock.';
const HINT_CHECK_CREDENTIAL_KEY =
	'Check Identifier and Secret Key in the credential: copy the key again from the Chat console (Application → Basic Configuration).';

type Row = [code: number, name: string, retry: RetryClass, hint: string];

const ROWS: readonly Row[] = [
	// Common codes (60000-79999)
	[60002, 'bad URL', 'final', 'Check the Base URL in the credential: Tencent could not parse the request URL.'],
	[60003, 'bad JSON', 'final', 'Tencent could not parse the request body; check the text fields for unusual characters and try again.'],
	[60004, 'identifier or UserSig wrong', 'final', HINT_CHECK_CREDENTIAL_KEY],
	[60005, 'identifier or UserSig wrong', 'final', HINT_CHECK_CREDENTIAL_KEY],
	[60006, 'SDKAppID invalid', 'final', 'Check the Region in the credential: the SDKAppID belongs to another regional host.'],
	[60007, 'rate limited', 'safe', HINT_RATE_LIMITED],
	[60008, 'service timeout', 'ambiguous', `Tencent timed out. ${HINT_MAY_HAVE_RUN}`],
	[60009, 'wrong URL', 'final', 'Check the Base URL in the credential: it must be the host only (for example https://adminapisgp.im.qcloud.com), without a path.'],
	[60010, 'identifier is not an app administrator', 'final', 'Use an App administrator account as Identifier (Chat console → App administrator).'],
	[60011, 'app rate limited', 'safe', HINT_RATE_LIMITED],
	[60012, 'SDKAppID missing', 'final', 'Enter the SDKAppID in the credential (Chat console → Application list).'],
	[60015, 'identifier not a string', 'final', 'Enter the Identifier in the credential as an account ID such as administrator.'],
	[60016, 'SDKAppID disabled', 'final', 'The application is disabled: re-enable it in the Tencent Cloud console or contact Tencent support.'],
	[60017, 'request disabled', 'final', 'Tencent has disabled this request for the application: contact Tencent Cloud support.'],
	[60018, 'too many requests', 'safe', HINT_RATE_LIMITED],
	[60019, 'too many requests', 'safe', HINT_RATE_LIMITED],
	[60020, 'plan expired or not active', 'final', "Renew or activate the application's package in the Tencent Cloud console."],
	[60021, 'source IP not allowed', 'final', "Add the n8n server's public IP address to the application's IP allowlist in the Tencent Cloud console."],
	[70001, 'UserSig expired', 'resign', HINT_RESIGN],
	[70002, 'UserSig empty', 'final', 'Enter the Secret Key in the credential so the node can sign requests.'],
	[70003, 'UserSig truncated', 'final', 'Tencent received a cut-off signature: if a proxy sits in front of Tencent, make sure it passes the query string unchanged.'],
	[70005, 'UserSig invalid', 'final', HINT_CHECK_CREDENTIAL_KEY],
	[70009, 'UserSig made with another key', 'final', 'The Secret Key does not belong to this SDKAppID.'],
	[70013, 'identifier does not match UserSig', 'final', 'Check the Identifier in the credential for typos or spaces; if a proxy sits in front of Tencent, make sure it does not change the query string.'],
	[70014, 'SDKAppID does not match UserSig', 'final', 'Check the SDKAppID in the credential: the Secret Key was issued for another application.'],
	[70016, 'public key missing', 'final', 'The application has no signing key: check the key in the Chat console (Basic Configuration) and copy it into the credential again.'],
	[70020, 'SDKAppID not found', 'final', 'Check the SDKAppID and the Region in the credential: this regional host does not know the application.'],
	[70052, 'UserSig invalid or expired', 'resign', HINT_RESIGN],
	[70169, 'internal timeout', 'ambiguous', `Tencent timed out internally. ${HINT_MAY_HAVE_RUN}`],
	[70500, 'internal error', 'ambiguous', `Tencent reported an internal error. ${HINT_MAY_HAVE_RUN}`],

	// Room Engine private codes
	[100001, 'internal error', 'ambiguous', `Tencent reported an internal error. ${HINT_MAY_HAVE_RUN}`],
	[100002, 'invalid parameter', 'final', "Check the node's fields (room ID, seat index, member account) against Tencent's error text."],
	[100003, 'room ID already exists', 'final', 'Pick another room ID, or use the existing room.'],
	[100004, 'room not found', 'final', 'Check the Room ID: the room does not exist or was destroyed.'],
	[100005, 'not a room member', 'final', 'Check the Member Account: the user must be in the room first.'],
	[100006, 'no permission', 'final', 'Check that the Room ID names a live room and that the Identifier in the credential is an App administrator.'],
	[100007, 'no paid package', 'final', 'Activate a TRTC / Room Engine package for this application in the Tencent Cloud console.'],
	[100008, 'room full', 'final', 'The room has reached its member limit: remove members or raise the limit.'],
	[100010, 'room exists with the same owner', 'final', 'This owner already has a room with this ID: use it instead of creating it again.'],
	// A frequency limit: nothing was created, so waiting and retrying can succeed.
	[100012, 'create-room rate limited', 'safe', 'Too many rooms were created in a short time: the node waits and retries; if this persists, create rooms more slowly.'],
	[100016, 'member banned', 'final', 'The member is banned from this room: unban them first.'],
	[100017, 'member muted', 'final', 'The member is muted in this room: unmute them first.'],
	[100020, 'admin limit reached', 'final', 'The room already has the maximum number of administrators: remove one first.'],
	[100026, 'sensitive content', 'final', "Tencent's content filter rejected a text field: change the wording."],
	[100200, 'seat locked', 'final', 'Unlock the seat first or pick another seat.'],
	[100201, 'seat occupied', 'final', 'Pick an empty seat, or move the current user off it first.'],
	[100203, 'user already on a seat', 'final', 'The user already has a seat: use Move User to change seats.'],
	[100205, 'all seats full', 'final', 'Free a seat first or raise the number of seats in the room.'],
	[100206, 'user not on a seat', 'final', 'Only users already on a seat can be moved; have the user take a seat first, or check the Member Account.'],
	[100210, 'target seat occupied', 'final', 'Use policy Force Move or Exchange, or pick an empty seat.'],
	[100211, 'room has no seats', 'final', 'This room does not support seats: check the Room ID, or create the room with seats enabled.'],

	// AVChatRoom get_members codes
	[10001, 'not logged in', 'final', 'Check the Identifier (an App administrator) and the Secret Key in the credential.'],
	// Ambiguous in general; get_members is a read, so the retry policy retries it anyway.
	[10002, 'system error', 'ambiguous', 'Tencent reported a system error: try again later; if this persists, contact Tencent support.'],
	[10003, 'invalid command', 'final', 'Tencent did not recognise the request: check the Base URL in the credential points at Tencent\'s admin API.'],
	[10004, 'invalid parameter', 'final', "Check the Group ID and Mark fields against Tencent's error text."],
	[10007, 'no permission', 'final', 'Only audio-video groups (AVChatRoom) list online members: check that the Group ID is an audio-video group.'],
	[10010, 'group not found', 'final', 'Check the Group ID: the group does not exist or was dismissed.'],
	[10015, 'group ID invalid', 'final', 'Check the Group ID: it is not a valid group ID.'],
];

function buildTable(rows: readonly Row[]): ReadonlyMap<number, TencentErrorEntry> {
	const table = new Map<number, TencentErrorEntry>();
	for (const [code, name, retry, hint] of rows) {
		if (table.has(code)) throw new Error(`duplicate Tencent error code ${code}`);
		table.set(code, Object.freeze({ code, name, hint, retry }));
	}
	return table;
}

export const TENCENT_ERRORS: ReadonlyMap<number, TencentErrorEntry> = buildTable(ROWS);

/**
 * Codes that mean "rate limited, nothing was done". Tencent does not document which of them it
 * sends at the per-command limit, so all of them should make the caller back off the limiter.
 */
export const TENCENT_RATE_LIMIT_CODES: ReadonlySet<number> = new Set([60007, 60011, 60018, 60019, 100012]);

/**
 * Codes where Tencent's front end gave up waiting for its backend: unlike other answers, the
 * call may still be applied after them.
 */
export const TENCENT_TIMEOUT_CODES: ReadonlySet<number> = new Set([60008, 70169]);

export const UNKNOWN_TENCENT_ERROR_NAME = 'unknown Tencent error';

/** Unknown codes are treated as final: retrying something we do not understand may repeat a write. */
export function lookupTencentError(code: number): TencentErrorEntry {
	const known = TENCENT_ERRORS.get(code);
	if (known) return known;
	return {
		code,
		name: UNKNOWN_TENCENT_ERROR_NAME,
		hint: "Look the code up on Tencent Cloud's Chat error code page and check Tencent's error text.",
		retry: 'final',
	};
}

export type TransportFailureKind =
	| 'timeout'
	| 'connectionReset'
	| 'connectionRefused'
	| 'dnsFailure'
	| 'httpStatus'
	| 'invalidResponse'
	| 'responseTooLarge';

/** Replaces HINT_MAY_HAVE_RUN once a call that is safe to repeat (a read, a lock) has used its attempts. */
export function hintSafeToRepeat(attempts: number): string {
	return `The node tried ${attempts} times; this call is safe to repeat, so run it again later.`;
}

/**
 * Tencent still called a freshly signed UserSig expired (70001 / 70052 after re-signing): the
 * UserSig carries the n8n server's time, so that clock is the likely culprit.
 */
export const HINT_CLOCK_PROBABLY_OFF =
	"Tencent still called a freshly signed UserSig expired, so the n8n server's clock is probably off (by a day or more): set it right (for example with NTP) and run the workflow again.";

export interface TransportFailureClass {
	retry: RetryClass;
	name: string;
	hint: string;
}

/** Failures where Tencent never gave an ErrorCode: the network, or an HTTP status other than 200. */
export function classifyTransportFailure(
	kind: TransportFailureKind,
	httpStatus?: number,
): TransportFailureClass {
	switch (kind) {
		case 'timeout':
			return { retry: 'ambiguous', name: 'timeout', hint: `Tencent did not answer in time. ${HINT_MAY_HAVE_RUN}` };
		case 'connectionReset':
			return { retry: 'ambiguous', name: 'connection reset', hint: `The connection to Tencent broke during the request. ${HINT_MAY_HAVE_RUN}` };
		case 'connectionRefused':
			// Refused before any request was sent, so nothing ran.
			return {
				retry: 'safe',
				name: 'connection refused',
				hint: 'Could not connect to Tencent: check that the n8n server can reach the internet (or the Base URL, for a custom region); the node retries.',
			};
		case 'dnsFailure':
			return {
				retry: 'final',
				name: 'host not found',
				hint: 'Check the Region or the Base URL in the credential: the host name could not be resolved.',
			};
		case 'invalidResponse':
			// A truncated or non-JSON answer: Tencent may have processed the call.
			return {
				retry: 'ambiguous',
				name: 'invalid response',
				hint: `Tencent's answer was incomplete or not JSON. ${HINT_MAY_HAVE_RUN}`,
			};
		case 'responseTooLarge':
			// Tencent's answers are a few kilobytes: a huge one comes from something else on the way,
			// and the call may still have run.
			return {
				retry: 'ambiguous',
				name: 'answer too large',
				hint: `The answer was far larger than any Tencent sends and was not read; if a proxy sits in front of Tencent, check it. ${HINT_MAY_HAVE_RUN}`,
			};
		case 'httpStatus':
			return classifyHttpStatus(httpStatus);
	}
}

function classifyHttpStatus(status: number | undefined): TransportFailureClass {
	if (status === 429) {
		return { retry: 'safe', name: 'HTTP 429 rate limited', hint: HINT_RATE_LIMITED };
	}
	if (status !== undefined && status >= 500 && status <= 599) {
		return { retry: 'ambiguous', name: `HTTP ${status} server error`, hint: `Tencent's server failed. ${HINT_MAY_HAVE_RUN}` };
	}
	if (status !== undefined && status >= 400 && status <= 499) {
		return {
			retry: 'final',
			name: `HTTP ${status}`,
			hint: 'Tencent refused the request: check the Region or the Base URL in the credential.',
		};
	}
	if (status !== undefined && status >= 300 && status <= 399) {
		// A redirect: the request did not reach Tencent's API, so the address is wrong.
		return {
			retry: 'final',
			name: `HTTP ${status} redirect`,
			hint: 'Check the Base URL in the credential: it must be Tencent\'s admin API host with https://.',
		};
	}
	// No or an unexpected status: we cannot tell whether the call ran.
	return {
		retry: 'ambiguous',
		name: status === undefined ? 'unexpected HTTP answer' : `unexpected HTTP ${status}`,
		hint: `Tencent gave an unexpected answer. ${HINT_MAY_HAVE_RUN}`,
	};
}

/** What contract.md calls `details.retryable`: can the same call succeed if tried again later? */
export function isRetryable(retry: RetryClass, idempotent: boolean): boolean {
	switch (retry) {
		case 'safe':
		case 'resign':
			return true;
		case 'ambiguous':
			// Repeating a non-idempotent call (a seat exchange) can undo what the first one did.
			return idempotent;
		case 'final':
			return false;
	}
}
