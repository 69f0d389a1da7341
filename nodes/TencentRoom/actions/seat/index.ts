import { resourceDescription } from '../fields';
import type { OperationModule } from '../operation';
import * as getMany from './getMany.operation';
import * as kickUser from './kickUser.operation';
import * as lock from './lock.operation';
import * as moveUser from './moveUser.operation';
import * as pickUser from './pickUser.operation';
import * as unlock from './unlock.operation';

export const operations: Record<string, OperationModule> = { getMany, lock, moveUser, pickUser, kickUser, unlock };

export const description = resourceDescription('seat', operations, 'getMany');
