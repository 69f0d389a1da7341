import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { MAX_SEAT_INDEX } from '../../../shared/validation';
import { readRoomId, roomIdFields } from '../fields';
import { readKeys, roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [...roomIdFields()];

export const option = { name: 'Get Many', value: 'getMany', action: 'Get the seat list of a room', description: 'List every seat of a room: who sits there and which locks are on' };


interface TencentSeat {
	Index: number;
	Member_Account?: string | null;
	IsTakenDisabled?: boolean;
	IsVideoDisabled?: boolean;
	IsAudioDisabled?: boolean;
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	return {
		...readKeys(roomOrderKey(roomId), itemIndex),
		run: async (transport) => {
			const call = { itemIndex, action: `get the seats of room "${roomId}"` };
			const { reply } = await transport.call('room_engine_http_mic/get_seat_list', { RoomId: roomId }, call);

			const seatList = reply.Response?.SeatList;
			if (!Array.isArray(seatList)) throw transport.invalidReply(call, 'Response.SeatList is not a list', reply);
			// A room has a few dozen seats: a list beyond the highest seat index is not Tencent's.
			if (seatList.length > MAX_SEAT_INDEX + 1) {
				throw transport.invalidReply(call, `Response.SeatList has ${seatList.length} seats`, reply);
			}
			if (!seatList.every(isTencentSeat)) {
				throw transport.invalidReply(call, 'Response.SeatList holds a seat without a whole-number Index or text Member_Account', reply);
			}
			return seatList.map((seat) => ({
				RoomId: roomId,
				Index: seat.Index,
				// Tencent leaves Member_Account out for an empty seat; "" keeps every item the same shape.
				Member_Account: seat.Member_Account ?? '',
				IsTakenDisabled: seat.IsTakenDisabled === true,
				IsVideoDisabled: seat.IsVideoDisabled === true,
				IsAudioDisabled: seat.IsAudioDisabled === true,
			}));
		},
	};
}

function isTencentSeat(value: unknown): value is TencentSeat {
	if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
	const { Index, Member_Account } = value as Record<string, unknown>;
	return (
		typeof Index === 'number' &&
		Number.isInteger(Index) &&
		Index >= 0 &&
		(Member_Account === undefined || Member_Account === null || typeof Member_Account === 'string')
	);
}
