/**
 * Room management over REST, for both kinds of room: conference rooms through
 * room_engine_http_srv, live rooms through live_engine_http_srv (create, read, update, destroy,
 * list, change owner, statistics, metadata). Each handler validates everything before it changes
 * anything, so a thrown TencentApiError always means "nothing applied". The choices made where
 * Tencent's pages are silent are written down in errorCodes.cts.
 */
import { createHash } from 'crypto';

import {
	type CommandContext,
	type CommandSpec,
	type Fields,
	byteLength,
	invalid,
	invalidParameter,
	isInteger,
	isPlainObject,
	nonEmptyStringField,
	roomIdField,
	roomOfKind,
} from './commandKit.cjs';
import { ErrorCodes } from './errorCodes.cjs';
import {
	type RoomListKey,
	type RoomSettings,
	type RoomState,
	CONFERENCE_DEFAULT_SEATS,
	LIVE_DEFAULT_SEATS,
	LIVE_SEATS_BY_TEMPLATE,
	MAX_SEAT_COUNT,
	PACKAGE_MAX_MEMBERS,
	DEFAULT_SCHEDULE_SECONDS,
	compareRoomList,
	metadataItems,
	newRoomState,
	roomInfo,
} from './state.cjs';
import type { RoomType, TakeSeatMode } from './types.cjs';

const SERVICE: Readonly<Record<RoomType, string>> = { live: 'live_engine_http_srv', conference: 'room_engine_http_srv' };
const ROOM_TYPE_NAME: Readonly<Record<RoomType, 'Live' | 'Conference'>> = { live: 'Live', conference: 'Conference' };
const KINDS: readonly RoomType[] = ['live', 'conference'];

export const MAX_ROOM_NAME_BYTES = 100;
export const MAX_COVER_URL_BYTES = 200;
export const MAX_CATEGORIES = 3;
export const MAX_NOTICE_BYTES = 100;
export const MAX_CUSTOM_INFO_BYTES = 500;
/** A conference lasts at least 5 minutes. */
export const MIN_SCHEDULE_SECONDS = 300;
/** The same RoomId reaches create_room at most once a second. */
export const CREATE_ROOM_INTERVAL_MS = 1000;
export const MAX_ACTIVITY_STATUS = 4294967295;

export const ROOM_LIST_MAX_COUNT = 20;
export const ROOM_LIST_RATE_LIMIT = 10;
export const ROOM_STATS_RATE_LIMIT = 100;

export const MAX_METADATA_KEYS = 10;
export const MAX_METADATA_KEY_BYTES = 50;
export const MAX_METADATA_VALUE_BYTES = 2048;
export const MAX_METADATA_TOTAL_BYTES = 16384;

// ---- the room fields ----

/** What create_room and update_room_info read from RoomInfo, before defaults. */
interface ParsedRoomInfo extends Partial<RoomSettings> {
	owner?: string;
	seatsEnabled?: boolean;
}

interface FieldRule {
	/** Where create_room takes the field. */
	create: readonly RoomType[];
	/** Where update_room_info takes it. */
	update: readonly RoomType[];
	/** Checked against the sensitive words. */
	sensitive?: boolean;
	/** Throws 100002; stores the value. */
	read(value: unknown, kind: RoomType, into: ParsedRoomInfo): void;
}

const BOTH = KINDS;
const LIVE_ONLY: readonly RoomType[] = ['live'];
const CONFERENCE_ONLY: readonly RoomType[] = ['conference'];
const NONE: readonly RoomType[] = [];

function stringValue(field: string, value: unknown, maxBytes: number, options: { nonEmpty?: boolean } = {}): string {
	if (typeof value !== 'string') throw invalidParameter(`${field} must be a string`);
	if (options.nonEmpty && value === '') throw invalidParameter(`${field} must not be empty`);
	if (byteLength(value) > maxBytes) throw invalidParameter(`${field} is longer than ${maxBytes} bytes`);
	return value;
}

