import { resourceDescription } from '../fields';
import type { OperationModule } from '../operation';
import * as send from './send.operation';

export const operations: Record<string, OperationModule> = { send };

export const description = resourceDescription('message', operations, 'send');
