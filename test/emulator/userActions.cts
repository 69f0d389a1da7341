/**
 * What users do from their clients, not through REST: a chat message in a live room's Chat group
 * (the group ID is the room ID) and a gift. Each goes through Tencent's "Before" callback when
 * one is configured: the emulator posts it, waits for the answer (at most the target's timeout,
 * 2 s by default, Tencent's limit), and lets the answer decide. The choices are written down in
 * errorCodes.cts.
 */
import { randomInt } from 'crypto';

import { type CallbackDispatcher, type PendingCallback } from './callbackDispatcher.cjs';
import { groupMessageBody } from './callbacks.cjs';
import { ErrorCodes } from './errorCodes.cjs';
import { type AppState, type RoomState, isBanned, isMuted } from './state.cjs';
import type { UserGiftInput, UserGiftResult, UserMessageInput, UserMessageResult } from './types.cjs';

export interface UserActionContext {
	app: AppState;
	dispatcher: CallbackDispatcher;
	now: () => number;
	/** Lower-cased (80001). */
	sensitiveWords: readonly string[];
}

function nonEmpty(value: unknown, what: string): string {
	if (typeof value !== 'string' || value === '') throw new Error(`${what} must be a non-empty string`);
	return value;
}

function liveRoom(app: AppState, roomId: unknown): RoomState {
	const room = app.room(nonEmpty(roomId, 'roomId'));
	if (room.type !== 'live') throw new Error(`room ${room.roomId} is a conference room: users send messages and gifts in live rooms`);
	return room;
}

/** The texts of the TIMTextElem elements of a MsgBody a Before answer gave back, joined; null without any. */
function textOfMsgBody(msgBody: unknown): string | null {
	if (!Array.isArray(msgBody)) return null;
	const texts: string[] = [];
	for (const element of msgBody as unknown[]) {
		if (element === null || typeof element !== 'object') continue;
		const { MsgType, MsgContent } = element as { MsgType?: unknown; MsgContent?: { Text?: unknown } };
		if (MsgType === 'TIMTextElem' && MsgContent && typeof MsgContent.Text === 'string') texts.push(MsgContent.Text);
	}
	return texts.length > 0 ? texts.join('') : null;
}

/**
 * A user sends a text message in a live room. Refused before any callback when the sender is
 * banned (100016), muted or messages are disabled for them (100017), or the text holds a
 * sensitive word (80001). Then Group.CallbackBeforeSendMsg, when the Chat target takes it,
 * decides; an allowed message is recorded, and Group.CallbackAfterSendMsg queued when taken.
 */
export async function userSendsMessage(context: UserActionContext, input: UserMessageInput): Promise<UserMessageResult> {
	if (input === null || typeof input !== 'object') throw new Error('userSendsMessage needs {roomId, from, text}');
	const room = liveRoom(context.app, input.roomId);
	const from = nonEmpty(input.from, 'from');
	const text = nonEmpty(input.text, 'text');

	const sentAt = context.now();
	const refused = (code: number): UserMessageResult => ({ delivered: false, refusedWith: code, callbackMs: 0 });
	if (isBanned(room, from, sentAt)) return refused(ErrorCodes.memberBanned);
	if (isMuted(room, from, sentAt)) return refused(ErrorCodes.memberMuted);
	if (room.isMessageDisabled && from !== room.owner && room.members.get(from)?.role !== 'Admin') return refused(ErrorCodes.memberMuted);
	const lower = text.toLowerCase();
	if (context.sensitiveWords.some((word) => lower.includes(word))) return refused(ErrorCodes.messageFiltered);

	const random = randomInt(0, 2 ** 32 - 1);
	const msgTime = Math.floor(sentAt / 1000);
	const base: Record<string, unknown> = { ...groupMessageBody({ groupId: room.roomId, from, text, msgTime }), Random: random, EventTime: sentAt };
	const event = (command: PendingCallback['command'], body: Record<string, unknown>): PendingCallback => ({
		sdkAppId: context.app.sdkAppId,
		command,
		route: 'chat',
		roomId: room.roomId,
		requestSeq: 0,
		body,
	});

	// The Before sample has neither MsgSeq nor MsgTime: the message has none yet.
	const beforeBody = { ...base };
	delete beforeBody.MsgSeq;
	delete beforeBody.MsgTime;
	const answer = await context.dispatcher.ask(event('Group.CallbackBeforeSendMsg', beforeBody));
	const callbackMs = answer?.entry.elapsedMs ?? 0;
	if (answer?.decision === 'blocked') {
		return { delivered: false, blockedBy: answer.errorCode as number, decision: 'blocked', callbackMs };
	}
	const replaced = answer?.decision === 'allowed' ? textOfMsgBody(answer.json?.MsgBody) : null;
	const recorded = replaced ?? text;

	// The room (and its group) may have gone while the callback was out.
	if (context.app.rooms.get(room.roomId) !== room) return { delivered: false, refusedWith: ErrorCodes.groupNotFound, callbackMs };
	const recordedAt = context.now();
	const seq = room.messages.length + 1;
	room.messages.push({ seq, Sender_Account: from, TextContent: recorded, ExtensionInfo: '', time: recordedAt, requestSeq: 0, fromUser: true });
	room.stats.TotalMsgCount += 1;

	const afterBody = {
		...base,
		MsgSeq: seq,
		MsgTime: Math.floor(recordedAt / 1000),
		EventTime: recordedAt,
		MsgBody: [{ MsgType: 'TIMTextElem', MsgContent: { Text: recorded } }],
	};
	context.dispatcher.enqueue([event('Group.CallbackAfterSendMsg', afterBody)]);
	return { delivered: true, ...(answer ? { decision: answer.decision } : {}), callbackMs, seq, text: recorded };
}

