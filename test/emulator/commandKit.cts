/**
 * What every REST command handler is made of: its spec, its context, and the field checks that
 * throw TencentApiError before anything changes.
 */
import { ErrorCodes, TencentApiError } from './errorCodes.cjs';
import { type AppState, type RoomState, MAX_ROOM_ID_BYTES } from './state.cjs';

/**
 * 'roomEngine': payload under `Response`, with a RequestId.
 * 'chat': the older Chat style: payload at the top level and no RequestId (as in the seed sample).
 */
export type ResponseStyle = 'roomEngine' | 'chat';

export interface CommandContext {
	app: AppState;
	nowMs: number;
	liveMemberPageSize: number;
	/** The calling administrator (the URL's identifier). */
	identifier: string;
	/** Lower-cased sensitive words (100026). */
	sensitiveWords: readonly string[];
	recordMutation(roomId: string, detail: Record<string, unknown>): void;
}

export interface CommandResult {
	/** Under `Response` (roomEngine) or merged at the top level (chat); absent = no payload. */
	payload?: Record<string, unknown>;
}

export interface CommandSpec {
	readonly name: string;
	readonly style: ResponseStyle;
	/** What this service answers for "internal error, retry" (the internal-error faults). */
	readonly internalErrorCode: number;
	/** Tencent's documented frequency limit when it is not the common 200/s. */
	readonly rateLimitPerSecond?: number;
	/** Throws TencentApiError; otherwise the command was applied. */
	run(body: Record<string, unknown>, context: CommandContext): CommandResult;
}

export type Fields = Record<string, unknown>;

export function invalid(code: number, info: string): TencentApiError {
	return new TencentApiError(code, info);
}

export function invalidParameter(info: string): TencentApiError {
	return new TencentApiError(ErrorCodes.roomInvalidParameter, info);
}

export function isInteger(value: unknown): value is number {
	return typeof value === 'number' && Number.isSafeInteger(value);
}

export function isPlainObject(value: unknown): value is Fields {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function byteLength(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

export function roomIdField(body: Fields): string {
	const roomId = body.RoomId;
	if (typeof roomId !== 'string' || roomId === '') {
		throw invalidParameter('RoomId is required and must be a non-empty string');
	}
	if (byteLength(roomId) > MAX_ROOM_ID_BYTES) {
		throw invalidParameter(`RoomId is longer than ${MAX_ROOM_ID_BYTES} bytes`);
	}
	return roomId;
}

export function nonNegativeIntegerField(body: Fields, field: string, code: number): number {
	const value = body[field];
	if (!isInteger(value) || value < 0) throw invalid(code, `${field} is required and must be a non-negative integer`);
	return value;
}

export function optionalBooleanField(body: Fields, field: string): boolean {
	const value = body[field];
	if (value === undefined) return false;
	if (typeof value !== 'boolean') throw invalidParameter(`${field} must be a boolean`);
	return value;
}

export function nonEmptyStringField(body: Fields, field: string): string {
	const value = body[field];
	if (typeof value !== 'string' || value === '') {
		throw invalidParameter(`${field} is required and must be a non-empty string`);
	}
	return value;
}

export function existingRoom(context: CommandContext, roomId: string): RoomState {
	const room = context.app.rooms.get(roomId);
	if (!room) throw invalid(ErrorCodes.roomNotFound, `room ${roomId} does not exist or has been destroyed`);
	return room;
}

/** A room of this kind: 100004 when missing, 100006 when it is of the other kind. */
export function roomOfKind(context: CommandContext, roomId: string, type: RoomState['type']): RoomState {
	const room = existingRoom(context, roomId);
	if (room.type !== type) {
		throw invalid(
			ErrorCodes.notLiveRoom,
			type === 'live'
				? `room ${roomId} is a conference room: use room_engine_http_srv`
				: `room ${roomId} is a live room: use live_engine_http_srv`,
		);
	}
	return room;
}
