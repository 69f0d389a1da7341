import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { route } from './actions/router';
import * as member from './actions/member';
import { optionsDescription } from './actions/options';
import * as seat from './actions/seat';

export class TencentRoom implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Room',
		name: 'tencentRoom',
		icon: { light: 'file:tencentRoom.svg', dark: 'file:tencentRoom.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Administer Tencent Cloud Room Engine rooms (TRTC, TUIRoomKit, TUILiveKit) and Chat audio-video groups: seats and members',
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
					{ name: 'Member', value: 'member', description: 'Members of a live room or an audio-video group' },
					{ name: 'Seat', value: 'seat', description: 'Seats (mic positions) of a room' },
				],
				default: 'seat',
			},
			...seat.description,
			...member.description,
			optionsDescription,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await route.call(this);
	}
}
