import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginate } from '../../../shared/paginate';
import { requireRoomId } from '../../../shared/validation';
import { returnAllFields, roomIdField } from '../common.fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { pageGuard } from './pageGuard';
import { readListingLimit } from './listing';

const shown = { resource: 'member', operation: 'getMany' };

export const description: INodeProperties[] = [
	{
		...roomIdField(shown),
		description: 'The RoomId of a live room (TUILiveKit). Conference rooms answer error 100006.',
	},
	...returnAllFields(shown),
	{
		displayName:
			'Tencent lists at most 1000 members of a room and refreshes the list every 40 seconds: someone who joined a moment ago may not be listed yet.',
		name: 'memberListNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { resource: ['member'], operation: ['getMany'] } },
	},
];

interface LiveMemberPage extends IDataObject {
	Next?: string;
	MemberCount?: number;
	MemberList?: Array<{ Member_Account?: string }>;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const limit = readListingLimit(this, itemIndex);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const call = { itemIndex, action: `list the members of live room "${roomId}"` };

			let memberCount = 0;
			const members = await pageGuard(transport, call, () =>
				paginate<string, string>({
					firstCursor: '',
					isDone: (next) => next === '',
					limit,
					fetchPage: async (next) => {
						const reply = await transport.call('live_engine_http_srv/get_member_list', { RoomId: roomId, Next: next }, call);
						const page = reply.Response as LiveMemberPage | undefined;
						if (!page || !Array.isArray(page.MemberList)) {
							throw transport.invalidReply(call, 'Response.MemberList is not a list', reply);
						}
						if (typeof page.Next !== 'string') throw transport.invalidReply(call, 'Response.Next is not text', reply);
						if (!page.MemberList.every(hasAccount)) {
							throw transport.invalidReply(call, 'Response.MemberList holds an entry without a text Member_Account', reply);
						}
						if (typeof page.MemberCount === 'number') memberCount = page.MemberCount;
						return { items: page.MemberList.map((member) => String(member.Member_Account ?? '')), next: page.Next };
					},
				}),
			);
			return members.map((account) => ({ RoomId: roomId, Member_Account: account, MemberCount: memberCount }));
		},
	};
}

function hasAccount(member: unknown): boolean {
	return !!member && typeof member === 'object' && typeof (member as { Member_Account?: unknown }).Member_Account === 'string';
}
