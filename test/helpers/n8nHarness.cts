import { randomUUID } from 'crypto';
import { ExecutionLifecycleHooks, LoadOptionsContext, PackageDirectoryLoader, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	NodeConnectionTypes,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentials,
	type ICredentialType,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteResponsePromiseData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
	type IConnections,
	type IVersionedNodeType,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { BASE_NODE_STAND_INS } from './baseNodes.cjs';
import { PACKAGE_NAME, packageRoot } from './packageRoot.cjs';

export { PACKAGE_NAME, packageRoot };

/**
 * Runs real workflows through n8n-core's WorkflowExecute, with the package loaded from its
 * built dist exactly as n8n loads it (PackageDirectoryLoader reads package.json "n8n").
 * Credentials are resolved by a small ICredentialsHelper that calls the credential's own
 * authenticate(), so every request is signed the way it is in n8n.
 */

export const ACTION_NODE_TYPE = `${PACKAGE_NAME}.tencentRoom`;
export const TRIGGER_NODE_TYPE = `${PACKAGE_NAME}.tencentRoomTrigger`;
/** A harness-only source node: emits the items given in its `items` parameter. */
export const ITEMS_NODE_TYPE = 'harness.items';

class ItemsSourceNode implements INodeType {
	description = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits the items given to it',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[]' }] as INodeProperties[],
	} as INodeType['description'];

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = (typeof raw === 'string' ? JSON.parse(raw) : raw) as IDataObject[];
		return [items.map((json, index) => ({ json, pairedItem: { item: index } }))];
	}
}

let loaderPromise: Promise<PackageDirectoryLoader> | undefined;

export function loadPackage(): Promise<PackageDirectoryLoader> {
	loaderPromise ??= (async () => {
		const loader = new PackageDirectoryLoader(packageRoot());
		await loader.loadAll();
		return loader;
	})();
	return loaderPromise;
}

/** Node types beyond the package: the harness source node, the stand-ins, and what callers register. */
const extraNodeTypes = new Map<string, INodeType | IVersionedNodeType>([
	[ITEMS_NODE_TYPE, new ItemsSourceNode()],
	...Object.entries(BASE_NODE_STAND_INS),
]);

/** Makes another node type available to workflows (the benchmark adds n8n's real HTTP Request node). */
export function registerNodeType(type: string, node: INodeType | IVersionedNodeType): void {
	extraNodeTypes.set(type, node);
}

class HarnessNodeTypes implements INodeTypes {
	private readonly extra = extraNodeTypes;

	constructor(private readonly loader: PackageDirectoryLoader) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const extra = this.extra.get(nodeType);
		if (extra) return extra;
		const name = nodeType.startsWith(`${PACKAGE_NAME}.`) ? nodeType.slice(PACKAGE_NAME.length + 1) : nodeType;
		return this.loader.getNode(name).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		const type = this.getByName(nodeType);
		if ('nodeVersions' in type) return type.getNodeType(version);
		return type;
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

/** Credentials by type name; what n8n would decrypt from its database. */
export type CredentialStore = Record<string, ICredentialDataDecryptedObject>;

class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly store: CredentialStore,
	) {
		super();
	}

	private credentialType(name: string): ICredentialType {
		return this.loader.getCredential(name).type;
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const authenticate = this.credentialType(typeName).authenticate;
		if (typeof authenticate !== 'function') throw new Error(`${typeName} has no authenticate function`);
		return await authenticate(credentials, requestOptions);
	}

	async preAuthentication(
		_helpers: IHttpRequestHelper,
		_credentials: ICredentialDataDecryptedObject,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the harness');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store[type];
		if (!data) throw new Error(`No credential of type ${type} in the harness store`);
		// Defaults first, as n8n fills unset fields from the credential's properties.
		const defaults: ICredentialDataDecryptedObject = {};
		for (const property of this.credentialType(type).properties) {
			defaults[property.name] = property.default as ICredentialDataDecryptedObject[string];
		}
		return { ...defaults, ...data };
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialType(type).properties;
	}
}

export interface HarnessNode {
	name: string;
	type: string;
	typeVersion?: number;
	parameters?: INode['parameters'];
	/** n8n's "On Error" setting. */
	onError?: INode['onError'];
	credentials?: INode['credentials'];
	retryOnFail?: boolean;
	/** n8n's webhook ID of a trigger node: the production URL is /webhook/<webhookId>/<path>. */
	webhookId?: string;
}

export interface WorkflowDefinition {
	nodes: HarnessNode[];
	/** [from, to] (main output 0 → input 0) or [from, to, output index], or full n8n connections. */
	connections: Array<[string, string] | [string, string, number]> | IConnections;
}

