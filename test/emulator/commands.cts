/**
 * The REST commands: the seat, member and account commands here, the room commands in
 * roomCommands.cts, members, moderation and messages in moderationCommands.cts, the live callback
 * configuration in liveConfigCommands.cts. Each handler validates everything before it changes anything, so a thrown
 * TencentApiError always means "nothing applied".
 */
import { createHash } from 'crypto';

import {
	type CommandSpec,
	emitSeatInfoChanged,
	existingRoom,
	invalid,
	isInteger,
	nonEmptyStringField,
	nonNegativeIntegerField,
	optionalBooleanField,
	roomIdField,
} from './commandKit.cjs';
import { ErrorCodes } from './errorCodes.cjs';
import { ROOM_COMMANDS } from './roomCommands.cjs';
import { MODERATION_COMMANDS } from './moderationCommands.cjs';
import { LIVE_CONFIG_COMMANDS } from './liveConfigCommands.cjs';
import {
	type RoomState,
	type SeatState,
	MAX_LISTED_MEMBERS,
	groupMemberSnapshot,
	liveMemberSnapshot,
	seatListPayload,
	seatOf,
} from './state.cjs';
import type { GroupType } from './types.cjs';

export type { CommandContext, CommandResult, CommandSpec, ResponseStyle } from './commandKit.cjs';

/** The page size of AVChatRoom get_members, documented by Tencent. */
export const AVCHATROOM_PAGE_SIZE = 500;

// ---- room lookups ----

function requireSeats(room: RoomState): void {
	if (!room.seatsEnabled) throw invalid(ErrorCodes.seatsNotSupported, `room ${room.roomId} does not support seats`);
}

function seatInRange(room: RoomState, index: number, field: string): SeatState {
	const seat = room.seats[index];
	if (!seat) {
		throw invalid(ErrorCodes.roomInvalidParameter, `${field} ${index} is out of range: room ${room.roomId} has ${room.seats.length} seats`);
	}
	return seat;
}

// ---- room_engine_http_mic ----

const getSeatList: CommandSpec = {
	name: 'room_engine_http_mic/get_seat_list',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const room = existingRoom(context, roomIdField(body));
		requireSeats(room);
		// An empty seat has no Member_Account, as in Tencent's sample.
		return { payload: { SeatList: seatListPayload(room) } };
	},
};

const lockSeat: CommandSpec = {
	name: 'room_engine_http_mic/lock_seat',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const index = nonNegativeIntegerField(body, 'Index', ErrorCodes.roomInvalidParameter);
		const forbidTaken = optionalBooleanField(body, 'ForbidTaken');
		const forbidVideo = optionalBooleanField(body, 'ForbidVideo');
		const forbidAudio = optionalBooleanField(body, 'ForbidAudio');
		const room = existingRoom(context, roomId);
		requireSeats(room);
		const seat = seatInRange(room, index, 'Index');

		// "If someone is on the seat, the user will be removed before locking."
		if (forbidTaken && seat.memberAccount !== null) {
			context.recordMutation(roomId, { action: 'removeFromSeat', reason: 'seatLocked', Index: index, Member_Account: seat.memberAccount });
			seat.memberAccount = null;
		}
		context.recordMutation(roomId, {
			action: 'setSeatFlags',
			Index: index,
			ForbidTaken: forbidTaken,
			ForbidVideo: forbidVideo,
			ForbidAudio: forbidAudio,
			previous: { ForbidTaken: seat.takenDisabled, ForbidVideo: seat.videoDisabled, ForbidAudio: seat.audioDisabled },
		});
		seat.takenDisabled = forbidTaken;
		seat.videoDisabled = forbidVideo;
		seat.audioDisabled = forbidAudio;
		emitSeatInfoChanged(context, room);
		return {};
	},
};

const POLICY_CANCEL = 0;
const POLICY_FORCE_MOVE = 1;
const POLICY_EXCHANGE = 2;