function booleanValue(field: string, value: unknown): boolean {
	if (typeof value !== 'boolean') throw invalidParameter(`${field} must be a boolean`);
	return value;
}

function integerValue(field: string, value: unknown, min: number, max: number): number {
	if (!isInteger(value) || value < min || value > max) throw invalidParameter(`${field} must be an integer within ${min}..${max}`);
	return value;
}

function booleanRule(key: keyof RoomSettings, create: readonly RoomType[], update: readonly RoomType[], field: string): FieldRule {
	return {
		create,
		update,
		read: (value, _kind, into) => {
			(into as Record<string, unknown>)[key] = booleanValue(field, value);
		},
	};
}

/** Every field a room has, by its Tencent name; a name not here is ignored (choice). */
const ROOM_FIELD_RULES: Readonly<Record<string, FieldRule>> = {
	RoomName: {
		create: BOTH,
		update: BOTH,
		sensitive: true,
		read: (value, _kind, into) => {
			into.roomName = stringValue('RoomName', value, MAX_ROOM_NAME_BYTES, { nonEmpty: true });
		},
	},
	Owner_Account: {
		create: BOTH,
		update: NONE,
		read: (value, _kind, into) => {
			if (typeof value !== 'string' || value === '') throw invalidParameter('Owner_Account must be a non-empty string');
			into.owner = value;
		},
	},
	MaxMemberCount: {
		create: BOTH,
		update: BOTH,
		read: (value, kind, into) => {
			into.maxMemberCount = integerValue('MaxMemberCount', value, 1, PACKAGE_MAX_MEMBERS[kind]);
		},
	},
	MaxSeatCount: {
		create: BOTH,
		update: NONE,
		read: (value, _kind, into) => {
			into.maxSeatCount = integerValue('MaxSeatCount', value, 1, MAX_SEAT_COUNT);
		},
	},
	TakeSeatMode: {
		create: BOTH,
		update: BOTH,
		read: (value, _kind, into) => {
			if (value !== 'FreeToTake' && value !== 'ApplyToTake') throw invalidParameter('TakeSeatMode must be FreeToTake or ApplyToTake');
			into.takeSeatMode = value as TakeSeatMode;
		},
	},
	IsMessageDisabled: booleanRule('isMessageDisabled', BOTH, BOTH, 'IsMessageDisabled'),
	IsSeatEnabled: {
		create: BOTH,
		update: NONE,
		read: (value, _kind, into) => {
			into.seatsEnabled = booleanValue('IsSeatEnabled', value);
		},
	},
	SeatTemplate: {
		create: LIVE_ONLY,
		update: NONE,
		read: (value, _kind, into) => {
			if (typeof value !== 'string' || value === '') throw invalidParameter('SeatTemplate must be a non-empty string');
			into.seatTemplate = value;
		},
	},
	IsPublicVisible: booleanRule('isPublicVisible', LIVE_ONLY, LIVE_ONLY, 'IsPublicVisible'),
	CoverURL: {
		create: LIVE_ONLY,
		update: LIVE_ONLY,
		read: (value, _kind, into) => {
			into.coverUrl = stringValue('CoverURL', value, MAX_COVER_URL_BYTES);
		},
	},
	Category: {
		create: LIVE_ONLY,
		update: LIVE_ONLY,
		sensitive: true,
		read: (value, _kind, into) => {
			if (!Array.isArray(value) || value.length > MAX_CATEGORIES || !value.every((item) => typeof item === 'string')) {
				throw invalidParameter(`Category must be a list of at most ${MAX_CATEGORIES} strings`);
			}
			into.category = [...(value as string[])];
		},
	},
	ActivityStatus: {
		create: LIVE_ONLY,
		update: LIVE_ONLY,
		read: (value, _kind, into) => {
			into.activityStatus = integerValue('ActivityStatus', value, 0, MAX_ACTIVITY_STATUS);
		},
	},
	Notice: {
		create: LIVE_ONLY,
		update: LIVE_ONLY,
		sensitive: true,
		read: (value, _kind, into) => {
			into.notice = stringValue('Notice', value, MAX_NOTICE_BYTES);
		},
	},
	IsVideoDisabled: booleanRule('isVideoDisabled', CONFERENCE_ONLY, CONFERENCE_ONLY, 'IsVideoDisabled'),
	IsAudioDisabled: booleanRule('isAudioDisabled', CONFERENCE_ONLY, CONFERENCE_ONLY, 'IsAudioDisabled'),
	IsScreenSharingDisabled: booleanRule('isScreenSharingDisabled', CONFERENCE_ONLY, CONFERENCE_ONLY, 'IsScreenSharingDisabled'),
	IsCloudRecordingDisabled: booleanRule('isCloudRecordingDisabled', CONFERENCE_ONLY, CONFERENCE_ONLY, 'IsCloudRecordingDisabled'),
	CustomInfo: {
		create: CONFERENCE_ONLY,
		update: CONFERENCE_ONLY,
		sensitive: true,
		read: (value, _kind, into) => {
			into.customInfo = stringValue('CustomInfo', value, MAX_CUSTOM_INFO_BYTES);
		},
	},
	ScheduleStartTime: {
		create: CONFERENCE_ONLY,
		update: NONE,
		read: (value, _kind, into) => {
			into.scheduleStartTime = integerValue('ScheduleStartTime', value, 0, Number.MAX_SAFE_INTEGER);
		},
	},
	ScheduleEndTime: {
		create: CONFERENCE_ONLY,
		update: NONE,
		read: (value, _kind, into) => {
			into.scheduleEndTime = integerValue('ScheduleEndTime', value, 0, Number.MAX_SAFE_INTEGER);
		},
	},
	// Read-only: get_room_info lists them, nothing sets them.
	RoomType: { create: NONE, update: NONE, read: () => undefined },
	CreateTime: { create: NONE, update: NONE, read: () => undefined },
	ViewCount: { create: NONE, update: NONE, read: () => undefined },
	RoomStatus: { create: NONE, update: NONE, read: () => undefined },
	MemberCount: { create: NONE, update: NONE, read: () => undefined },
};
/** A Map, so that names like __proto__ or toString in a request are just unknown fields. */
const ROOM_FIELDS: ReadonlyMap<string, FieldRule> = new Map(Object.entries(ROOM_FIELD_RULES));

