/**
 * Every Tencent REST command the package sends, declared once: its documented frequency limit,
 * whether sending it twice is harmless, and how to tell that an unclear attempt was applied.
 * The transport reads this table to pace, retry and reconcile; operations only name a command.
 * Pure: no n8n imports.
 */

/** Tencent's limit for a command whose page names no other: 200 calls per second per app. */
export const DEFAULT_CALLS_PER_SECOND = 200;

/**
 * Tencent's backend gives up on a call after about 3 s, so an unanswered call can still be
 * applied until then. Nothing is sent again on the same room before this long after the unclear
 * attempt left (the margin covers clock and network jitter).
 */
export const TENCENT_LATE_APPLY_WINDOW_MS = 3_500;

export type TencentCommand =
	| 'room_engine_http_mic/get_seat_list'
	| 'room_engine_http_mic/lock_seat'
	| 'room_engine_http_mic/move_user_to_seat'
	| 'live_engine_http_srv/get_member_list'
	| 'group_open_avchatroom_http_svc/get_members';

/** What a check read says about an unclear attempt. */
export type CheckVerdict = 'applied' | 'notApplied' | 'unreadable';

/**
 * A read that settles whether an unclear attempt of a command that must not be repeated blindly
 * was applied. It runs once Tencent can no longer apply the attempt late.
 */
export interface AppliedCheck {
	readonly command: TencentCommand;
	/** The read's body, from the body that was sent. */
	readonly body: (sent: Readonly<Record<string, unknown>>) => Record<string, unknown>;
	/** Reads the answer's payload (`Response`, or the top level for Chat commands). */
	readonly verdict: (payload: unknown, sent: Readonly<Record<string, unknown>>) => CheckVerdict;
	/** For messages: what was read, e.g. "the seat list". */
	readonly reads: string;
}

export interface CommandRule {
	/** Tencent's documented limit, calls per second per app. */
	readonly callsPerSecond: number;
	/** It changes nothing, so an attempt applied late does no harm either. */
	readonly readOnly: boolean;
	/** Sending it twice leaves the same state as sending it once, so an unclear attempt is simply sent again. */
	readonly repeatSafe: boolean;
	/** Codes that, answered to a resend after an unclear attempt, show the attempt had been applied. */
	readonly appliedBeforeCodes?: readonly number[];
	/** For commands that are not repeat-safe: how to find out instead of sending again blindly. */
	readonly check?: AppliedCheck;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** A move was applied when the user sits on the target seat. */
const seatHoldsMovedUser: AppliedCheck = {
	command: 'room_engine_http_mic/get_seat_list',
	reads: 'the seat list',
	body: (sent) => ({ RoomId: sent.RoomId }),
	verdict: (payload, sent) => {
		const seatList = isRecord(payload) ? payload.SeatList : undefined;
		if (!Array.isArray(seatList)) return 'unreadable';
		const seated = seatList.some(
			(seat) => isRecord(seat) && seat.Index === sent.SeatIndex && seat.Member_Account === sent.Member_Account,
		);
		return seated ? 'applied' : 'notApplied';
	},
};

const read: CommandRule = { callsPerSecond: DEFAULT_CALLS_PER_SECOND, readOnly: true, repeatSafe: true };

export const COMMAND_RULES: Readonly<Record<TencentCommand, CommandRule>> = {
	'room_engine_http_mic/get_seat_list': read,
	// Sets all three flags to given values: a second send changes nothing more.
	'room_engine_http_mic/lock_seat': { callsPerSecond: DEFAULT_CALLS_PER_SECOND, readOnly: false, repeatSafe: true },
	// A second exchange swaps the users back.
	'room_engine_http_mic/move_user_to_seat': {
		callsPerSecond: DEFAULT_CALLS_PER_SECOND,
		readOnly: false,
		repeatSafe: false,
		check: seatHoldsMovedUser,
	},
	'live_engine_http_srv/get_member_list': read,
	'group_open_avchatroom_http_svc/get_members': read,
};

/** Chat commands answer at the top level; Room Engine commands under `Response`. */
export function payloadOf(command: TencentCommand, reply: Readonly<Record<string, unknown>>): unknown {
	return command.startsWith('group_open_') ? reply : reply.Response;
}
