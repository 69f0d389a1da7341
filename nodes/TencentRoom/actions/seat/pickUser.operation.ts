import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireAccount, requireSeatIndex } from '../../../shared/validation';
import { memberAccountField, readRoomId, roomIdFields, seatIndexField } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [
	...roomIdFields(),
	memberAccountField('The UserID to put on the seat. They must be in the room and not on a seat yet.'),
	seatIndexField('The seat to put them on, numbered from 0. It must be free and unlocked.'),
];

export const option = { name: 'Put User on Seat', value: 'pickUser', action: 'Put a user on a seat', description: 'Seat a member of the room on a free, unlocked seat' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const account = requireAccount(this.getNodeParameter('memberAccount', itemIndex));
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply, reconciled } = await transport.call(
				'room_engine_http_mic/pick_user_on_seat',
				{ RoomId: roomId, Index: index, Member_Account: account },
				{ itemIndex, action: `put "${account}" on seat ${index} of room "${roomId}"` },
			);
			const output: IDataObject = { RoomId: roomId, Index: index, Member_Account: account, RequestId: reply.RequestId ?? null };
			if (reconciled) output.Reconciled = true;
			return [output];
		},
	};
}
