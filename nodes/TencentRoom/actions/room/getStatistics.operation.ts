import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { liveRoomIdFields, readRoomId } from '../fields';
import { readKeys, roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [...liveRoomIdFields('The RoomId of a live room (TUILiveKit)')];

export const option = { name: 'Get Statistics', value: 'getStatistics', action: 'Get the statistics of a live room', description: 'Viewers, gifts, likes and messages of a live room so far' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport) => {
			const call = { itemIndex, action: `get the statistics of live room "${roomId}"` };
			const { reply } = await transport.call('live_engine_http_srv/get_room_stats', { RoomId: roomId }, call);
			const stats: unknown = reply.Response;
			if (!stats || typeof stats !== 'object' || Array.isArray(stats)) throw transport.invalidReply(call, 'Response is not an object', reply);
			return [{ RoomId: roomId, ...stats, RequestId: reply.RequestId ?? null }];
		},
	};
}