interface ReadRoomInfo {
	parsed: ParsedRoomInfo;
	/** The texts to check against the sensitive words, later (100026 comes after 100002 and 100007). */
	texts: Array<{ field: string; text: string }>;
}

/** Reads every known field of RoomInfo that `mode` takes for `kind`; another known field is 100002. */
function readRoomInfo(info: Fields, kind: RoomType, mode: 'create' | 'update'): ReadRoomInfo {
	const parsed: ParsedRoomInfo = {};
	const texts: ReadRoomInfo['texts'] = [];
	for (const [field, value] of Object.entries(info)) {
		if (field === 'RoomId' || (mode === 'create' && field === 'RoomType')) continue;
		const rule = ROOM_FIELDS.get(field);
		if (!rule) continue;
		if (!rule[mode].includes(kind)) {
			throw invalidParameter(`${SERVICE[kind]}/${mode === 'create' ? 'create_room' : 'update_room_info'} does not take ${field} for a ${ROOM_TYPE_NAME[kind]} room`);
		}
		rule.read(value, kind, parsed);
		if (rule.sensitive) for (const text of Array.isArray(value) ? (value as string[]) : [value as string]) texts.push({ field, text });
	}
	return { parsed, texts };
}

function checkSensitive(texts: ReadRoomInfo['texts'], context: CommandContext): void {
	for (const { field, text } of texts) {
		const lower = text.toLowerCase();
		if (context.sensitiveWords.some((word) => lower.includes(word))) {
			throw invalid(ErrorCodes.sensitiveContent, `${field} contains sensitive content`);
		}
	}
}

