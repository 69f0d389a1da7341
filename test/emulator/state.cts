/**
 * The emulated world of one SDKAppID: Room Engine rooms (seats and members) and Chat groups.
 * Setup methods throw plain Errors on misuse: they are for tests, not for REST clients.
 */
import type {
	CreateGroupInput,
	CreateRoomInput,
	GroupMemberInput,
	GroupType,
	RoomInfoView,
	RoomMemberInput,
	RoomMemberRole,
	RoomMemberView,
	RoomGift,
	RoomMessage,
	RoomMetadataItem,
	RoomStats,
	RoomType,
	SeatFlags,
	SeatView,
	TakeSeatMode,
} from './types.cjs';

/** Both online member lists are served from a cache refreshed at most this often. */
export const SNAPSHOT_INTERVAL_MS = 40_000;
/** Both online member lists never show more than this many members. */
export const MAX_LISTED_MEMBERS = 1000;
/** Tencent limits room IDs to 48 bytes. */
export const MAX_ROOM_ID_BYTES = 48;
/** MaxMemberCount: the package limit (choice), also the default. */
export const PACKAGE_MAX_MEMBERS: Readonly<Record<RoomType, number>> = { live: 100_000, conference: 1000 };
/** MaxSeatCount upper bound (choice). */
export const MAX_SEAT_COUNT = 50;
/** Conference seats when IsSeatEnabled is true and MaxSeatCount is absent (Tencent's sample). */
export const CONFERENCE_DEFAULT_SEATS = 16;
/** Live seats by SeatTemplate when MaxSeatCount is absent (choice); any other template or none: 9. */
export const LIVE_SEATS_BY_TEMPLATE: ReadonlyMap<string, number> = new Map([
	['VideoDynamicGrid9Seats', 9],
	['AudioSalon', 10],
	['Karaoke', 8],
]);
export const LIVE_DEFAULT_SEATS = 9;
/** Default conference length when ScheduleEndTime is absent: one hour. */
export const DEFAULT_SCHEDULE_SECONDS = 3600;

export const EMPTY_STATS: Readonly<RoomStats> = {
	TotalViewers: 0,
	TotalGiftsSent: 0,
	TotalGiftCoins: 0,
	TotalUniqueGiftSenders: 0,
	TotalLikesReceived: 0,
	TotalMsgCount: 0,
};
export const STAT_FIELDS = Object.keys(EMPTY_STATS) as Array<keyof RoomStats>;

export interface SeatState {
	index: number;
	memberAccount: string | null;
	takenDisabled: boolean;
	videoDisabled: boolean;
	audioDisabled: boolean;
}

/** A room member and the member info get_room_member_list lists. */
export interface RoomMemberState {
	account: string;
	/** Join order within the room, from 1: get_room_member_list's cursor. */
	joinSeq: number;
	nameCard: string;
	/** The stored role; the owner is listed as 'Owner' whatever is stored (see memberRole). */
	role: 'Admin' | 'Member';
	marks: number[];
	customInfo: string;
}

export interface LiveMemberSnapshot {
	takenAt: number;
	memberCount: number;
	/** The first MAX_LISTED_MEMBERS members in join order. */
	listed: readonly string[];
}

/** The settings of a room: what create_room takes and update_room_info changes. */
export interface RoomSettings {
	roomName: string;
	maxMemberCount: number;
	/** What get_room_info reports as MaxSeatCount (the seat count when seats are enabled). */
	maxSeatCount: number;
	takeSeatMode: TakeSeatMode;
	isMessageDisabled: boolean;
	// live
	/** '' = none given. */
	seatTemplate: string;
	isPublicVisible: boolean;
	coverUrl: string;
	category: string[];
	activityStatus: number;
	notice: string;
	// conference
	isVideoDisabled: boolean;
	isAudioDisabled: boolean;
	isScreenSharingDisabled: boolean;
	isCloudRecordingDisabled: boolean;
	customInfo: string;
	/** Unix seconds. */
	scheduleStartTime: number;
	scheduleEndTime: number;
	scheduleInvitees: string[];
}

