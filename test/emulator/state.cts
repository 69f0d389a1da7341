/**
 * The emulated world of one SDKAppID: Room Engine rooms (seats and members) and Chat groups.
 * Setup methods throw plain Errors on misuse: they are for tests, not for REST clients.
 */
import type { CreateGroupInput, CreateRoomInput, GroupMemberInput, GroupType, RoomType, SeatFlags, SeatView } from './types.cjs';

/** Both online member lists are served from a cache refreshed at most this often. */
export const SNAPSHOT_INTERVAL_MS = 40_000;
/** Both online member lists never show more than this many members. */
export const MAX_LISTED_MEMBERS = 1000;
/** Tencent limits room IDs to 48 bytes. */
export const MAX_ROOM_ID_BYTES = 48;

export interface SeatState {
	index: number;
	memberAccount: string | null;
	takenDisabled: boolean;
	videoDisabled: boolean;
	audioDisabled: boolean;
}

export interface LiveMemberSnapshot {
	takenAt: number;
	memberCount: number;
	/** The first MAX_LISTED_MEMBERS members in join order. */
	listed: readonly string[];
}

export interface RoomState {
	roomId: string;
	type: RoomType;
	owner: string | null;
	seatsEnabled: boolean;
	/** Empty when seats are disabled. */
	seats: SeatState[];
	/** Insertion order is join order (a re-join moves the member to the end). */
	members: Set<string>;
	liveSnapshot: LiveMemberSnapshot | null;
	/** `Next` cursors handed out by get_member_list → offset into the listed members. */
	liveCursors: Map<string, number>;
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
	members: Map<string, GroupMemberState>;
	/** JoinTimes are unique within a group so that a JoinTime cursor never skips or repeats. */
	joinTimesInUse: Set<number>;
	snapshot: GroupMemberSnapshot | null;
}

export function seatOf(room: RoomState, account: string): SeatState | undefined {
	return room.seats.find((seat) => seat.memberAccount === account);
}

export function liveMemberSnapshot(room: RoomState, nowMs: number): LiveMemberSnapshot {
	const current = room.liveSnapshot;
	if (current && nowMs - current.takenAt < SNAPSHOT_INTERVAL_MS) return current;
	const members = [...room.members];
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

export class AppState {
	readonly rooms = new Map<string, RoomState>();
	readonly groups = new Map<string, GroupState>();

	constructor(
		readonly sdkAppId: number,
		private readonly nowMs: () => number,
	) {}

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
		const room: RoomState = {
			roomId,
			type: input.type ?? 'live',
			owner: input.owner ?? null,
			seatsEnabled,
			seats: Array.from({ length: seatCount }, (_, index) => ({
				index,
				memberAccount: null,
				takenDisabled: false,
				videoDisabled: false,
				audioDisabled: false,
			})),
			members: new Set(),
			liveSnapshot: null,
			liveCursors: new Map(),
		};
		this.rooms.set(roomId, room);
		// The owner is a member too, and the first to join.
		this.addRoomMembers(roomId, [...(input.owner ? [input.owner] : []), ...(input.members ?? [])]);
	}

	destroyRoom(roomId: string): void {
		this.room(roomId);
		this.rooms.delete(roomId);
	}

	addRoomMembers(roomId: string, accounts: string[]): void {
		const room = this.room(roomId);
		for (const account of accounts) room.members.add(requireNonEmptyString(account, 'member account'));
	}

	/** A member who leaves also leaves their seat. */
	removeRoomMembers(roomId: string, accounts: string[]): void {
		const room = this.room(roomId);
		for (const account of accounts) {
			room.members.delete(account);
			const seat = seatOf(room, account);
			if (seat) seat.memberAccount = null;
		}
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
		room.members.add(account);
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
