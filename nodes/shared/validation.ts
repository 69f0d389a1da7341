/**
 * Checks node parameters before anything is sent. Pure: each check names the field as users
 * see it and says what is allowed, and returns the value in the type Tencent expects.
 */

export class InvalidParameterError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidParameterError';
	}
}

/** Tencent's documented RoomId limit. */
export const MAX_ROOM_ID_BYTES = 48;
/** Tencent's UserID limit. */
export const MAX_ACCOUNT_BYTES = 32;
/** Group IDs are at most 48 bytes (AVChatRoom IDs start with @TGS#). */
export const MAX_GROUP_ID_BYTES = 48;

function describeType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** True for line breaks, tabs and other C0 control characters (and DEL). */
export function hasControlCharacter(text: string): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

function requireIdString(value: unknown, field: string, maxBytes: number, example: string): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') {
		throw new InvalidParameterError(field, `${field} must be text such as "${example}", not ${describeType(value)}.`);
	}
	const id = value.trim();
	if (!id) throw new InvalidParameterError(field, `${field} is empty: give an ID such as "${example}".`);
	if (hasControlCharacter(id)) {
		throw new InvalidParameterError(field, `${field} contains control characters (a line break or tab?): remove them.`);
	}
	const bytes = Buffer.byteLength(id, 'utf8');
	if (bytes > maxBytes) {
		throw new InvalidParameterError(field, `${field} is ${bytes} bytes long; Tencent allows at most ${maxBytes} bytes.`);
	}
	return id;
}

export function requireRoomId(value: unknown, field = 'Room ID'): string {
	return requireIdString(value, field, MAX_ROOM_ID_BYTES, 'room-test');
}

export function requireGroupId(value: unknown, field = 'Group ID'): string {
	const id = requireIdString(value, field, MAX_GROUP_ID_BYTES, '@TGS#a6I4ZUUGO');
	// Tencent's group IDs are printable ASCII (0x20-0x7e); anything else can only be a typo.
	if (!/^[\x20-\x7e]+$/.test(id)) {
		throw new InvalidParameterError(field, `${field} may only contain printable ASCII characters, such as "@TGS#a6I4ZUUGO".`);
	}
	return id;
}

export function requireAccount(value: unknown, field = 'Member Account'): string {
	return requireIdString(value, field, MAX_ACCOUNT_BYTES, 'user42');
}

/** Whole numbers only: 2, "2" and "2.0"-free; 2.5, -1, "", objects are refused. */
export function requireWholeNumber(value: unknown, field: string, min: number, max: number, meaning: string): number {
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) number = Number(value);
	else {
		throw new InvalidParameterError(
			field,
			`${field} must be a whole number from ${min} to ${max} (${meaning}), not ${describeType(value)}.`,
		);
	}
	if (!Number.isInteger(number) || number < min || number > max) {
		throw new InvalidParameterError(field, `${field} must be a whole number from ${min} to ${max} (${meaning}); got ${number}.`);
	}
	return number;
}

/** Seats are numbered from 0; Tencent rooms hold at most a few dozen, 1000 is a generous bound. */
export const MAX_SEAT_INDEX = 999;

export function requireSeatIndex(value: unknown, field = 'Seat Index'): number {
	return requireWholeNumber(value, field, 0, MAX_SEAT_INDEX, 'seats are numbered from 0');
}

export function requireBoolean(value: unknown, field: string): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new InvalidParameterError(field, `${field} must be true or false, not ${describeType(value)}.`);
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
	const shown = typeof value === 'string' ? `"${value}"` : describeType(value);
	throw new InvalidParameterError(field, `${field} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}; got ${shown}.`);
}
