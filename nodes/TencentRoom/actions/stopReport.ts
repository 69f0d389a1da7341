import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { Settled } from '../../shared/keyedScheduler';
import type { PreparedItem } from './operation';

/**
 * Without "Continue", the first failure stops the node, but items run concurrently: some after
 * the failing one may already have been applied. The error then says exactly which items were
 * done, which failed and which never started, so a user knows what running again repeats.
 */

/** "items 0-2, 4 and 7-9", or "item 3". */
export function describeItems(indexes: readonly number[]): string {
	const runs: string[] = [];
	for (let start = 0; start < indexes.length; ) {
		let end = start;
		while (end + 1 < indexes.length && indexes[end + 1] === indexes[end] + 1) end++;
		runs.push(end === start ? `${indexes[start]}` : `${indexes[start]}-${indexes[end]}`);
		start = end + 1;
	}
	const joined = runs.length > 1 ? `${runs.slice(0, -1).join(', ')} and ${runs[runs.length - 1]}` : runs[0];
	return `${indexes.length === 1 ? 'item' : 'items'} ${joined}`;
}

function count(indexes: readonly number[]): string {
	return indexes.length === 1 ? '1 item' : `${indexes.length} items`;
}

/** The lowest failed item's error, its description extended with what happened to every item. */
export function describeStop(
	outcomes: ReadonlyArray<Settled<unknown>>,
	prepared: readonly PreparedItem[],
	firstFailed: number,
): NodeApiError | NodeOperationError {
	const error = (outcomes[firstFailed] as { reason: NodeApiError | NodeOperationError }).reason;
	if (outcomes.length === 1) return error;

	const done: number[] = [];
	const failed: number[] = [];
	const notStarted: number[] = [];
	outcomes.forEach((outcome, index) => {
		if (outcome.status === 'fulfilled') done.push(index);
		else if (outcome.status === 'rejected') failed.push(index);
		else notStarted.push(index);
	});

	const account = [`${capital(describeItems([firstFailed]))} failed, so the node stopped (items are counted from 0).`];
	account.push(
		[
			done.length > 0 ? `Done: ${describeItems(done)} (${count(done)}).` : 'No item was done.',
			failed.length > 1 ? `Failed: ${describeItems(failed)}.` : '',
			notStarted.length > 0 ? `Not started: ${describeItems(notStarted)} (${count(notStarted)}).` : '',
		]
			.filter(Boolean)
			.join(' '),
	);
	const doneAfter = done.filter((index) => index > firstFailed);
	if (doneAfter.length > 0) {
		account.push(`Items run side by side: ${describeItems(doneAfter)} had started before the failure was seen.`);
	}
	if (done.length > 0) {
		const harmful = done.filter((index) => prepared[index].repeatEffect !== undefined);
		account.push(
			harmful.length > 0
				? `Running the same input again repeats the done items, and for ${describeItems(harmful)} that ${prepared[harmful[0]].repeatEffect}: remove the done items first, or set the node's On Error setting to "Continue (using error output)" to get one result per item.`
				: 'Running the same input again repeats the done items, which is harmless for this operation.',
		);
	}
	error.description = [error.description, ...account].filter(Boolean).join('\n\n');
	return error;
}

function capital(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}
