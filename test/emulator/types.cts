/** Public types of the Tencent Cloud REST emulator. Other code depends on these names. */

export interface EmulatorApp {
	sdkAppId: number;
	secretKey: string;
	/** App administrator accounts: the only identifiers allowed to call the REST API. */
	admins: string[];
	/**
	 * Whether the app has a paid Room Engine / TUILiveKit package, default true. Without one,
	 * create_room answers 100007 (see setPaidPackage to change it at run time).
	 */
	paidPackage?: boolean;
}

export type FaultKind =
	| 'internalErrorBeforeApply' // ErrorCode 100001 (10002 for the Chat command), nothing applied
	| 'internalErrorAfterApply' // the command IS applied, then answered 100001 (ambiguous failure)
	| 'http502' // HTTP 502 with an nginx-style HTML page, nothing applied
	| 'connectionReset' // socket destroyed without any response, nothing applied
	| 'stall' // never answers (until the client gives up or the emulator stops), nothing applied
	| 'truncatedJson' // the command IS applied, HTTP 200 with the JSON body cut in half
	| 'rateLimited'; // the frequency-limit error code, nothing applied

export const FAULT_KINDS: readonly FaultKind[] = [
	'internalErrorBeforeApply',
	'internalErrorAfterApply',
	'http502',
	'connectionReset',
	'stall',
	'truncatedJson',
	'rateLimited',
];

/**
 * Faults where Tencent applies a call its client already gave up on. Kept out of FAULT_KINDS (the
 * random fault rate and suites that iterate it): queue them with injectFault only.
 */
export type LateApplyFaultKind =
	| 'lateApply' // no answer at once; applied lateApplyMs after admission, then answered if the client is still there
	| 'resetThenLateApply'; // reset like connectionReset (after latencyMs), yet the command IS applied lateApplyMs after admission

export const LATE_APPLY_FAULT_KINDS: readonly LateApplyFaultKind[] = ['lateApply', 'resetThenLateApply'];

/** What injectFault accepts and the request log records. */
export type AnyFaultKind = FaultKind | LateApplyFaultKind;

/**
 * lateApplyMs must lie within 1..2999: Tencent's backend times out at about 3 s, so a call is
 * never applied later than that after it was received.
 */
export const LATE_APPLY_MS_MAX = 2999;
export const LATE_APPLY_MS_DEFAULT = 2500;

/** PEM key and certificate chain: the emulator then serves HTTPS. */
export interface EmulatorTlsOptions {
	key: string;
	cert: string;
}

export interface EmulatorOptions {
	/** Default [DEMO_APP]. */
	apps?: EmulatorApp[];
	/** Millisecond clock, default Date.now: UserSig expiry, 40 s snapshots, rate window, JoinTime defaults. */
	now?: () => number;
	/** Added before every answer, default 0. */
	latencyMs?: number;
	/**
	 * Per (sdkAppId, command) in any sliding 1000 ms window: the limit of every command without a
	 * documented limit of its own, default 200. 0 disables every limit (documented ones included).
	 */
	rateLimitPerSecond?: number;
	/**
	 * Per-command limits that replace both the documented ones (get_room_list 10/s, get_room_stats
	 * 100/s, get_appid_group_list 1/s: see DOCUMENTED_RATE_LIMITS) and rateLimitPerSecond; 0 = no
	 * limit for that command. Keys are 'service/command'.
	 */
	rateLimitByCommand?: Record<string, number>;
	/** Default 60018. Tencent does not document which frequency code the 200/s limit produces. */
	rateLimitErrorCode?: number;
	/** live_engine get_member_list page size, default 100 (Tencent does not document it). */
	liveMemberPageSize?: number;
	/** Seed of the PRNG behind setFaultRate, default 1. */
	seed?: number;
	/** How long after admission lateApply faults apply the command: 1..2999, default 2500 (see LATE_APPLY_MS_MAX). */
	lateApplyMs?: number;
	/** Serve HTTPS on 127.0.0.1 with this key and certificate (PEM) instead of HTTP. */
	tls?: EmulatorTlsOptions;
	/**
	 * Words that make create_room / update_room_info answer 100026 when RoomName, Notice, a
	 * Category or CustomInfo contains one (case-insensitive), default ['forbidden-word'].
	 */
	sensitiveWords?: string[];
	/**
	 * Called once per request when its connection is done with it (answered, reset or given up by
	 * the client), with the milliseconds it took on the wall clock. The entry never holds the
	 * query string (the UserSig). `npm run emulator` prints a line from it.
	 */
	onRequestDone?: (entry: RequestLogEntry, ms: number) => void;
}

