import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRoomTarget, roomTargetFields } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { TENCENT_ROOM_TYPES } from '../roomInfo';

export const properties: INodeProperties[] = [...roomTargetFields];

export const option = { name: 'Delete', value: 'delete', action: 'Delete a room', description: 'Dismiss a room: everyone leaves it and its ID is free again' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId, service } = readRoomTarget(this, itemIndex);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply, reconciled } = await transport.call(
				`${service}/destroy_room`,
				{ RoomId: roomId },
				{ itemIndex, action: `delete ${roomType} room "${roomId}"` },
			);
			const output: IDataObject = { RoomId: roomId, RoomType: TENCENT_ROOM_TYPES[roomType], Deleted: true, RequestId: reply.RequestId ?? null };
			if (reconciled) output.Reconciled = true;
			return [output];
		},
	};
}
