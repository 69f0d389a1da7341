import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	requireAccount,
	requireBoolean,
	requireHttpUrl,
	requireOneOf,
	requireText,
	requireTextList,
	requireUnixSeconds,
	requireWholeNumber,
} from '../../shared/validation';
import type { RoomType } from './fields';

/**
 * The optional room fields of Create and Update: the n8n field, Tencent's RoomInfo name, and
 * for which room type and operation Tencent accepts it. The collections show only the fields
 * Tencent accepts for the chosen Room Type.
 */

type RoomField = 'create' | 'update';

interface RoomFieldSpec {
	property: INodeProperties;
	tencent: string;
	create: readonly RoomType[];
	update: readonly RoomType[];
	read: (value: unknown, label: string) => unknown;
}

const BOTH: readonly RoomType[] = ['live', 'conference'];
const LIVE: readonly RoomType[] = ['live'];
const CONFERENCE: readonly RoomType[] = ['conference'];
const NONE: readonly RoomType[] = [];

const TAKE_SEAT_MODES = { freeToTake: 'FreeToTake', applyToTake: 'ApplyToTake' } as const;

/** Tencent's shortest meeting. */
export const MIN_SCHEDULE_SECONDS = 5 * 60;

interface Uses {
	create: readonly RoomType[];
	update: readonly RoomType[];
}

const BOTH_ALWAYS: Uses = { create: BOTH, update: BOTH };

function spec(property: INodeProperties, tencent: string, uses: Uses, read: RoomFieldSpec['read']): RoomFieldSpec {
	return { property, tencent, ...uses, read };
}

/** Text; `clearable` texts may be set to "" to clear them. */
function text(name: string, displayName: string, tencent: string, limit: { maxBytes: number; clearable: boolean }, uses: Uses, description: string): RoomFieldSpec {
	const property: INodeProperties = { displayName, name, type: 'string', default: '', description };
	return spec(property, tencent, uses, (value, label) => requireText(value, label, limit.maxBytes, { allowEmpty: limit.clearable }));
}

const readFlag: RoomFieldSpec['read'] = (value, label) => requireBoolean(value, label);

function flag(name: string, displayName: string, tencent: string, uses: Uses, description: string): RoomFieldSpec {
	return spec({ displayName, name, type: 'boolean', default: false, description }, tencent, uses, readFlag);
}

function whole(name: string, displayName: string, tencent: string, range: [min: number, max: number, meaning: string], uses: Uses, description: string): RoomFieldSpec {
	const property: INodeProperties = { displayName, name, type: 'number', default: Math.max(range[0], 0), typeOptions: { numberPrecision: 0 }, description };
	return spec(property, tencent, uses, (value, label) => requireWholeNumber(value, label, ...range));
}

function dateTime(name: string, displayName: string, tencent: string, description: string): RoomFieldSpec {
	return spec({ displayName, name, type: 'dateTime', default: '', description }, tencent, { create: CONFERENCE, update: NONE }, (value, label) => requireUnixSeconds(value, label));
}

