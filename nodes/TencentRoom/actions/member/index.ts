import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../operation';
import * as getMany from './getMany.operation';
import * as getManyOnline from './getManyOnline.operation';

export const operations: Record<string, OperationModule> = { getMany, getManyOnline };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['member'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get the members of a live room',
				description: 'List the members of a live room (TUILiveKit), up to the 1000 Tencent lists',
			},
			{
				name: 'Get Many Online',
				value: 'getManyOnline',
				action: 'Get the online members of an audio video group',
				description: 'List the online members of an audio-video group (AVChatRoom) or Community group',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...getManyOnline.description,
];
