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
	/** Default frequency code; Tencent does not say which of 60007/60011/60018/60019 it sends. */
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
	roomInvalidParameter: 100002,
	roomNotFound: 100004,
	notRoomMember: 100005,
	notLiveRoom: 100006,
	seatLocked: 100200,
	alreadyOnThatSeat: 100203,
	userNotOnSeat: 100206,
	targetSeatOccupied: 100210,
	seatsNotSupported: 100211,

	// Chat group service (AVChatRoom get_members) private codes
	groupNotLoggedIn: 10001,
	groupSystemError: 10002,
	groupInvalidCommand: 10003,
	groupInvalidParameter: 10004,
	groupNoPermission: 10007,
	groupNotFound: 10010,
	groupIdInvalid: 10015,
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
