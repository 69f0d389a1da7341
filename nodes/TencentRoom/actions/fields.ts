import type { IExecuteFunctions, INodeProperties, INodePropertyMode } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { InvalidParameterError, MAX_ROOM_ID_BYTES, METADATA_LIMITS, requireGroupId, requireOneOf, requireRoomId, requireTextList } from '../../shared/validation';
import type { OperationModule } from './operation';

/** Fields several operations share; each operation places them with updateDisplayOptions. */

/** Version 1 saved IDs as plain text; from 1.1 they are resource locators ("From List" or "By ID"). */
const PLAIN_TEXT_VERSION = { '@version': [1] };
const LOCATOR_VERSIONS = { '@version': [{ _cnd: { gte: 1.1 } }] };

const ROOM_ID_DESCRIPTION = 'The RoomId the room was created with (at most 48 bytes)';

/** "By ID": anything non-blank up to the length Tencent allows. */
function idValidation(what: string, maxLength: number): INodePropertyMode['validation'] {
	return [{ type: 'regex', properties: { regex: `^\\S.{0,${maxLength - 1}}$`, errorMessage: `Enter ${what} of 1 to ${maxLength} characters` } }];
}

/** A Room ID locator: live rooms "From List", any room "By ID". */
function listedRoomLocator(description: string, show: Record<string, unknown>): INodeProperties {
	return {
		displayName: 'Room ID',
		name: 'roomId',
		type: 'resourceLocator',
		required: true,
		default: { mode: 'list', value: '' },
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a live room…',
				typeOptions: { searchListMethod: 'searchLiveRooms', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'room-test', validation: idValidation('a Room ID', MAX_ROOM_ID_BYTES) },
		],
		displayOptions: { show: { ...LOCATOR_VERSIONS, ...show } },
	};
}

/** A Room ID locator for conference rooms, which Tencent does not list: "By ID" only. */
function conferenceRoomLocator(description: string, show: Record<string, unknown> = { roomType: ['conference'] }): INodeProperties {
	const listed = listedRoomLocator(description, show);
	return { ...listed, default: { mode: 'id', value: '' }, modes: listed.modes?.filter((mode) => mode.name === 'id') };
}

/**
 * Room ID for operations on any room: "From List" lists live rooms (Tencent has no list of
 * conference rooms); "By ID" takes either kind.
 */
export function roomIdFields(description = ROOM_ID_DESCRIPTION): INodeProperties[] {
	return [
		{ ...roomIdField(description), displayOptions: { show: PLAIN_TEXT_VERSION } },
		listedRoomLocator(`${description}. From List shows live rooms; enter a conference room By ID.`, {}),
	];
}

/** Room ID for operations on live rooms only. */
export function liveRoomIdFields(description: string): INodeProperties[] {
	return [
		{ ...roomIdField(description), displayOptions: { show: PLAIN_TEXT_VERSION } },
		listedRoomLocator(description, {}),
	];
}

/** Room ID for operations on conference rooms only (Tencent has no list of them). */
export function conferenceRoomIdFields(description: string): INodeProperties[] {
	return [
		{ ...roomIdField(description), displayOptions: { show: PLAIN_TEXT_VERSION } },
		conferenceRoomLocator(description, {}),
	];
}

/** Room ID for operations with a Room Type: live rooms from the list or by ID, conference rooms by ID. */
export function roomIdFieldsByType(description = ROOM_ID_DESCRIPTION): INodeProperties[] {
	return [
		{ ...roomIdField(description), displayOptions: { show: PLAIN_TEXT_VERSION } },
		listedRoomLocator(description, { roomType: ['live'] }),
		conferenceRoomLocator(`${description}. Tencent has no list of conference rooms: enter its ID.`),
	];
}