export interface RequestLogEntry {
	seq: number;
	/** 'service/command' for /v4/service/command, otherwise the raw path (never the query string). */
	command: string;
	sdkAppId: number | null;
	identifier: string | null;
	/** The parsed JSON body, or the raw text when it was not JSON; null before it was read. */
	body: unknown;
	receivedAt: number;
	/** When the frequency limit counted the call (it passed the limit check); null otherwise. */
	admittedAt: number | null;
	/** 0 when no HTTP response was sent (connectionReset, stall, resetThenLateApply, client gone). */
	httpStatus: number;
	/** ErrorCode of the JSON answer; null when there was no JSON answer. */
	errorCode: number | null;
	fault: AnyFaultKind | null;
	/**
	 * True when the command changed state (or, for read commands, was executed successfully). For
	 * the late-apply faults it turns true only once the late application has run.
	 */
	applied: boolean;
}

export interface MutationLogEntry {
	seq: number;
	requestSeq: number;
	command: string;
	roomId: string;
	detail: Record<string, unknown>;
}

export interface SeatView {
	Index: number;
	Member_Account: string;
	IsTakenDisabled: boolean;
	IsVideoDisabled: boolean;
	IsAudioDisabled: boolean;
}

export type RoomType = 'conference' | 'live';
export type GroupType = 'AVChatRoom' | 'Community' | 'Public' | 'Private' | 'ChatRoom';

export interface GroupMemberInput {
	account: string;
	/** Seconds. Default: the emulator clock. Made unique within the group (see state.ts). */
	joinTime?: number;
	nickName?: string;
	avatar?: string;
	mark?: number;
}

export type TakeSeatMode = 'FreeToTake' | 'ApplyToTake';

/** get_room_stats' answer, and the Statistic block of a live room. */
export interface RoomStats {
	TotalViewers: number;
	TotalGiftsSent: number;
	TotalGiftCoins: number;
	TotalUniqueGiftSenders: number;
	TotalLikesReceived: number;
	TotalMsgCount: number;
}

export interface RoomMetadataItem {
	Key: string;
	Value: string;
}

/**
 * Test setup of a room (no REST validation: setup throws plain Errors on impossible input only).
 * Every optional field has the default create_room gives it, except the seats (8, enabled, for
 * both kinds) and the owner (none: Owner_Account '').
 */
export interface CreateRoomInput {
	roomId: string;
	/** Default 'live'. */
	type?: RoomType;
	/** Default 8. */
	seatCount?: number;
	/** Default true. */
	seatsEnabled?: boolean;
	/** Join in this order, after the owner: an account, or an account with its member info. */
	members?: Array<string | RoomMemberInput>;
	/** Joins as the first member. Default none. */
	owner?: string;
	sdkAppId?: number;
	/** RoomName, default the room ID. */
	name?: string;
	/** Default the package limit: 100000 (conference 1000), see the MaxMemberCount choice in errorCodes.cts. */
	maxMemberCount?: number;
	/** Default 'FreeToTake'. */
	takeSeatMode?: TakeSeatMode;
	isMessageDisabled?: boolean;
	/** Live only; default none. */
	seatTemplate?: string;
	/** Live; default true. */
	isPublicVisible?: boolean;
	/** Live; default ''. */
	coverUrl?: string;
	/** Live; default []. */
	category?: string[];
	/** Live; default 0. */
	activityStatus?: number;
	/** Live; default ''. */
	notice?: string;
	/** Live; default 0. */
	viewCount?: number;
	/** Conference; default false. */
	isVideoDisabled?: boolean;
	isAudioDisabled?: boolean;
	isScreenSharingDisabled?: boolean;
	isCloudRecordingDisabled?: boolean;
	/** Conference; default ''. */
	customInfo?: string;
	/** Conference, Unix seconds; default the creation time. */
	scheduleStartTime?: number;
	/** Conference, Unix seconds; default start + 3600. */
	scheduleEndTime?: number;
	/** Unix seconds; default the emulator clock. */
	createTime?: number;
	/** Default all 0. */
	stats?: Partial<RoomStats>;
	/** Live room metadata, in this order. Default none. */
	metadata?: Record<string, string>;
}

