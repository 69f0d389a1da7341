import { resourceDescription } from '../fields';
import type { OperationModule } from '../operation';
import * as ban from './ban.operation';
import * as getMany from './getMany.operation';
import * as getManyBanned from './getManyBanned.operation';
import * as getManyMuted from './getManyMuted.operation';
import * as getManyOnline from './getManyOnline.operation';
import * as mute from './mute.operation';
import * as remove from './remove.operation';
import * as unban from './unban.operation';
import * as unmute from './unmute.operation';

export const operations: Record<string, OperationModule> = { getMany, getManyOnline, remove, ban, unban, getManyBanned, mute, unmute, getManyMuted };

export const description = resourceDescription('member', operations, 'getMany');