export interface RoomState extends RoomSettings {
	roomId: string;
	type: RoomType;
	/** null only for setup rooms created without an owner (Owner_Account ''). */
	owner: string | null;
	seatsEnabled: boolean;
	/** Empty when seats are disabled. */
	seats: SeatState[];
	/** Insertion order is join order (adding a member again keeps their place). */
	members: Map<string, RoomMemberState>;
	/** The last joinSeq given out. */
	memberSeq: number;
	/** get_room_member_list `Next` cursors handed out → the joinSeq the next page starts after. */
	memberListCursors: Map<string, number>;
	/** Account → BannedUntil (Unix seconds), in ban order; expired entries may linger (see activeBans). */
	bans: Map<string, number>;
	/** Account → MutedUntil (Unix seconds), in mute order; expired entries may linger (see activeMutes). */
	mutes: Map<string, number>;
	/** What send_text_msg put in the room, and the messages users sent (userSendsMessage), oldest first. */
	messages: RoomMessage[];
	/** The gifts users sent (userSendsGift), oldest first. */
	gifts: RoomGift[];
	/** Who sent a gift so far (TotalUniqueGiftSenders). */
	giftSenders: Set<string>;
	liveSnapshot: LiveMemberSnapshot | null;
	/** `Next` cursors handed out by get_member_list → offset into the listed members. */
	liveCursors: Map<string, number>;
	/** Unix seconds. */
	createTime: number;
	viewCount: number;
	stats: RoomStats;
	/** Live room metadata in insertion order. */
	metadata: Map<string, string>;
}

/** Where get_room_list continues: after this room in the list order. */
export interface RoomListKey {
	viewCount: number;
	createTime: number;
	roomId: string;
}

/** The order of get_room_list: ViewCount descending, then CreateTime ascending, then RoomId. */
export function compareRoomList(a: RoomListKey, b: RoomListKey): number {
	if (a.viewCount !== b.viewCount) return b.viewCount - a.viewCount;
	if (a.createTime !== b.createTime) return a.createTime - b.createTime;
	return a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0;
}

export interface NewRoom extends Partial<RoomSettings> {
	roomId: string;
	type: RoomType;
	owner: string | null;
	seatsEnabled: boolean;
	seatCount: number;
	createTime: number;
	viewCount?: number;
	stats?: Partial<RoomStats>;
	metadata?: Iterable<[string, string]>;
}

/** A room with every setting defaulted as create_room defaults it. Validation is the caller's. */
export function newRoomState(init: NewRoom): RoomState {
	const scheduleStartTime = init.scheduleStartTime ?? init.createTime;
	return {
		roomId: init.roomId,
		type: init.type,
		owner: init.owner,
		seatsEnabled: init.seatsEnabled,
		seats: Array.from({ length: init.seatsEnabled ? init.seatCount : 0 }, (_, index) => ({
			index,
			memberAccount: null,
			takenDisabled: false,
			videoDisabled: false,
			audioDisabled: false,
		})),
		members: new Map(),
		memberSeq: 0,
		memberListCursors: new Map(),
		bans: new Map(),
		mutes: new Map(),
		messages: [],
		gifts: [],
		giftSenders: new Set(),
		liveSnapshot: null,
		liveCursors: new Map(),
		createTime: init.createTime,
		viewCount: init.viewCount ?? 0,
		stats: { ...EMPTY_STATS, ...init.stats },
		metadata: new Map(init.metadata ?? []),
		roomName: init.roomName ?? init.roomId,
		maxMemberCount: init.maxMemberCount ?? PACKAGE_MAX_MEMBERS[init.type],
		maxSeatCount: init.maxSeatCount ?? (init.seatsEnabled ? init.seatCount : 0),
		takeSeatMode: init.takeSeatMode ?? 'FreeToTake',
		isMessageDisabled: init.isMessageDisabled ?? false,
		seatTemplate: init.seatTemplate ?? '',
		isPublicVisible: init.isPublicVisible ?? true,
		coverUrl: init.coverUrl ?? '',
		category: [...(init.category ?? [])],
		activityStatus: init.activityStatus ?? 0,
		notice: init.notice ?? '',
		isVideoDisabled: init.isVideoDisabled ?? false,
		isAudioDisabled: init.isAudioDisabled ?? false,
		isScreenSharingDisabled: init.isScreenSharingDisabled ?? false,
		isCloudRecordingDisabled: init.isCloudRecordingDisabled ?? false,
		customInfo: init.customInfo ?? '',
		scheduleStartTime,
		scheduleEndTime: init.scheduleEndTime ?? scheduleStartTime + DEFAULT_SCHEDULE_SECONDS,
		scheduleInvitees: [...(init.scheduleInvitees ?? [])],
	};
}