/** A room member's role as get_room_member_list answers it: the owner's is always 'Owner'. */
export type RoomMemberRole = 'Owner' | 'Admin' | 'Member';

/**
 * Test setup of a room member (createRoom's members, addRoomMembers). Absent fields keep what the
 * member has, or the defaults for a new member: NameCard '', Role 'Member', Marks [], CustomInfo ''.
 */
export interface RoomMemberInput {
	account: string;
	nameCard?: string;
	/** 'Owner' cannot be given: the room's owner is the Owner. */
	role?: 'Admin' | 'Member';
	/** Integer tags (mark_room_member). */
	marks?: number[];
	customInfo?: string;
}

/** A member as get_room_member_list lists it. */
export interface RoomMemberView {
	Member_Account: string;
	NameCard: string;
	Role: RoomMemberRole;
	Marks: number[];
	CustomInfo: string;
}

/** An active ban as get_banned_member_list lists it; BannedUntil in Unix seconds. */
export interface BannedMemberView {
	Member_Account: string;
	BannedUntil: number;
}

/** An active mute as get_muted_member_list lists it; MutedUntil in Unix seconds. */
export interface MutedMemberView {
	Member_Account: string;
	MutedUntil: number;
}

/** A message send_text_msg put in a live room (getRoomMessages). */
export interface RoomMessage {
	/** 1, 2, … per room. */
	seq: number;
	Sender_Account: string;
	TextContent: string;
	/** '' when none was sent. */
	ExtensionInfo: string;
	/** The emulator clock (ms) when the message was accepted. */
	time: number;
	/** The request that sent it (RequestLogEntry.seq): duplicates from retries show as several requests; 0 for a user's message. */
	requestSeq: number;
	/** True for a message a user sent from a client (userSendsMessage); absent for send_text_msg. */
	fromUser?: true;
}

/** A gift a user sent in a live room (userSendsGift), once allowed. */
export interface RoomGift {
	/** 1, 2, … per room. */
	seq: number;
	From_Account: string;
	To_Account: string[];
	GiftId: string;
	Count: number;
	Coins: number;
	/** The emulator clock (ms) when the gift was accepted. */
	time: number;
}

/**
 * The callbacks sent to the Chat console's callback configuration (setCallbackTarget): the
 * conference callbacks and Mic.CallbackAfterSeatInfoChanged of conference rooms for changes made
 * through REST, and the Chat group message callbacks for messages users send (userSendsMessage).
 */
export type EmulatedCallbackCommand =
	| 'Room.CallbackAfterMemberLeave'
	| 'Mic.CallbackAfterSeatInfoChanged'
	| 'Group.CallbackBeforeSendMsg'
	| 'Group.CallbackAfterSendMsg';
export const EMULATED_CALLBACK_COMMANDS: readonly EmulatedCallbackCommand[] = [
	'Room.CallbackAfterMemberLeave',
	'Mic.CallbackAfterSeatInfoChanged',
	'Group.CallbackBeforeSendMsg',
	'Group.CallbackAfterSendMsg',
];

/**
 * The callbacks sent to the live callback configuration (live_config/set_callback) for live
 * rooms. A configured CallbackCommandList may name Live.CallbackMemberStateChanged (the
 * reference table's spelling) for Live.CallbackAfterMemberStateChanged (what is sent).
 */
export type LiveCallbackCommand =
	| 'Live.CallbackAfterCreateRoom'
	| 'Live.CallbackAfterDestroyRoom'
	| 'Live.CallbackAfterUpdateRoomInfo'
	| 'Live.CallbackAfterSetMetadata'
	| 'Live.CallbackAfterDelMetadata'
	| 'Live.CallbackAfterMemberStateChanged'
	| 'Live.CallbackBeforeSendGift'
	| 'Mic.CallbackAfterSeatInfoChanged';
export const LIVE_CALLBACK_COMMANDS: readonly LiveCallbackCommand[] = [
	'Live.CallbackAfterCreateRoom',
	'Live.CallbackAfterDestroyRoom',
	'Live.CallbackAfterUpdateRoomInfo',
	'Live.CallbackAfterSetMetadata',
	'Live.CallbackAfterDelMetadata',
	'Live.CallbackAfterMemberStateChanged',
	'Live.CallbackBeforeSendGift',
	'Mic.CallbackAfterSeatInfoChanged',
];
/** The other spelling of Live.CallbackAfterMemberStateChanged a CallbackCommandList may hold. */
export const LIVE_MEMBER_STATE_ALIAS = 'Live.CallbackMemberStateChanged';

