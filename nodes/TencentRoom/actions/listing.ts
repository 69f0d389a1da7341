import type { IExecuteFunctions } from 'n8n-workflow';

import { paginate, StuckCursorError, TooManyPagesError, type PaginateOptions } from '../../shared/paginate';
import { requireBoolean, requireWholeNumber } from '../../shared/validation';
import type { CallContext, TencentTransport } from '../transport';
import { MAX_LISTED_MEMBERS } from './fields';
import type { RunHints } from './operation';

/** Return All / Limit as one value: undefined = everything Tencent lists. */
export function readListingLimit(context: IExecuteFunctions, itemIndex: number, max = MAX_LISTED_MEMBERS): number | undefined {
	const returnAll = requireBoolean(context.getNodeParameter('returnAll', itemIndex, false), 'Return All');
	if (returnAll) return undefined;
	return requireWholeNumber(
		context.getNodeParameter('limit', itemIndex, 50),
		'Limit',
		1,
		max,
		max === MAX_LISTED_MEMBERS ? 'Tencent lists at most 1000 members' : 'results',
	);
}

/** Pages through a list; a cursor that never ends becomes a failed item that says so. */
export async function listPages<TItem, TCursor>(
	transport: TencentTransport,
	call: CallContext,
	options: PaginateOptions<TItem, TCursor>,
): Promise<TItem[]> {
	try {
		return await paginate(options);
	} catch (error) {
		// Anything else is already the transport's error for this item.
		const failure = error instanceof StuckCursorError || error instanceof TooManyPagesError ? transport.paginationFailure(call, error.message) : error;
		throw failure;
	}
}

/** A list that stopped at Tencent's cap rather than at the room's end says so once per run. */
export function hintWhenCapped(hints: RunHints, listed: number, limit: number | undefined, what: string): void {
	if (listed === MAX_LISTED_MEMBERS && limit === undefined) {
		hints.add(`Tencent lists at most ${MAX_LISTED_MEMBERS} ${what}: the list stopped there, and there may be more.`, 'warning');
	}
}
