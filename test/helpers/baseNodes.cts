import {
	NodeConnectionTypes,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

/**
 * The n8n-nodes-base nodes the example workflows use, for running those workflows
 * in-process without installing n8n-nodes-base (hundreds of MB of database drivers).
 * Each does what the real node does for the parameters the examples set; the IF node's
 * condition is evaluated by n8n's own filter engine (getNodeParameter with extractValue).
 * `npm run test:n8n` runs the same JSON in the real n8n application with the real nodes.
 */

function description(name: string, displayName: string, inputs: boolean, outputs: number, versions: number[]): INodeTypeDescription {
	return {
		displayName,
		name,
		group: ['transform'],
		version: versions,
		description: `${displayName} (in-process stand-in)`,
		defaults: { name: displayName },
		inputs: inputs ? [NodeConnectionTypes.Main] : [],
		outputs: Array(outputs).fill(NodeConnectionTypes.Main),
		properties: [],
	};
}

class ManualTrigger implements INodeType {
	description = description('manualTrigger', 'Manual Trigger', false, 1, [1]);

	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	}
}

/** Run by hand, n8n's Schedule Trigger emits one item describing "now". */
class ScheduleTrigger implements INodeType {
	description = description('scheduleTrigger', 'Schedule Trigger', false, 1, [1, 1.1, 1.2, 1.3]);

	async execute(): Promise<INodeExecutionData[][]> {
		const now = new Date();
		return [[{ json: { timestamp: now.toISOString(), 'Readable date': now.toUTCString(), Timezone: 'UTC' } }]];
	}
}

class NoOp implements INodeType {
	description = description('noOp', 'No Operation, do nothing', true, 1, [1]);

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

class If implements INodeType {
	description: INodeTypeDescription = {
		...description('if', 'If', true, 2, [2, 2.1, 2.2]),
		properties: [
			{ displayName: 'Conditions', name: 'conditions', type: 'filter', default: {}, typeOptions: { filter: { version: 2 } } },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const kept: INodeExecutionData[] = [];
		const discarded: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const pass = this.getNodeParameter('conditions', itemIndex, false, { extractValue: true }) as boolean;
			(pass ? kept : discarded).push({ ...item, pairedItem: { item: itemIndex } });
		});
		return [kept, discarded];
	}
}

/** Edit Fields (Set) in "JSON" mode: each item becomes the given JSON object. */
class SetRaw implements INodeType {
	description: INodeTypeDescription = {
		...description('set', 'Edit Fields', true, 1, [3.3, 3.4]),
		properties: [
			{ displayName: 'Mode', name: 'mode', type: 'string', default: 'raw' },
			{ displayName: 'JSON', name: 'jsonOutput', type: 'json', default: '{}' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [
			this.getInputData().map((_item, itemIndex) => {
				if (this.getNodeParameter('mode', itemIndex) !== 'raw') throw new Error('the stand-in supports JSON mode only');
				const json = this.getNodeParameter('jsonOutput', itemIndex) as string | object;
				return { json: typeof json === 'string' ? JSON.parse(json) : json, pairedItem: { item: itemIndex } };
			}),
		];
	}
}

/** Split Out: one item per element of a list field (objects spread, other values kept under the field name). */
class SplitOut implements INodeType {
	description: INodeTypeDescription = {
		...description('splitOut', 'Split Out', true, 1, [1]),
		properties: [{ displayName: 'Field To Split Out', name: 'fieldToSplitOut', type: 'string', default: '' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const output: INodeExecutionData[] = [];
		this.getInputData().forEach((item, itemIndex) => {
			const field = this.getNodeParameter('fieldToSplitOut', itemIndex) as string;
			const values = item.json[field];
			for (const value of Array.isArray(values) ? values : [values]) {
				const json = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { [field]: value };
				output.push({ json: json as INodeExecutionData['json'], pairedItem: { item: itemIndex } });
			}
		});
		return [output];
	}
}

export const BASE_NODE_STAND_INS: Record<string, INodeType> = {
	'n8n-nodes-base.manualTrigger': new ManualTrigger(),
	'n8n-nodes-base.scheduleTrigger': new ScheduleTrigger(),
	'n8n-nodes-base.noOp': new NoOp(),
	'n8n-nodes-base.if': new If(),
	'n8n-nodes-base.set': new SetRaw(),
	'n8n-nodes-base.splitOut': new SplitOut(),
};