/** Any callback the emulator sends. */
export type AnyCallbackCommand = EmulatedCallbackCommand | LiveCallbackCommand;

/** Which configuration a callback went to: the Chat console's (setCallbackTarget) or live_config's. */
export type CallbackRoute = 'chat' | 'live';

/** Where Tencent sends an app's callbacks (setCallbackTarget). */
export interface CallbackTarget {
	/** http:// or https:// URL (the console's callback URL). */
	url: string;
	/** Callback token: with it, every callback carries RequestTime and Sign = sha256(token + RequestTime). */
	token?: string;
	/** Only these callbacks are sent (the console's switches); default all of EMULATED_CALLBACK_COMMANDS. */
	commands?: EmulatedCallbackCommand[];
	/** How long a delivery waits for the answer, default TENCENT_CALLBACK_TIMEOUT_MS (2000). */
	timeoutMs?: number;
	/** Default the first app. */
	sdkAppId?: number;
	/** https:// URLs: certificate authorities to trust (PEM) instead of Node's bundled ones. */
	ca?: string;
}

/** An app's live callback configuration as live_config holds it (getLiveCallbackConfig). */
export interface LiveCallbackConfig {
	/** What get_callback answers; null when none exists (100301). */
	callback: { Url: string; CallbackCommandList: string[] } | null;
	/** What get_callback_token answers; null when none exists (100302). */
	token: { Token: string; IsTokenEnable: boolean } | null;
}

/**
 * Test setup of the live callback configuration without REST (like Tencent's console, Live >
 * Configuration > Live Webhook, but taking effect at once). Replaces the callback configuration;
 * the token configuration is replaced when `token` is given and left as it is otherwise.
 */
export interface LiveCallbackConfigInput {
	url: string;
	/** CallbackCommandList: any strings, matched verbatim; [] = send nothing. */
	commands: string[];
	/** 1..128 characters. */
	token?: string;
	/** With token: IsTokenEnable, default true. */
	tokenEnabled?: boolean;
	/** How long a delivery waits for the answer, default TENCENT_CALLBACK_TIMEOUT_MS (2000); kept across REST changes. */
	timeoutMs?: number;
	/** https:// URLs: certificate authorities to trust (PEM); kept across REST changes. */
	ca?: string;
	/** Default the first app. */
	sdkAppId?: number;
}

/** How a "Before" callback's answer decided: allowed (ErrorCode 0), blocked (non-zero), or no usable answer. */
export type BeforeCallbackDecision = 'allowed' | 'blocked' | 'timedOut' | 'failed';

/** One callback the emulator sent, or tried to (callbackDeliveries). */
export interface CallbackDeliveryEntry {
	seq: number;
	/** The CallbackCommand. */
	command: AnyCallbackCommand;
	/** The configuration it went to. */
	route: CallbackRoute;
	sdkAppId: number;
	roomId: string;
	/** The REST request whose change caused it; 0 for what a user did (userSendsMessage, userSendsGift). */
	requestSeq: number;
	/** The full URL, query (Sign, RequestTime) included. */
	url: string;
	/** The JSON body sent (CallbackCommand included). */
	body: Record<string, unknown>;
	/** The HTTP status of the answer; 0 when none came (connection error, timeout, dropped by stop()). */
	status: number;
	/** null when an answer came; otherwise why not ('timeout', 'dropped: the emulator stopped', a socket error). */
	error: string | null;
	/** The emulator clock (ms) when it was sent. */
	time: number;
	/** Wall time until the answer or the failure. */
	elapsedMs: number;
	/** "Before" callbacks only: what the answer decided. */
	decision?: BeforeCallbackDecision;
	/** "Before" callbacks only: the answer's ErrorCode, null when there was no readable one. */
	answerErrorCode?: number | null;
}

/** What userSendsMessage reports. */
export interface UserMessageResult {
	/** The message reached the room (recorded in getRoomMessages). */
	delivered: boolean;
	/** The non-zero ErrorCode of the Group.CallbackBeforeSendMsg answer that blocked it. */
	blockedBy?: number;
	/** Tencent refused it: 100016 banned, 100017 muted or messages disabled, 80001 filtered (before any callback); 10010 the room went while the Before callback was out. */
	refusedWith?: number;
	/** How the Before callback decided; absent when none was sent. */
	decision?: BeforeCallbackDecision;
	/** How long the Before callback took (wall ms); 0 when none was sent. */
	callbackMs: number;
	/** The message's seq in the room when delivered. */
	seq?: number;
	/** The text recorded: the one sent, or the one a Before callback answer gave back in MsgBody. */
	text?: string;
}