function roomInfoObject(body: Fields): Fields {
	const info = body.RoomInfo;
	if (!isPlainObject(info)) throw invalidParameter('RoomInfo is required and must be an object');
	return info;
}

function liveSeatCount(parsed: ParsedRoomInfo): number {
	if (parsed.maxSeatCount !== undefined) return parsed.maxSeatCount;
	return LIVE_SEATS_BY_TEMPLATE.get(parsed.seatTemplate ?? '') ?? LIVE_DEFAULT_SEATS;
}

function inviteeList(body: Fields): string[] {
	const invitees = body.ScheduleInviteeList_Account;
	if (invitees === undefined) return [];
	if (!Array.isArray(invitees) || !invitees.every((account) => typeof account === 'string' && account !== '')) {
		throw invalidParameter('ScheduleInviteeList_Account must be a list of non-empty account strings');
	}
	return [...new Set(invitees as string[])];
}

// ---- the live callbacks (sent to the live_config configuration) ----

/** Live.CallbackAfterCreateRoom's RoomInfo: the fields its page lists, in its order. */
function liveCreatedRoomInfo(room: RoomState): Fields {
	return {
		RoomId: room.roomId,
		RoomName: room.roomName,
		RoomType: 'Live',
		Owner_Account: room.owner ?? '',
		MaxMemberCount: room.maxMemberCount,
		IsMessageDisabled: room.isMessageDisabled,
		CustomInfo: room.customInfo,
		IsSeatEnabled: room.seatsEnabled,
		TakeSeatMode: room.takeSeatMode,
		MaxSeatCount: room.maxSeatCount,
		CreateTime: room.createTime,
		IsPublicVisible: room.isPublicVisible,
		CoverURL: room.coverUrl,
		Category: [...room.category],
	};
}

/** Live.CallbackAfterUpdateRoomInfo's RoomInfo: the fields its page lists, as they are after the change. */
function liveUpdatedRoomInfo(room: RoomState): Fields {
	return {
		RoomId: room.roomId,
		RoomName: room.roomName,
		MaxMemberCount: room.maxMemberCount,
		IsMessageDisabled: room.isMessageDisabled,
		CoverURL: room.coverUrl,
		Category: [...room.category],
		ActivityStatus: room.activityStatus,
		IsPublicVisible: room.isPublicVisible,
		TakeSeatMode: room.takeSeatMode,
		CustomInfo: room.customInfo,
	};
}

/** Live.CallbackAfterDestroyRoom's body (EventType DestroyByUser: every destroy through REST). */
function liveDestroyedBody(room: RoomState, context: CommandContext): Fields {
	return {
		Operator_Account: context.identifier,
		RoomId: room.roomId,
		EventType: 'DestroyByUser',
		EventTime: context.nowMs,
		RoomInfo: {
			RoomName: room.roomName,
			RoomType: 'Live',
			Owner_Account: room.owner ?? '',
			IsSeatEnabled: room.seatsEnabled,
			TakeSeatMode: room.takeSeatMode,
			MaxMemberCount: room.maxMemberCount,
			MaxSeatCount: room.maxSeatCount,
			Category: [...room.category],
			CustomInfo: room.customInfo,
			IsMessageDisabled: room.isMessageDisabled,
			CoverURL: room.coverUrl,
			ActivityStatus: room.activityStatus,
			IsPublicVisible: room.isPublicVisible,
			ViewCount: room.viewCount,
			BackgroundURL: '',
			IsUnlimitedRoomEnabled: false,
		},
		Statistic: {
			TotalViewers: room.stats.TotalViewers,
			TotalGiftsSent: room.stats.TotalGiftsSent,
			TotalGiftCoins: room.stats.TotalGiftCoins,
			TotalUniqueGiftSenders: room.stats.TotalUniqueGiftSenders,
			TotalLikesReceived: room.stats.TotalLikesReceived,
		},
	};
}

