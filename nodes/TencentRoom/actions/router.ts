import type { IDataObject, IExecuteFunctions, INodeExecutionData, NodeExecutionHint } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import { KeyedScheduler, type Settled } from '../../shared/keyedScheduler';
import { InvalidParameterError } from '../../shared/validation';
import { TencentRequestError, TencentTransport, type TencentFailureDetails } from '../transport';
import type { OperationModule, PreparedItem, RunHints } from './operation';
import { readExecutionOptions } from './options';
import * as member from './member';
import * as message from './message';
import * as metadata from './metadata';
import * as room from './room';
import * as seat from './seat';
import { describeStop } from './stopReport';

/**
 * Reading items is synchronous and costs about 1 ms per expression with n8n's default
 * expression engine: after this long, started calls get their turn, so the calls already
 * possible go out while later items are read.
 */
const PREPARE_SLICE_MS = 3;

const resources: Record<string, Record<string, OperationModule>> = {
	room: room.operations,
	seat: seat.operations,
	member: member.operations,
	metadata: metadata.operations,
	message: message.operations,
};

type ItemError = NodeApiError | NodeOperationError;

/** Errors from one item, in the two forms the router hands on: thrown, or as a failed item. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): ItemError {
	if (error instanceof InvalidParameterError) {
		return new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `Nothing was sent to Tencent. Field: ${error.field}.`,
		});
	}
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(context.getNode(), error instanceof Error ? error.message : String(error), { itemIndex });
}

const NOT_SENT: TencentFailureDetails = { errorCode: null, errorInfo: '', requestId: null, retryable: false };

/** contract.md "Failed items": exactly `error` and `details`, and never `item.error`. */
function failedItem(error: ItemError, itemIndex: number): INodeExecutionData {
	const details = error instanceof TencentRequestError ? error.details : NOT_SENT;
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

/** Reads and checks one item's parameters; nothing is sent yet. */
function prepareItem(context: IExecuteFunctions, itemIndex: number): PreparedItem {
	const resource = context.getNodeParameter('resource', itemIndex) as string;
	const operation = context.getNodeParameter('operation', itemIndex) as string;
	const operationModule = resources[resource]?.[operation];
	if (!operationModule) {
		throw new NodeOperationError(context.getNode(), `The operation "${operation}" of "${resource}" is not known`, { itemIndex });
	}
	return operationModule.prepare.call(context, itemIndex);
}

/** Collects hints from every item; each distinct one is shown once. */
class HintCollector implements RunHints {
	private readonly hints = new Map<string, NodeExecutionHint>();

	add(message: string, type: 'info' | 'warning' = 'info'): void {
		if (!this.hints.has(message)) this.hints.set(message, { message, type, location: 'outputPane' });
	}

	showIn(context: IExecuteFunctions): void {
		if (this.hints.size > 0) context.addExecutionHints(...this.hints.values());
	}
}

function outputOf(outcomes: Array<Settled<IDataObject[]>>, continueOnFail: boolean): INodeExecutionData[] {
	const output: INodeExecutionData[] = [];
	for (const [itemIndex, outcome] of outcomes.entries()) {
		if (outcome.status === 'fulfilled') {
			for (const json of outcome.value) output.push({ json, pairedItem: { item: itemIndex } });
		} else if (outcome.status === 'rejected' && continueOnFail) {
			output.push(failedItem(outcome.reason as ItemError, itemIndex));
		}
	}
	return output;
}

/**
 * Owns the items: runs them concurrently within the credential's rate budget (same room in
 * input order), then emits every outcome in input order, paired to its input item.
 */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();

	let transport: TencentTransport;
	let concurrency: number;
	try {
		const options = readExecutionOptions(this);
		concurrency = options.concurrency;
		transport = await TencentTransport.forExecution(this, options);
	} catch (error) {
		const nodeError = asNodeError(this, error, 0);
		if (!continueOnFail) throw nodeError;
		return [items.map((_item, itemIndex) => failedItem(nodeError, itemIndex))];
	}

	// Every item runs the node's one operation (n8n shows no fields for an operation from an
	// expression, so items cannot mix operations): items can use their operation's finer key.
	const keyOf = (item: PreparedItem) => item.sameOperationKey ?? item.orderKey;

	const hints = new HintCollector();
	// As many items in flight as the rate budget needs at the current round trip, up to the option.
	const inFlight = () => transport.inFlightTarget(concurrency);
	const runItem = async (item: PreparedItem, itemIndex: number): Promise<IDataObject[]> => {
		try {
			return await item.run(transport, hints);
		} catch (error) {
			throw asNodeError(this, error, itemIndex);
		}
	};

	if (!continueOnFail) {
		// One bad item fails the whole node: check every item before the first call, so a typo in
		// item 1,500 costs no request (and no half-done job) for items 1 to 1,499.
		const prepared = items.map((_item, itemIndex) => {
			try {
				return prepareItem(this, itemIndex);
			} catch (error) {
				throw asNodeError(this, error, itemIndex);
			}
		});
		// After a failure, items before it still start (as if items ran one by one); none after it.
		let firstFailure = Number.POSITIVE_INFINITY;
		const scheduler = new KeyedScheduler<IDataObject[]>({ concurrency: inFlight, mayStart: (index) => index < firstFailure });
		prepared.forEach((item, itemIndex) =>
			scheduler.add(keyOf(item), async () => {
				try {
					return await runItem(item, itemIndex);
				} catch (error) {
					const itemError = error as ItemError;
					firstFailure = Math.min(firstFailure, itemIndex);
					throw itemError;
				}
			}),
		);
		const outcomes = await scheduler.close();
		const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected');
		if (failed !== -1) throw describeStop(outcomes, prepared, failed);
		hints.showIn(this);
		return [outputOf(outcomes, false)];
	}

	// Items stand alone here: start calling while later items are still being read.
	const scheduler = new KeyedScheduler<IDataObject[]>({ concurrency: inFlight });
	let sliceStartedAt = Date.now();
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let item: PreparedItem;
		try {
			item = prepareItem(this, itemIndex);
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			scheduler.add(`item:${itemIndex}`, async () => {
				throw nodeError;
			});
			continue;
		}
		scheduler.add(keyOf(item), async () => await runItem(item, itemIndex));
		if (Date.now() - sliceStartedAt >= PREPARE_SLICE_MS) {
			await sleep(0);
			sliceStartedAt = Date.now();
		}
	}
	const outcomes = await scheduler.close();
	hints.showIn(this);
	return [outputOf(outcomes, true)];
}
