/**
 * What every REST command handler is made of: its spec, its context, and the field checks that
 * throw TencentApiError before anything changes.
 */
import { ErrorCodes, TencentApiError } from './errorCodes.cjs';
import { type AppState, type RoomState, MAX_ROOM_ID_BYTES, seatListPayload } from './state.cjs';
import type { AnyCallbackCommand, RoomType } from './types.cjs';

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
	/** The request being handled (RequestLogEntry.seq). */
	requestSeq: number;
	/**
	 * A callback Tencent sends for this change: delivered after the answer, only when the command
	 * succeeds and the configuration it goes to takes it (Live.* and a live room's Mic.*: the
	 * live_config one; the rest: the Chat console's, setCallbackTarget). `body` without
	 * CallbackCommand (added when sent).
	 */
	emitCallback(command: AnyCallbackCommand, room: { roomId: string; type: RoomType }, body: Record<string, unknown>): void;
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

/** The most accounts one member command takes (kick, ban, unban, mute). */
export const MAX_ACCOUNTS_PER_CALL = 20;

/**
 * MemberList_Account: 1..max non-empty strings (100002 otherwise); duplicates are dropped (the
 * count is checked before).
 */
export function accountListField(body: Fields, field = 'MemberList_Account', max = MAX_ACCOUNTS_PER_CALL): string[] {
	const value = body[field];
	if (!Array.isArray(value) || value.length === 0 || value.length > max) {
		throw invalidParameter(`${field} is required and must be a list of 1 to ${max} accounts`);
	}
	if (!value.every((account) => typeof account === 'string' && account !== '')) {
		throw invalidParameter(`${field} must hold non-empty account strings`);
	}
	return [...new Set(value as string[])];
}

/** Mic.CallbackAfterSeatInfoChanged for the room's seats as they are now (after the change). */
export function emitSeatInfoChanged(context: CommandContext, room: RoomState): void {
	context.emitCallback('Mic.CallbackAfterSeatInfoChanged', room, {
		// The conference page lists Operator_Account; the live page does not (choice: follow each).
		...(room.type === 'conference' ? { Operator_Account: context.identifier } : {}),
		RoomId: room.roomId,
		SeatList: seatListPayload(room),
		EventTime: context.nowMs,
	});
}
