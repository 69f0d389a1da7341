import type { INodeProperties } from 'n8n-workflow';

import type { OperationModule } from '../operation';
import * as getMany from './getMany.operation';
import * as lock from './lock.operation';
import * as moveUser from './moveUser.operation';
import * as unlock from './unlock.operation';

export const operations: Record<string, OperationModule> = { getMany, lock, unlock, moveUser };

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
			{
				name: 'Lock',
				value: 'lock',
				action: 'Lock a seat',
				description: 'Lock a seat so nobody can take it, or disable its video or audio',
			},
			{
				name: 'Move User',
				value: 'moveUser',
				action: 'Move a user to another seat',
				description: 'Move a seated user to another seat: cancel, force the move, or exchange seats',
			},
			{
				name: 'Unlock',
				value: 'unlock',
				action: 'Unlock a seat',
				description: 'Clear every lock of a seat so users can take it again',
			},
		],
		default: 'getMany',
	},
	...getMany.description,
	...lock.description,
	...unlock.description,
	...moveUser.description,
];