// ---- create, read, update, destroy ----

function createRoom(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/create_room`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const { app, nowMs } = context;
			const info = roomInfoObject(body);
			const roomId = roomIdField(info);

			// Every call for this RoomId counts, applied or not (choice).
			const last = app.createRoomCalls.get(roomId);
			app.createRoomCalls.set(roomId, nowMs);
			if (last !== undefined && nowMs - last < CREATE_ROOM_INTERVAL_MS) {
				throw invalid(ErrorCodes.createRoomTooFrequent, `create_room for ${roomId} was called less than 1 s ago`);
			}

			if (info.RoomType !== ROOM_TYPE_NAME[kind]) {
				throw invalidParameter(`RoomType is required and must be "${ROOM_TYPE_NAME[kind]}" for ${SERVICE[kind]}`);
			}
			const { parsed, texts } = readRoomInfo(info, kind, 'create');
			const nowSeconds = Math.floor(nowMs / 1000);
			let scheduleStartTime: number | undefined;
			let scheduleEndTime: number | undefined;
			let scheduleInvitees: string[] = [];
			if (kind === 'conference') {
				scheduleStartTime = parsed.scheduleStartTime ?? nowSeconds;
				scheduleEndTime = parsed.scheduleEndTime ?? scheduleStartTime + DEFAULT_SCHEDULE_SECONDS;
				if (scheduleEndTime - scheduleStartTime < MIN_SCHEDULE_SECONDS) {
					throw invalidParameter('ScheduleEndTime must be at least 5 minutes after ScheduleStartTime');
				}
				scheduleInvitees = inviteeList(body);
			}
			const seatsEnabled = parsed.seatsEnabled ?? kind === 'live';
			const seatCount = kind === 'live' ? liveSeatCount(parsed) : (parsed.maxSeatCount ?? CONFERENCE_DEFAULT_SEATS);

			if (!app.paidPackage) throw invalid(ErrorCodes.noPaidPackage, 'no paid package: buy a package for this SDKAppID');
			checkSensitive(texts, context);

			const owner = parsed.owner ?? context.identifier;
			const existing = app.rooms.get(roomId);
			if (existing) {
				if (existing.owner === owner && existing.type === kind) {
					throw invalid(ErrorCodes.roomExistsSameOwner, `room ${roomId} already exists with owner ${owner}: it can be used as it is`);
				}
				throw invalid(ErrorCodes.roomIdExists, `room ID ${roomId} is already in use`);
			}
			if (app.groups.has(roomId)) throw invalid(ErrorCodes.roomIdUsedByChat, `room ID ${roomId} is used by a Chat group`);

			const room = newRoomState({
				...parsed,
				roomId,
				type: kind,
				owner,
				seatsEnabled,
				seatCount,
				maxSeatCount: parsed.maxSeatCount ?? (seatsEnabled ? seatCount : 0),
				createTime: nowSeconds,
				scheduleStartTime,
				scheduleEndTime,
				scheduleInvitees,
			});
			context.recordMutation(roomId, { action: 'createRoom', RoomType: ROOM_TYPE_NAME[kind], Owner_Account: owner, seats: room.seats.length });
			app.insertRoom(room);
			if (kind === 'live') {
				context.emitCallback('Live.CallbackAfterCreateRoom', room, {
					Operator_Account: context.identifier,
					RoomInfo: liveCreatedRoomInfo(room),
					EventTime: nowMs,
				});
			}
			return { payload: { RoomId: roomId } };
		},
	};
}

function getRoomInfo(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/get_room_info`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const room = roomOfKind(context, roomIdField(body), kind);
			return { payload: { RoomInfo: roomInfo(room, context.nowMs) } };
		},
	};
}

