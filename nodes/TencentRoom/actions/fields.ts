import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from './operation';

/** Fields several operations share; each operation places them with updateDisplayOptions. */

export function roomIdField(description = 'The RoomId the room was created with (at most 48 bytes)'): INodeProperties {
	return {
		displayName: 'Room ID',
		name: 'roomId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'room-test',
		description,
	};
}

export function seatIndexField(description: string): INodeProperties {
	return {
		displayName: 'Seat Index',
		name: 'seatIndex',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 0, numberPrecision: 0 },
		description,
	};
}

export function memberAccountField(description: string): INodeProperties {
	return {
		displayName: 'Member Account',
		name: 'memberAccount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'user42',
		description,
	};
}

/** A notice shown above an operation's fields. */
export function noticeField(name: string, text: string): INodeProperties {
	return { displayName: text, name, type: 'notice', default: '' };
}

/** Tencent lists at most 1000 members, whatever the room's size. */
export const MAX_LISTED_MEMBERS = 1000;

export const returnAllFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		default: 50,
		typeOptions: { minValue: 1, maxValue: MAX_LISTED_MEMBERS },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

/** A resource's Operation list (alphabetical, as n8n lists options) followed by every operation's fields. */
export function resourceDescription(resource: string, operations: Record<string, OperationModule>, defaultOperation: string): INodeProperties[] {
	const modules = Object.values(operations);
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: modules.map((operation) => operation.option).sort((a, b) => a.name.localeCompare(b.name)),
			default: defaultOperation,
		},
		...modules.flatMap((operation) => operation.description),
	];
}
