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
export function hasControlCharacter(text: string, allowLineBreaks = false): boolean {
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		// Line feed, carriage return and tab: the layout of a chat message, nothing else.
		if (allowLineBreaks && (code === 0x0a || code === 0x0d || code === 0x09)) continue;
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

/** Text Tencent stores as given (names, URLs, notices): within `maxBytes`, without control characters. */
export function requireText(value: unknown, field: string, maxBytes: number, options: { allowEmpty?: boolean; allowLineBreaks?: boolean } = {}): string {
	if (typeof value === 'number' && Number.isFinite(value)) value = String(value);
	if (typeof value !== 'string') throw new InvalidParameterError(field, `${field} must be text, not ${describeType(value)}.`);
	const text = value.trim();
	if (!text && !options.allowEmpty) throw new InvalidParameterError(field, `${field} is empty.`);
	if (hasControlCharacter(text, options.allowLineBreaks)) {
		const found = options.allowLineBreaks ? 'control characters other than line breaks and tabs' : 'control characters (a line break or tab?)';
		throw new InvalidParameterError(field, `${field} contains ${found}: remove them.`);
	}
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > maxBytes) throw new InvalidParameterError(field, `${field} is ${bytes} bytes long; Tencent allows at most ${maxBytes} bytes.`);
	return text;
}

/** An http(s) address Tencent stores, such as a cover image. */
export function requireHttpUrl(value: unknown, field: string, maxBytes: number): string {
	const text = requireText(value, field, maxBytes);
	if (!/^https?:\/\/[^\s/]+/i.test(text)) {
		throw new InvalidParameterError(field, `${field} must be an http:// or https:// address, such as https://example.com/cover.png.`);
	}
	return text;
}

/**
 * A list of texts: an array from an expression, or comma-separated text. Entries are trimmed,
 * empty ones dropped; each is checked like requireText.
 */
export function requireTextList(value: unknown, field: string, limits: { maxItems: number; maxBytesEach: number }): string[] {
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(',');
	else throw new InvalidParameterError(field, `${field} must be a list or comma-separated text, not ${describeType(value)}.`);
	const texts = entries
		.filter((entry) => !(typeof entry === 'string' && entry.trim() === ''))
		.map((entry, index) => requireText(entry, `${field} entry ${index + 1}`, limits.maxBytesEach));
	if (texts.length > limits.maxItems) {
		throw new InvalidParameterError(field, `${field} has ${texts.length} entries; Tencent allows at most ${limits.maxItems}.`);
	}
	return texts;
}

/** Unix seconds before 5138: larger numbers are taken for milliseconds by mistake. */
const MAX_UNIX_SECONDS = 99_999_999_999;

/**
 * A point in time as Tencent's Unix seconds, from what n8n hands a node: a date-time text
 * (the date picker, ISO 8601), Unix seconds as a number or digits, a JavaScript Date, or a Luxon
 * DateTime from an expression such as {{ $now.plus({ hours: 2 }) }}.
 */
export function requireUnixSeconds(value: unknown, field: string): number {
	let ms: number | undefined;
	if (typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value))) {
		const seconds = Number(value);
		if (!Number.isInteger(seconds) || seconds < 0 || seconds > MAX_UNIX_SECONDS) {
			throw new InvalidParameterError(
				field,
				`${field} must be a date-time or whole Unix seconds (for example 1767225600); ${seconds} is not${seconds > MAX_UNIX_SECONDS ? ' (milliseconds? divide by 1000)' : ''}.`,
			);
		}
		return seconds;
	}
	if (value instanceof Date) ms = value.getTime();
	else if (value && typeof value === 'object' && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
		ms = (value as { toMillis: () => number }).toMillis();
	} else if (typeof value === 'string' && value.trim()) ms = Date.parse(value.trim());
	if (ms === undefined || !Number.isFinite(ms)) {
		throw new InvalidParameterError(field, `${field} must be a date-time (for example 2026-12-01T20:00:00Z) or Unix seconds, not ${typeof value === 'string' ? `"${value}"` : describeType(value)}.`);
	}
	return Math.floor(ms / 1000);
}

/** Tencent's room metadata limits (set_room_metadata). */
export const METADATA_LIMITS = { maxKeys: 10, maxKeyBytes: 50, maxValueBytes: 2048, maxTotalValueBytes: 16 * 1024 } as const;

export interface MetadataPair {
	Key: string;
	Value: string;
}

/**
 * Key/value pairs for a room's metadata: each key non-empty, unique and within 50 bytes, each
 * value text (numbers and true/false are written as text) within 2 KB, all values within 16 KB.
 */