/** A user sending a chat message in a live room (its Chat group has the room's ID). */
export interface UserMessageInput {
	roomId: string;
	from: string;
	text: string;
	sdkAppId?: number;
}

/** A user sending a gift in a live room. */
export interface UserGiftInput {
	roomId: string;
	from: string;
	/** The receiving accounts (one or several). */
	to: string | string[];
	giftId: string;
	/** A positive integer, default 1. */
	count?: number;
	/** The coins the gifts cost together, default `count` (1 coin a gift). */
	coins?: number;
	sdkAppId?: number;
}

/** What userSendsGift reports. */
export interface UserGiftResult {
	delivered: boolean;
	/** The non-zero ErrorCode of the Live.CallbackBeforeSendGift answer that rejected it (1, or 102100..102200 passed through). */
	blockedBy?: number;
	/** Tencent refused it: 100016 banned (before any callback); 100004 the room went while the Before callback was out. */
	refusedWith?: number;
	decision?: BeforeCallbackDecision;
	callbackMs: number;
	/** The gift's seq in the room when delivered. */
	seq?: number;
}

/**
 * A room as get_room_info describes it (RoomInfo), plus what the emulator keeps that
 * get_room_info does not list: live Notice and SeatTemplate, conference ScheduleInviteeList_Account.
 * For test assertions (getRoom).
 */
export interface RoomInfoView {
	RoomId: string;
	RoomName: string;
	RoomType: 'Live' | 'Conference';
	Owner_Account: string;
	MaxMemberCount: number;
	MaxSeatCount: number;
	IsSeatEnabled: boolean;
	TakeSeatMode: TakeSeatMode;
	IsMessageDisabled: boolean;
	CreateTime: number;
	// live
	CoverURL?: string;
	Category?: string[];
	ActivityStatus?: number;
	ViewCount?: number;
	IsPublicVisible?: boolean;
	Notice?: string;
	/** '' when none was given. */
	SeatTemplate?: string;
	// conference
	IsVideoDisabled?: boolean;
	IsAudioDisabled?: boolean;
	IsScreenSharingDisabled?: boolean;
	IsCloudRecordingDisabled?: boolean;
	CustomInfo?: string;
	ScheduleStartTime?: number;
	ScheduleEndTime?: number;
	RoomStatus?: 'NotStarted' | 'Running';
	MemberCount?: number;
	ScheduleInviteeList_Account?: string[];
}

export interface CreateGroupInput {
	groupId: string;
	type?: GroupType;
	members?: GroupMemberInput[];
	sdkAppId?: number;
}

export interface SeatFlags {
	forbidTaken?: boolean;
	forbidVideo?: boolean;
	forbidAudio?: boolean;
}

export interface EmulatorStats {
	total: number;
	byCommand: Record<string, number>;
	rateLimited: number;
	/** The most calls the frequency limit admitted in any 1000 ms window, per command (the limit disabled: every call that got that far). */
	maxPerSecondByCommand: Record<string, number>;
	/** The most requests open at the same moment (received, not yet answered or closed). */
	peakConcurrentRequests: number;
}

/** What an overridden answer carries: text or bytes as they are, anything else JSON-encoded. */
export type AnswerBody = string | Buffer | Record<string, unknown> | unknown[] | number | boolean | null;

/**
 * Test hook (addition to the spec): a canned answer instead of the command's own, for hostile or
 * malformed answers no fault kind produces (huge bodies, HTML, wrong types, endless cursors).
 */
export interface AnswerOverride {
	/** Only requests to this command; default any command. */
	command?: string;
	/** HTTP status, default 200. */
	status?: number;
	/** Response headers; Content-Type defaults to application/json (text/plain for text bodies). */
	headers?: Record<string, string>;
	/**
	 * The body, or a function that builds it from the request: its parsed body, sequence number
	 * and URL (path and query, usersig included: for tests of what a gateway echoing it would leak).
	 */
	body: AnswerBody | ((request: { body: unknown; seq: number; url: string }) => AnswerBody);
	/** How many matching requests get this answer, default 1. */
	count?: number;
	/** Apply the command first, then answer with the override. Default false: nothing applied. */
	apply?: boolean;
}
