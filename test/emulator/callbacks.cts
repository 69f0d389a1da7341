/**
 * Tencent → your server: sends callbacks the way Tencent's backend does. A POST with a JSON
 * body to the callback URL, the query `SdkAppid`, `CallbackCommand`, `contenttype=json`,
 * `ClientIP`, `OptPlatform`, and, when a callback token is enabled, `Sign` and `RequestTime`
 * with `Sign = lowercase hex SHA-256(token + RequestTime)`.
 *
 * Signing is implemented here on its own (not imported from the node), so the trigger's
 * verifier is checked against an independent signer.
 */
import { createHash } from 'crypto';
import type * as http from 'http';

import { rawRequest } from '../helpers/rawHttp.cjs';

/** Tencent's answer deadline: a callback not answered in time counts as failed. */
export const TENCENT_CALLBACK_TIMEOUT_MS = 2000;

export function tencentCallbackSign(token: string, requestTime: string | number): string {
	return createHash('sha256').update(`${token}${requestTime}`, 'utf8').digest('hex');
}

export interface CallbackOptions {
	/** The callback URL configured in Tencent's console. */
	url: string;
	sdkAppId: number;
	command: string;
	/** An object is sent as JSON (with CallbackCommand added, as Tencent does); a string is sent as is. */
	body: Record<string, unknown> | string;
	/** When set, Sign and RequestTime are added. */
	token?: string;
	/** The sender's clock in ms (gives RequestTime); default Date.now(). */
	nowMs?: number;
	/** Default '203.0.113.7'. */
	clientIp?: string;
	/** Default 'RESTAPI' (Tencent also sends iOS, Android, Web, …). */
	optPlatform?: string;
	/** Default 'application/json; charset=utf-8'; null sends no Content-Type. */
	contentType?: string | null;
	/** Default true: Tencent repeats the command in the body. */
	commandInBody?: boolean;
	/** Tests: replace a query parameter, or drop it with null; unknown names are appended. */
	query?: Record<string, string | null>;
}

export interface CallbackDelivery {
	status: number;
	headers: http.IncomingHttpHeaders;
	/** The answer's body as text. */
	text: string;
	/** The answer parsed as JSON, or undefined. */
	json: unknown;
	/** The full URL the callback was sent to (query included). */
	url: string;
	/** Time until the answer was complete. */
	elapsedMs: number;
}

/** The URL Tencent would call, query parameters in Tencent's order. */
export function callbackUrl(options: CallbackOptions): string {
	const url = new URL(options.url);
	const params: Array<[string, string | null]> = [
		['SdkAppid', String(options.sdkAppId)],
		['CallbackCommand', options.command],
		['contenttype', 'json'],
		['ClientIP', options.clientIp ?? '203.0.113.7'],
		['OptPlatform', options.optPlatform ?? 'RESTAPI'],
	];
	if (options.token !== undefined) {
		const requestTime = String(Math.floor((options.nowMs ?? Date.now()) / 1000));
		params.push(['RequestTime', requestTime], ['Sign', tencentCallbackSign(options.token, requestTime)]);
	}
	const overrides = options.query ?? {};
	for (const [name, value] of params) {
		const replaced = Object.prototype.hasOwnProperty.call(overrides, name) ? overrides[name] : value;
		if (replaced !== null) url.searchParams.append(name, replaced);
	}
	for (const [name, value] of Object.entries(overrides)) {
		if (!params.some(([known]) => known === name) && value !== null) url.searchParams.append(name, value);
	}
	return url.toString();
}

export function callbackBodyText(options: Pick<CallbackOptions, 'body' | 'command' | 'commandInBody'>): string {
	if (typeof options.body === 'string') return options.body;
	const body = options.commandInBody === false ? options.body : { CallbackCommand: options.command, ...options.body };
	return JSON.stringify(body);
}

/** POSTs one callback and resolves with the answer; rejects when none comes within the timeout. */
export function sendCallback(options: CallbackOptions, timeoutMs = 5000): Promise<CallbackDelivery> {
	const url = callbackUrl(options);
	const payload = Buffer.from(callbackBodyText(options), 'utf8');
	const headers: http.OutgoingHttpHeaders = { 'User-Agent': 'Tencent-Callback-Emulator' };
	const contentType = options.contentType === undefined ? 'application/json; charset=utf-8' : options.contentType;
	if (contentType !== null) headers['Content-Type'] = contentType;
	return rawRequest(url, { method: 'POST', body: payload, headers, timeoutMs }).then((answer) => ({ ...answer, url }));
}

// ---------------------------------------------------------------- sample bodies, shaped like Tencent's

export function groupMessageBody(input: { groupId: string; from: string; text: string; msgTime?: number }): Record<string, unknown> {
	const msgTime = input.msgTime ?? Math.floor(Date.now() / 1000);
	return {
		GroupId: input.groupId,
		Type: 'AVChatRoom',
		From_Account: input.from,
		Operator_Account: '',
		Random: 2010569,
		MsgSeq: 123,
		MsgTime: msgTime,
		OnlineOnlyFlag: 0,
		MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: input.text } }],
		CloudCustomData: '',
		EventTime: msgTime * 1000,
	};
}

export function seatInfoChangedBody(input: {
	roomId: string;
	seats: Array<{ Index: number; Member_Account?: string; IsTakenDisabled?: boolean; IsVideoDisabled?: boolean; IsAudioDisabled?: boolean }>;
}): Record<string, unknown> {
	return {
		RoomId: input.roomId,
		SeatList: input.seats.map((seat) => ({
			Index: seat.Index,
			Member_Account: seat.Member_Account ?? '',
			IsTakenDisabled: seat.IsTakenDisabled ?? false,
			IsVideoDisabled: seat.IsVideoDisabled ?? false,
			IsAudioDisabled: seat.IsAudioDisabled ?? false,
		})),
		EventTime: Date.now(),
	};
}

export function roomDestroyedBody(input: { roomId: string }): Record<string, unknown> {
	return { RoomId: input.roomId, EventTime: Date.now() };
}

export function liveRoomCreatedBody(input: { roomId: string; owner: string }): Record<string, unknown> {
	return {
		RoomInfo: { RoomId: input.roomId, Owner_Account: input.owner, RoomType: 'Live', MaxSeatCount: 8, IsSeatEnabled: true },
		EventTime: Date.now(),
	};
}
