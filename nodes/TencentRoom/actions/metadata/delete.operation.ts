import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { keysField, liveRoomIdFields, readMetadataKeys, readRoomId } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [
	...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'),
	keysField('The keys to delete, comma-separated or a list from an expression', true),
];

export const option = { name: 'Delete', value: 'delete', action: 'Delete metadata of a live room', description: 'Remove keys stored with a live room' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const keys = readMetadataKeys(this, itemIndex, true);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply } = await transport.call(
				'live_engine_http_srv/del_room_metadata',
				{ RoomId: roomId, Keys: keys },
				{ itemIndex, action: `delete metadata of live room "${roomId}"` },
			);
			return [{ RoomId: roomId, Keys: keys, RequestId: reply.RequestId ?? null }];
		},
	};
}