/** Conference RoomStatus: NotStarted before ScheduleStartTime, Running from then on. */
export function roomStatus(room: RoomState, nowMs: number): 'NotStarted' | 'Running' {
	return Math.floor(nowMs / 1000) < room.scheduleStartTime ? 'NotStarted' : 'Running';
}

/** get_room_info's RoomInfo: the fields Tencent's sample lists for each kind, in its order. */
export function roomInfo(room: RoomState, nowMs: number): RoomInfoView {
	if (room.type === 'live') {
		return {
			RoomId: room.roomId,
			RoomName: room.roomName,
			RoomType: 'Live',
			Owner_Account: room.owner ?? '',
			CreateTime: room.createTime,
			IsSeatEnabled: room.seatsEnabled,
			TakeSeatMode: room.takeSeatMode,
			MaxSeatCount: room.maxSeatCount,
			MaxMemberCount: room.maxMemberCount,
			IsMessageDisabled: room.isMessageDisabled,
			CoverURL: room.coverUrl,
			Category: [...room.category],
			ActivityStatus: room.activityStatus,
			ViewCount: room.viewCount,
			IsPublicVisible: room.isPublicVisible,
		};
	}
	return {
		RoomId: room.roomId,
		RoomName: room.roomName,
		RoomType: 'Conference',
		Owner_Account: room.owner ?? '',
		MaxMemberCount: room.maxMemberCount,
		MaxSeatCount: room.maxSeatCount,
		IsVideoDisabled: room.isVideoDisabled,
		IsAudioDisabled: room.isAudioDisabled,
		IsMessageDisabled: room.isMessageDisabled,
		IsScreenSharingDisabled: room.isScreenSharingDisabled,
		IsCloudRecordingDisabled: room.isCloudRecordingDisabled,
		CustomInfo: room.customInfo,
		ScheduleStartTime: room.scheduleStartTime,
		ScheduleEndTime: room.scheduleEndTime,
		RoomStatus: roomStatus(room, nowMs),
		IsSeatEnabled: room.seatsEnabled,
		TakeSeatMode: room.takeSeatMode,
		CreateTime: room.createTime,
		MemberCount: room.members.size,
	};
}

/** roomInfo plus what the emulator keeps and get_room_info does not list (for test assertions). */
export function roomDetail(room: RoomState, nowMs: number): RoomInfoView {
	const info = roomInfo(room, nowMs);
	if (room.type === 'live') return { ...info, Notice: room.notice, SeatTemplate: room.seatTemplate };
	return { ...info, ScheduleInviteeList_Account: [...room.scheduleInvitees] };
}

export function metadataItems(room: RoomState): RoomMetadataItem[] {
	return [...room.metadata].map(([Key, Value]) => ({ Key, Value }));
}

export interface GroupMemberState {
	account: string;
	joinTime: number;
	nickName?: string;
	avatar?: string;
	mark?: number;
}

export interface GroupMemberSnapshot {
	takenAt: number;
	/** Every member, newest JoinTime first. */
	newestFirst: readonly GroupMemberState[];
}

export interface GroupState {
	groupId: string;
	type: GroupType;
	/** Creation order within the app, from 1: get_appid_group_list's cursor. */
	seq: number;
	members: Map<string, GroupMemberState>;
	/** JoinTimes are unique within a group so that a JoinTime cursor never skips or repeats. */
	joinTimesInUse: Set<number>;
	snapshot: GroupMemberSnapshot | null;
}

export function seatOf(room: RoomState, account: string): SeatState | undefined {
	return room.seats.find((seat) => seat.memberAccount === account);
}

