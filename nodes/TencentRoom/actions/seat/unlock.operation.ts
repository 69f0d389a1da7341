import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireRoomId, requireSeatIndex } from '../../../shared/validation';
import { roomIdField, seatIndexField } from '../common.fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { lockSeat } from './lock.operation';

const shown = { resource: 'seat', operation: 'unlock' };

export const description: INodeProperties[] = [
	roomIdField(shown),
	seatIndexField(shown, 'Which seat to unlock. Seats are numbered from 0. Clears all three locks (seat, video, audio).'),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => [
			await lockSeat(transport, itemIndex, roomId, index, { forbidTaken: false, forbidVideo: false, forbidAudio: false }),
		],
	};
}
