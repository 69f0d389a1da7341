import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readRoomTarget, roomTargetFields } from '../fields';
import { readKeys, roomOrderKey, type PreparedItem } from '../operation';
import { TENCENT_ROOM_TYPES } from '../roomInfo';

export const properties: INodeProperties[] = [...roomTargetFields];

export const option = { name: 'Get', value: 'get', action: 'Get a room', description: "Read a room's settings: owner, name, seats, limits and more" };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId, service } = readRoomTarget(this, itemIndex);
	const call = { itemIndex, action: `get ${roomType} room "${roomId}"` };
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport) => {
			const { reply } = await transport.call(`${service}/get_room_info`, { RoomId: roomId }, call);
			const roomInfo: unknown = reply.Response?.RoomInfo;
			if (!roomInfo || typeof roomInfo !== 'object' || Array.isArray(roomInfo)) {
				throw transport.invalidReply(call, 'Response.RoomInfo is not an object', reply);
			}
			// Tencent's fields as it sent them, after the two every room output starts with.
			return [{ RoomId: roomId, RoomType: TENCENT_ROOM_TYPES[roomType], ...roomInfo, RequestId: reply.RequestId ?? null }];
		},
	};
}