const moveUserToSeat: CommandSpec = {
	name: 'room_engine_http_mic/move_user_to_seat',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const seatIndex = nonNegativeIntegerField(body, 'SeatIndex', ErrorCodes.roomInvalidParameter);
		const account = nonEmptyStringField(body, 'Member_Account');
		const policy = body.Policy;
		if (policy !== POLICY_CANCEL && policy !== POLICY_FORCE_MOVE && policy !== POLICY_EXCHANGE) {
			throw invalid(ErrorCodes.roomInvalidParameter, 'Policy is required and must be 0 (cancel), 1 (force move) or 2 (exchange)');
		}

		const room = existingRoom(context, roomId);
		// Not in the seed page's list, but 100211 is the Room Engine code for exactly this.
		requireSeats(room);
		if (!room.members.has(account)) throw invalid(ErrorCodes.notRoomMember, `${account} is not a member of room ${roomId}`);
		const from = seatOf(room, account);
		if (!from) throw invalid(ErrorCodes.userNotOnSeat, `${account} is not on a seat`);
		const target = seatInRange(room, seatIndex, 'SeatIndex');
		if (target.takenDisabled) throw invalid(ErrorCodes.seatLocked, `seat ${seatIndex} is locked`);
		if (target === from) throw invalid(ErrorCodes.alreadyOnThatSeat, `${account} is already on seat ${seatIndex}`);

		const occupant = target.memberAccount;
		if (occupant === null) {
			context.recordMutation(roomId, { action: 'moveToSeat', Member_Account: account, FromIndex: from.index, ToIndex: seatIndex });
			from.memberAccount = null;
			target.memberAccount = account;
		} else if (policy === POLICY_CANCEL) {
			throw invalid(ErrorCodes.targetSeatOccupied, `seat ${seatIndex} is taken by ${occupant}`);
		} else if (policy === POLICY_FORCE_MOVE) {
			// The occupant leaves the seat but stays in the room.
			context.recordMutation(roomId, { action: 'removeFromSeat', reason: 'forcedMove', Index: seatIndex, Member_Account: occupant });
			context.recordMutation(roomId, { action: 'moveToSeat', Member_Account: account, FromIndex: from.index, ToIndex: seatIndex });
			from.memberAccount = null;
			target.memberAccount = account;
		} else {
			context.recordMutation(roomId, {
				action: 'exchangeSeats',
				Member_Account: account,
				FromIndex: from.index,
				ToIndex: seatIndex,
				Other_Member_Account: occupant,
			});
			from.memberAccount = occupant;
			target.memberAccount = account;
		}
		emitSeatInfoChanged(context, room);
		return {};
	},
};

const pickUserOnSeat: CommandSpec = {
	name: 'room_engine_http_mic/pick_user_on_seat',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const index = nonNegativeIntegerField(body, 'Index', ErrorCodes.roomInvalidParameter);
		const account = nonEmptyStringField(body, 'Member_Account');
		const room = existingRoom(context, roomId);
		requireSeats(room);
		// A banned account is not a member: it left the room and cannot re-enter.
		if (!room.members.has(account)) throw invalid(ErrorCodes.notRoomMember, `${account} is not a member of room ${roomId}`);
		const seat = seatInRange(room, index, 'Index');
		if (seat.takenDisabled) throw invalid(ErrorCodes.seatLocked, `seat ${index} is locked`);
		if (seat.memberAccount !== null && seat.memberAccount !== account) {
			throw invalid(ErrorCodes.seatOccupied, `seat ${index} is taken by ${seat.memberAccount}`);
		}
		const current = seatOf(room, account);
		if (current) throw invalid(ErrorCodes.alreadyOnThatSeat, `${account} is already on seat ${current.index}`);

		context.recordMutation(roomId, { action: 'pickOnSeat', Index: index, Member_Account: account });
		seat.memberAccount = account;
		emitSeatInfoChanged(context, room);
		return {};
	},
};

const kickUserOffSeat: CommandSpec = {
	name: 'room_engine_http_mic/kick_user_off_seat',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const account = nonEmptyStringField(body, 'Member_Account');
		// Mandatory, but "" is a valid custom payload (choice).
		const data = body.Data;
		if (typeof data !== 'string') throw invalid(ErrorCodes.roomInvalidParameter, 'Data is required and must be a string ("" allowed)');
		const room = existingRoom(context, roomId);
		requireSeats(room);
		const seat = seatOf(room, account);
		if (!seat) throw invalid(ErrorCodes.userNotOnSeat, `${account} is not on a seat of room ${roomId}`);

		// They leave the seat and stay in the room.
		context.recordMutation(roomId, { action: 'removeFromSeat', reason: 'kickedOffSeat', Index: seat.index, Member_Account: account, Data: data });
		seat.memberAccount = null;
		emitSeatInfoChanged(context, room);
		return {};
	},
};

