import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../operation';
import * as getMany from './getMany.operation';

export const operations: Record<string, OperationModule> = { getMany };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['seat'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getMany',
				action: 'Get the seat list of a room',
				description: 'List every seat of a room: who sits there and which locks are on',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
];