export interface WorkflowRun {
	run: IRun;
	/** The json of every item on each main output of the node, by output index. */
	outputOf(nodeName: string): IDataObject[][];
	itemsOf(nodeName: string): INodeExecutionData[][];
	/** The error the run ended with, if any. */
	error: IRun['data']['resultData']['error'];
}

function toConnections(connections: WorkflowDefinition['connections']): IConnections {
	if (!Array.isArray(connections)) return connections;
	const result: IConnections = {};
	for (const [from, to, output = 0] of connections) {
		result[from] ??= { main: [] };
		const outputs = result[from].main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output]!.push({ node: to, type: NodeConnectionTypes.Main, index: 0 });
	}
	return result;
}

/** A workflow built once, ready for any number of executions (the webhook harness starts one per callback). */
export interface PreparedWorkflow {
	workflow: Workflow;
	nodes: INode[];
	nodeTypes: INodeTypes;
	/** additionalData for one execution (its own execution id and lifecycle hooks), as n8n builds per run. */
	additionalData(mode?: WorkflowExecuteMode): IWorkflowExecuteAdditionalData;
}

export async function prepareWorkflow(definition: WorkflowDefinition, credentials: CredentialStore): Promise<PreparedWorkflow> {
	const loader = await loadPackage();
	const nodeTypes = new HarnessNodeTypes(loader);
	const nodes: INode[] = definition.nodes.map((node, index) => ({
		id: randomUUID(),
		name: node.name,
		type: node.type,
		typeVersion: node.typeVersion ?? 1,
		position: [index * 220, 0],
		parameters: node.parameters ?? {},
		onError: node.onError,
		retryOnFail: node.retryOnFail,
		webhookId: node.webhookId,
		credentials:
			node.credentials ??
			(node.type === ACTION_NODE_TYPE || node.type === TRIGGER_NODE_TYPE
				? { tencentRoomApi: { id: 'cred-1', name: 'Tencent Room API' } }
				: undefined),
	}));
	const connections = toConnections(definition.connections);
	const workflow = new Workflow({
		id: 'wf-test',
		name: 'test workflow',
		nodes,
		connections,
		active: false,
		nodeTypes,
		settings: { executionOrder: 'v1' },
	});
	const credentialsHelper = new HarnessCredentialsHelper(loader, credentials);
	const additionalData = (mode: WorkflowExecuteMode = 'manual'): IWorkflowExecuteAdditionalData => {
		const executionId = randomUUID();
		const hooks = new ExecutionLifecycleHooks(mode, executionId, {
			id: 'wf-test',
			name: 'test workflow',
			nodes,
			connections,
			active: false,
			settings: { executionOrder: 'v1' },
			createdAt: new Date(),
			updatedAt: new Date(),
			isArchived: false,
			activeVersionId: null,
		} as unknown as ConstructorParameters<typeof ExecutionLifecycleHooks>[2]);
		return {
			credentialsHelper,
			hooks,
			executionId,
			currentNodeExecutionIndex: 0,
			restApiUrl: 'http://127.0.0.1:5678/rest',
			instanceBaseUrl: 'http://127.0.0.1:5678/',
			webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
			webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
			webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
			formBaseUrl: 'http://127.0.0.1:5678/form',
			formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
			formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
			mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
			mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
			variables: {},
			executeWorkflow: async () => {
				throw new Error('sub-workflows are not used here');
			},
			getRunExecutionData: async () => undefined,
			getRuntimeCredential: async () => undefined,
			logAiEvent: () => {},
			startRunnerTask: async () => {
				throw new Error('task runners are not used here');
			},
		} as unknown as IWorkflowExecuteAdditionalData;
	};
	return { workflow, nodes, nodeTypes, additionalData };
}

export interface RunOptions {
	/** Default 'manual'; the webhook harness runs in 'webhook' mode, as n8n does for production webhooks. */
	mode?: WorkflowExecuteMode;
	/** The node to start from; default the first node without inputs. */
	startNode?: string;
	/**
	 * The start node's data, e.g. the workflowData a trigger's webhook() returned. n8n puts it on
	 * the execution stack with the trigger, which passes it on as its output.
	 */
	inputData?: INodeExecutionData[][];
	/** What a Respond to Webhook node sends (n8n's sendResponse hook). */
	onResponse?: (response: IExecuteResponsePromiseData) => void;
}

