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
	/**
	 * A finer key, as every item of a node runs the same operation: reads stand alone (nothing in
	 * the node changes what they read), and locks of different seats do not depend on each other.
	 * A room's items then need not wait for one another: far from Tencent a call takes a second,
	 * and a room's items in a row would cap a job at one call per room per second.
	 */
	sameOperationKey?: string;
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

export function seatOrderKey(roomId: string, seatIndex: number): string {
	return `seat:${roomId}#${seatIndex}`;
}

/** A read's keys: in input order with the room's other items, standing alone among reads. */
export function readKeys(orderKey: string, itemIndex: number): Pick<PreparedItem, 'orderKey' | 'sameOperationKey'> {
	return { orderKey, sameOperationKey: `read:${itemIndex}` };
}

export function groupOrderKey(groupId: string): string {
	return `group:${groupId}`;
}