const SPECS: readonly RoomFieldSpec[] = [
	text('roomName', 'Room Name', 'RoomName', { maxBytes: 100, clearable: false }, BOTH_ALWAYS, 'Shown to users; Tencent uses the Room ID when empty. At most 100 bytes.'),
	spec(
		{ displayName: 'Owner Account', name: 'ownerAccount', type: 'string', default: '', placeholder: 'host01', description: "The host's UserID (an imported account). Default: the credential's Identifier." },
		'Owner_Account',
		{ create: BOTH, update: NONE },
		(value, label) => requireAccount(value, label),
	),
	whole('maxMemberCount', 'Max Members', 'MaxMemberCount', [1, 10_000_000, 'members'], BOTH_ALWAYS, "How many members the room takes at most (capped by the app's package)"),
	whole('maxSeatCount', 'Max Seats', 'MaxSeatCount', [1, 1000, 'seats'], { create: BOTH, update: NONE }, 'Number of seats (mic positions). Live rooms: only for the AudioSalon and Karaoke templates.'),
	spec(
		{
			displayName: 'Take Seat Mode',
			name: 'takeSeatMode',
			type: 'options',
			default: 'freeToTake',
			options: [
				{ name: 'Apply to Take', value: 'applyToTake', description: 'Users ask; the owner or an admin approves' },
				{ name: 'Free to Take', value: 'freeToTake', description: 'Users take a free seat themselves' },
			],
			description: 'How users get onto a seat',
		},
		'TakeSeatMode',
		BOTH_ALWAYS,
		(value, label) => TAKE_SEAT_MODES[requireOneOf(value, label, Object.keys(TAKE_SEAT_MODES) as Array<keyof typeof TAKE_SEAT_MODES>)],
	),
	flag('isMessageDisabled', 'Disable Chat for All', 'IsMessageDisabled', BOTH_ALWAYS, 'Whether every member except the owner and admins is muted'),
	spec(
		{
			displayName: 'Seat Template',
			name: 'seatTemplate',
			type: 'options',
			default: 'VideoDynamicGrid9Seats',
			options: [
				{ name: 'Audio Salon (Voice Chat Room)', value: 'AudioSalon' },
				{ name: 'Karaoke', value: 'Karaoke' },
				{ name: 'Video, Dynamic Grid of 9 Seats', value: 'VideoDynamicGrid9Seats' },
			],
			description: "The room's seat layout, as Tencent's console names it. Another template can be given with an expression. Leave it out for apps created before Tencent introduced templates.",
		},
		'SeatTemplate',
		{ create: LIVE, update: NONE },
		(value, label) => requireText(value, label, 64),
	),
	spec(
		{ displayName: 'Public', name: 'isPublicVisible', type: 'boolean', default: true, description: 'Whether the room appears in the live room list (Room → Get Many)' },
		'IsPublicVisible',
		{ create: LIVE, update: LIVE },
		readFlag,
	),
	spec(
		{ displayName: 'Cover URL', name: 'coverUrl', type: 'string', default: '', placeholder: 'https://example.com/cover.png', description: 'Cover image address, at most 200 bytes' },
		'CoverURL',
		{ create: LIVE, update: LIVE },
		(value, label) => requireHttpUrl(value, label, 200),
	),
	spec(
		{ displayName: 'Categories', name: 'category', type: 'string', default: '', placeholder: 'music, talk', description: 'Up to 3 tags, comma-separated, or a list from an expression' },
		'Category',
		{ create: LIVE, update: LIVE },
		(value, label) => requireTextList(value, label, { maxItems: 3, maxBytesEach: 100 }),
	),
	whole('activityStatus', 'Activity Status', 'ActivityStatus', [-2_147_483_648, 2_147_483_647, 'a 32-bit whole number'], { create: NONE, update: LIVE }, 'A number of your own meaning, shown in the room list'),
	text('notice', 'Notice', 'Notice', { maxBytes: 100, clearable: true }, { create: NONE, update: LIVE }, 'Announcement shown in the room, at most 100 bytes'),
	dateTime('scheduleStartTime', 'Schedule Start', 'ScheduleStartTime', 'When the meeting starts (a date-time, or Unix seconds from an expression). Default: now.'),
	dateTime('scheduleEndTime', 'Schedule End', 'ScheduleEndTime', 'When the meeting ends, at least 5 minutes after the start. Default: one hour after the start.'),
	text('customInfo', 'Custom Info', 'CustomInfo', { maxBytes: 500, clearable: true }, { create: CONFERENCE, update: CONFERENCE }, 'Text of your own stored with the room, at most 500 bytes'),
	flag('isSeatEnabled', 'Seats', 'IsSeatEnabled', { create: CONFERENCE, update: NONE }, 'Whether the room has seats (mic positions)'),
	flag('isVideoDisabled', 'Disable Video for All', 'IsVideoDisabled', { create: NONE, update: CONFERENCE }, "Whether every member's camera is turned off"),
	flag('isAudioDisabled', 'Disable Audio for All', 'IsAudioDisabled', { create: NONE, update: CONFERENCE }, "Whether every member's microphone is turned off"),
	flag('isScreenSharingDisabled', 'Disable Screen Sharing', 'IsScreenSharingDisabled', { create: NONE, update: CONFERENCE }, 'Whether members may not share their screen'),
	flag('isCloudRecordingDisabled', 'Disable Cloud Recording', 'IsCloudRecordingDisabled', { create: NONE, update: CONFERENCE }, 'Whether the room is not recorded in the cloud'),
];

function specsFor(use: RoomField, roomType: RoomType): RoomFieldSpec[] {
	return SPECS.filter((spec) => spec[use].includes(roomType));
}

/** The collection of optional fields for Create ("Additional Fields") or Update ("Update Fields"). */
export function roomFieldsCollection(use: RoomField): INodeProperties {
	const options = SPECS.filter((spec) => spec[use].length > 0)
		.map((spec): INodeProperties => ({ ...spec.property, displayOptions: { show: { '/roomType': [...spec[use]] } } }))
		.sort((a, b) => a.displayName.localeCompare(b.displayName));
	return use === 'create'
		? {
				displayName: 'Additional Fields',
				name: 'additionalFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: 'Optional settings of the new room; only those Tencent accepts for the chosen Room Type are offered',
				options,
			}
		: {
				displayName: 'Update Fields',
				name: 'updateFields',
				type: 'collection',
				placeholder: 'Add Field',
				default: {},
				description: 'The settings to change; only those Tencent lets you change for the chosen Room Type are offered',
				options,
			};
}

/**
 * The RoomInfo fields of one item, in Tencent's names, each checked. (n8n itself drops fields
 * the collection no longer shows, such as a cover left over after switching to a conference room.)
 */
export function readRoomFields(context: IExecuteFunctions, itemIndex: number, use: RoomField, roomType: RoomType): IDataObject {
	const given = context.getNodeParameter(use === 'create' ? 'additionalFields' : 'updateFields', itemIndex, {}) as IDataObject;
	const fields: IDataObject = {};
	for (const spec of specsFor(use, roomType)) {
		const value = given[spec.property.name];
		// An empty date picker sends "": leaving a field empty means "Tencent's default".
		if (value === undefined || (value === '' && spec.property.type === 'dateTime')) continue;
		fields[spec.tencent] = spec.read(value, spec.property.displayName) as IDataObject[string];
	}
	return fields;
}

/** Tencent's room kinds as RoomType names them. */
export const TENCENT_ROOM_TYPES = { live: 'Live', conference: 'Conference' } as const;
