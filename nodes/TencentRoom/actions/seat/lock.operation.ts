import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireBoolean, requireRoomId, requireSeatIndex } from '../../../shared/validation';
import { roomIdField, seatIndexField } from '../common.fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import type { TencentTransport } from '../../transport';

const shown = { resource: 'seat', operation: 'lock' };
const displayOptions = { show: { resource: ['seat'], operation: ['lock'] } };

export const description: INodeProperties[] = [
	roomIdField(shown),
	seatIndexField(shown, 'Which seat to lock. Seats are numbered from 0.'),
	{
		displayName: 'Forbid Taking the Seat',
		name: 'forbidTaken',
		type: 'boolean',
		default: true,
		description:
			'Whether nobody may take the seat. Whoever sits there now is removed from the seat first (they stay in the room).',
		displayOptions,
	},
	{
		displayName: 'Forbid Video',
		name: 'forbidVideo',
		type: 'boolean',
		default: false,
		description: 'Whether video from this seat is disabled',
		displayOptions,
	},
	{
		displayName: 'Forbid Audio',
		name: 'forbidAudio',
		type: 'boolean',
		default: false,
		description: 'Whether audio from this seat is disabled (mutes whoever sits there)',
		displayOptions,
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	const forbidTaken = requireBoolean(this.getNodeParameter('forbidTaken', itemIndex, true), 'Forbid Taking the Seat');
	const forbidVideo = requireBoolean(this.getNodeParameter('forbidVideo', itemIndex, false), 'Forbid Video');
	const forbidAudio = requireBoolean(this.getNodeParameter('forbidAudio', itemIndex, false), 'Forbid Audio');
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => [await lockSeat(transport, itemIndex, roomId, index, { forbidTaken, forbidVideo, forbidAudio })],
	};
}

export interface SeatLocks {
	forbidTaken: boolean;
	forbidVideo: boolean;
	forbidAudio: boolean;
}

/** lock_seat sets all three flags at once; unlocking is the same call with all three false. */
export async function lockSeat(
	transport: TencentTransport,
	itemIndex: number,
	roomId: string,
	index: number,
	locks: SeatLocks,
): Promise<IDataObject> {
	const anyLock = locks.forbidTaken || locks.forbidVideo || locks.forbidAudio;
	const reply = await transport.call(
		'room_engine_http_mic/lock_seat',
		{
			RoomId: roomId,
			Index: index,
			ForbidTaken: locks.forbidTaken,
			ForbidVideo: locks.forbidVideo,
			ForbidAudio: locks.forbidAudio,
		},
		{ itemIndex, action: `${anyLock ? 'lock' : 'unlock'} seat ${index} of room "${roomId}"` },
	);
	return {
		RoomId: roomId,
		Index: index,
		ForbidTaken: locks.forbidTaken,
		ForbidVideo: locks.forbidVideo,
		ForbidAudio: locks.forbidAudio,
		RequestId: reply.RequestId ?? null,
	};
}
