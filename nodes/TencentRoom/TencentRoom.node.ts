import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from './actions/router';
import * as member from './actions/member';
import * as message from './actions/message';
import * as metadata from './actions/metadata';
import { optionsDescription } from './actions/options';
import * as room from './actions/room';
import * as seat from './actions/seat';
import { searchAudioVideoGroups, searchLiveRooms } from './methods/listSearch';

export class TencentRoom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Room',
		name: 'tencentRoom',
		icon: { light: 'file:tencentRoom.svg', dark: 'file:tencentRoom.dark.svg' },
		group: ['transform'],
		// 1.1: Room ID and Group ID are resource locators; version 1 keeps them as plain text.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Moderate Tencent Cloud live and conference rooms (TRTC, TUILiveKit, TUIRoomKit): create and update rooms, lock seats and put users on them, ban, mute or remove members, send chat messages',
		defaults: { name: 'Tencent Room' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'tencentRoomApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Member', value: 'member', description: 'Members of a room or an audio-video group: list, remove, ban, mute' },
					{ name: 'Message', value: 'message', description: 'Messages in a live room\'s chat' },
					{ name: 'Metadata', value: 'metadata', description: 'Key/value pairs stored with a live room' },
					{ name: 'Room', value: 'room', description: 'Live rooms and conference rooms themselves' },
					{ name: 'Seat', value: 'seat', description: 'Seats (mic positions) of a room' },
				],
				// Version 1 workflows that never chose a resource meant seats.
				default: 'seat',
			},
			...room.description,
			...seat.description,
			...member.description,
			...metadata.description,
			...message.description,
			optionsDescription,
		],
	};

	methods = {
		listSearch: { searchLiveRooms, searchAudioVideoGroups },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
