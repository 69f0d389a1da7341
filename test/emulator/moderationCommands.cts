/**
 * Members and moderation over REST: the conference member list, kick, ban and unban (both
 * kinds of room), live mutes and live text messages. Each handler validates everything before it
 * changes anything, so a thrown TencentApiError always means "nothing applied". The choices made
 * where Tencent's pages are silent are written down in errorCodes.cts.
 */
import { createHash } from 'crypto';

import {
	type CommandContext,
	type CommandSpec,
	type Fields,
	accountListField,
	byteLength,
	emitSeatInfoChanged,
	invalid,
	invalidParameter,
	isInteger,
	nonEmptyStringField,
	roomIdField,
	roomOfKind,
} from './commandKit.cjs';
import { ErrorCodes } from './errorCodes.cjs';
import { type RoomState, activeBans, activeMutes, isBanned, isMuted, leaveRoom, memberView } from './state.cjs';
import type { RoomType } from './types.cjs';

const SERVICE: Readonly<Record<RoomType, string>> = { live: 'live_engine_http_srv', conference: 'room_engine_http_srv' };

/** get_room_member_list: Count's default (documented) and maximum (choice). */
export const MEMBER_LIST_DEFAULT_COUNT = 50;
export const MEMBER_LIST_MAX_COUNT = 100;
/** kick_user_out and the bans: Reason is at most 1000 bytes (UTF-8). */
export const MAX_REASON_BYTES = 1000;
/** Duration and MuteTime: whole seconds up to an unsigned 32-bit integer (choice). */
export const MAX_MODERATION_SECONDS = 4294967295;
/** get_banned_member_list: Limit's default (choice) and documented maximum. */
export const BANNED_LIST_DEFAULT_LIMIT = 20;
export const BANNED_LIST_MAX_LIMIT = 100;
/** send_text_msg: TextContent and ExtensionInfo together at most 8 KB (Chat's message limit). */
export const MAX_MESSAGE_BYTES = 8192;

// ---- fields ----

function reasonField(body: Fields, required: boolean): string {
	const reason = body.Reason;
	if (reason === undefined && !required) return '';
	if (typeof reason !== 'string' || (required && reason === '')) {
		throw invalidParameter(required ? 'Reason is required and must be a non-empty string' : 'Reason must be a string');
	}
	if (byteLength(reason) > MAX_REASON_BYTES) throw invalidParameter(`Reason is longer than ${MAX_REASON_BYTES} bytes`);
	return reason;
}

function secondsField(body: Fields, field: string, min: number): number {
	const value = body[field];
	if (!isInteger(value) || value < min || value > MAX_MODERATION_SECONDS) {
		throw invalidParameter(`${field} is required and must be a whole number of seconds within ${min}..${MAX_MODERATION_SECONDS}`);
	}
	return value;
}

function optionalIntegerField(body: Fields, field: string, fallback: number, min: number, max: number): number {
	const value = body[field];
	if (value === undefined) return fallback;
	if (!isInteger(value) || value < min || value > max) throw invalidParameter(`${field} must be an integer within ${min}..${max}`);
	return value;
}

/** Kicking or banning the owner is refused (choice): 100006, insufficient permission. */
function refuseOwner(room: RoomState, accounts: readonly string[]): void {
	if (room.owner !== null && accounts.includes(room.owner)) {
		throw invalid(ErrorCodes.notLiveRoom, `${room.owner} is the owner of room ${room.roomId}: the owner cannot be kicked or banned`);
	}
}

/** Whole seconds of the emulator clock. */
const nowSeconds = (context: CommandContext) => Math.floor(context.nowMs / 1000);

/** Room.CallbackAfterMemberLeave with Type "Kicked" (conference rooms only). */
function emitMembersKicked(context: CommandContext, room: RoomState, accounts: readonly string[], reason: string): void {
	if (room.type !== 'conference' || accounts.length === 0) return;
	context.emitCallback('Room.CallbackAfterMemberLeave', room, {
		Operator_Account: context.identifier,
		RoomId: room.roomId,
		MemberCount: room.members.size,
		Type: 'Kicked',
		MemberList_Account: [...accounts],
		Reason: reason,
		EventTime: context.nowMs,
	});
}

/** Live.CallbackAfterMemberStateChanged, Offline / Leave, for members a live ban removed (choice). */
function emitMembersOffline(context: CommandContext, room: RoomState, accounts: readonly string[]): void {
	if (room.type !== 'live' || accounts.length === 0) return;
	context.emitCallback('Live.CallbackAfterMemberStateChanged', room, {
		RoomId: room.roomId,
		EventType: 'Offline',
		EventCause: 'Leave',
		MemberList: accounts.map((account) => ({ Member_Account: account })),
		EventTime: context.nowMs,
	});
}

