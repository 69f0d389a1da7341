import type { INodeProperties } from 'n8n-workflow';

/** Fields several operations share, each shown only for the operation that asks for it. */

interface Shown {
	resource: string;
	operation: string;
}

export function roomIdField(shown: Shown): INodeProperties {
	return {
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'room-test',
		description: 'The RoomId the room was created with (at most 48 bytes)',
		displayOptions: { show: { resource: [shown.resource], operation: [shown.operation] } },
	};
}

export function seatIndexField(shown: Shown, description: string): INodeProperties {
	return {
		displayName: 'Seat Index',
		name: 'seatIndex',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description,
		displayOptions: { show: { resource: [shown.resource], operation: [shown.operation] } },
	};
}
