import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireBoolean, requireSeatIndex } from '../../../shared/validation';
import { readRoomId, roomIdFields, seatIndexField } from '../fields';
import { roomOrderKey, seatOrderKey, type PreparedItem } from '../operation';
import { setSeatLocks } from '../seatLocks';

export const properties: INodeProperties[] = [
	...roomIdFields(),
	seatIndexField('Which seat to lock. Seats are numbered from 0.'),
	{
		displayName: 'Forbid Taking the Seat',
		name: 'forbidTaken',
		type: 'boolean',
		default: true,
		description:
			'Whether nobody may take the seat. Whoever sits there now is removed from the seat first (they stay in the room).',
	},
	{
		displayName: 'Forbid Video',
		name: 'forbidVideo',
		type: 'boolean',
		default: false,
		description: 'Whether video from this seat is disabled',
	},
	{
		displayName: 'Forbid Audio',
		name: 'forbidAudio',
		type: 'boolean',
		default: false,
		description: 'Whether audio from this seat is disabled (mutes whoever sits there)',
	},
];

export const option = { name: 'Lock', value: 'lock', action: 'Lock a seat', description: 'Lock a seat so nobody can take it, or disable its video or audio' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	const locks = {
		forbidTaken: requireBoolean(this.getNodeParameter('forbidTaken', itemIndex, true), 'Forbid Taking the Seat'),
		forbidVideo: requireBoolean(this.getNodeParameter('forbidVideo', itemIndex, false), 'Forbid Video'),
		forbidAudio: requireBoolean(this.getNodeParameter('forbidAudio', itemIndex, false), 'Forbid Audio'),
	};
	return {
		orderKey: roomOrderKey(roomId),
		sameOperationKey: seatOrderKey(roomId, index),
		run: async (transport) => [await setSeatLocks(transport, itemIndex, { roomId, index }, locks)],
	};
}
