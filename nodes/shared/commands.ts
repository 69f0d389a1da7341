/**
 * Every Tencent REST command the package sends, declared once: its documented frequency limit,
 * whether sending it twice is harmless, and how to tell that an unclear attempt was applied.
 * The transport reads this table to pace, retry and reconcile; operations only name a command.
 * Pure: no n8n imports.
 */


/**
 * Tencent's backend gives up on a call after about 3 s, so an unanswered call can still be
 * applied until then. Nothing is sent again on the same room before this long after the unclear
 * attempt left (the margin covers clock and network jitter).
 */
export const TENCENT_LATE_APPLY_WINDOW_MS = 3_500;

/** Room Engine services: conference rooms (TUIRoomKit) and live rooms (TUILiveKit). */
export type RoomService = 'room_engine_http_srv' | 'live_engine_http_srv';

export type TencentCommand =
	| 'room_engine_http_mic/get_seat_list'
	| 'room_engine_http_mic/lock_seat'
	| 'room_engine_http_mic/move_user_to_seat'
	| 'live_engine_http_srv/get_member_list'
	| 'group_open_avchatroom_http_svc/get_members'
	| `${RoomService}/${'create_room' | 'get_room_info' | 'update_room_info' | 'destroy_room' | 'change_room_owner'}`
	| 'live_engine_http_srv/get_room_list'
	| 'live_engine_http_srv/get_room_stats'
	| 'live_engine_http_srv/set_room_metadata'
	| 'live_engine_http_srv/get_room_metadata'
	| 'live_engine_http_srv/del_room_metadata'
	| 'group_open_http_svc/get_appid_group_list'
	| 'room_engine_http_mic/pick_user_on_seat'
	| 'room_engine_http_mic/kick_user_off_seat'
	| 'room_engine_http_srv/get_room_member_list'
	| 'room_engine_http_srv/kick_user_out'
	| 'room_engine_http_srv/ban_room_member'
	| 'room_engine_http_srv/unban_room_member'
	| 'live_engine_http_srv/ban_member'
	| 'live_engine_http_srv/unban_member'
	| `${RoomService}/get_banned_member_list`
	| 'live_engine_http_srv/mute_member'
	| 'live_engine_http_srv/get_muted_member_list'
	| 'live_engine_http_srv/send_text_msg'
	| `live_config/${'get_callback' | 'set_callback' | 'update_callback' | 'get_callback_token' | 'set_callback_token'}`;

/**
 * What a check read says about an unclear attempt: applied; not applied (so sending it again is
 * harmless); the target now holds something else that is not this call's doing; or no answer.
 */
export type CheckVerdict = 'applied' | 'notApplied' | 'conflict' | 'unreadable';

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
	/** Codes the read answers when the target does not exist: the attempt was not applied. */
	readonly absentCodes?: readonly number[];
	/** For messages, when the read finds a conflict: what it found. */
	readonly conflict?: string;
	/** For messages: what was read, e.g. "the seat list". */
	readonly reads: string;
}

