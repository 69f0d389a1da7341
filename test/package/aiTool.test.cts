/**
 * The Tencent Room node as an AI Agent tool (`usableAsTool`). n8n derives the tool from the
 * node's description: the editor adds a "Tencent Room Tool" variant (its design-time conversion
 * lives in the n8n application; `npm run test:n8n` checks that variant in a running n8n), and at
 * run time n8n-core's createNodeAsTool builds the LangChain tool an agent calls: its description
 * comes from NodeHelpers.getToolDescriptionForNode ("<action> in Tencent Room" when set
 * automatically), its arguments from the $fromAI() parameters. Both are used here on the node
 * exactly as n8n loads it, so what an agent reads is checked: every operation says what it does,
 * and every parameter an agent may fill explains itself.
 */
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';
import {
	NodeHelpers,
	type INode,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import { loadPackage } from '../helpers/n8nHarness.cjs';

/**
 * The parameters an agent fills for each operation (option values are the contract's). Room Type
 * is part of the tool's set-up, like resource and operation; optional fields live in collections.
 */
const AGENT_PARAMETERS: Record<string, Record<string, string[]>> = {
	room: {
		create: ['roomId', 'additionalFields'],
		get: ['roomId'],
		getMany: ['returnAll', 'limit'],
		update: ['roomId', 'updateFields'],
		delete: ['roomId'],
		changeOwner: ['roomId', 'newOwnerAccount'],
		getStatistics: ['roomId'],
	},
	seat: {
		getMany: ['roomId'],
		lock: ['roomId', 'seatIndex', 'forbidTaken', 'forbidVideo', 'forbidAudio'],
		unlock: ['roomId', 'seatIndex'],
		moveUser: ['roomId', 'memberAccount', 'seatIndex', 'policy'],
		pickUser: ['roomId', 'memberAccount', 'seatIndex'],
		kickUser: ['roomId', 'memberAccount', 'data'],
	},
	member: {
		getMany: ['roomId', 'returnAll', 'limit'],
		getManyOnline: ['groupId', 'returnAll', 'limit', 'mark'],
		remove: ['roomId', 'memberAccounts', 'reason'],
		ban: ['roomId', 'memberAccounts', 'duration', 'reason'],
		unban: ['roomId', 'memberAccounts'],
		getManyBanned: ['roomId', 'returnAll', 'limit'],
		mute: ['roomId', 'memberAccounts', 'duration'],
		unmute: ['roomId', 'memberAccounts'],
		getManyMuted: ['roomId', 'returnAll', 'limit'],
	},
	message: {
		send: ['roomId', 'senderAccount', 'text', 'extensionInfo'],
	},
	metadata: {
		set: ['roomId', 'metadata'],
		get: ['roomId', 'keys'],
		delete: ['roomId', 'keys'],
	},
};

/** The node version an agent's tool is made from: the current one. */
const TOOL_VERSION = 1.1;

let nodeType: INodeType;
let description: INodeTypeDescription;
let triggerDescription: INodeTypeDescription;

beforeAll(async () => {
	const loader = await loadPackage();
	nodeType = loader.getNode('tencentRoom').type as INodeType;
	description = nodeType.description;
	triggerDescription = (loader.getNode('tencentRoomTrigger').type as INodeType).description;
});

function isOption(entry: INodePropertyOptions | INodeProperties | INodePropertyCollection): entry is INodePropertyOptions {
	return 'value' in entry;
}

function operationOptions(resource: string): INodePropertyOptions[] {
	const property = description.properties.find(
		(entry) => entry.name === 'operation' && entry.displayOptions?.show?.resource?.includes(resource),
	);
	expect(property).toBeDefined();
	return (property?.options ?? []).filter(isOption);
}

function resources(): INodePropertyOptions[] {
	return (description.properties.find((entry) => entry.name === 'resource')?.options ?? []).filter(isOption);
}

/**
 * The parameters n8n shows for resource + operation (a live room where there is a Room Type;
 * Limit only while Return All is off), as n8n's own displayParameter decides, notices and
 * set-up choices (no expressions allowed) left out.
 */
function visibleParameters(resource: string, operation: string): INodeProperties[] {
	const values = { resource, operation, roomType: 'live', returnAll: false };
	return description.properties.filter(
		(property) =>
			!['resource', 'operation', 'options'].includes(property.name) &&
			property.type !== 'notice' &&
			property.noDataExpression !== true &&
			NodeHelpers.displayParameter(values, property, { typeVersion: TOOL_VERSION }, description),
	);
}

/** What an agent's argument becomes in each parameter type. */
const FROM_AI_TYPE: Record<string, string> = {
	string: 'string',
	number: 'number',
	boolean: 'boolean',
	options: 'string',
	resourceLocator: 'string',
	json: 'json',
	collection: 'json',
	fixedCollection: 'json',
};

/** The node as an agent's tool would hold it: resource and operation fixed, every other parameter left to the model. */
function toolNode(resource: string, operation: string): INode {
	const parameters: INode['parameters'] = { resource, operation };
	if (['room', 'member'].includes(resource)) parameters.roomType = 'live';
	for (const property of visibleParameters(resource, operation)) {
		const type = FROM_AI_TYPE[property.type];
		expect({ [property.name]: type }).toEqual({ [property.name]: expect.any(String) });
		const fromAi = `={{ $fromAI(${JSON.stringify(property.name)}, ${JSON.stringify(property.description ?? '')}, '${type}') }}`;
		parameters[property.name] = property.type === 'resourceLocator' ? { __rl: true, mode: 'id', value: fromAi } : fromAi;
	}
	return {
		id: 'tool-node',
		name: 'Tencent Room',
		type: 'n8n-nodes-tencent-room.tencentRoomTool',
		typeVersion: TOOL_VERSION,
		position: [0, 0],
		parameters,
	};
}

describe('Tencent Room as an AI tool', () => {
	it('is usable as a tool (the trigger is not), and leaves the tool description to n8n', () => {
		expect(description.usableAsTool).toBe(true);
		expect(triggerDescription.usableAsTool).toBeUndefined();
		const names = description.properties.map((property) => property.name);
		// n8n adds "Tool Description" (Set Automatically from resource and operation) itself.
		expect(names).toEqual(expect.arrayContaining(['resource', 'operation']));
		expect(names).not.toContain('toolDescription');
		expect(names).not.toContain('descriptionType');
		expect(description.description.length).toBeGreaterThan(40);
	});

	it('describes every resource and every operation (name, action, description)', () => {
		expect(resources().map((option) => option.value)).toEqual(Object.keys(AGENT_PARAMETERS).sort());
		const actions: string[] = [];
		for (const resource of resources()) {
			expect(resource.description?.trim()).toBeTruthy();
			const options = operationOptions(String(resource.value));
			expect(options.map((option) => option.value).sort()).toEqual(Object.keys(AGENT_PARAMETERS[String(resource.value)]).sort());
			for (const option of options) {
				expect(option.action?.trim()).toBeTruthy();
				expect(option.action).toMatch(/^[A-Z][^.]*[a-z]$/);
				expect(option.description?.trim().length).toBeGreaterThan(20);
				actions.push(option.action ?? '');
			}
		}
		expect(new Set(actions).size).toBe(actions.length);
	});

	it('gives each operation the tool description n8n derives from its action', () => {
		for (const [resource, operations] of Object.entries(AGENT_PARAMETERS)) {
			for (const operation of Object.keys(operations)) {
				const action = operationOptions(resource).find((option) => option.value === operation)?.action;
				const derived = NodeHelpers.makeDescription({ resource, operation }, description);
				expect(derived).toBe(`${action} in Tencent Room`);
				const node = { ...toolNode(resource, operation), parameters: { ...toolNode(resource, operation).parameters, descriptionType: 'auto' } };
				expect(NodeHelpers.getToolDescriptionForNode(node, nodeType)).toBe(derived);
				expect(NodeHelpers.makeNodeName({ resource, operation }, description)).toBe(action);
			}
		}
	});

	it('shows an agent exactly the parameters it must fill, each with a description', () => {
		for (const [resource, operations] of Object.entries(AGENT_PARAMETERS)) {
			for (const [operation, expected] of Object.entries(operations)) {
				const visible = visibleParameters(resource, operation);
				expect({ [`${resource}.${operation}`]: visible.map((property) => property.name).sort() }).toEqual({
					[`${resource}.${operation}`]: [...expected].sort(),
				});
				for (const property of visible) {
					expect({ [property.name]: property.description?.trim() ?? '' }).toEqual({ [property.name]: expect.stringMatching(/\w.{15,}/) });
					for (const option of (property.options ?? []).filter(isOption)) {
						expect({ [`${property.name}=${String(option.value)}`]: option.description?.trim() ?? '' }).toEqual({
							[`${property.name}=${String(option.value)}`]: expect.stringMatching(/\w.{10,}/),
						});
					}
				}
			}
		}
		const options = description.properties.find((property) => property.name === 'options');
		for (const option of (options?.options ?? []) as INodeProperties[]) expect(option.description?.trim()).toBeTruthy();
	});

	it('becomes the LangChain tool n8n-core builds: its name, description and $fromAI arguments', () => {
		for (const [resource, operations] of Object.entries(AGENT_PARAMETERS)) {
			for (const [operation, expected] of Object.entries(operations)) {
				const node = toolNode(resource, operation);
				const { response: tool } = createNodeAsTool({ node, nodeType, handleToolInvocation: async () => 'ok' });
				expect(tool.name).toBe('Tencent_Room');
				expect(tool.description).toBe(NodeHelpers.makeDescription({ resource, operation }, description));
				const shape = (tool.schema as unknown as { shape: Record<string, { description?: string }> }).shape;
				expect(Object.keys(shape).sort()).toEqual([...expected].sort());
				for (const key of expected) expect(shape[key].description?.length ?? 0).toBeGreaterThan(15);
			}
		}
	});
});
