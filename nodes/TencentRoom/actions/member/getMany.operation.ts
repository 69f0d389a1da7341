import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { liveRoomIdFields, noticeField, readRoomId, returnAllFields } from '../fields';
import { hintWhenCapped, listPages, readListingLimit } from '../listing';
import { roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [
	...liveRoomIdFields('The RoomId of a live room (TUILiveKit). Conference rooms answer error 100006.'),
	...returnAllFields(),
	noticeField('memberListNotice', 'Tencent lists at most 1000 members of a room and refreshes the list every 40 seconds: someone who joined a moment ago may not be listed yet.'),
];

export const option = { name: 'Get Many', value: 'getMany', action: 'Get the members of a live room', description: 'List the members of a live room (TUILiveKit), up to the 1000 Tencent lists' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const limit = readListingLimit(this, itemIndex);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport, hints) => {
			const call = { itemIndex, action: `list the members of live room "${roomId}"` };

			let memberCount = 0;
			const accounts = await listPages<string, string>(transport, call, {
				firstCursor: '',
				isDone: (next) => next === '',
				limit,
				fetchPage: async (next) => {
					const { reply } = await transport.call('live_engine_http_srv/get_member_list', { RoomId: roomId, Next: next }, call);
					const page: Record<string, unknown> = reply.Response ?? {};
					if (!Array.isArray(page.MemberList)) {
						throw transport.invalidReply(call, 'Response.MemberList is not a list', reply);
					}
					if (typeof page.Next !== 'string') throw transport.invalidReply(call, 'Response.Next is not text', reply);
					const pageAccounts = page.MemberList.map(accountOf);
					if (!pageAccounts.every((account): account is string => account !== undefined)) {
						throw transport.invalidReply(call, 'Response.MemberList holds an entry without a text Member_Account', reply);
					}
					if (typeof page.MemberCount === 'number') memberCount = page.MemberCount;
					return { items: pageAccounts, next: page.Next };
				},
			});
			hintWhenCapped(hints, accounts.length, limit, 'members of a live room');
			return accounts.map((account) => ({ RoomId: roomId, Member_Account: account, MemberCount: memberCount }));
		},
	};
}

function accountOf(member: unknown): string | undefined {
	const account = member && typeof member === 'object' ? (member as { Member_Account?: unknown }).Member_Account : undefined;
	return typeof account === 'string' ? account : undefined;
}