export function groupIdFields(description: string): INodeProperties[] {
	const plain: INodeProperties = {
		displayName: 'Group ID',
		name: 'groupId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '@TGS#a6I4ZUUGO',
		description,
		displayOptions: { show: PLAIN_TEXT_VERSION },
	};
	const locator: INodeProperties = {
		...plain,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select an audio-video group…',
				typeOptions: { searchListMethod: 'searchAudioVideoGroups', searchable: true },
			},
			{ displayName: 'By ID', name: 'id', type: 'string', placeholder: '@TGS#a6I4ZUUGO', validation: idValidation('a Group ID', 48) },
		],
		displayOptions: { show: LOCATOR_VERSIONS },
	};
	delete locator.placeholder;
	return [plain, locator];
}

/** The Room ID of an item, whichever way it was given (text, list pick, or ID). */
export function readRoomId(context: IExecuteFunctions, itemIndex: number): string {
	return requireRoomId(context.getNodeParameter('roomId', itemIndex, '', { extractValue: true }));
}

export function readGroupId(context: IExecuteFunctions, itemIndex: number): string {
	return requireGroupId(context.getNodeParameter('groupId', itemIndex, '', { extractValue: true }));
}

/** Option values users' workflows save, and the Room Engine service behind each. */
export const ROOM_SERVICES = { live: 'live_engine_http_srv', conference: 'room_engine_http_srv' } as const;
export type RoomType = keyof typeof ROOM_SERVICES;

export const roomTypeField: INodeProperties = {
	displayName: 'Room Type',
	name: 'roomType',
	type: 'options',
	default: 'live',
	noDataExpression: true,
	options: [
		{ name: 'Conference Room (TUIRoomKit)', value: 'conference' },
		{ name: 'Live Room (TUILiveKit)', value: 'live' },
	],
	description: 'Live rooms are TUILiveKit live and voice chat rooms (live_engine_http_srv); conference rooms are TUIRoomKit meetings (room_engine_http_srv)',
};

export function readRoomType(context: IExecuteFunctions, itemIndex: number): RoomType {
	return requireOneOf(context.getNodeParameter('roomType', itemIndex, 'live'), 'Room Type', ['live', 'conference'] as const);
}

/** Room Type and Room ID, for operations on a room of either kind. */
export const roomTargetFields: INodeProperties[] = [roomTypeField, ...roomIdFieldsByType()];

export interface RoomTarget {
	roomType: RoomType;
	roomId: string;
	/** The Room Engine service for this kind of room. */
	service: (typeof ROOM_SERVICES)[RoomType];
}

export function readRoomTarget(context: IExecuteFunctions, itemIndex: number): RoomTarget {
	const roomType = readRoomType(context, itemIndex);
	return { roomType, roomId: readRoomId(context, itemIndex), service: ROOM_SERVICES[roomType] };
}

export function roomIdField(description = ROOM_ID_DESCRIPTION): INodeProperties {
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

/** Return All / Limit; `max` is the most a Limit can ask for. */
export function returnAllFields(max = MAX_LISTED_MEMBERS): INodeProperties[] {
	return [
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
		typeOptions: { minValue: 1, maxValue: max },
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	];
}

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
		...modules.flatMap((operation) => updateDisplayOptions({ show: { resource: [resource], operation: [String(operation.option.value)] } }, operation.properties)),
	];
}

/** Metadata keys: comma-separated text, or a list from an expression. */
export function keysField(description: string, required: boolean): INodeProperties {
	return { displayName: 'Keys', name: 'keys', type: 'string', default: '', required, placeholder: 'showStartsAt, host', description };
}

export function readMetadataKeys(context: IExecuteFunctions, itemIndex: number, required: boolean): string[] {
	const keys = requireTextList(context.getNodeParameter('keys', itemIndex, ''), 'Keys', {
		maxItems: METADATA_LIMITS.maxKeys,
		maxBytesEach: METADATA_LIMITS.maxKeyBytes,
	});
	if (required && keys.length === 0) throw new InvalidParameterError('Keys', 'Keys is empty: name at least one key to delete.');
	return keys;
}
