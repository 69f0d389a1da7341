import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { describeDuration, requireAccountList, requireDurationSeconds, requireText } from '../../shared/validation';
import { TencentRequestError, type CallResult } from '../transport';

/** Tencent takes at most 20 accounts (MemberList_Account) per call. */
export const ACCOUNTS_PER_CALL = 20;

export const memberAccountsField: INodeProperties = {
	displayName: 'Member Accounts',
	name: 'memberAccounts',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'alice, bob',
	description: 'One or more UserIDs, comma-separated or a list from an expression. Tencent takes 20 per request: more are sent in several requests.',
};

export function readMemberAccounts(context: IExecuteFunctions, itemIndex: number): string[] {
	return requireAccountList(context.getNodeParameter('memberAccounts', itemIndex), 'Member Accounts');
}

export function durationField(defaultSeconds: number, what: string): INodeProperties {
	return {
		displayName: 'Duration (Seconds)',
		name: 'duration',
		type: 'number',
		required: true,
		default: defaultSeconds,
		typeOptions: { minValue: 1, numberPrecision: 0 },
		description: `How long ${what}, in seconds: 600 = 10 minutes, 3600 = 1 hour, 86400 = 1 day, 604800 = 1 week`,
	};
}

export function readDuration(context: IExecuteFunctions, itemIndex: number): number {
	return requireDurationSeconds(context.getNodeParameter('duration', itemIndex), 'Duration (Seconds)');
}

/** "for 10 minutes (600 s)": how a duration reads in hints. */
export function durationText(seconds: number): string {
	return `${describeDuration(seconds)} (${seconds} s)`;
}

export function reasonField(defaultReason: string): INodeProperties {
	return {
		displayName: 'Reason',
		name: 'reason',
		type: 'string',
		default: defaultReason,
		description: `Shown to the member and kept by Tencent, at most 1000 bytes. Left empty: "${defaultReason}".`,
	};
}

/** The field is optional: left empty (or an expression giving empty text), the default reason is sent. */
export function readReason(context: IExecuteFunctions, itemIndex: number, defaultReason: string): string {
	const value = context.getNodeParameter('reason', itemIndex, defaultReason);
	return requireText(typeof value === 'string' && value.trim() === '' ? defaultReason : value, 'Reason', 1000);
}

/**
 * One call per 20 accounts, one after another; the item succeeds only when every call did.
 * When a later call fails, its error names the accounts already done and those not done, and
 * what running the item again would do to them.
 */
export async function callInBatches(
	accounts: readonly string[],
	send: (batch: string[]) => Promise<CallResult>,
	whenRepeated: string,
): Promise<CallResult> {
	let last: CallResult | undefined;
	for (let start = 0; start < accounts.length; start += ACCOUNTS_PER_CALL) {
		try {
			last = await send(accounts.slice(start, start + ACCOUNTS_PER_CALL));
		} catch (error) {
			// Errors of the calls are the transport's already; a later call's is told what came before.
			const failure = error as Error;
			if (start > 0 && failure instanceof TencentRequestError) {
				const done = accounts.slice(0, start);
				const notDone = accounts.slice(start);
				failure.message += ` Done before this failure (${done.length} of ${accounts.length}): ${done.join(', ')}. Not done (${notDone.length}): ${notDone.join(', ')}. ${whenRepeated}`;
			}
			throw failure;
		}
	}
	return last as CallResult;
}
