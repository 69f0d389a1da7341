import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { TencentTransport } from '../transport';

/**
 * One input item, checked and ready: every parameter was read and validated (nothing sent yet),
 * and `run` does the calls to Tencent.
 */
export interface PreparedItem {
	/** Items with the same key (the same room or group) run one after another, in input order. */
	orderKey: string;
	/** The calls for this item; resolves to its output items' json. */
	run(transport: TencentTransport): Promise<IDataObject[]>;
}

/** What every `<operation>.operation.ts` exports: its fields, and how to prepare one item. */
export interface OperationModule {
	description: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem;
}

export function roomOrderKey(roomId: string): string {
	return `room:${roomId}`;
}

export function groupOrderKey(groupId: string): string {
	return `group:${groupId}`;
}