// ---- conference members ----

/** Opaque, but stable per position so a repeated page gives the same cursor. */
function memberListCursor(room: RoomState, joinSeq: number): string {
	return createHash('sha256').update(`room-members\n${room.roomId}\n${joinSeq}`).digest('hex').slice(0, 32);
}

const getRoomMemberList: CommandSpec = {
	name: 'room_engine_http_srv/get_room_member_list',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const count = optionalIntegerField(body, 'Count', MEMBER_LIST_DEFAULT_COUNT, 1, MEMBER_LIST_MAX_COUNT);
		const next = body.Next ?? '';
		if (typeof next !== 'string') throw invalidParameter('Next must be a string ("" for the first page)');
		const room = roomOfKind(context, roomId, 'conference');
		let after = 0;
		if (next !== '') {
			const known = room.memberListCursors.get(next);
			if (known === undefined) throw invalidParameter('Next is not a cursor returned for this room');
			after = known;
		}
		// Map order is join order, and joinSeq grows with it.
		const rest = [...room.members.values()].filter((member) => member.joinSeq > after);
		const page = rest.slice(0, count);
		let nextCursor = '';
		if (rest.length > page.length) {
			const last = page[page.length - 1].joinSeq;
			nextCursor = memberListCursor(room, last);
			room.memberListCursors.set(nextCursor, last);
		}
		return { payload: { Next: nextCursor, MemberList: page.map((member) => memberView(room, member)) } };
	},
};

const kickUserOut: CommandSpec = {
	name: 'room_engine_http_srv/kick_user_out',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const accounts = accountListField(body);
		const reason = reasonField(body, true);
		const room = roomOfKind(context, roomId, 'conference');
		const outsider = accounts.find((account) => !room.members.has(account));
		if (outsider !== undefined) throw invalid(ErrorCodes.notRoomMember, `${outsider} is not a member of room ${roomId}: nobody was kicked`);
		refuseOwner(room, accounts);

		const freedSeats: number[] = [];
		for (const account of accounts) {
			const seat = leaveRoom(room, account);
			if (seat !== null) freedSeats.push(seat);
		}
		context.recordMutation(roomId, { action: 'kickMembers', MemberList_Account: accounts, Reason: reason, freedSeats });
		emitMembersKicked(context, room, accounts, reason);
		if (freedSeats.length > 0) emitSeatInfoChanged(context, room);
		return {};
	},
};

// ---- bans (both kinds) ----

function banMembers(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/${kind === 'conference' ? 'ban_room_member' : 'ban_member'}`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const roomId = roomIdField(body);
			const accounts = accountListField(body);
			// Mandatory for conference rooms, optional for live rooms (each page says so).
			const reason = reasonField(body, kind === 'conference');
			const duration = secondsField(body, 'Duration', 1);
			const room = roomOfKind(context, roomId, kind);
			refuseOwner(room, accounts);

			const bannedUntil = nowSeconds(context) + duration;
			const removed: string[] = [];
			const freedSeats: number[] = [];
			for (const account of accounts) {
				// A new ban replaces an old one (from now on) and goes to the end of the list.
				room.bans.delete(account);
				room.bans.set(account, bannedUntil);
				if (!room.members.has(account)) continue;
				removed.push(account);
				const seat = leaveRoom(room, account);
				if (seat !== null) freedSeats.push(seat);
			}
			context.recordMutation(roomId, {
				action: 'banMembers',
				MemberList_Account: accounts,
				Reason: reason,
				Duration: duration,
				BannedUntil: bannedUntil,
				removed,
				freedSeats,
			});
			emitMembersKicked(context, room, removed, reason);
			emitMembersOffline(context, room, removed);
			if (freedSeats.length > 0) emitSeatInfoChanged(context, room);
			return {};
		},
	};
}

function unbanMembers(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/${kind === 'conference' ? 'unban_room_member' : 'unban_member'}`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const roomId = roomIdField(body);
			const accounts = accountListField(body);
			const room = roomOfKind(context, roomId, kind);
			// An account without a ban in force is left as it is (choice): no 100005.
			const unbanned = accounts.filter((account) => isBanned(room, account, context.nowMs));
			for (const account of accounts) room.bans.delete(account);
			if (unbanned.length > 0) context.recordMutation(roomId, { action: 'unbanMembers', MemberList_Account: unbanned });
			return {};
		},
	};
}

