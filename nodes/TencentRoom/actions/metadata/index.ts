import { resourceDescription } from '../fields';
import type { OperationModule } from '../operation';
import * as deleteKeys from './delete.operation';
import * as get from './get.operation';
import * as set from './set.operation';

export const operations: Record<string, OperationModule> = { set, get, delete: deleteKeys };

export const description = resourceDescription('metadata', operations, 'get');