/** get_seat_list's SeatList (and Mic.CallbackAfterSeatInfoChanged's): an empty seat has no Member_Account. */
export function seatListPayload(room: RoomState): Array<Record<string, unknown>> {
	return room.seats.map((seat) => ({
		Index: seat.index,
		...(seat.memberAccount !== null ? { Member_Account: seat.memberAccount } : {}),
		IsTakenDisabled: seat.takenDisabled,
		IsVideoDisabled: seat.videoDisabled,
		IsAudioDisabled: seat.audioDisabled,
	}));
}

export function memberRole(room: RoomState, member: RoomMemberState): RoomMemberRole {
	return member.account === room.owner ? 'Owner' : member.role;
}

export function memberView(room: RoomState, member: RoomMemberState): RoomMemberView {
	return {
		Member_Account: member.account,
		NameCard: member.nameCard,
		Role: memberRole(room, member),
		Marks: [...member.marks],
		CustomInfo: member.customInfo,
	};
}

/** Bans and mutes hold while the clock is before their end (Unix seconds). */
function active(entries: ReadonlyMap<string, number>, nowMs: number): Array<[string, number]> {
	return [...entries].filter(([, until]) => nowMs < until * 1000);
}

/** The bans in force, in ban order. */
export function activeBans(room: RoomState, nowMs: number): Array<[string, number]> {
	return active(room.bans, nowMs);
}

/** The mutes in force, in mute order. */
export function activeMutes(room: RoomState, nowMs: number): Array<[string, number]> {
	return active(room.mutes, nowMs);
}

export function isBanned(room: RoomState, account: string, nowMs: number): boolean {
	const until = room.bans.get(account);
	return until !== undefined && nowMs < until * 1000;
}

export function isMuted(room: RoomState, account: string, nowMs: number): boolean {
	const until = room.mutes.get(account);
	return until !== undefined && nowMs < until * 1000;
}

/** A new member at the end of the join order. */
export function joinRoom(room: RoomState, account: string, info: Omit<RoomMemberInput, 'account'> = {}): RoomMemberState {
	const member: RoomMemberState = {
		account,
		joinSeq: ++room.memberSeq,
		nameCard: info.nameCard ?? '',
		role: info.role ?? 'Member',
		marks: [...(info.marks ?? [])],
		customInfo: info.customInfo ?? '',
	};
	room.members.set(account, member);
	return member;
}

/** The member leaves the room and their seat; answers the seat freed, if any. */
export function leaveRoom(room: RoomState, account: string): number | null {
	room.members.delete(account);
	const seat = seatOf(room, account);
	if (!seat) return null;
	seat.memberAccount = null;
	return seat.index;
}

export function liveMemberSnapshot(room: RoomState, nowMs: number): LiveMemberSnapshot {
	const current = room.liveSnapshot;
	if (current && nowMs - current.takenAt < SNAPSHOT_INTERVAL_MS) return current;
	const members = [...room.members.keys()];
	room.liveSnapshot = { takenAt: nowMs, memberCount: members.length, listed: members.slice(0, MAX_LISTED_MEMBERS) };
	return room.liveSnapshot;
}

export function groupMemberSnapshot(group: GroupState, nowMs: number): GroupMemberSnapshot {
	const current = group.snapshot;
	if (current && nowMs - current.takenAt < SNAPSHOT_INTERVAL_MS) return current;
	const newestFirst = [...group.members.values()].map((member) => ({ ...member })).sort((a, b) => b.joinTime - a.joinTime);
	group.snapshot = { takenAt: nowMs, newestFirst };
	return group.snapshot;
}

function requireNonEmptyString(value: unknown, what: string): string {
	if (typeof value !== 'string' || value === '') throw new Error(`${what} must be a non-empty string`);
	return value;
}

