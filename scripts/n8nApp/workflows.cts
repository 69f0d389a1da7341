/**
 * What gets imported into the real n8n: the emulator's credential, and copies of the example
 * workflows rewritten for a custom-folder install (node types `CUSTOM.<name>`, the imported
 * credential's id, a fixed workflow id, a Manual Trigger where a schedule starts the workflow).
 * examples/ itself is never changed.
 */
import { createHash } from 'crypto';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'fs';
import { join } from 'path';

import { PACKAGE_NAME } from './extension.cjs';

export const CREDENTIAL_ID = 'TencentRoomDemo1';
export const CREDENTIAL_NAME = 'Tencent Room API (local emulator)';
export const CUSTOM_ACTION_TYPE = 'CUSTOM.tencentRoom';
export const CUSTOM_TRIGGER_TYPE = 'CUSTOM.tencentRoomTrigger';
export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';
const SCHEDULE_TRIGGER_TYPE = 'n8n-nodes-base.scheduleTrigger';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	webhookId?: string;
	onError?: string;
	executeOnce?: boolean;
	notes?: string;
}

export type Connections = Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;

export interface WorkflowFile {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Connections;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface EmulatorCredentialData {
	sdkAppId: number;
	identifier: string;
	secretKey: string;
	baseUrl: string;
	callbackToken?: string;
	/** "n8n Processes Sharing the Limit": the number of queue mode workers. */
	sharingProcesses?: number;
}

/** n8n's credentials export format; `data` in plain text is encrypted by import:credentials. */
export function credentialExport(data: EmulatorCredentialData): unknown[] {
	return [
		{
			id: CREDENTIAL_ID,
			name: CREDENTIAL_NAME,
			type: 'tencentRoomApi',
			data: { region: 'custom', maxRequestsPerSecond: 200, ...data },
		},
	];
}

/** A stable n8n workflow id (16 letters and digits) for an example file. */
export function workflowIdFor(file: string): string {
	const digest = createHash('sha256').update(file).digest('base64').replace(/[^A-Za-z0-9]/g, '');
	return `TRoom${digest.slice(0, 11)}`;
}

function customType(type: string): string {
	return type.startsWith(`${PACKAGE_NAME}.`) ? `CUSTOM.${type.slice(PACKAGE_NAME.length + 1)}` : type;
}

/** A copy of an exported workflow, ready for `n8n import:workflow` with this package in a custom folder. */
export function importableCopy(workflow: WorkflowFile, id: string): WorkflowFile {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowFile;
	copy.id = id;
	copy.active = false;
	for (const node of copy.nodes) {
		node.type = customType(node.type);
		if (node.credentials?.tencentRoomApi) node.credentials.tencentRoomApi = { id: CREDENTIAL_ID, name: CREDENTIAL_NAME };
	}
	const hasManualStart = copy.nodes.some((node) => node.type === MANUAL_TRIGGER_TYPE);
	const schedule = copy.nodes.find((node) => node.type === SCHEDULE_TRIGGER_TYPE);
	if (!hasManualStart && schedule) addManualTriggerBeside(copy, schedule);
	return copy;
}

/**
 * `n8n execute` (and the editor's "Execute workflow") start at the first Manual Trigger among the
 * nodes: adds one, first, beside `schedule` and wired to the same nodes.
 */
function addManualTriggerBeside(workflow: WorkflowFile, schedule: WorkflowNode): void {
	const name = 'Run now (added on import)';
	workflow.nodes.unshift({
		id: '00000000-0000-4000-8000-000000000001',
		name,
		type: MANUAL_TRIGGER_TYPE,
		typeVersion: 1,
		position: [schedule.position[0], schedule.position[1] + 200],
		parameters: {},
	});
	workflow.connections[name] = JSON.parse(JSON.stringify(workflow.connections[schedule.name] ?? { main: [[]] })) as Connections[string];
}

/**
 * A second importable copy of a workflow that has both a Manual Trigger and a Schedule Trigger,
 * for running its scheduled branch now: the same nodes, plus a Manual Trigger first, wired like
 * the Schedule Trigger named `scheduleName`, so `n8n execute` starts there instead.
 */
export function scheduleBranchCopy(example: ExampleWorkflow, scheduleName: string): ExampleWorkflow {
	const id = workflowIdFor(`${example.file}#${scheduleName}`);
	const copy = JSON.parse(JSON.stringify(example.workflow)) as WorkflowFile;
	copy.id = id;
	copy.name = `${copy.name} (${scheduleName}, run now)`;
	const schedule = copy.nodes.find((node) => node.name === scheduleName && node.type === SCHEDULE_TRIGGER_TYPE);
	if (!schedule) throw new Error(`${example.file} has no Schedule Trigger named "${scheduleName}"`);
	addManualTriggerBeside(copy, schedule);
	return { file: example.file, id, workflow: copy };
}

export interface ExampleWorkflow {
	file: string;
	id: string;
	workflow: WorkflowFile;
}

/** Every examples/*.json, as importable copies. */
export function loadExamples(examplesDir: string): ExampleWorkflow[] {
	return readdirSync(examplesDir)
		.filter((file) => file.endsWith('.json'))
		.sort()
		.map((file) => {
			const id = workflowIdFor(file);
			const original = JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as WorkflowFile;
			return { file, id, workflow: importableCopy(original, id) };
		});
}

/** Writes the credential and workflows as files for `import:credentials` / `import:workflow --separate`. */
export function writeImportFiles(
	folder: string,
	credential: EmulatorCredentialData,
	workflows: Array<{ id: string; workflow: WorkflowFile }>,
): { credentialFile: string; workflowDir: string } {
	const workflowDir = join(folder, 'workflows');
	mkdirSync(workflowDir, { recursive: true });
	const credentialFile = join(folder, 'credentials.json');
	writeFileSync(credentialFile, JSON.stringify(credentialExport(credential), null, 2));
	for (const { id, workflow } of workflows) writeFileSync(join(workflowDir, `${id}.json`), JSON.stringify(workflow, null, 2));
	return { credentialFile, workflowDir };
}

/** A chain Manual Trigger → node → node …, each Tencent Room node run once (Execute Once). */
export function chainWorkflow(id: string, name: string, steps: Array<{ name: string; parameters: Record<string, unknown>; onError?: string }>): WorkflowFile {
	const nodes: WorkflowNode[] = [
		{ id: randomId(id, 'start'), name: 'Start', type: MANUAL_TRIGGER_TYPE, typeVersion: 1, position: [0, 0], parameters: {} },
	];
	const connections: Connections = {};
	let previous = 'Start';
	steps.forEach((step, index) => {
		nodes.push({
			id: randomId(id, step.name),
			name: step.name,
			type: CUSTOM_ACTION_TYPE,
			typeVersion: 1,
			position: [220 * (index + 1), 0],
			parameters: step.parameters,
			credentials: { tencentRoomApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } },
			executeOnce: true,
			...(step.onError ? { onError: step.onError } : {}),
		});
		connections[previous] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		previous = step.name;
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** A UUID-shaped id derived from a name, so generated workflows are the same on every run. */
function randomId(...parts: string[]): string {
	const hex = createHash('sha256').update(parts.join('/')).digest('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** One node of a linearWorkflow: any node type, run in the order given. */
export interface LinearStep {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	/** Sets this package's imported credential on the node. */
	tencentCredential?: boolean;
	webhookId?: string;
}

/**
 * A chain of nodes, each feeding the next (the first one starts the workflow), with ids and
 * webhook ids derived from the workflow id and node names, so they are the same on every run.
 */
export function linearWorkflow(id: string, name: string, steps: LinearStep[]): WorkflowFile {
	const connections: Connections = {};
	const nodes = steps.map((step, index): WorkflowNode => {
		if (index > 0) connections[steps[index - 1].name] = { main: [[{ node: step.name, type: 'main', index: 0 }]] };
		return {
			id: randomId(id, step.name),
			name: step.name,
			type: step.type,
			typeVersion: step.typeVersion,
			position: [220 * index, 0],
			parameters: step.parameters,
			...(step.tencentCredential ? { credentials: { tencentRoomApi: { id: CREDENTIAL_ID, name: CREDENTIAL_NAME } } } : {}),
			...(step.webhookId ? { webhookId: step.webhookId } : {}),
		};
	});
	return { id, name, nodes, connections, settings: { executionOrder: 'v1' }, active: false };
}

/** A UUID-shaped webhook id for a node of a generated workflow, the same on every run. */
export function stableWebhookId(workflowId: string, nodeName: string): string {
	return randomId(workflowId, nodeName, 'webhook');
}
