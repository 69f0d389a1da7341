import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { keysField, liveRoomIdFields, readMetadataKeys, readRoomId } from '../fields';
import { readKeys, roomOrderKey, type PreparedItem } from '../operation';

export const option = { name: 'Get', value: 'get', action: 'Get metadata of a live room', description: 'Read the key/value pairs stored with a live room' };

export const properties: INodeProperties[] = [
	...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'),
	keysField('The keys to read, comma-separated or a list from an expression. Empty reads every key.', false),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const keys = readMetadataKeys(this, itemIndex, false);
	const call = { itemIndex, action: `get metadata of live room "${roomId}"` };
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport) => {
			const { reply } = await transport.call('live_engine_http_srv/get_room_metadata', { RoomId: roomId, Keys: keys }, call);
			const list: unknown = reply.Response?.Metadata ?? [];
			if (!Array.isArray(list) || !list.every(isPair)) {
				throw transport.invalidReply(call, 'Response.Metadata is not a list of text Key and Value', reply);
			}
			const metadata: IDataObject = {};
			for (const pair of list) metadata[pair.Key] = pair.Value;
			return [{ RoomId: roomId, Metadata: metadata, RequestId: reply.RequestId ?? null }];
		},
	};
}

function isPair(entry: unknown): entry is { Key: string; Value: string } {
	const pair = entry as { Key?: unknown; Value?: unknown } | null;
	return !!pair && typeof pair === 'object' && typeof pair.Key === 'string' && typeof pair.Value === 'string';
}