// ---- live_engine_http_srv ----

/** Opaque, but stable per (room, offset) so a repeated page gives the same cursor. */
function liveCursor(room: RoomState, offset: number): string {
	return createHash('sha256').update(`live-members\n${room.roomId}\n${offset}`).digest('hex').slice(0, 32);
}

const liveGetMemberList: CommandSpec = {
	name: 'live_engine_http_srv/get_member_list',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const next = body.Next;
		if (typeof next !== 'string') throw invalid(ErrorCodes.roomInvalidParameter, 'Next is required and must be a string ("" for the first page)');
		const room = existingRoom(context, roomId);
		if (room.type !== 'live') throw invalid(ErrorCodes.notLiveRoom, `room ${roomId} is not a live room`);

		let offset = 0;
		if (next !== '') {
			const known = room.liveCursors.get(next);
			if (known === undefined) throw invalid(ErrorCodes.roomInvalidParameter, 'Next is not a cursor returned for this room');
			offset = known;
		}
		const snapshot = liveMemberSnapshot(room, context.nowMs);
		const page = snapshot.listed.slice(offset, offset + context.liveMemberPageSize);
		const end = offset + page.length;
		let nextCursor = '';
		if (end < snapshot.listed.length) {
			nextCursor = liveCursor(room, end);
			room.liveCursors.set(nextCursor, end);
		}
		return {
			payload: {
				Next: nextCursor,
				MemberCount: snapshot.memberCount,
				MemberList: page.map((account) => ({ Member_Account: account })),
			},
		};
	},
};

// ---- group_open_avchatroom_http_svc ----

const MAX_GROUP_ID_BYTES = 48;
const PRINTABLE_ASCII = /^[\x20-\x7e]+$/;
const GROUP_TYPES_WITH_ONLINE_LIST = new Set(['AVChatRoom', 'Community']);

const avChatRoomGetMembers: CommandSpec = {
	name: 'group_open_avchatroom_http_svc/get_members',
	style: 'chat',
	internalErrorCode: ErrorCodes.groupSystemError,
	run(body, context) {
		const groupId = body.GroupId;
		if (typeof groupId !== 'string') throw invalid(ErrorCodes.groupInvalidParameter, 'GroupId is required and must be a string');
		if (groupId === '' || Buffer.byteLength(groupId, 'utf8') > MAX_GROUP_ID_BYTES || !PRINTABLE_ASCII.test(groupId)) {
			throw invalid(ErrorCodes.groupIdInvalid, `GroupId ${JSON.stringify(groupId)} is not a valid group ID`);
		}
		const timestamp = nonNegativeIntegerField(body, 'Timestamp', ErrorCodes.groupInvalidParameter);
		const mark = body.Mark;
		if (mark !== undefined && !isInteger(mark)) throw invalid(ErrorCodes.groupInvalidParameter, 'Mark must be an integer');

		const group = context.app.groups.get(groupId);
		if (!group) throw invalid(ErrorCodes.groupNotFound, `group ${groupId} does not exist or has been deleted`);
		if (!GROUP_TYPES_WITH_ONLINE_LIST.has(group.type)) {
			throw invalid(ErrorCodes.groupNoPermission, `group ${groupId} is a ${group.type} group: only AVChatRoom and Community groups have an online member list`);
		}

		const snapshot = groupMemberSnapshot(group, context.nowMs);
		const candidates = (mark === undefined ? snapshot.newestFirst : snapshot.newestFirst.filter((member) => member.mark === mark)).slice(
			0,
			MAX_LISTED_MEMBERS,
		);
		// Cursor rule: Timestamp T > 0 continues with the members who joined strictly before T.
		// JoinTimes are unique per group, so the last JoinTime of a page is an exact cursor.
		let start = 0;
		if (timestamp !== 0) {
			start = candidates.findIndex((member) => member.joinTime < timestamp);
			if (start === -1) start = candidates.length;
		}
		const page = candidates.slice(start, start + AVCHATROOM_PAGE_SIZE);
		const more = start + page.length < candidates.length;
		return {
			payload: {
				MemberList: page.map((member) => ({
					Member_Account: member.account,
					JoinTime: member.joinTime,
					...(member.nickName !== undefined ? { NickName: member.nickName } : {}),
					...(member.avatar !== undefined ? { Avatar: member.avatar } : {}),
				})),
				NextTimestamp: more ? page[page.length - 1].joinTime : 0,
			},
		};
	},
};

