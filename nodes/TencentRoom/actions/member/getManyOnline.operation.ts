import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireWholeNumber } from '../../../shared/validation';
import { groupIdFields, noticeField, readGroupId, returnAllFields } from '../fields';
import { hintWhenCapped, listPages, readListingLimit } from '../listing';
import { groupOrderKey, readKeys, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [
	...groupIdFields('The ID of an audio-video group (AVChatRoom) or a Community group'),
	...returnAllFields(),
	{
		displayName: 'Member Mark',
		name: 'mark',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'Only members with this mark (for example 1000). 0 lists every online member.',
	},
	noticeField('onlineMemberNotice', 'Tencent returns the 1000 most recent online members, refreshed every 40 seconds. Without the Pro, Pro Plus or Enterprise edition (and the online member list enabled in the console) it returns only the 30 latest.'),
];

export const option = { name: 'Get Many Online', value: 'getManyOnline', action: 'Get the online members of an audio video group', description: 'List the online members of an audio-video group (AVChatRoom) or Community group' };


/** What Tencent lists below the Pro edition, or with the online member list turned off. */
const BASIC_EDITION_LIST_SIZE = 30;

interface OnlineMember {
	Member_Account: string;
	JoinTime?: unknown;
	NickName?: unknown;
	Avatar?: unknown;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const groupId = readGroupId(this, itemIndex);
	const limit = readListingLimit(this, itemIndex);
	const mark = requireWholeNumber(this.getNodeParameter('mark', itemIndex, 0), 'Member Mark', 0, 0xffffffff, '0 = no filter');
	return {
		...readKeys(groupOrderKey(groupId), itemIndex),
		run: async (transport, hints) => {
			const call = { itemIndex, action: `list the online members of group "${groupId}"` };

			const members = await listPages<OnlineMember, number>(transport, call, {
				firstCursor: 0,
				isDone: (next) => next === 0,
				limit,
				fetchPage: async (timestamp) => {
					const body: IDataObject = { GroupId: groupId, Timestamp: timestamp };
					if (mark !== 0) body.Mark = mark;
					// AVChatRoom commands answer at the top level, not under Response.
					const { reply } = await transport.call('group_open_avchatroom_http_svc/get_members', body, call);
					const memberList: unknown = reply.MemberList;
					if (!Array.isArray(memberList)) throw transport.invalidReply(call, 'MemberList is not a list', reply);
					if (!memberList.every(isOnlineMember)) {
						throw transport.invalidReply(call, 'MemberList holds an entry without a text Member_Account', reply);
					}
					const next = reply.NextTimestamp ?? 0;
					if (typeof next !== 'number' || !Number.isInteger(next) || next < 0) {
						throw transport.invalidReply(call, 'NextTimestamp is not a whole number', reply);
					}
					return { items: memberList, next };
				},
			});
			if (members.length === BASIC_EDITION_LIST_SIZE && (limit === undefined || limit > BASIC_EDITION_LIST_SIZE)) {
				hints.add(
					`Tencent listed exactly ${BASIC_EDITION_LIST_SIZE} online members: below the Pro edition, or with "online member list" off in the Chat console, Tencent lists only the ${BASIC_EDITION_LIST_SIZE} latest. The group may have more.`,
				);
			}
			hintWhenCapped(hints, members.length, limit, 'online members of a group');
			return members.map((member) => {
				const json: IDataObject = { GroupId: groupId, Member_Account: member.Member_Account, JoinTime: member.JoinTime ?? null };
				if (member.NickName !== undefined) json.NickName = member.NickName as IDataObject[string];
				if (member.Avatar !== undefined) json.Avatar = member.Avatar as IDataObject[string];
				return json;
			});
		},
	};
}

function isOnlineMember(member: unknown): member is OnlineMember {
	return !!member && typeof member === 'object' && typeof (member as { Member_Account?: unknown }).Member_Account === 'string';
}
