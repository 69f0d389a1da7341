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
	/**
	 * send_text_msg: TextContent was filtered by the security policy (Chat's code).
	 * Choice: a sensitive word in send_text_msg's TextContent answers 80001, not the room service's 100026: the message goes through Chat's content filter; the words are the sensitiveWords option (case-insensitive substrings); ExtensionInfo is not checked.
	 */
	messageFiltered: 80001,
	/**
	 * send_text_msg: the message is over 8 KB (Chat's code).
	 * Choice: send_text_msg answers 80002 (not 100002) when TextContent and ExtensionInfo together are over 8192 bytes (UTF-8), checked right after the 100002 field checks and before the room (100004, 100006).
	 */
	messageTooLarge: 80002,

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
	 * Choice: get_room_member_list takes Count within 1..100 (absent: 50) and Next absent or "" for the first page; Next is an opaque cursor that continues after the last member listed, in join order (a member who leaves and comes back is listed at the end), so members leaving between pages are neither skipped nor repeated; a cursor it did not hand out for this room is 100002.
	 * Choice: get_room_member_list lists the owner's Role as "Owner" (the table), not the sample's "RoomOwner"; other members are "Admin" or "Member"; NameCard and CustomInfo default to "" and Marks to [].
	 * Choice: MemberList_Account (kick_user_out, the bans and unbans, mute_member) must be a list of 1 to 20 non-empty strings, counted before duplicates are dropped; more than 20 is 100002.
	 * Choice: kick_user_out's and ban_room_member's Reason is mandatory and non-empty ("" is 100002), at most 1000 bytes (UTF-8); live ban_member's Reason is optional ("" allowed), at most 1000 bytes.
	 * Choice: Duration (bans) is a whole number of seconds within 1..4294967295 and MuteTime within 0..4294967295 (0 = unmute); anything else (0 Duration, fractions, strings) is 100002.
	 * Choice: BannedUntil and MutedUntil are Unix seconds: the emulator clock's whole seconds + Duration (MuteTime); the ban or mute holds while the clock is before that second. Expired ones are not listed and do not block.
	 * Choice: banning someone again replaces the ban: the new Duration counts from now (even when shorter) and the account moves to the end of the banned list; muting again does the same.
	 * Choice: a ban removes a member from the room and their seat (a live room's too), and banning an account that is not in the room is allowed: it blocks entry. A banned account is not a member: addRoomMembers leaves it out, takeSeat throws, and pick_user_on_seat / move_user_to_seat answer 100005.
	 * Choice: unban_room_member / unban_member with an account that has no ban in force succeeds and changes nothing for it (no 100005); unbanning does not bring anyone back into the room.
	 * Choice: get_banned_member_list (both kinds) pages by Offset (absent: 0) and Limit (1..100, absent: 20), in ban order, and answers NextOffset (0 = no more); the conference page's Next is not read (an unknown field, ignored).
	 * Choice: get_muted_member_list takes only RoomId: paging fields (Next, Count, Offset, Limit) are ignored and every mute in force is listed, in mute order; muting an account that is not in the room is allowed.
	 * Choice: send_text_msg needs a non-empty Sender_Account and TextContent; ExtensionInfo is optional, and when given must be a string that parses as JSON ("" = none); the sender need not be a room member; each message accepted adds 1 to the room's TotalMsgCount (get_room_stats).
	 * Choice: kick_user_off_seat's Data is mandatory but may be "" (a missing or non-string Data is 100002).
	 * Choice: order of checks: every field first (100002), then create_room's 100007 and the sensitive words (100026), then the room itself (100004, 100006; create_room: 100010/100003, then 100011); set_room_metadata checks 100501 before the room, 100500 and 100502 after.
	 */
	roomInvalidParameter: 100002,
	/**
	 * create_room: the RoomId exists with another owner.
	 * Choice: also when the owner is the same but the room is of the other kind (it cannot be "used directly").
	 */
	roomIdExists: 100003,
	roomNotFound: 100004,
	/**
	 * Not a room member.
	 * Choice: kick_user_out answers 100005 when any account of the list is not a member of the room, and then kicks none of them (the list is all or nothing).
	 */
	notRoomMember: 100005,
	/**
	 * Insufficient permission, or a room of the other kind.
	 * Choice: every room_engine_http_srv command answers 100006 for a live room and every live_engine_http_srv command for a conference room (room_engine_http_mic serves both kinds); metadata and get_room_stats are live-only, so conference rooms get 100006 there.
	 * Choice: kick_user_out, ban_room_member and ban_member answer 100006 when the list holds the room's owner (the owner cannot be kicked or banned), after the 100005 check of kick_user_out; nothing is applied.
	 */
	notLiveRoom: 100006,
	/**
	 * No paid package.
	 * Choice: only create_room checks it, from EmulatorApp.paidPackage (default true) or setPaidPackage(), after the 100002 checks.
	 */
	noPaidPackage: 100007,
	/**
	 * send_text_msg: the sender is banned from the room.
	 * Choice: send_text_msg answers 100016 for a sender with a ban in force, checked after the room (100004, 100006) and before the mutes.
	 */
	memberBanned: 100016,
	/**
	 * send_text_msg: the sender is muted.
	 * Choice: send_text_msg answers 100017 for a sender muted by mute_member, and for anyone but the owner and members whose Role is Admin when the room has IsMessageDisabled; checked after 100016 and before the sensitive words (80001).
	 */
	memberMuted: 100017,
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
	/**
	 * pick_user_on_seat: someone else is on the seat.
	 * Choice: pick_user_on_seat checks, in order: the fields (100002), the room (100004), seats (100211), membership (100005: banned accounts are not members), the seat index (100002), locked (100200), taken by someone else (100201), the user already on a seat, that one included (100203).
	 */
	seatOccupied: 100201,
	/** The user is already on a seat (pick_user_on_seat) or on that seat (move_user_to_seat). */
	alreadyOnThatSeat: 100203,
	/**
	 * The user is not on a seat (move_user_to_seat, kick_user_off_seat).
	 * Choice: kick_user_off_seat answers 100206 for anyone not seated, members and non-members alike; the user leaves the seat and stays in the room.
	 */
	userNotOnSeat: 100206,
	targetSeatOccupied: 100210,
	/**
	 * The room has no seats.
	 * Choice: live rooms get seats unless IsSeatEnabled is false: MaxSeatCount when given, else by SeatTemplate (VideoDynamicGrid9Seats 9, AudioSalon 10, Karaoke 8, any other or none 9); conference rooms only with IsSeatEnabled true (MaxSeatCount, default 16).
	 * Choice: the owner is a member of the room from creation on (not seated); the live change_room_owner does not make the new owner a member, and the old owner stays a member.
	 */
	seatsNotSupported: 100211,
	/**
	 * live_config/set_callback: the app already has a live callback configuration (use update_callback).
	 * Choice: every app (SDKAppID) has at most one live callback configuration and one token configuration, kept apart: either may exist without the other; a configuration set through REST takes effect at once (the console's "after 2 minutes" is not emulated).
	 * Choice: set_callback and update_callback both need Url (a string that parses as an absolute http:// or https:// URL) and CallbackCommandList (a list of non-empty strings); anything else is 100002, checked before 100300 / 100301. The names are not checked against a list: any string is stored, and matches a callback only verbatim; get_callback answers the list as it was given (order and duplicates kept).
	 * Choice: an empty CallbackCommandList is accepted and means "send nothing": the configuration exists (get_callback answers it, set_callback answers 100300) but no callback goes to it. Tencent documents no delete_callback: live_config/delete_callback is an unknown command (60009); [] is the way to switch callbacks off.
	 * Choice: the emulator sends Live.CallbackAfterMemberStateChanged (the spelling of the page's sample and of the set_callback sample), and a CallbackCommandList naming either Live.CallbackAfterMemberStateChanged or Live.CallbackMemberStateChanged (the page's table) subscribes to it.
	 * Choice: the live configuration receives, for live rooms only: Live.CallbackAfterCreateRoom (create_room), Live.CallbackAfterDestroyRoom (destroy_room, EventType "DestroyByUser", with RoomInfo as it was and Statistic; BackgroundURL "" and IsUnlimitedRoomEnabled false, which the emulator does not keep), Live.CallbackAfterUpdateRoomInfo (every applied update_room_info, even one that changed nothing, RoomInfo with the listed fields as they are after the change), Live.CallbackAfterSetMetadata (the items of the call, a Key given twice once with its last Value), Live.CallbackAfterDelMetadata (Keys = the keys that existed and were deleted; none deleted, no callback), Mic.CallbackAfterSeatInfoChanged (every seat change, as for conference rooms), Live.CallbackAfterMemberStateChanged (EventType "Offline", EventCause "Leave", for the members a live ban_member removed) and Live.CallbackBeforeSendGift (userSendsGift). Operator_Account is the REST caller (the sender for gifts); EventTime the emulator clock in ms.
	 * Choice: a live room's Mic.CallbackAfterSeatInfoChanged goes only to the live configuration, a conference room's only to the Chat console's (setCallbackTarget); Room.* and Group.* go only to the Chat console's. Conference rooms send no Room.CallbackAfterCreateRoom / DestroyRoom / UpdateRoomInfo / MemberEnter (not emulated), and a live room's destroy sends no member-state callbacks.
	 * Choice: callbacks to the live configuration carry Sign and RequestTime only while a token configuration exists with IsTokenEnable true; they wait TENCENT_CALLBACK_TIMEOUT_MS (2000) for an answer unless setLiveCallbackConfig gave timeoutMs; they share one queue with the Chat console's callbacks, in the order of the changes.
	 */
	liveCallbackExists: 100300,
	/**
	 * live_config/get_callback and update_callback: the app has no live callback configuration.
	 * Choice: update_callback without a configuration answers 100301 (its page's error table was cut); it does not create one.
	 */
	liveCallbackNotFound: 100301,
	/**
	 * live_config/get_callback_token: the app has no token configuration.
	 * Choice: set_callback_token needs both Token (1 to 128 characters, counted as Unicode code points) and IsTokenEnable (a boolean) while no token configuration exists; later either one or both, the other kept; a body with neither, a Token of another type or length, or a non-boolean IsTokenEnable is 100002. It does not need a callback configuration.
	 * Choice: live_config/delete_callback_token (its page was not read) takes {} and removes the token configuration, so callbacks go unsigned; 100302 when none exists.
	 */
	liveCallbackTokenNotFound: 100302,
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
	 * Callbacks (setCallbackTarget): Room.CallbackAfterMemberLeave and Mic.CallbackAfterSeatInfoChanged for changes made through REST.
	 * Choice: Room.CallbackAfterMemberLeave (Type "Kicked", MemberList_Account = those who were in the room) is sent for kick_user_out and ban_room_member in conference rooms only; live bans send Live.CallbackAfterMemberStateChanged to the live configuration instead (see 100300), and a ban of accounts none of whom were in the room sends none.
	 * Choice: Mic.CallbackAfterSeatInfoChanged is sent for every applied pick_user_on_seat, kick_user_off_seat, lock_seat and move_user_to_seat (even when nothing visible changed), and for kicks and bans that free a seat, with the whole SeatList as get_seat_list answers it (an empty seat has no Member_Account); conference rooms' carry Operator_Account (the REST caller) and go to the Chat console's target, live rooms' do not carry it (each page's field list) and go to the live configuration (live_config).
	 * Choice: callbacks go after the REST answer (also when it was a fault after applying), one at a time in the order of the changes, with the emulator clock's RequestTime and EventTime; a delivery is not retried, and one without an answer in timeoutMs (default 2000) counts as failed; stop() drops those not yet answered.
	 */
	/*
	 * Users' messages and gifts (userSendsMessage, userSendsGift): what users do from clients, with Tencent's "Before" callbacks honoured.
	 * Choice: users send messages and gifts in live rooms only (a live room's Chat group has the room's ID); the sender need not be a member; messages and gifts are checked in this order: banned (100016), then, for messages only, muted or messages disabled (100017, as send_text_msg: the owner and Admins may still speak) and the sensitive words (80001, Chat's filter), all before any callback, and a message refused there sends no callback.
	 * Choice: Group.CallbackBeforeSendMsg goes to the Chat console's target (setCallbackTarget) at once, not queued behind "After" callbacks, with groupMessageBody's fields less MsgSeq and MsgTime (the message has neither yet; Tencent's sample has neither), Type "AVChatRoom", Operator_Account "" and a random Random; the emulator waits for the answer at most the target's timeoutMs (default 2000, Tencent's 2 s).
	 * Choice: an answer is "readable" when it is HTTP 200 with a JSON object holding an integer ErrorCode: 0 allows, any other value blocks (1 reject, 2 silent discard and 120001..130000 alike: the message is not recorded and no After callback goes); blockedBy is that ErrorCode.
	 * Choice: with no answer within the timeout (decision "timedOut"), an HTTP status other than 200, a connection error, or an unreadable answer (decision "failed"), the message is delivered normally, as Tencent's Chat docs say it is when the callback fails.
	 * Choice: an allowing answer (ErrorCode 0) that carries MsgBody with TIMTextElem elements replaces the text (their texts joined), as the Chat page allows ("modify users' message content"); without one the text stays. The replacement is not checked against the sensitive words again.
	 * Choice: a delivered message is recorded in getRoomMessages with fromUser true, ExtensionInfo "" and requestSeq 0, adds 1 to TotalMsgCount, and then Group.CallbackAfterSendMsg is queued (when taken) with MsgSeq = its seq in the room and the text recorded. A room destroyed while the Before callback was out: not delivered, refusedWith 10010 (gifts: 100004).
	 * Choice: Live.CallbackBeforeSendGift goes to the live configuration the same way (Operator_Account = the sender, GiftWater {From_Account, To_Account[], Time (Unix s), GiftId, Count, Coins}); ErrorCode 0 allows, 1 rejects, a code within 102100..102200 rejects and is passed through (blockedBy), any other non-zero code rejects like 1; no answer in time, HTTP errors or unreadable answers let the gift through, like messages. Coins default to Count (1 coin a gift). An allowed gift is recorded (getRoomGifts) and adds to TotalGiftsSent (Count), TotalGiftCoins (Coins) and, for a sender's first gift in the room, TotalUniqueGiftSenders. Mutes do not stop gifts.
	 * Choice: every Before callback lands in callbackDeliveries with decision ("allowed", "blocked", "timedOut", "failed"), answerErrorCode and elapsedMs (wall time until the answer or the failure); requestSeq is 0 for what users do.
	 */
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
