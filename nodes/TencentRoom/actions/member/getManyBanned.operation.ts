import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRoomTarget, returnAllFields, roomTargetFields } from '../fields';
import { listPages, readListingLimit } from '../listing';
import { readKeys, roomOrderKey, type PreparedItem } from '../operation';

/** Tencent hands out banned members 100 at a time (Offset / NextOffset). */
const PAGE_SIZE = 100;
const MAX_BANNED = 10_000;

export const option = { name: 'Get Many Banned', value: 'getManyBanned', action: 'Get the banned members of a room', description: 'List who is banned from a room, and until when' };

export const properties: INodeProperties[] = [...roomTargetFields, ...returnAllFields(MAX_BANNED)];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId, service } = readRoomTarget(this, itemIndex);
	const limit = readListingLimit(this, itemIndex, MAX_BANNED);
	const call = { itemIndex, action: `list the banned members of ${roomType} room "${roomId}"` };
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport) => {
			const banned = await listPages<IDataObject, number>(transport, call, {
				firstCursor: 0,
				isDone: (next) => next === 0,
				limit,
				maxPages: MAX_BANNED / PAGE_SIZE,
				fetchPage: async (offset) => {
					const { reply } = await transport.call(`${service}/get_banned_member_list`, { RoomId: roomId, Offset: offset, Limit: PAGE_SIZE }, call);
					const page: Record<string, unknown> = reply.Response ?? {};
					const list = page.BannedAccountList ?? [];
					if (!Array.isArray(list) || !list.every(hasAccount)) {
						throw transport.invalidReply(call, 'Response.BannedAccountList is not a list of entries with a text Member_Account', reply);
					}
					const next = page.NextOffset ?? 0;
					if (typeof next !== 'number' || !Number.isInteger(next) || next < 0) throw transport.invalidReply(call, 'Response.NextOffset is not a whole number', reply);
					return { items: list, next };
				},
			});
			return banned.map((entry) => ({ RoomId: roomId, Member_Account: entry.Member_Account, BannedUntil: entry.BannedUntil ?? null }));
		},
	};
}

function hasAccount(entry: unknown): entry is IDataObject {
	return !!entry && typeof entry === 'object' && typeof (entry as { Member_Account?: unknown }).Member_Account === 'string';
}