/** RoomSettings keys update_room_info may change, by Tencent name (for the mutation log). */
const SETTING_NAMES: ReadonlyArray<[keyof RoomSettings, string]> = [
	['roomName', 'RoomName'],
	['maxMemberCount', 'MaxMemberCount'],
	['takeSeatMode', 'TakeSeatMode'],
	['isMessageDisabled', 'IsMessageDisabled'],
	['isPublicVisible', 'IsPublicVisible'],
	['coverUrl', 'CoverURL'],
	['category', 'Category'],
	['activityStatus', 'ActivityStatus'],
	['notice', 'Notice'],
	['isVideoDisabled', 'IsVideoDisabled'],
	['isAudioDisabled', 'IsAudioDisabled'],
	['isScreenSharingDisabled', 'IsScreenSharingDisabled'],
	['isCloudRecordingDisabled', 'IsCloudRecordingDisabled'],
	['customInfo', 'CustomInfo'],
];

function updateRoomInfo(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/update_room_info`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const info = roomInfoObject(body);
			const roomId = roomIdField(info);
			const { parsed, texts } = readRoomInfo(info, kind, 'update');
			checkSensitive(texts, context);
			const room = roomOfKind(context, roomId, kind);

			const changes: Record<string, unknown> = {};
			const previous: Record<string, unknown> = {};
			for (const [key, name] of SETTING_NAMES) {
				if (parsed[key] === undefined) continue;
				changes[name] = parsed[key];
				previous[name] = room[key];
			}
			if (Object.keys(changes).length > 0) {
				context.recordMutation(roomId, { action: 'updateRoomInfo', changes, previous });
				const mutable = room as unknown as Record<string, unknown>;
				for (const [key] of SETTING_NAMES) if (parsed[key] !== undefined) mutable[key] = Array.isArray(parsed[key]) ? [...(parsed[key] as string[])] : parsed[key];
			}
			if (kind === 'live') {
				context.emitCallback('Live.CallbackAfterUpdateRoomInfo', room, {
					Operator_Account: context.identifier,
					RoomInfo: liveUpdatedRoomInfo(room),
					EventTime: context.nowMs,
				});
			}
			return {};
		},
	};
}

function destroyRoom(kind: RoomType): CommandSpec {
	return {
		name: `${SERVICE[kind]}/destroy_room`,
		style: 'roomEngine',
		internalErrorCode: ErrorCodes.roomInternalError,
		run(body, context) {
			const room = roomOfKind(context, roomIdField(body), kind);
			context.recordMutation(room.roomId, { action: 'destroyRoom', RoomType: ROOM_TYPE_NAME[kind], members: room.members.size });
			if (kind === 'live') context.emitCallback('Live.CallbackAfterDestroyRoom', room, liveDestroyedBody(room, context));
			context.app.destroyRoom(room.roomId);
			return {};
		},
	};
}

// ---- ownership ----

const conferenceChangeOwner: CommandSpec = {
	name: 'room_engine_http_srv/change_room_owner',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const from = nonEmptyStringField(body, 'From_Account');
		const to = nonEmptyStringField(body, 'NewOwner_Account');
		const room = roomOfKind(context, roomId, 'conference');
		if (room.owner !== from) throw invalidParameter(`From_Account ${from} is not the owner of room ${roomId}`);
		if (!room.members.has(to)) throw invalid(ErrorCodes.notRoomMember, `${to} is not a member of room ${roomId}`);
		if (to !== from) {
			context.recordMutation(roomId, { action: 'changeOwner', From_Account: from, NewOwner_Account: to });
			room.owner = to;
		}
		return {};
	},
};

const liveChangeOwner: CommandSpec = {
	name: 'live_engine_http_srv/change_room_owner',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const to = nonEmptyStringField(body, 'NewOwner_Account');
		const room = roomOfKind(context, roomId, 'live');
		if (room.owner !== to) {
			context.recordMutation(roomId, { action: 'changeOwner', From_Account: room.owner ?? '', NewOwner_Account: to });
			room.owner = to;
		}
		return {};
	},
};

// ---- the live list ----

function listKey(room: RoomState): RoomListKey {
	return { viewCount: room.viewCount, createTime: room.createTime, roomId: room.roomId };
}

/** Opaque, but stable per position so a repeated page gives the same cursor. */
function roomListCursor(key: RoomListKey): string {
	return createHash('sha256').update(`room-list\n${key.viewCount}\n${key.createTime}\n${key.roomId}`).digest('hex').slice(0, 32);
}

const getRoomList: CommandSpec = {
	name: 'live_engine_http_srv/get_room_list',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	rateLimitPerSecond: ROOM_LIST_RATE_LIMIT,
	run(body, context) {
		const next = body.Next;
		if (typeof next !== 'string') throw invalidParameter('Next is required and must be a string ("" for the first page)');
		const count = body.Count;
		if (!isInteger(count) || count < 1 || count > ROOM_LIST_MAX_COUNT) {
			throw invalidParameter(`Count is required and must be an integer within 1..${ROOM_LIST_MAX_COUNT}`);
		}
		let after: RoomListKey | undefined;
		if (next !== '') {
			after = context.app.roomListCursors.get(next);
			if (after === undefined) throw invalidParameter('Next is not a cursor returned by get_room_list');
		}
		const listed = [...context.app.rooms.values()]
			.filter((room) => room.type === 'live' && room.isPublicVisible)
			.sort((a, b) => compareRoomList(listKey(a), listKey(b)));
		const start = after === undefined ? 0 : listed.filter((room) => compareRoomList(listKey(room), after as RoomListKey) <= 0).length;
		const page = listed.slice(start, start + count);
		let nextCursor = '';
		if (start + page.length < listed.length) {
			const key = listKey(page[page.length - 1]);
			nextCursor = roomListCursor(key);
			context.app.roomListCursors.set(nextCursor, key);
		}
		return {
			payload: {
				Next: nextCursor,
				RoomList: page.map((room) => ({
					RoomName: room.roomName,
					RoomId: room.roomId,
					Owner_Account: room.owner ?? '',
					CoverURL: room.coverUrl,
					Category: [...room.category],
					CreateTime: room.createTime,
					ActivityStatus: room.activityStatus,
					ViewCount: room.viewCount,
				})),
			},
		};
	},
};

// ---- statistics ----

const getRoomStats: CommandSpec = {
	name: 'live_engine_http_srv/get_room_stats',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	rateLimitPerSecond: ROOM_STATS_RATE_LIMIT,
	run(body, context) {
		const room = roomOfKind(context, roomIdField(body), 'live');
		return { payload: { ...room.stats } };
	},
};

// ---- metadata ----

function metadataKey(value: unknown, field: string): string {
	if (typeof value !== 'string' || value === '' || byteLength(value) > MAX_METADATA_KEY_BYTES) {
		throw invalidParameter(`${field} must be a non-empty string of at most ${MAX_METADATA_KEY_BYTES} bytes`);
	}
	return value;
}

function keysField(body: Fields, options: { nonEmpty: boolean }): string[] {
	const keys = body.Keys;
	if (!Array.isArray(keys) || (options.nonEmpty && keys.length === 0) || !keys.every((key) => typeof key === 'string')) {
		throw invalidParameter(`Keys is required and must be a${options.nonEmpty ? ' non-empty' : ''} list of strings`);
	}
	return [...new Set(keys as string[])];
}

function totalValueBytes(metadata: ReadonlyMap<string, string>): number {
	let total = 0;
	for (const value of metadata.values()) total += byteLength(value);
	return total;
}

const setRoomMetadata: CommandSpec = {
	name: 'live_engine_http_srv/set_room_metadata',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const items = body.Metadata;
		if (!Array.isArray(items) || items.length === 0) throw invalidParameter('Metadata is required and must be a non-empty list of {Key, Value}');
		const updates = new Map<string, string>();
		for (const item of items as unknown[]) {
			if (!isPlainObject(item)) throw invalidParameter('each Metadata item must be an object {Key, Value}');
			const key = metadataKey(item.Key, 'Key');
			if (typeof item.Value !== 'string') throw invalidParameter(`Value of ${key} must be a string`);
			updates.set(key, item.Value);
		}
		for (const [key, value] of updates) {
			if (byteLength(value) > MAX_METADATA_VALUE_BYTES) {
				throw invalid(ErrorCodes.metadataValueTooLarge, `the value of ${key} is longer than ${MAX_METADATA_VALUE_BYTES} bytes`);
			}
		}
		const room = roomOfKind(context, roomId, 'live');
		const after = new Map(room.metadata);
		for (const [key, value] of updates) after.set(key, value);
		if (after.size > MAX_METADATA_KEYS) {
			throw invalid(ErrorCodes.metadataTooManyKeys, `room ${roomId} would have ${after.size} metadata keys; at most ${MAX_METADATA_KEYS}`);
		}
		const total = totalValueBytes(after);
		if (total > MAX_METADATA_TOTAL_BYTES) {
			throw invalid(ErrorCodes.metadataTotalTooLarge, `room ${roomId} metadata would total ${total} bytes; at most ${MAX_METADATA_TOTAL_BYTES}`);
		}
		context.recordMutation(roomId, {
			action: 'setMetadata',
			Metadata: [...updates].map(([Key, Value]) => ({ Key, Value })),
			previous: Object.fromEntries([...updates.keys()].map((key) => [key, room.metadata.get(key) ?? null])),
		});
		room.metadata = after;
		context.emitCallback('Live.CallbackAfterSetMetadata', room, {
			Operator_Account: context.identifier,
			RoomId: roomId,
			Metadata: [...updates].map(([Key, Value]) => ({ Key, Value })),
			EventTime: context.nowMs,
		});
		return {};
	},
};

const getRoomMetadata: CommandSpec = {
	name: 'live_engine_http_srv/get_room_metadata',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const keys = keysField(body, { nonEmpty: false });
		const room = roomOfKind(context, roomId, 'live');
		const Metadata =
			keys.length === 0
				? metadataItems(room)
				: keys.filter((key) => room.metadata.has(key)).map((key) => ({ Key: key, Value: room.metadata.get(key) as string }));
		return { payload: { Metadata } };
	},
};

const delRoomMetadata: CommandSpec = {
	name: 'live_engine_http_srv/del_room_metadata',
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const roomId = roomIdField(body);
		const keys = keysField(body, { nonEmpty: true });
		const room = roomOfKind(context, roomId, 'live');
		const deleted = keys.filter((key) => room.metadata.has(key));
		if (deleted.length > 0) {
			context.recordMutation(roomId, {
				action: 'delMetadata',
				Keys: deleted,
				previous: Object.fromEntries(deleted.map((key) => [key, room.metadata.get(key)])),
			});
			for (const key of deleted) room.metadata.delete(key);
			context.emitCallback('Live.CallbackAfterDelMetadata', room, { Operator_Account: context.identifier, RoomId: roomId, Keys: deleted, EventTime: context.nowMs });
		}
		return {};
	},
};

export const ROOM_COMMANDS: readonly CommandSpec[] = [
	...KINDS.flatMap((kind) => [createRoom(kind), getRoomInfo(kind), updateRoomInfo(kind), destroyRoom(kind)]),
	conferenceChangeOwner,
	liveChangeOwner,
	getRoomList,
	getRoomStats,
	setRoomMetadata,
	getRoomMetadata,
	delRoomMetadata,
];