export async function runPreparedWorkflow(prepared: PreparedWorkflow, options: RunOptions = {}): Promise<WorkflowRun> {
	const { workflow, nodes, nodeTypes } = prepared;
	const mode = options.mode ?? 'manual';
	const startNode = nodes.find((node) => {
		if (options.startNode !== undefined) return node.name === options.startNode;
		const type = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
		return type.description.inputs.length === 0;
	});
	if (options.startNode !== undefined && !startNode) throw new Error(`no node named ${options.startNode}`);
	const triggerToStartFrom =
		startNode && options.inputData
			? {
					name: startNode.name,
					data: {
						startTime: Date.now(),
						executionTime: 0,
						executionIndex: 0,
						source: [],
						data: { main: options.inputData },
					},
				}
			: undefined;
	const additionalData = prepared.additionalData(mode);
	if (options.onResponse) {
		const onResponse = options.onResponse;
		additionalData.hooks?.addHandler('sendResponse', (response) => onResponse(response));
	}
	const run = await new WorkflowExecute(additionalData, mode).run({ workflow, startNode, triggerToStartFrom });
	const itemsOf = (nodeName: string): INodeExecutionData[][] => {
		const taskData = run.data.resultData.runData[nodeName];
		if (!taskData?.length) return [];
		return (taskData[0].data?.main ?? []).map((items) => items ?? []);
	};
	return {
		run,
		itemsOf,
		outputOf: (nodeName) => itemsOf(nodeName).map((items) => items.map((item) => item.json)),
		error: run.data.resultData.error,
	};
}

export async function runWorkflow(definition: WorkflowDefinition, credentials: CredentialStore): Promise<WorkflowRun> {
	return await runPreparedWorkflow(await prepareWorkflow(definition, credentials));
}

/** Runs a workflow from `startNode` with `inputData` as that node's data (what n8n does after a trigger fired). */
export async function runWorkflowFrom(
	definition: WorkflowDefinition,
	credentials: CredentialStore,
	startNode: string,
	inputData: INodeExecutionData[][],
	mode: WorkflowExecuteMode = 'webhook',
): Promise<WorkflowRun> {
	return await runPreparedWorkflow(await prepareWorkflow(definition, credentials), { startNode, inputData, mode });
}

/** An n8n workflow export (what examples/*.json hold). */
export interface WorkflowJson {
	nodes: Array<HarnessNode & { parameters: INode['parameters'] }>;
	connections: IConnections;
}

/** Runs an exported workflow as n8n would: every Tencent credential resolves to `credentials`. */
export async function runWorkflowJson(json: WorkflowJson, credentials: CredentialStore): Promise<WorkflowRun> {
	return await runWorkflow(workflowJsonToDefinition(json), credentials);
}

/** An exported workflow as a harness definition, node ids and positions dropped, webhook IDs kept. */
export function workflowJsonToDefinition(json: WorkflowJson): WorkflowDefinition {
	return {
		nodes: json.nodes.map(({ name, type, typeVersion, parameters, onError, credentials, retryOnFail, webhookId }) => ({
			name,
			type,
			typeVersion,
			parameters,
			onError,
			credentials,
			retryOnFail,
			webhookId,
		})),
		connections: json.connections,
	};
}

/** A two-node workflow: the given items into one Tencent Room node. */
export function tencentRoomWorkflow(
	parameters: INode['parameters'],
	items: IDataObject[] = [{}],
	options: Partial<HarnessNode> = {},
): WorkflowDefinition {
	return {
		nodes: [
			{ name: 'Items', type: ITEMS_NODE_TYPE, parameters: { items: JSON.stringify(items) } },
			// The node's current version unless a test asks for another (0.1 workflows are version 1).
			{ name: 'Tencent Room', type: ACTION_NODE_TYPE, typeVersion: 1.1, parameters, ...options },
		],
		connections: [['Items', 'Tencent Room']],
	};
}

/**
 * Calls one of the node's listSearch methods (a resource locator's "From List") as n8n's editor
 * does: with n8n-core's LoadOptionsContext for the node, so requests go through the credential.
 */
export async function searchList(
	node: HarnessNode,
	parameterPath: string,
	methodName: string,
	credentials: CredentialStore,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const prepared = await prepareWorkflow({ nodes: [node], connections: [] }, credentials);
	const [workflowNode] = prepared.nodes;
	const type = prepared.nodeTypes.getByNameAndVersion(workflowNode.type, workflowNode.typeVersion);
	const method = type.methods?.listSearch?.[methodName];
	if (!method) throw new Error(`${workflowNode.type} has no listSearch method ${methodName}`);
	const context = new LoadOptionsContext(prepared.workflow, workflowNode, prepared.additionalData(), parameterPath);
	return await method.call(context, filter, paginationToken);
}