function getBannedMemberList(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/get_banned_member_list`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const roomId = roomIdField(body);
			const limit = optionalIntegerField(body, 'Limit', BANNED_LIST_DEFAULT_LIMIT, 1, BANNED_LIST_MAX_LIMIT);
			const offset = optionalIntegerField(body, 'Offset', 0, 0, Number.MAX_SAFE_INTEGER);
			const room = roomOfKind(context, roomId, kind);
			const bans = activeBans(room, context.nowMs);
			const page = bans.slice(offset, offset + limit);
			const end = offset + page.length;
			return {
				payload: {
					BannedAccountList: page.map(([account, until]) => ({ Member_Account: account, BannedUntil: until })),
					NextOffset: end < bans.length ? end : 0,
				},
			};
		},
	};
}

// ---- live mutes ----

const muteMember: CommandSpec = {
	name: 'live_engine_http_srv/mute_member',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const accounts = accountListField(body);
		const muteTime = secondsField(body, 'MuteTime', 0);
		const room = roomOfKind(context, roomId, 'live');
		if (muteTime === 0) {
			const unmuted = accounts.filter((account) => isMuted(room, account, context.nowMs));
			for (const account of accounts) room.mutes.delete(account);
			if (unmuted.length > 0) context.recordMutation(roomId, { action: 'unmuteMembers', MemberList_Account: unmuted });
			return {};
		}
		const mutedUntil = nowSeconds(context) + muteTime;
		for (const account of accounts) {
			room.mutes.delete(account);
			room.mutes.set(account, mutedUntil);
		}
		context.recordMutation(roomId, { action: 'muteMembers', MemberList_Account: accounts, MuteTime: muteTime, MutedUntil: mutedUntil });
		return {};
	},
};

const getMutedMemberList: CommandSpec = {
	name: 'live_engine_http_srv/get_muted_member_list',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		// Paging fields (Next, Count, Offset, Limit) are not documented: ignored, the whole list answered (choice).
		const room = roomOfKind(context, roomIdField(body), 'live');
		return {
			payload: { MutedAccountList: activeMutes(room, context.nowMs).map(([account, until]) => ({ Member_Account: account, MutedUntil: until })) },
		};
	},
};

// ---- live messages ----

function isJsonText(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

const sendTextMsg: CommandSpec = {
	name: 'live_engine_http_srv/send_text_msg',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const sender = nonEmptyStringField(body, 'Sender_Account');
		const text = nonEmptyStringField(body, 'TextContent');
		const extension = body.ExtensionInfo ?? '';
		if (typeof extension !== 'string') throw invalidParameter('ExtensionInfo must be a string of JSON text');
		if (extension !== '' && !isJsonText(extension)) throw invalidParameter('ExtensionInfo must be JSON text');
		const size = byteLength(text) + byteLength(extension);
		if (size > MAX_MESSAGE_BYTES) {
			throw invalid(ErrorCodes.messageTooLarge, `the message is ${size} bytes: TextContent and ExtensionInfo together are at most ${MAX_MESSAGE_BYTES}`);
		}
		const room = roomOfKind(context, roomId, 'live');
		if (isBanned(room, sender, context.nowMs)) throw invalid(ErrorCodes.memberBanned, `${sender} is banned from room ${roomId}`);
		if (isMuted(room, sender, context.nowMs)) throw invalid(ErrorCodes.memberMuted, `${sender} is muted in room ${roomId}`);
		// IsMessageDisabled: everyone is muted except the owner and admins.
		if (room.isMessageDisabled && sender !== room.owner && room.members.get(sender)?.role !== 'Admin') {
			throw invalid(ErrorCodes.memberMuted, `messages are disabled in room ${roomId}`);
		}
		const lower = text.toLowerCase();
		if (context.sensitiveWords.some((word) => lower.includes(word))) {
			throw invalid(ErrorCodes.messageFiltered, 'TextContent was filtered by the security policy');
		}

		const seq = room.messages.length + 1;
		context.recordMutation(roomId, { action: 'sendTextMsg', seq, Sender_Account: sender });
		room.messages.push({ seq, Sender_Account: sender, TextContent: text, ExtensionInfo: extension, time: context.nowMs, requestSeq: context.requestSeq });
		room.stats.TotalMsgCount += 1;
		return {};
	},
};

export const MODERATION_COMMANDS: readonly CommandSpec[] = [
	getRoomMemberList,
	kickUserOut,
	...(['conference', 'live'] as const).flatMap((kind) => [banMembers(kind), unbanMembers(kind), getBannedMemberList(kind)]),
	muteMember,
	getMutedMemberList,
	sendTextMsg,
];
