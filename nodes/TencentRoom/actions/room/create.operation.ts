import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidParameterError, requireRoomId } from '../../../shared/validation';
import { readRoomType, ROOM_SERVICES, roomIdField, roomTypeField } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { MIN_SCHEDULE_SECONDS, readRoomFields, roomFieldsCollection, TENCENT_ROOM_TYPES } from '../roomInfo';

export const properties: INodeProperties[] = [
	roomTypeField,
	roomIdField('The new room\'s ID, at most 48 bytes. Tencent advises a prefix that tells room kinds apart, such as "live_" or "meeting_".'),
	roomFieldsCollection('create'),
];

export const option = { name: 'Create', value: 'create', action: 'Create a room', description: 'Create a live room, or schedule a conference room' };


/** A meeting shorter than Tencent allows is refused before sending. */
function checkSchedule(fields: IDataObject, nowSeconds: number): void {
	const start = typeof fields.ScheduleStartTime === 'number' ? fields.ScheduleStartTime : nowSeconds;
	if (typeof fields.ScheduleEndTime !== 'number') return;
	if (fields.ScheduleEndTime - start < MIN_SCHEDULE_SECONDS) {
		throw new InvalidParameterError(
			'Schedule End',
			`Schedule End must be at least 5 minutes after ${typeof fields.ScheduleStartTime === 'number' ? 'Schedule Start' : 'now (Schedule Start is empty)'}; it is ${fields.ScheduleEndTime - start} seconds after.`,
		);
	}
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomType = readRoomType(this, itemIndex);
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const fields = readRoomFields(this, itemIndex, 'create', roomType);
	checkSchedule(fields, Math.floor(Date.now() / 1000));
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			// The owner is always named (Tencent's default is the caller), so a create whose answer was
			// unclear can be settled by reading who owns the room.
			const roomInfo: IDataObject = {
				RoomId: roomId,
				RoomType: TENCENT_ROOM_TYPES[roomType],
				...fields,
				Owner_Account: fields.Owner_Account ?? transport.settings.identifier,
			};
			const { reply, reconciled } = await transport.call(
				`${ROOM_SERVICES[roomType]}/create_room`,
				{ RoomInfo: roomInfo },
				{ itemIndex, action: `create ${roomType} room "${roomId}"` },
			);
			const output: IDataObject = { ...roomInfo, RequestId: reply.RequestId ?? null };
			if (reconciled) output.Reconciled = true;
			return [output];
		},
	};
}
