import type { IDataObject, IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { TencentTransport } from '../transport';

/** Notes for the user about this run, shown once above the output however many items add them. */
export interface RunHints {
	add(message: string, type?: 'info' | 'warning'): void;
}

/**
 * One input item, checked and ready: every parameter was read and validated (nothing sent yet),
 * and `run` does the calls to Tencent.
 */
export interface PreparedItem {
	/** Items with the same key (the same room or group) run one after another, in input order. */
	orderKey: string;
	/** What running this item a second time does, when that is not harmless: "swaps the two users back". */
	repeatEffect?: string;
	/** The calls for this item; resolves to its output items' json. */
	run(transport: TencentTransport, hints: RunHints): Promise<IDataObject[]>;
}

/**
 * What every `<operation>.operation.ts` exports: its entry in the Operation list, its fields
 * (shown for its resource and operation), and how to prepare one item.
 */
export interface OperationModule {
	option: INodePropertyOptions & { action: string };
	properties: INodeProperties[];
	prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem;
}

export function roomOrderKey(roomId: string): string {
	return `room:${roomId}`;
}

export function groupOrderKey(groupId: string): string {
	return `group:${groupId}`;
}
