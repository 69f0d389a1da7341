import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { InvalidParameterError } from '../../shared/validation';
import { TencentTransport, tencentDetailsOf, type TencentFailureDetails } from '../transport';
import type { OperationModule } from './operation';
import * as member from './member';
import * as seat from './seat';

const resources: Record<string, Record<string, OperationModule>> = {
	seat: seat.operations,
	member: member.operations,
};

/** Errors from one item, in the two forms the router hands on: thrown, or as a failed item. */
function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
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
	return new NodeOperationError(context.getNode(), error instanceof Error ? error.message : String(error), {
		itemIndex,
	});
}

/** contract.md "Failed items": exactly `error` and `details`, and never `item.error`. */
function failedItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const details: TencentFailureDetails = tencentDetailsOf(error) ?? {
		errorCode: null,
		errorInfo: '',
		requestId: null,
		retryable: false,
	};
	return { json: { error: error.message, details }, pairedItem: { item: itemIndex } };
}

/** Owns the loop over items: one operation call per item, every outcome paired to its input. */
export async function route(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const output: INodeExecutionData[] = [];

	let transport: TencentTransport | undefined;
	let transportError: NodeOperationError | undefined;
	try {
		transport = await TencentTransport.forExecution(this);
	} catch (error) {
		transportError = asNodeError(this, error, 0) as NodeOperationError;
	}

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			if (!transport) throw transportError;
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const operationModule = resources[resource]?.[operation];
			if (!operationModule) {
				throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not known`, {
					itemIndex,
				});
			}
			const results: IDataObject[] = await operationModule.execute.call(this, itemIndex, transport);
			for (const json of results) output.push({ json, pairedItem: { item: itemIndex } });
		} catch (error) {
			const nodeError = asNodeError(this, error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			output.push(failedItem(nodeError, itemIndex));
		}
	}
	return [output];
}
