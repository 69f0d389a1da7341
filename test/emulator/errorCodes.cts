/**
 * Tencent error codes the emulator answers with (see /work/shared/reference/tencent-rest.md
 * and the seed pages). Where Tencent is silent, the choice is noted.
 */
export const ErrorCodes = {
	// Common REST layer (60000-79999)
	/** Bad URL parameter: `random` or `contenttype`. */
	invalidUrl: 60002,
	invalidJson: 60003,
	/** Unknown service/command path, or not a POST (Tencent is silent on the method; 60009 is its "wrong URL"). */
	unknownCommand: 60009,
	notAdmin: 60010,
	sdkAppIdMissing: 60012,
	identifierMissing: 60015,
	/**
	 * Default frequency code; Tencent does not say which of 60007/60011/60018/60019 it sends.
	 * Choice: the commands with a documented limit of their own (get_room_list 10/s, get_room_stats 100/s, get_appid_group_list 1/s) answer this same code (rateLimitErrorCode) over it, not the Chat group service's 10006.
	 */
	defaultRateLimited: 60018,
	userSigExpired: 70001,
	userSigEmpty: 70002,
	/** Undecodable: base64, inflate, JSON or missing fields. */
	userSigTruncated: 70003,
	/** Decodes, but is not a TLS 2.0 signature. */
	userSigInvalid: 70005,
	userSigWrongKey: 70009,
	userSigIdentifierMismatch: 70013,
	userSigSdkAppIdMismatch: 70014,
	/** Unknown SDKAppID: what a wrong regional host also produces. */
	sdkAppIdNotFound: 70020,

	// Room Engine / live engine private codes
	roomInternalError: 100001,
	/**
	 * Invalid parameter.
	 * Choice: a field the kind of room does not take (CoverURL, Notice, Category, SeatTemplate, IsPublicVisible, ActivityStatus on a conference room; CustomInfo, Schedule*, Is{Video,Audio,ScreenSharing,CloudRecording}Disabled on a live room) is 100002 on create_room, and on update_room_info so is every field the kind does not update (RoomType, Owner_Account, MaxSeatCount, IsSeatEnabled, SeatTemplate, Schedule*, ViewCount…).
	 * Choice: a field name no room has (IsUnlimitedRoomEnabled, KeepOwnerOnSeat: sent by Tencent's own console) is ignored, on create_room and update_room_info alike.
	 * Choice: RoomName may not be empty (absent = the RoomId); CoverURL, Notice and CustomInfo may be empty.
	 * Choice: MaxMemberCount must be within 1..the package limit, which is also its default: 100000 for live rooms, 1000 for conference rooms (not enforced on joins: the emulator has none).
	 * Choice: MaxSeatCount must be within 1..50; ActivityStatus within 0..4294967295; ScheduleStartTime / ScheduleEndTime non-negative integers (Unix seconds), a start in the past accepted.
	 * Choice: ScheduleInviteeList_Account (conference, top level) must be a list of non-empty strings; duplicates are dropped; get_room_info does not list it (getRoom does); live create_room ignores it.
	 * Choice: get_room_list's Next is an opaque cursor that continues after the last room of the previous page in the order of the moment (ViewCount desc, CreateTime asc, RoomId), so a room whose ViewCount changes between pages can be skipped or repeated; a cursor it did not hand out (even "0") is 100002.
	 * Choice: set_room_metadata needs a non-empty Metadata list and del_room_metadata a non-empty Keys list; get_room_metadata needs Keys (a list, [] = all); a Key that is empty, over 50 bytes or not a string, or a Value that is not a string, is 100002.
	 * Choice: a Key given twice in one set_room_metadata keeps the last Value; unknown keys in get/del_room_metadata are left out, not an error; get lists in the order asked (all: insertion order).
	 * Choice: change_room_owner (conference) with a From_Account that is not the current owner is 100002 (that page, read in full, lists only 100001/100002/100004/100005); a transfer to the current owner succeeds and changes nothing.
	 * Choice: order of checks: every field first (100002), then create_room's 100007 and the sensitive words (100026), then the room itself (100004, 100006; create_room: 100010/100003, then 100011); set_room_metadata checks 100501 before the room, 100500 and 100502 after.
	 */
	roomInvalidParameter: 100002,
	/**
	 * create_room: the RoomId exists with another owner.
	 * Choice: also when the owner is the same but the room is of the other kind (it cannot be "used directly").
	 */
	roomIdExists: 100003,
	roomNotFound: 100004,
	notRoomMember: 100005,
	/**
	 * Insufficient permission, or a room of the other kind.
	 * Choice: every room_engine_http_srv command answers 100006 for a live room and every live_engine_http_srv command for a conference room (room_engine_http_mic serves both kinds); metadata and get_room_stats are live-only, so conference rooms get 100006 there.
	 */
	notLiveRoom: 100006,
	/**
	 * No paid package.
	 * Choice: only create_room checks it, from EmulatorApp.paidPackage (default true) or setPaidPackage(), after the 100002 checks.
	 */
	noPaidPackage: 100007,
	/** create_room: the room exists with this owner (and this kind); nothing changed. */
	roomExistsSameOwner: 100010,
	/**
	 * create_room: a Chat group of the app has this ID.
	 * Choice: checked after 100003/100010 (an existing room answers as a room); live rooms made by the emulator have no Chat group behind them.
	 */
	roomIdUsedByChat: 100011,
	/**
	 * create_room: the same RoomId reached create_room less than 1 s before.
	 * Choice: every create_room call for that RoomId counts, applied or refused (100012 included), through either service (one RoomId namespace), and this check comes first, right after RoomId itself is read (a missing or over-long RoomId is 100002 and does not count).
	 */
	createRoomTooFrequent: 100012,
	/**
	 * Sensitive content in RoomName, Notice, a Category or CustomInfo.
	 * Choice: the words are the emulator option sensitiveWords (default ['forbidden-word']), matched case-insensitively as substrings; CoverURL and metadata are not checked.
	 */
	sensitiveContent: 100026,
	seatLocked: 100200,
	alreadyOnThatSeat: 100203,
	userNotOnSeat: 100206,
	targetSeatOccupied: 100210,
	/**
	 * The room has no seats.
	 * Choice: live rooms get seats unless IsSeatEnabled is false: MaxSeatCount when given, else by SeatTemplate (VideoDynamicGrid9Seats 9, AudioSalon 10, Karaoke 8, any other or none 9); conference rooms only with IsSeatEnabled true (MaxSeatCount, default 16).
	 * Choice: the owner is a member of the room from creation on (not seated); the live change_room_owner does not make the new owner a member, and the old owner stays a member.
	 */
	seatsNotSupported: 100211,
	/** set_room_metadata: more than 10 keys in the room after the change. */
	metadataTooManyKeys: 100500,
	/** set_room_metadata: a Value over 2048 bytes (UTF-8). */
	metadataValueTooLarge: 100501,
	/** set_room_metadata: all Values of the room together over 16384 bytes (UTF-8) after the change. */
	metadataTotalTooLarge: 100502,

	// Chat group service (AVChatRoom get_members, get_appid_group_list) private codes
	groupNotLoggedIn: 10001,
	groupSystemError: 10002,
	groupInvalidCommand: 10003,
	groupInvalidParameter: 10004,
	groupNoPermission: 10007,
	groupNotFound: 10010,
	groupIdInvalid: 10015,
	/*
	 * Choice: get_appid_group_list answers 10004 (groupInvalidParameter) for a Limit outside 1..10000, a Next that is not a non-negative integer, or a GroupType other than AVChatRoom, Community, Public, Private, ChatRoom.
	 * Choice: get_appid_group_list lists in creation order; Next is the creation sequence of the last group returned, so deleted groups keep a cursor valid and groups created meanwhile appear on a later page.
	 */
} as const;

/** A Tencent business error: answered as HTTP 200 with ActionStatus FAIL. */
export class TencentApiError extends Error {
	constructor(
		readonly code: number,
		readonly info: string,
	) {
		super(`${code}: ${info}`);
		this.name = 'TencentApiError';
	}
}
