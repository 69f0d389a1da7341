import { resourceDescription } from '../fields';
import type { OperationModule } from '../operation';
import * as changeOwner from './changeOwner.operation';
import * as create from './create.operation';
import * as deleteRoom from './delete.operation';
import * as get from './get.operation';
import * as getMany from './getMany.operation';
import * as getStatistics from './getStatistics.operation';
import * as update from './update.operation';

export const operations: Record<string, OperationModule> = {
	create,
	get,
	getMany,
	update,
	delete: deleteRoom,
	changeOwner,
	getStatistics,
};

export const description = resourceDescription('room', operations, 'get');
