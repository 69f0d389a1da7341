import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireAccount } from '../../../shared/validation';
import { memberAccountField, readRoomTarget, roomTargetFields } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [
	...roomTargetFields,
	{ ...memberAccountField('The UserID that becomes the owner. In a conference room they must be a member.'), displayName: 'New Owner Account', name: 'newOwnerAccount' },
	{
		...memberAccountField("The room's current owner. Leave empty to have the node read it from the room first."),
		displayName: 'Current Owner Account',
		name: 'fromAccount',
		required: false,
		displayOptions: { show: { roomType: ['conference'] } },
	},
];

export const option = { name: 'Change Owner', value: 'changeOwner', action: 'Change the owner of a room', description: 'Hand a room over to another user' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId, service } = readRoomTarget(this, itemIndex);
	const newOwner = requireAccount(this.getNodeParameter('newOwnerAccount', itemIndex), 'New Owner Account');
	const fromText = roomType === 'conference' ? this.getNodeParameter('fromAccount', itemIndex, '') : '';
	const fromAccount = fromText === '' ? undefined : requireAccount(fromText, 'Current Owner Account');
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const call = { itemIndex, action: `make "${newOwner}" the owner of ${roomType} room "${roomId}"` };
			const body: IDataObject = { RoomId: roomId, NewOwner_Account: newOwner };
			if (roomType === 'conference') {
				// Tencent's conference command names the current owner too.
				body.From_Account = fromAccount ?? (await currentOwner());
			}
			const { reply, reconciled } = await transport.call(`${service}/change_room_owner`, body, call);
			const output: IDataObject = { RoomId: roomId, NewOwner_Account: newOwner, RequestId: reply.RequestId ?? null };
			if (reconciled) output.Reconciled = true;
			return [output];

			async function currentOwner(): Promise<string> {
				const read = { itemIndex, action: `read the owner of conference room "${roomId}"` };
				const { reply: info } = await transport.call(`${service}/get_room_info`, { RoomId: roomId }, read);
				const owner = (info.Response?.RoomInfo as IDataObject | undefined)?.Owner_Account;
				if (typeof owner !== 'string') throw transport.invalidReply(read, 'Response.RoomInfo.Owner_Account is not text', info);
				return owner;
			}
		},
	};
}