export interface CommandRule {
	/**
	 * A limit Tencent documents below its usual 200 calls per second (per app): the credential's
	 * Max Requests per Second never takes the command past it. Commands without one use the
	 * credential's budget as it is.
	 */
	readonly callsPerSecond?: number;
	/** It changes nothing, so an attempt applied late does no harm either. */
	readonly readOnly: boolean;
	/** Sending it twice leaves the same state as sending it once, so an unclear attempt is simply sent again. */
	readonly repeatSafe: boolean;
	/** Codes that, answered to a resend after an unclear attempt, show the attempt had been applied. */
	readonly appliedBeforeCodes?: readonly number[];
	/** For commands that are not repeat-safe: how to find out instead of sending again blindly. */
	readonly check?: AppliedCheck;
	/** Tencent refuses the same call again within this long (create_room: 1 s per RoomId, 100012). */
	readonly resendGapMs?: number;
	/** For a command that is neither repeat-safe nor checkable: what an unclear attempt means for the user. */
	readonly ifUnclear?: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where the user sits after a seat change: on the seat the body names in `seatField` (a move,
 * a pick), or, with no field, on no seat at all (taken off).
 */
const userSeated = (seatField: 'SeatIndex' | 'Index' | null): AppliedCheck => ({
	command: 'room_engine_http_mic/get_seat_list',
	reads: 'the seat list',
	body: (sent) => ({ RoomId: sent.RoomId }),
	verdict: (payload, sent) => {
		const seatList = isRecord(payload) ? payload.SeatList : undefined;
		if (!Array.isArray(seatList)) return 'unreadable';
		const seat = seatList.find((candidate) => isRecord(candidate) && candidate.Member_Account === sent.Member_Account);
		const applied = seatField === null ? seat === undefined : isRecord(seat) && seat.Index === sent[seatField];
		return applied ? 'applied' : 'notApplied';
	},
});

const ROOM_NOT_FOUND = 100004;

function roomInfoOf(sent: Readonly<Record<string, unknown>>): Record<string, unknown> {
	return isRecord(sent.RoomInfo) ? sent.RoomInfo : {};
}

/**
 * Who owns the room after a create (the owner it asked for, always sent; another owner means
 * someone else's room) or an owner change (the new owner; anyone else means not yet).
 */
const roomOwner = (service: RoomService, change: 'create' | 'changeOwner'): AppliedCheck => ({
	command: `${service}/get_room_info`,
	reads: 'the room',
	body: (sent) => ({ RoomId: change === 'create' ? roomInfoOf(sent).RoomId : sent.RoomId }),
	absentCodes: change === 'create' ? [ROOM_NOT_FOUND] : undefined,
	conflict: 'the room exists with another owner, so it is not the one this node created',
	verdict: (payload, sent) => {
		const owner = isRecord(payload) && isRecord(payload.RoomInfo) ? payload.RoomInfo.Owner_Account : undefined;
		if (typeof owner !== 'string') return 'unreadable';
		const wanted = change === 'create' ? roomInfoOf(sent).Owner_Account : sent.NewOwner_Account;
		if (owner === wanted) return 'applied';
		return change === 'create' ? 'conflict' : 'notApplied';
	},
});

const read: CommandRule = { readOnly: true, repeatSafe: true };
/** Sets fields to given values: a second send changes nothing more. */
const setValues: CommandRule = { readOnly: false, repeatSafe: true };

const createRoom = (service: RoomService): CommandRule => ({
	readOnly: false,
	repeatSafe: false,
	// Answered to a resend: "exists with the same owner", i.e. the unclear attempt created it.
	appliedBeforeCodes: [100010],
	check: roomOwner(service, 'create'),
	// Tencent's 1 s per RoomId (100012), counted from arrival: a margin for the way there.
	resendGapMs: 1_200,
});

// Destroying twice leaves no room either; the resend's "no such room" confirms the first.
const destroyRoom: CommandRule = { ...setValues, appliedBeforeCodes: [ROOM_NOT_FOUND] };

// A conference change names the current owner: once changed, a resend is refused.
const changeOwner = (service: RoomService): CommandRule => ({ ...setValues, repeatSafe: false, check: roomOwner(service, 'changeOwner') });

export const COMMAND_RULES: Readonly<Record<TencentCommand, CommandRule>> = {
	'room_engine_http_mic/get_seat_list': read,
	'room_engine_http_mic/lock_seat': setValues,
	// A second exchange swaps the users back.
	'room_engine_http_mic/move_user_to_seat': {
		readOnly: false,
		repeatSafe: false,
		check: userSeated('SeatIndex'),
	},
	'live_engine_http_srv/get_member_list': read,
	'group_open_avchatroom_http_svc/get_members': read,
	'room_engine_http_srv/create_room': createRoom('room_engine_http_srv'),
	'live_engine_http_srv/create_room': createRoom('live_engine_http_srv'),
	'room_engine_http_srv/get_room_info': read,
	'live_engine_http_srv/get_room_info': read,
	'room_engine_http_srv/update_room_info': setValues,
	'live_engine_http_srv/update_room_info': setValues,
	'room_engine_http_srv/destroy_room': destroyRoom,
	'live_engine_http_srv/destroy_room': destroyRoom,
	'room_engine_http_srv/change_room_owner': changeOwner('room_engine_http_srv'),
	'live_engine_http_srv/change_room_owner': changeOwner('live_engine_http_srv'),
	'live_engine_http_srv/get_room_list': { ...read, callsPerSecond: 10 },
	'live_engine_http_srv/get_room_stats': { ...read, callsPerSecond: 100 },
	// Upsert: the same pairs again leave the same metadata.
	'live_engine_http_srv/set_room_metadata': setValues,
	'live_engine_http_srv/get_room_metadata': read,
	'live_engine_http_srv/del_room_metadata': setValues,
	'group_open_http_svc/get_appid_group_list': { ...read, callsPerSecond: 1 },
	// A second pick or kick is refused (already seated / not seated): read the seats instead.
	'room_engine_http_mic/pick_user_on_seat': { readOnly: false, repeatSafe: false, check: userSeated('Index') },
	'room_engine_http_mic/kick_user_off_seat': { readOnly: false, repeatSafe: false, check: userSeated(null) },
	'room_engine_http_srv/get_room_member_list': read,
	// Removing twice leaves them out either way; "not a member" to the resend confirms the first.
	'room_engine_http_srv/kick_user_out': { ...setValues, appliedBeforeCodes: [100005] },
	// A ban or mute again only restarts its duration; unbanning twice leaves them unbanned.
	'room_engine_http_srv/ban_room_member': setValues,
	'room_engine_http_srv/unban_room_member': setValues,
	'live_engine_http_srv/ban_member': setValues,
	'live_engine_http_srv/unban_member': setValues,
	'room_engine_http_srv/get_banned_member_list': read,
	'live_engine_http_srv/get_banned_member_list': read,
	'live_engine_http_srv/mute_member': setValues,
	'live_engine_http_srv/get_muted_member_list': read,
	// A second send is a second message in the room, and no read tells whether the first arrived.
	'live_engine_http_srv/send_text_msg': {
		readOnly: false,
		repeatSafe: false,
		ifUnclear: 'The message may already be in the room, so the node did not send it again: sending it once more could post it twice.',
	},
	// The app's one live callback configuration (Register Callback in the trigger).
	'live_config/get_callback': read,
	// Setting it twice: the resend's "already exists" (100300) confirms the first.
	'live_config/set_callback': { ...setValues, appliedBeforeCodes: [100300] },
	'live_config/update_callback': setValues,
	'live_config/get_callback_token': read,
	'live_config/set_callback_token': setValues,
};

/** Chat commands answer at the top level; Room Engine commands under `Response`. */
export function payloadOf(command: TencentCommand, reply: Readonly<Record<string, unknown>>): unknown {
	return command.startsWith('group_open_') ? reply : reply.Response;
}
