import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { paginate } from '../../../shared/paginate';
import { requireGroupId, requireWholeNumber } from '../../../shared/validation';
import { returnAllFields } from '../common.fields';
import { groupOrderKey, type PreparedItem } from '../operation';
import { readListingLimit } from './listing';
import { pageGuard } from './pageGuard';

const shown = { resource: 'member', operation: 'getManyOnline' };
const displayOptions = { show: { resource: ['member'], operation: ['getManyOnline'] } };

export const description: INodeProperties[] = [
	{
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '@TGS#a6I4ZUUGO',
		description: 'The ID of an audio-video group (AVChatRoom) or a Community group',
		displayOptions,
	},
	...returnAllFields(shown),
	{
		displayName: 'Member Mark',
		name: 'mark',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description: 'Only members with this mark (for example 1000). 0 lists every online member.',
		displayOptions,
	},
	{
		displayName:
			'Tencent returns the 1000 most recent online members, refreshed every 40 seconds. Without the Pro, Pro Plus or Enterprise edition (and the online member list enabled in the console) it returns only the 30 latest.',
		name: 'onlineMemberNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
];

interface OnlineMember {
	Member_Account?: string;
	JoinTime?: number;
	NickName?: string;
	Avatar?: string;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const groupId = requireGroupId(this.getNodeParameter('groupId', itemIndex));
	const limit = readListingLimit(this, itemIndex);
	const mark = requireWholeNumber(this.getNodeParameter('mark', itemIndex, 0), 'Member Mark', 0, 0xffffffff, '0 = no filter');
	return {
		orderKey: groupOrderKey(groupId),
		run: async (transport) => {
			const call = { itemIndex, action: `list the online members of group "${groupId}"` };

			const members = await pageGuard(transport, call, () =>
				paginate<OnlineMember, number>({
					firstCursor: 0,
					isDone: (next) => next === 0,
					limit,
					fetchPage: async (timestamp) => {
						const body: IDataObject = { GroupId: groupId, Timestamp: timestamp };
						if (mark !== 0) body.Mark = mark;
						// AVChatRoom commands answer at the top level, not under Response.
						const reply = await transport.call('group_open_avchatroom_http_svc/get_members', body, call);
						if (!Array.isArray(reply.MemberList)) throw transport.invalidReply(call, 'MemberList is not a list', reply);
						if (!reply.MemberList.every(hasAccount)) {
							throw transport.invalidReply(call, 'MemberList holds an entry without a text Member_Account', reply);
						}
						const next = reply.NextTimestamp ?? 0;
						if (typeof next !== 'number' || !Number.isInteger(next) || next < 0) {
							throw transport.invalidReply(call, 'NextTimestamp is not a whole number', reply);
						}
						return { items: reply.MemberList as OnlineMember[], next };
					},
				}),
			);
			return members.map((member) => {
				const json: IDataObject = {
					GroupId: groupId,
					Member_Account: String(member.Member_Account ?? ''),
					JoinTime: member.JoinTime ?? null,
				};
				if (member.NickName !== undefined) json.NickName = member.NickName;
				if (member.Avatar !== undefined) json.Avatar = member.Avatar;
				return json;
			});
		},
	};
}

function hasAccount(member: unknown): boolean {
	return !!member && typeof member === 'object' && typeof (member as { Member_Account?: unknown }).Member_Account === 'string';
}