// ---- group_open_http_svc ----

const GROUP_LIST_MAX_LIMIT = 10_000;
const GROUP_TYPES: readonly GroupType[] = ['AVChatRoom', 'Community', 'Public', 'Private', 'ChatRoom'];

const getAppIdGroupList: CommandSpec = {
	name: 'group_open_http_svc/get_appid_group_list',
	style: 'chat',
	internalErrorCode: ErrorCodes.groupSystemError,
	rateLimitPerSecond: 1,
	run(body, context) {
		const limit = body.Limit ?? GROUP_LIST_MAX_LIMIT;
		if (!isInteger(limit) || limit < 1 || limit > GROUP_LIST_MAX_LIMIT) {
			throw invalid(ErrorCodes.groupInvalidParameter, `Limit must be an integer within 1..${GROUP_LIST_MAX_LIMIT}`);
		}
		const next = body.Next ?? 0;
		if (!isInteger(next) || next < 0) throw invalid(ErrorCodes.groupInvalidParameter, 'Next must be a non-negative integer (0 for the first page)');
		const groupType = body.GroupType;
		if (groupType !== undefined && !(GROUP_TYPES as readonly unknown[]).includes(groupType)) {
			throw invalid(ErrorCodes.groupInvalidParameter, `GroupType must be one of ${GROUP_TYPES.join(', ')}`);
		}
		const matching = [...context.app.groups.values()]
			.filter((group) => groupType === undefined || group.type === groupType)
			.sort((a, b) => a.seq - b.seq);
		const rest = matching.filter((group) => group.seq > next);
		const page = rest.slice(0, limit);
		return {
			payload: {
				GroupIdList: page.map((group) => ({ GroupId: group.groupId })),
				TotalCount: matching.length,
				Next: rest.length > page.length ? page[page.length - 1].seq : 0,
			},
		};
	},
};

// ---- im_open_login_svc (the credential test's call: reads, changes nothing) ----

const accountCheck: CommandSpec = {
	name: 'im_open_login_svc/account_check',
	style: 'chat',
	internalErrorCode: ErrorCodes.groupSystemError,
	run(body, context) {
		const items = body.CheckItem;
		// 70402 is Tencent's "invalid parameter" for the account commands.
		if (!Array.isArray(items) || items.length === 0 || items.length > 100) {
			throw invalid(70402, 'CheckItem must be a list of 1 to 100 {UserID}');
		}
		const known = new Set<string>();
		for (const room of context.app.rooms.values()) for (const account of room.members.keys()) known.add(account);
		for (const group of context.app.groups.values()) for (const member of group.members.values()) known.add(member.account);
		return {
			payload: {
				ResultItem: items.map((item: { UserID?: unknown }) => ({
					UserID: String(item?.UserID ?? ''),
					ResultCode: 0,
					ResultInfo: '',
					AccountStatus: known.has(String(item?.UserID ?? '')) ? 'Imported' : 'NotImported',
				})),
			},
		};
	},
};

export const COMMANDS: ReadonlyMap<string, CommandSpec> = new Map(
	[
		getSeatList,
		lockSeat,
		moveUserToSeat,
		pickUserOnSeat,
		kickUserOffSeat,
		liveGetMemberList,
		avChatRoomGetMembers,
		getAppIdGroupList,
		accountCheck,
		...ROOM_COMMANDS,
		...MODERATION_COMMANDS,
		...LIVE_CONFIG_COMMANDS,
	].map((spec) => [spec.name, spec]),
);

/** Tencent's documented frequency limits that differ from the common 200/s, by command. */
export const DOCUMENTED_RATE_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(
	[...COMMANDS.values()].filter((spec) => spec.rateLimitPerSecond !== undefined).map((spec) => [spec.name, spec.rateLimitPerSecond as number]),
);

export function isKnownCommand(name: string): boolean {
	return COMMANDS.has(name);
}
