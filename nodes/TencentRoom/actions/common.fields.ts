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

/** Tencent lists at most 1000 members, whatever the room's size. */
export const MAX_LISTED_MEMBERS = 1000;

export function returnAllFields(shown: Shown): INodeProperties[] {
	const displayOptions = { show: { resource: [shown.resource], operation: [shown.operation] } };
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
			displayOptions,
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			default: 50,
			typeOptions: { minValue: 1, maxValue: MAX_LISTED_MEMBERS },
			description: 'Max number of results to return',
			displayOptions: { show: { ...displayOptions.show, returnAll: [false] } },
		},
	];
}
