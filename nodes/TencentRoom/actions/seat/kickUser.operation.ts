import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireAccount, requireText } from '../../../shared/validation';
import { memberAccountField, readRoomId, roomIdFields } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

export const option = { name: 'Take User Off Seat', value: 'kickUser', action: 'Take a user off their seat', description: 'Take a seated user off their seat; they stay in the room' };

export const properties: INodeProperties[] = [
	...roomIdFields(),
	memberAccountField('The UserID to take off their seat'),
	{
		displayName: 'Data',
		name: 'data',
		type: 'string',
		default: '',
		description: "Text of your own sent along with Tencent's notice to the room's apps (Data), for example a reason",
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const account = requireAccount(this.getNodeParameter('memberAccount', itemIndex));
	const data = requireText(this.getNodeParameter('data', itemIndex, ''), 'Data', 1000, { allowEmpty: true });
	const call = { itemIndex, action: `take "${account}" off their seat in room "${roomId}"` };
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply, reconciled } = await transport.call('room_engine_http_mic/kick_user_off_seat', { RoomId: roomId, Member_Account: account, Data: data }, call);
			const output: IDataObject = { RoomId: roomId, Member_Account: account, RequestId: reply.RequestId ?? null };
			if (reconciled) output.Reconciled = true;
			return [output];
		},
	};
}
