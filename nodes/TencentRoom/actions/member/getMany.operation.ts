import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { noticeField, readRoomTarget, returnAllFields, roomTargetFields } from '../fields';
import { hintWhenCapped, listPages, readListingLimit } from '../listing';
import { readKeys, roomOrderKey, type PreparedItem, type RunHints } from '../operation';
import type { CallContext, TencentTransport } from '../../transport';

export const properties: INodeProperties[] = [
	// Room Type comes first and defaults to live: version 1 workflows listed live rooms only.
	...roomTargetFields,
	...returnAllFields(),
	{
		...noticeField('memberListNotice', 'Tencent lists at most 1000 members of a live room and refreshes the list every 40 seconds: someone who joined a moment ago may not be listed yet.'),
		displayOptions: { show: { roomType: ['live'] } },
	},
];

export const option = { name: 'Get Many', value: 'getMany', action: 'Get the members of a room', description: 'List the members of a live room (up to the 1000 Tencent lists) or of a conference room' };

/** Conference members come 100 a page. */
const CONFERENCE_PAGE_SIZE = 100;

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId } = readRoomTarget(this, itemIndex);
	const limit = readListingLimit(this, itemIndex);
	const call = { itemIndex, action: `list the members of ${roomType} room "${roomId}"` };
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport, hints) =>
			roomType === 'live' ? await liveMembers(transport, call, roomId, limit, hints) : await conferenceMembers(transport, call, roomId, limit),
	};
}

async function liveMembers(transport: TencentTransport, call: CallContext, roomId: string, limit: number | undefined, hints: RunHints): Promise<IDataObject[]> {
	let memberCount = 0;
	const accounts = await listPages<string, string>(transport, call, {
		firstCursor: '',
		isDone: (next) => next === '',
		limit,
		fetchPage: async (next) => {
			const { reply } = await transport.call('live_engine_http_srv/get_member_list', { RoomId: roomId, Next: next }, call);
			const page: Record<string, unknown> = reply.Response ?? {};
			if (!Array.isArray(page.MemberList)) throw transport.invalidReply(call, 'Response.MemberList is not a list', reply);
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
}

/** Tencent's member entries as it sends them (Member_Account, NameCard, Role, Marks, CustomInfo). */
async function conferenceMembers(transport: TencentTransport, call: CallContext, roomId: string, limit: number | undefined): Promise<IDataObject[]> {
	const members = await listPages<IDataObject, string>(transport, call, {
		firstCursor: '',
		isDone: (next) => next === '',
		limit,
		fetchPage: async (next) => {
			const { reply } = await transport.call('room_engine_http_srv/get_room_member_list', { RoomId: roomId, Count: CONFERENCE_PAGE_SIZE, Next: next }, call);
			const page: Record<string, unknown> = reply.Response ?? {};
			if (!Array.isArray(page.MemberList)) throw transport.invalidReply(call, 'Response.MemberList is not a list', reply);
			if (typeof page.Next !== 'string') throw transport.invalidReply(call, 'Response.Next is not text', reply);
			if (!page.MemberList.every((member) => accountOf(member) !== undefined)) {
				throw transport.invalidReply(call, 'Response.MemberList holds an entry without a text Member_Account', reply);
			}
			return { items: page.MemberList as IDataObject[], next: page.Next };
		},
	});
	return members.map((member) => ({ RoomId: roomId, ...member }));
}

function accountOf(member: unknown): string | undefined {
	const account = member && typeof member === 'object' ? (member as { Member_Account?: unknown }).Member_Account : undefined;
	return typeof account === 'string' ? account : undefined;
}
