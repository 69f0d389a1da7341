import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireRoomId } from '../../../shared/validation';
import type { TencentTransport } from '../../transport';
import { roomIdField } from '../common.fields';

export const description: INodeProperties[] = [roomIdField({ resource: 'seat', operation: 'getMany' })];

interface TencentSeat {
	Index: number;
	Member_Account?: string;
	IsTakenDisabled?: boolean;
	IsVideoDisabled?: boolean;
	IsAudioDisabled?: boolean;
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TencentTransport,
): Promise<IDataObject[]> {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const call = { itemIndex, action: `get the seats of room "${roomId}"` };
	const reply = await transport.call('room_engine_http_mic/get_seat_list', { RoomId: roomId }, call);

	const seatList = reply.Response?.SeatList;
	if (!Array.isArray(seatList)) throw transport.invalidReply(call, 'Response.SeatList is not a list', reply);
	return (seatList as TencentSeat[]).map((seat) => ({
		RoomId: roomId,
		Index: seat.Index,
		// Tencent leaves Member_Account out for an empty seat; "" keeps every item the same shape.
		Member_Account: seat.Member_Account ?? '',
		IsTakenDisabled: seat.IsTakenDisabled === true,
		IsVideoDisabled: seat.IsVideoDisabled === true,
		IsAudioDisabled: seat.IsAudioDisabled === true,
	}));
}
