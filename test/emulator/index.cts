/** The Tencent Cloud REST emulator's public API. */
export { TencentEmulator } from './TencentEmulator.cjs';
export {
	TENCENT_CALLBACK_TIMEOUT_MS,
	callbackBodyText,
	callbackUrl,
	groupMessageBody,
	liveRoomCreatedBody,
	roomDestroyedBody,
	seatInfoChangedBody,
	sendCallback,
	tencentCallbackSign,
} from './callbacks.cjs';
export type { CallbackDelivery, CallbackOptions } from './callbacks.cjs';
export { DEMO_APP } from './demoApp.cjs';
export { DEMO_GROUP_IDS, DEMO_ROOM_IDS, seedDemoData } from './demoData.cjs';
export { ErrorCodes, TencentApiError } from './errorCodes.cjs';
export { DOCUMENTED_RATE_LIMITS } from './commands.cjs';
export {
	EMULATED_CALLBACK_COMMANDS,
	FAULT_KINDS,
	LATE_APPLY_FAULT_KINDS,
	LATE_APPLY_MS_DEFAULT,
	LATE_APPLY_MS_MAX,
	LIVE_CALLBACK_COMMANDS,
	LIVE_MEMBER_STATE_ALIAS,
} from './types.cjs';
export { MAX_CALLBACK_TOKEN_CHARS } from './liveConfigCommands.cjs';
export {
	BANNED_LIST_DEFAULT_LIMIT,
	BANNED_LIST_MAX_LIMIT,
	MAX_MESSAGE_BYTES,
	MAX_MODERATION_SECONDS,
	MAX_REASON_BYTES,
	MEMBER_LIST_DEFAULT_COUNT,
	MEMBER_LIST_MAX_COUNT,
} from './moderationCommands.cjs';
export { MAX_ACCOUNTS_PER_CALL } from './commandKit.cjs';
export { makeTestCertificates } from './certificates.cjs';
export type { PemKeyPair, TestCertificates } from './certificates.cjs';
export type {
	AnyCallbackCommand,
	AnyFaultKind,
	BannedMemberView,
	BeforeCallbackDecision,
	CallbackDeliveryEntry,
	CallbackRoute,
	CallbackTarget,
	CreateGroupInput,
	CreateRoomInput,
	EmulatorApp,
	EmulatorOptions,
	EmulatorStats,
	EmulatorTlsOptions,
	FaultKind,
	GroupMemberInput,
	GroupType,
	LateApplyFaultKind,
	EmulatedCallbackCommand,
	LiveCallbackCommand,
	LiveCallbackConfig,
	LiveCallbackConfigInput,
	MutationLogEntry,
	MutedMemberView,
	RequestLogEntry,
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
	UserGiftInput,
	UserGiftResult,
	UserMessageInput,
	UserMessageResult,
} from './types.cjs';
export { verifyUserSig, decodeUserSig } from './userSigVerifier.cjs';
export type { UserSigCheck, UserSigVerdict } from './userSigVerifier.cjs';
