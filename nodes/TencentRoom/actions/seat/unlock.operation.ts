import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireRoomId, requireSeatIndex } from '../../../shared/validation';
import type { TencentTransport } from '../../transport';
import { roomIdField, seatIndexField } from '../common.fields';
import { lockSeat } from './lock.operation';

const shown = { resource: 'seat', operation: 'unlock' };

export const description: INodeProperties[] = [
	roomIdField(shown),
	seatIndexField(shown, 'Which seat to unlock. Seats are numbered from 0. Clears all three locks (seat, video, audio).'),
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TencentTransport,
): Promise<IDataObject[]> {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const index = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	return [await lockSeat(transport, itemIndex, roomId, index, { forbidTaken: false, forbidVideo: false, forbidAudio: false })];
}
