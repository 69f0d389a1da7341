import type { IExecuteFunctions } from 'n8n-workflow';

import { requireBoolean, requireWholeNumber } from '../../../shared/validation';
import { MAX_LISTED_MEMBERS } from '../common.fields';

/** Return All / Limit as one value: undefined = every member Tencent lists. */
export function readListingLimit(context: IExecuteFunctions, itemIndex: number): number | undefined {
	const returnAll = requireBoolean(context.getNodeParameter('returnAll', itemIndex, false), 'Return All');
	if (returnAll) return undefined;
	return requireWholeNumber(
		context.getNodeParameter('limit', itemIndex, 50),
		'Limit',
		1,
		MAX_LISTED_MEMBERS,
		'Tencent lists at most 1000 members',
	);
}