export function requireMetadataPairs(value: unknown, field = 'Metadata'): MetadataPair[] {
	if (!Array.isArray(value) || value.length === 0) {
		throw new InvalidParameterError(field, `${field} is empty: add at least one key and value.`);
	}
	if (value.length > METADATA_LIMITS.maxKeys) {
		throw new InvalidParameterError(field, `${field} has ${value.length} keys; a room holds at most ${METADATA_LIMITS.maxKeys}.`);
	}
	const seen = new Set<string>();
	let totalBytes = 0;
	const pairs = value.map((entry: unknown, index) => {
		const { key, value: rawValue } = (entry ?? {}) as { key?: unknown; value?: unknown };
		const keyText = requireText(key, `${field} key ${index + 1}`, METADATA_LIMITS.maxKeyBytes);
		if (seen.has(keyText)) throw new InvalidParameterError(field, `${field} names the key "${keyText}" twice.`);
		seen.add(keyText);
		const valueText = typeof rawValue === 'number' || typeof rawValue === 'boolean' ? String(rawValue) : rawValue;
		if (typeof valueText !== 'string') {
			throw new InvalidParameterError(field, `The value of "${keyText}" must be text, not ${describeType(rawValue)}: turn an object into text with {{ JSON.stringify(...) }}.`);
		}
		const bytes = Buffer.byteLength(valueText, 'utf8');
		if (bytes > METADATA_LIMITS.maxValueBytes) {
			throw new InvalidParameterError(field, `The value of "${keyText}" is ${bytes} bytes; Tencent allows at most ${METADATA_LIMITS.maxValueBytes} (2 KB).`);
		}
		totalBytes += bytes;
		return { Key: keyText, Value: valueText };
	});
	if (totalBytes > METADATA_LIMITS.maxTotalValueBytes) {
		throw new InvalidParameterError(field, `${field} values add up to ${totalBytes} bytes; Tencent allows at most ${METADATA_LIMITS.maxTotalValueBytes} (16 KB) in all.`);
	}
	return pairs;
}

/**
 * One or more UserIDs: comma-separated text, or a list from an expression. Each is checked like
 * a Member Account; the same account twice in one item is refused.
 */
export function requireAccountList(value: unknown, field: string, maxAccounts = 10_000): string[] {
	let entries: unknown[];
	if (Array.isArray(value)) entries = value;
	else if (typeof value === 'string') entries = value.split(',').filter((entry) => entry.trim() !== '');
	else throw new InvalidParameterError(field, `${field} must be UserIDs, comma-separated or a list, not ${describeType(value)}.`);
	if (entries.length === 0) throw new InvalidParameterError(field, `${field} is empty: give at least one UserID.`);
	if (entries.length > maxAccounts) throw new InvalidParameterError(field, `${field} has ${entries.length} UserIDs; one item takes at most ${maxAccounts}.`);
	const seen = new Set<string>();
	return entries.map((entry, index) => {
		const account = requireAccount(entry, `${field} entry ${index + 1}`);
		if (seen.has(account)) throw new InvalidParameterError(field, `${field} names "${account}" twice.`);
		seen.add(account);
		return account;
	});
}

/** The largest duration Tencent's 32-bit fields hold: about 68 years. */
export const MAX_DURATION_SECONDS = 2_147_483_647;

/** A duration in whole seconds, at least 1. */
export function requireDurationSeconds(value: unknown, field: string): number {
	return requireWholeNumber(value, field, 1, MAX_DURATION_SECONDS, 'seconds, e.g. 600 = 10 minutes, 86400 = 1 day');
}

/** Seconds as a reader would say them: "10 minutes", "1 day 2 hours". */
export function describeDuration(seconds: number): string {
	const units: Array<[number, string]> = [
		[86_400, 'day'],
		[3_600, 'hour'],
		[60, 'minute'],
		[1, 'second'],
	];
	const parts: string[] = [];
	let left = seconds;
	for (const [size, name] of units) {
		const count = Math.floor(left / size);
		if (count > 0 && parts.length < 2) parts.push(`${count} ${name}${count === 1 ? '' : 's'}`);
		left -= count * size;
	}
	return parts.join(' ') || '0 seconds';
}

/** JSON text (an object from an expression is written as JSON), within `maxBytes`. */
export function requireJsonText(value: unknown, field: string, maxBytes: number): string {
	let text: string;
	if (typeof value === 'string') {
		text = value.trim();
		if (!isJson(text)) throw new InvalidParameterError(field, `${field} must be JSON text, such as {"color":"red"}.`);
	} else if (value !== null && typeof value === 'object') {
		text = JSON.stringify(value);
	} else {
		throw new InvalidParameterError(field, `${field} must be JSON text, such as {"color":"red"}, not ${describeType(value)}.`);
	}
	const bytes = Buffer.byteLength(text, 'utf8');
	if (bytes > maxBytes) throw new InvalidParameterError(field, `${field} is ${bytes} bytes long; Tencent allows at most ${maxBytes} bytes.`);
	return text;
}

function isJson(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}
