import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidParameterError } from '../../../shared/validation';
import { readRoomTarget, roomTargetFields } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { readRoomFields, roomFieldsCollection, TENCENT_ROOM_TYPES } from '../roomInfo';

export const properties: INodeProperties[] = [...roomTargetFields, roomFieldsCollection('update')];

export const option = { name: 'Update', value: 'update', action: 'Update a room', description: "Change a room's name, limits, chat ban, cover, categories and more" };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId, service } = readRoomTarget(this, itemIndex);
	const fields = readRoomFields(this, itemIndex, 'update', roomType);
	if (Object.keys(fields).length === 0) {
		throw new InvalidParameterError('Update Fields', 'Update Fields is empty: add at least one field to change.');
	}
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const roomInfo: IDataObject = { RoomId: roomId, ...fields };
			const { reply } = await transport.call(
				`${service}/update_room_info`,
				{ RoomInfo: roomInfo },
				{ itemIndex, action: `update ${roomType} room "${roomId}"` },
			);
			return [{ RoomId: roomId, RoomType: TENCENT_ROOM_TYPES[roomType], ...fields, RequestId: reply.RequestId ?? null }];
		},
	};
}
