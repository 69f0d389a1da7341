import { resourceDescription } from '../fields';
import type { OperationModule } from '../operation';
import * as getMany from './getMany.operation';
import * as getManyOnline from './getManyOnline.operation';

export const operations: Record<string, OperationModule> = { getMany, getManyOnline };

export const description = resourceDescription('member', operations, 'getMany');
