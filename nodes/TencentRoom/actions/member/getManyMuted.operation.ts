import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { liveRoomIdFields, readRoomId, returnAllFields } from '../fields';
import { readListingLimit } from '../listing';
import { readKeys, roomOrderKey, type PreparedItem } from '../operation';

const MAX_MUTED = 10_000;

export const properties: INodeProperties[] = [...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'), ...returnAllFields(MAX_MUTED)];

export const option = { name: 'Get Many Muted', value: 'getManyMuted', action: 'Get the muted members of a live room', description: 'List who is muted in a live room, and until when' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const limit = readListingLimit(this, itemIndex, MAX_MUTED);
	const call = { itemIndex, action: `list the muted members of live room "${roomId}"` };
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport) => {
			// Tencent answers the whole list at once (it documents no paging).
			const { reply } = await transport.call('live_engine_http_srv/get_muted_member_list', { RoomId: roomId }, call);
			const list: unknown = reply.Response?.MutedAccountList ?? [];
			if (!Array.isArray(list) || !list.every((entry) => typeof (entry as { Member_Account?: unknown } | null)?.Member_Account === 'string')) {
				throw transport.invalidReply(call, 'Response.MutedAccountList is not a list of entries with a text Member_Account', reply);
			}
			return (list as Array<{ Member_Account: string; MutedUntil?: number }>)
				.slice(0, limit)
				.map((entry) => ({ RoomId: roomId, Member_Account: entry.Member_Account, MutedUntil: entry.MutedUntil ?? null }));
		},
	};
}