/**
 * A user sends a gift in a live room. Refused before any callback when the sender is banned
 * (100016). Then Live.CallbackBeforeSendGift, when the live configuration takes it, decides:
 * ErrorCode 0 allows, any other rejects (1, or a code within 102100..102200 that the sender gets
 * as it is); an allowed gift is recorded and counted in the room's statistics.
 */
export async function userSendsGift(context: UserActionContext, input: UserGiftInput): Promise<UserGiftResult> {
	if (input === null || typeof input !== 'object') throw new Error('userSendsGift needs {roomId, from, to, giftId, count?, coins?}');
	const room = liveRoom(context.app, input.roomId);
	const from = nonEmpty(input.from, 'from');
	const to = (Array.isArray(input.to) ? input.to : [input.to]).map((account) => nonEmpty(account, 'to'));
	if (to.length === 0) throw new Error('to must name at least one account');
	const giftId = nonEmpty(input.giftId, 'giftId');
	const count = input.count ?? 1;
	if (!Number.isSafeInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${input.count}`);
	const coins = input.coins ?? count;
	if (!Number.isSafeInteger(coins) || coins < 0) throw new Error(`coins must be a non-negative integer, got ${input.coins}`);

	const sentAt = context.now();
	if (isBanned(room, from, sentAt)) return { delivered: false, refusedWith: ErrorCodes.memberBanned, callbackMs: 0 };

	const answer = await context.dispatcher.ask({
		sdkAppId: context.app.sdkAppId,
		command: 'Live.CallbackBeforeSendGift',
		route: 'live',
		roomId: room.roomId,
		requestSeq: 0,
		body: {
			Operator_Account: from,
			RoomId: room.roomId,
			GiftWater: { From_Account: from, To_Account: [...to], Time: Math.floor(sentAt / 1000), GiftId: giftId, Count: count, Coins: coins },
			EventTime: sentAt,
		},
	});
	const callbackMs = answer?.entry.elapsedMs ?? 0;
	if (answer?.decision === 'blocked') return { delivered: false, blockedBy: answer.errorCode as number, decision: 'blocked', callbackMs };

	if (context.app.rooms.get(room.roomId) !== room) return { delivered: false, refusedWith: ErrorCodes.roomNotFound, callbackMs };
	const seq = room.gifts.length + 1;
	room.gifts.push({ seq, From_Account: from, To_Account: [...to], GiftId: giftId, Count: count, Coins: coins, time: context.now() });
	room.stats.TotalGiftsSent += count;
	room.stats.TotalGiftCoins += coins;
	if (!room.giftSenders.has(from)) {
		room.giftSenders.add(from);
		room.stats.TotalUniqueGiftSenders += 1;
	}
	return { delivered: true, ...(answer ? { decision: answer.decision } : {}), callbackMs, seq };
}
