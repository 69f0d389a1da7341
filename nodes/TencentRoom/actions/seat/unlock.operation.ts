import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { requireRoomId, requireSeatIndex } from '../../../shared/validation';
import { roomIdField, seatIndexField } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { setSeatLocks } from '../seatLocks';

const properties: INodeProperties[] = [
	roomIdField(),
	seatIndexField('Which seat to unlock. Seats are numbered from 0. Clears all three locks (seat, video, audio).'),
];

export const option = { name: 'Unlock', value: 'unlock', action: 'Unlock a seat', description: 'Clear every lock of a seat so users can take it again' };

export const description = updateDisplayOptions({ show: { resource: ['seat'], operation: ['unlock'] } }, properties);

const NO_LOCKS = { forbidTaken: false, forbidVideo: false, forbidAudio: false };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => [await setSeatLocks(transport, itemIndex, { roomId, index }, NO_LOCKS)],
	};
}
