import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireSeatIndex } from '../../../shared/validation';
import { readRoomId, roomIdFields, seatIndexField } from '../fields';
import { roomOrderKey, seatOrderKey, type PreparedItem } from '../operation';
import { setSeatLocks } from '../seatLocks';

export const properties: INodeProperties[] = [
	...roomIdFields(),
	seatIndexField('Which seat to unlock. Seats are numbered from 0. Clears all three locks (seat, video, audio).'),
];

export const option = { name: 'Unlock', value: 'unlock', action: 'Unlock a seat', description: 'Clear every lock of a seat so users can take it again' };


const NO_LOCKS = { forbidTaken: false, forbidVideo: false, forbidAudio: false };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	return {
		orderKey: roomOrderKey(roomId),
		sameOperationKey: seatOrderKey(roomId, index),
		run: async (transport) => [await setSeatLocks(transport, itemIndex, { roomId, index }, NO_LOCKS)],
	};
}