/** Setup input of a member, checked: plain Errors on impossible input. */
function memberInput(input: string | RoomMemberInput): RoomMemberInput {
	if (typeof input === 'string') return { account: requireNonEmptyString(input, 'member account') };
	if (input === null || typeof input !== 'object') throw new Error('a member must be an account or {account, nameCard?, role?, marks?, customInfo?}');
	requireNonEmptyString(input.account, 'member account');
	if (input.role !== undefined && input.role !== 'Admin' && input.role !== 'Member') {
		throw new Error(`role of ${input.account} must be 'Admin' or 'Member' (the owner is the Owner), got ${String(input.role)}`);
	}
	for (const field of ['nameCard', 'customInfo'] as const) {
		if (input[field] !== undefined && typeof input[field] !== 'string') throw new Error(`${field} of ${input.account} must be a string`);
	}
	if (input.marks !== undefined && (!Array.isArray(input.marks) || !input.marks.every((mark) => Number.isSafeInteger(mark)))) {
		throw new Error(`marks of ${input.account} must be a list of integers`);
	}
	return input;
}

export class AppState {
	readonly rooms = new Map<string, RoomState>();
	readonly groups = new Map<string, GroupState>();
	/** create_room: when each RoomId last reached the command (ms), for 100012. */
	readonly createRoomCalls = new Map<string, number>();
	/** get_room_list `Next` cursors handed out → where the list continues. */
	readonly roomListCursors = new Map<string, RoomListKey>();
	/** Whether the app has a paid package (create_room answers 100007 without one). */
	paidPackage: boolean;
	/** live_config/set_callback's configuration: one per app, never deleted (Tencent documents no delete). */
	liveCallback: { url: string; commands: string[] } | null = null;
	/** live_config/set_callback_token's configuration. */
	liveCallbackToken: { token: string; enabled: boolean } | null = null;
	private groupSeq = 0;

	constructor(
		readonly sdkAppId: number,
		private readonly nowMs: () => number,
		paidPackage = true,
	) {
		this.paidPackage = paidPackage;
	}

	// ---- rooms ----

	room(roomId: string): RoomState {
		const room = this.rooms.get(roomId);
		if (!room) throw new Error(`room ${roomId} does not exist in app ${this.sdkAppId}`);
		return room;
	}

