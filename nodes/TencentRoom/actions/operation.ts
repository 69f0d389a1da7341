import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TencentTransport } from '../transport';

/** What every `<operation>.operation.ts` exports: its fields and how it runs for one item. */
export interface OperationModule {
	description: INodeProperties[];
	/** Returns the output items' json for input item `itemIndex`. */
	execute(this: IExecuteFunctions, itemIndex: number, transport: TencentTransport): Promise<IDataObject[]>;
}