	createRoom(input: CreateRoomInput): void {
		const roomId = requireNonEmptyString(input.roomId, 'roomId');
		if (Buffer.byteLength(roomId, 'utf8') > MAX_ROOM_ID_BYTES) throw new Error(`roomId ${roomId} is longer than ${MAX_ROOM_ID_BYTES} bytes`);
		if (this.rooms.has(roomId)) throw new Error(`room ${roomId} already exists in app ${this.sdkAppId}`);
		const seatsEnabled = input.seatsEnabled ?? true;
		const seatCount = seatsEnabled ? (input.seatCount ?? 8) : 0;
		if (!Number.isInteger(seatCount) || seatCount < 0 || (seatsEnabled && seatCount === 0)) {
			throw new Error(`seatCount must be a positive integer, got ${input.seatCount}`);
		}
		const type = input.type ?? 'live';
		if (type !== 'live' && type !== 'conference') throw new Error(`type must be 'live' or 'conference', got ${String(type)}`);
		const createTime = input.createTime ?? Math.floor(this.nowMs() / 1000);
		for (const [what, value] of [
			['createTime', createTime],
			['viewCount', input.viewCount],
			['activityStatus', input.activityStatus],
			['scheduleStartTime', input.scheduleStartTime],
			['scheduleEndTime', input.scheduleEndTime],
			...STAT_FIELDS.map((field) => [`stats.${field}`, input.stats?.[field]] as const),
		] as const) {
			if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) throw new Error(`${what} must be a non-negative integer, got ${value}`);
		}
		if (input.maxMemberCount !== undefined && (!Number.isSafeInteger(input.maxMemberCount) || input.maxMemberCount < 1)) {
			throw new Error(`maxMemberCount must be a positive integer, got ${input.maxMemberCount}`);
		}
		if (input.takeSeatMode !== undefined && input.takeSeatMode !== 'FreeToTake' && input.takeSeatMode !== 'ApplyToTake') {
			throw new Error(`takeSeatMode must be FreeToTake or ApplyToTake, got ${String(input.takeSeatMode)}`);
		}
		(input.members ?? []).forEach(memberInput);
		const room = newRoomState({
			roomId,
			type,
			owner: input.owner ?? null,
			seatsEnabled,
			seatCount,
			createTime,
			viewCount: input.viewCount,
			stats: input.stats,
			metadata: input.metadata === undefined ? undefined : Object.entries(input.metadata),
			roomName: input.name,
			maxMemberCount: input.maxMemberCount,
			takeSeatMode: input.takeSeatMode,
			isMessageDisabled: input.isMessageDisabled,
			seatTemplate: input.seatTemplate,
			isPublicVisible: input.isPublicVisible,
			coverUrl: input.coverUrl,
			category: input.category,
			activityStatus: input.activityStatus,
			notice: input.notice,
			isVideoDisabled: input.isVideoDisabled,
			isAudioDisabled: input.isAudioDisabled,
			isScreenSharingDisabled: input.isScreenSharingDisabled,
			isCloudRecordingDisabled: input.isCloudRecordingDisabled,
			customInfo: input.customInfo,
			scheduleStartTime: input.scheduleStartTime,
			scheduleEndTime: input.scheduleEndTime,
		});
		this.rooms.set(roomId, room);
		// The owner is a member too, and the first to join.
		this.addRoomMembers(roomId, [...(input.owner ? [input.owner] : []), ...(input.members ?? [])]);
	}

	/** create_room's insertion (validated by the command); the owner joins as the first member. */
	insertRoom(room: RoomState): void {
		if (this.rooms.has(room.roomId)) throw new Error(`room ${room.roomId} already exists in app ${this.sdkAppId}`);
		this.rooms.set(room.roomId, room);
		if (room.owner !== null) joinRoom(room, room.owner);
	}

	/** Removes the room with its seats, members and metadata. */
	destroyRoom(roomId: string): void {
		this.room(roomId);
		this.rooms.delete(roomId);
	}

	/** Test setup: merges these statistics (non-negative integers). */
	setRoomStats(roomId: string, stats: Partial<RoomStats>): void {
		const room = this.room(roomId);
		for (const [field, value] of Object.entries(stats)) {
			if (!(STAT_FIELDS as string[]).includes(field)) throw new Error(`unknown statistic ${field}; known: ${STAT_FIELDS.join(', ')}`);
			if (!Number.isSafeInteger(value) || (value as number) < 0) throw new Error(`${field} must be a non-negative integer, got ${value}`);
		}
		Object.assign(room.stats, stats);
	}

	/** Test setup: a live room's ViewCount (the get_room_list order). */
	setViewCount(roomId: string, viewCount: number): void {
		const room = this.room(roomId);
		if (!Number.isSafeInteger(viewCount) || viewCount < 0) throw new Error(`viewCount must be a non-negative integer, got ${viewCount}`);
		room.viewCount = viewCount;
	}

	/**
	 * Members join in this order; a member already in keeps their place and takes the info given.
	 * A banned account cannot enter: it is left out. Answers the accounts left out.
	 */
	addRoomMembers(roomId: string, members: Array<string | RoomMemberInput>): string[] {
		const room = this.room(roomId);
		const inputs = members.map(memberInput);
		const refused: string[] = [];
		const now = this.nowMs();
		for (const { account, ...info } of inputs) {
			if (isBanned(room, account, now)) {
				refused.push(account);
				continue;
			}
			const member = room.members.get(account);
			if (!member) {
				joinRoom(room, account, info);
				continue;
			}
			if (info.nameCard !== undefined) member.nameCard = info.nameCard;
			if (info.role !== undefined) member.role = info.role;
			if (info.marks !== undefined) member.marks = [...info.marks];
			if (info.customInfo !== undefined) member.customInfo = info.customInfo;
		}
		return refused;
	}

	/** A member who leaves also leaves their seat. */
	removeRoomMembers(roomId: string, accounts: string[]): void {
		const room = this.room(roomId);
		for (const account of accounts) leaveRoom(room, account);
	}

	takeSeat(roomId: string, account: string, index: number): void {
		const room = this.room(roomId);
		requireNonEmptyString(account, 'account');
		const seat = room.seats[index];
		if (!room.seatsEnabled) throw new Error(`room ${roomId} has seats disabled`);
		if (!seat) throw new Error(`room ${roomId} has no seat ${index}`);
		if (seat.takenDisabled) throw new Error(`seat ${index} of room ${roomId} is locked`);
		if (seat.memberAccount !== null && seat.memberAccount !== account) {
			throw new Error(`seat ${index} of room ${roomId} is taken by ${seat.memberAccount}`);
		}
		if (!room.members.has(account)) {
			if (isBanned(room, account, this.nowMs())) throw new Error(`${account} is banned from room ${roomId}`);
			joinRoom(room, account);
		}
		// A user sits on one seat at most.
		const previous = seatOf(room, account);
		if (previous) previous.memberAccount = null;
		seat.memberAccount = account;
	}

	/** Sets a seat's three flags like lock_seat does (absent = false); locking empties the seat. */
	setSeatFlags(roomId: string, index: number, flags: SeatFlags): void {
		const room = this.room(roomId);
		const seat = room.seats[index];
		if (!seat) throw new Error(`room ${roomId} has no seat ${index}`);
		seat.takenDisabled = flags.forbidTaken ?? false;
		seat.videoDisabled = flags.forbidVideo ?? false;
		seat.audioDisabled = flags.forbidAudio ?? false;
		if (seat.takenDisabled) seat.memberAccount = null;
	}

	getSeats(roomId: string): SeatView[] {
		return this.room(roomId).seats.map((seat) => ({
			Index: seat.index,
			Member_Account: seat.memberAccount ?? '',
			IsTakenDisabled: seat.takenDisabled,
			IsVideoDisabled: seat.videoDisabled,
			IsAudioDisabled: seat.audioDisabled,
		}));
	}

	// ---- groups ----

	group(groupId: string): GroupState {
		const group = this.groups.get(groupId);
		if (!group) throw new Error(`group ${groupId} does not exist in app ${this.sdkAppId}`);
		return group;
	}

	createGroup(input: CreateGroupInput): void {
		const groupId = requireNonEmptyString(input.groupId, 'groupId');
		if (this.groups.has(groupId)) throw new Error(`group ${groupId} already exists in app ${this.sdkAppId}`);
		this.groups.set(groupId, {
			groupId,
			type: input.type ?? 'AVChatRoom',
			seq: ++this.groupSeq,
			members: new Map(),
			joinTimesInUse: new Set(),
			snapshot: null,
		});
		this.addGroupMembers(groupId, input.members ?? []);
	}

	destroyGroup(groupId: string): void {
		this.group(groupId);
		this.groups.delete(groupId);
	}

	/**
	 * A JoinTime already used in the group moves to the next free second, so JoinTimes stay
	 * unique and `NextTimestamp` (the last JoinTime of a page) is an exact cursor.
	 * Adding an existing member again is a re-join with a new JoinTime.
	 */
	addGroupMembers(groupId: string, members: GroupMemberInput[]): void {
		const group = this.group(groupId);
		for (const input of members) {
			const account = requireNonEmptyString(input.account, 'member account');
			let joinTime = input.joinTime ?? Math.max(1, Math.floor(this.nowMs() / 1000));
			if (!Number.isSafeInteger(joinTime) || joinTime < 1) throw new Error(`joinTime must be a positive integer (seconds), got ${input.joinTime}`);
			if (input.mark !== undefined && !Number.isSafeInteger(input.mark)) throw new Error(`mark must be an integer, got ${input.mark}`);
			this.removeGroupMembers(groupId, [account]);
			while (group.joinTimesInUse.has(joinTime)) joinTime += 1;
			group.joinTimesInUse.add(joinTime);
			const member: GroupMemberState = { account, joinTime };
			if (input.nickName !== undefined) member.nickName = input.nickName;
			if (input.avatar !== undefined) member.avatar = input.avatar;
			if (input.mark !== undefined) member.mark = input.mark;
			group.members.set(account, member);
		}
	}

	removeGroupMembers(groupId: string, accounts: string[]): void {
		const group = this.group(groupId);
		for (const account of accounts) {
			const member = group.members.get(account);
			if (!member) continue;
			group.members.delete(account);
			group.joinTimesInUse.delete(member.joinTime);
		}
	}
}
