/**
 * Drives a trigger's webhook() over real HTTP, through n8n-core's own WebhookContext, the way
 * n8n's webhook server does:
 *
 * 1. activation: HookContext + the node's webhookMethods.default (checkExists, then create
 *    when it answered false); until it succeeds the URL answers 404, as an inactive workflow's.
 * 2. per request: the body is read and parsed as n8n's body parser does (JSON for
 *    application/json, 422 when that fails; a string for text/plain; form fields for
 *    x-www-form-urlencoded; nothing else parsed; the raw bytes always kept as req.rawBody),
 *    then an express-like req/res goes into additionalData.httpRequest/httpResponse, a
 *    WebhookContext is built and the node's webhook() is called.
 * 3. the answer: whatever the node wrote (noWebhookResponse), else n8n's "onReceived" answer.
 * 4. workflowData starts the rest of the workflow through WorkflowExecute (mode 'webhook'),
 *    after the answer is sent, with the trigger on the execution stack holding that data.
 *
 * Not covered (n8n.md "Webhook triggers"): a running n8n answered `"firstEntryJson"` when a node
 * returned webhookResponse with onReceived; the trigger writes its answers itself for that reason.
 */
import * as http from 'http';
import { randomUUID } from 'crypto';
import type { AddressInfo, Socket } from 'net';
import { parse as parseQueryString } from 'querystring';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookData,
	IWebhookDescription,
	IExecuteResponsePromiseData,
	IWebhookResponseData,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import {
	prepareWorkflow,
	runPreparedWorkflow,
	type CredentialStore,
	type PreparedWorkflow,
	type WorkflowDefinition,
	type WorkflowRun,
} from './n8nHarness.cjs';
import { rawRequest } from './rawHttp.cjs';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

export interface WebhookHarnessOptions {
	workflow: WorkflowDefinition;
	credentials: CredentialStore;
	/** The node whose webhook() is called; default the first node with a webhook() method. */
	triggerNode?: string;
	/** 'webhook' (the production URL of an active workflow, default) or 'manual' (a test URL). */
	mode?: Extract<WorkflowExecuteMode, 'webhook' | 'manual'>;
	/**
	 * Default true: the URL answers 404 until activate() succeeded, as n8n registers a
	 * production webhook only for an active workflow. False reaches webhook() regardless.
	 */
	requireActivation?: boolean;
}

/** One workflow execution the trigger started. */
export interface TriggerRun {
	/** The workflowData webhook() returned. */
	workflowData: INodeExecutionData[][];
	/** The execution, started once the HTTP answer was sent. */
	done: Promise<WorkflowRun>;
}

/** One request the harness handled. */
export interface WebhookCall {
	method: string;
	/** The request's query, as parsed for the node. */
	query: Record<string, string | string[]>;
	/** The HTTP answer. */
	status: number;
	responseText: string;
	/** Whether it started a workflow. */
	started: boolean;
	/** What webhook() threw, if it did. */
	error?: Error;
}

export interface HttpAnswer {
	status: number;
	headers: http.IncomingHttpHeaders;
	text: string;
	json: unknown;
}

/** The express Request fields n8n's WebhookContext and nodes read. */
export interface HarnessRequest {
	method: string;
	url: string;
	path: string;
	headers: http.IncomingHttpHeaders;
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	body: unknown;
	rawBody: Buffer;
	contentType: string | undefined;
	encoding: BufferEncoding;
	ip: string | undefined;
}

/** The express Response methods nodes use: status().json(), send, end, headers. */
export class HarnessResponse {
	statusCode = 200;
	/** The body sent, as text. */
	sentText = '';

	constructor(private readonly raw: http.ServerResponse) {}

	get headersSent(): boolean {
		return this.raw.headersSent;
	}

	get writableEnded(): boolean {
		return this.raw.writableEnded;
	}

	status(code: number): this {
		this.statusCode = code;
		return this;
	}

	sendStatus(code: number): this {
		return this.status(code).send(http.STATUS_CODES[code] ?? String(code));
	}

	setHeader(name: string, value: string | number | readonly string[]): this {
		this.raw.setHeader(name, value);
		return this;
	}

	header(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	set(name: string, value: string): this {
		return this.setHeader(name, value);
	}

	getHeader(name: string): ReturnType<http.ServerResponse['getHeader']> {
		return this.raw.getHeader(name);
	}

	json(body: unknown): this {
		if (!this.raw.hasHeader('Content-Type')) this.raw.setHeader('Content-Type', 'application/json; charset=utf-8');
		return this.end(JSON.stringify(body));
	}

	send(body?: unknown): this {
		if (body === undefined || body === null) return this.end();
		if (typeof body === 'string') {
			if (!this.raw.hasHeader('Content-Type')) this.raw.setHeader('Content-Type', 'text/html; charset=utf-8');
			return this.end(body);
		}
		if (Buffer.isBuffer(body)) {
			if (!this.raw.hasHeader('Content-Type')) this.raw.setHeader('Content-Type', 'application/octet-stream');
			return this.end(body);
		}
		return this.json(body);
	}

	end(chunk?: string | Buffer): this {
		if (this.raw.writableEnded) throw new Error('the response was already sent');
		if (chunk !== undefined) this.raw.setHeader('Content-Length', Buffer.byteLength(chunk));
		this.sentText = chunk === undefined ? '' : chunk.toString();
		this.raw.statusCode = this.statusCode;
		this.raw.end(chunk);
		return this;
	}
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) {
				req.destroy(new Error('request body too large'));
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Query parameters as express parses them: a repeated name gives an array. */
function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [name, value] of search) {
		const existing = query[name];
		if (existing === undefined) query[name] = value;
		else query[name] = Array.isArray(existing) ? [...existing, value] : [existing, value];
	}
	return query;
}

class UnprocessableBodyError extends Error {}

/** n8n's parseBody (packages/cli/src/middlewares/body-parser.ts), for the content types it parses. */
function parseBody(rawBody: Buffer, contentType: string | undefined): unknown {
	if (rawBody.length === 0) return {};
	const text = rawBody.toString('utf8');
	if (contentType === 'application/json') {
		try {
			return JSON.parse(text) as unknown;
		} catch (error) {
			throw new UnprocessableBodyError((error as Error).message);
		}
	}
	if (contentType === 'application/x-www-form-urlencoded') return { ...parseQueryString(text) };
	if (contentType === 'text/plain') return text;
	return {};
}

function hasWebhook(type: INodeType): boolean {
	return typeof type.webhook === 'function';
}

export class WebhookHarness {
	/** Every workflow execution started, in order. */
	readonly runs: TriggerRun[] = [];
	/** Every request that reached the trigger's URL. */
	readonly calls: WebhookCall[] = [];

	private prepared: PreparedWorkflow | undefined;
	private triggerNode: INode | undefined;
	private nodeType: INodeType | undefined;
	private description: IWebhookDescription | undefined;
	private server: http.Server | undefined;
	private baseUrl: string | undefined;
	private readonly sockets = new Set<Socket>();
	private active = false;
	private readonly mode: 'webhook' | 'manual';
	readonly webhookId: string;

	constructor(private readonly options: WebhookHarnessOptions) {
		this.mode = options.mode ?? 'webhook';
		const named = options.workflow.nodes.find((node) => node.name === options.triggerNode);
		this.webhookId = named?.webhookId ?? options.workflow.nodes.find((node) => node.webhookId)?.webhookId ?? randomUUID();
	}

	/** n8n's additionalData for one execution, with this harness's address as the instance's URLs. */
	private additionalData(prepared: PreparedWorkflow): IWorkflowExecuteAdditionalData {
		const additionalData = prepared.additionalData(this.mode);
		additionalData.instanceBaseUrl = `${this.baseUrl}/`;
		additionalData.webhookBaseUrl = `${this.baseUrl}/webhook`;
		additionalData.webhookTestBaseUrl = `${this.baseUrl}/webhook-test`;
		return additionalData;
	}

	/** The URL Tencent is configured to call: /webhook/<webhookId>/<path> (or /webhook-test/… in manual mode). */
	get url(): string {
		if (!this.baseUrl || !this.description) throw new Error('the webhook harness is not started');
		const prefix = this.mode === 'manual' ? 'webhook-test' : 'webhook';
		return `${this.baseUrl}/${prefix}/${this.webhookId}/${this.description.path}`;
	}

	get isActive(): boolean {
		return this.active;
	}

	/** Builds the workflow and listens on 127.0.0.1 (ephemeral port). Does not activate. */
	async start(): Promise<string> {
		if (this.server) throw new Error('already started');
		const prepared = await prepareWorkflow(this.options.workflow, this.options.credentials);
		const trigger = prepared.nodes.find((node) =>
			this.options.triggerNode !== undefined
				? node.name === this.options.triggerNode
				: hasWebhook(prepared.nodeTypes.getByNameAndVersion(node.type, node.typeVersion)),
		);
		if (!trigger) throw new Error('the workflow has no webhook node');
		trigger.webhookId = this.webhookId;
		const nodeType = prepared.nodeTypes.getByNameAndVersion(trigger.type, trigger.typeVersion);
		const description = nodeType.description.webhooks?.find((webhook) => webhook.name === 'default');
		if (!hasWebhook(nodeType) || !description) throw new Error(`${trigger.name} has no default webhook`);
		if (typeof description.path !== 'string' || description.path.startsWith('=')) {
			throw new Error('the harness supports static webhook paths only');
		}
		this.prepared = prepared;
		this.triggerNode = trigger;
		this.nodeType = nodeType;
		this.description = description;

		const server = http.createServer((req, res) => {
			this.handle(req, res).catch((error: Error) => {
				if (!res.headersSent && !res.destroyed) res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`harness error: ${error.message}`);
			});
		});
		server.on('connection', (socket: Socket) => {
			this.sockets.add(socket);
			socket.once('close', () => this.sockets.delete(socket));
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.server = server;
		this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return this.url;
	}

	/** Waits for started executions, then closes the server. */
	async stop(): Promise<void> {
		await this.settled().catch(() => undefined);
		const server = this.server;
		if (!server) return;
		this.server = undefined;
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		await closed;
	}

	/**
	 * What n8n does when the workflow is activated (or "Listen for test event" is clicked):
	 * checkExists, then create when it answered false. Rejects with the node's error.
	 */
	async activate(): Promise<void> {
		const exists = await this.runWebhookMethod('checkExists');
		if (!exists) await this.runWebhookMethod('create');
		this.active = true;
	}

	/** What n8n does when the workflow is deactivated. */
	async deactivate(): Promise<void> {
		this.active = false;
		await this.runWebhookMethod('delete');
	}

	/** Resolves when every execution started so far has finished. */
	async settled(): Promise<WorkflowRun[]> {
		return await Promise.all(this.runs.map((run) => run.done));
	}

	/** A raw POST to the trigger's URL: `search` is the query string without '?'. */
	async post(search: string, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}): Promise<HttpAnswer> {
		return await this.request('POST', search, body, headers);
	}

	async request(method: string, search: string, body: string | Buffer = '', headers: http.OutgoingHttpHeaders = {}): Promise<HttpAnswer> {
		const url = search ? `${this.url}?${search}` : this.url;
		return await rawRequest(url, { method, body, headers });
	}


	private started(): { prepared: PreparedWorkflow; trigger: INode; nodeType: INodeType; description: IWebhookDescription } {
		if (!this.prepared || !this.triggerNode || !this.nodeType || !this.description) throw new Error('the webhook harness is not started');
		return { prepared: this.prepared, trigger: this.triggerNode, nodeType: this.nodeType, description: this.description };
	}

	private webhookData(additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		const { trigger, description, prepared } = this.started();
		return {
			httpMethod: description.httpMethod as IWebhookData['httpMethod'],
			node: trigger.name,
			path: description.path,
			webhookDescription: description,
			workflowId: prepared.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.webhookId,
			isTest: this.mode === 'manual',
		};
	}

	private async runWebhookMethod(method: 'checkExists' | 'create' | 'delete'): Promise<boolean> {
		const { prepared, trigger, nodeType } = this.started();
		const fn = nodeType.webhookMethods?.default?.[method];
		if (!fn) throw new Error(`${trigger.name} has no webhookMethods.default.${method}`);
		const additionalData = this.additionalData(prepared);
		const context = new HookContext(
			prepared.workflow,
			trigger,
			additionalData,
			this.mode,
			this.mode === 'manual' ? 'manual' : 'activate',
			this.webhookData(additionalData),
		);
		return await fn.call(context);
	}

	private async handle(rawReq: http.IncomingMessage, rawRes: http.ServerResponse): Promise<void> {
		const { description } = this.started();
		const target = new URL(rawReq.url ?? '/', 'http://127.0.0.1');
		const expectedPath = new URL(this.url).pathname;
		const method = rawReq.method ?? 'GET';
		const rawBody = await readBody(rawReq);
		const res = new HarnessResponse(rawRes);

		if (target.pathname !== expectedPath || method !== description.httpMethod || (this.options.requireActivation !== false && !this.active)) {
			// n8n's answer for a webhook that is not registered (inactive workflow, wrong method or path).
			res.status(404).json({ code: 404, message: `The requested webhook "${method} ${target.pathname}" is not registered.` });
			return;
		}

		const query = parseQuery(target.searchParams);
		const call: WebhookCall = { method, query, status: 0, responseText: '', started: false };
		this.calls.push(call);
		try {
			await this.answer(rawReq, rawBody, target, query, res, call);
		} finally {
			call.status = res.statusCode;
			call.responseText = res.sentText;
		}
	}

	private async answer(
		rawReq: http.IncomingMessage,
		rawBody: Buffer,
		target: URL,
		query: Record<string, string | string[]>,
		res: HarnessResponse,
		call: WebhookCall,
	): Promise<void> {
		const { prepared, trigger, nodeType } = this.started();
		const method = call.method;
		const contentTypeHeader = rawReq.headers['content-type'];
		const contentType = contentTypeHeader?.split(';')[0].trim().toLowerCase();
		let body: unknown;
		try {
			body = parseBody(rawBody, contentType);
		} catch (error) {
			// n8n answers this itself; the node never sees the request.
			res.status(422).json({ code: 422, message: 'Failed to parse request body', hint: (error as Error).message });
			return;
		}

		const req: HarnessRequest = {
			method,
			url: `${target.pathname}${target.search}`,
			path: target.pathname,
			headers: rawReq.headers,
			query,
			params: {},
			body,
			rawBody,
			contentType,
			encoding: 'utf-8',
			ip: rawReq.socket.remoteAddress,
		};
		const additionalData = this.additionalData(prepared);
		additionalData.httpRequest = req as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
		additionalData.httpResponse = res as unknown as IWorkflowExecuteAdditionalData['httpResponse'];
		const context = new WebhookContext(prepared.workflow, trigger, additionalData, this.mode, this.webhookData(additionalData), [], null);

		let result: IWebhookResponseData;
		try {
			result = await nodeType.webhook!.call(context);
		} catch (error) {
			call.error = error as Error;
			if (!res.headersSent) res.status(500).json({ code: 0, message: (error as Error).message });
			return;
		}

		// With "responseNode", n8n leaves the answer to a Respond to Webhook node of the workflow;
		// with "lastNode", to the first item of the last node that ran.
		const responseMode = prepared.workflow.expression.getSimpleParameterValue(trigger, this.started().description.responseMode, this.mode, {}, undefined, 'onReceived');
		const answeredLater = (responseMode === 'responseNode' || responseMode === 'lastNode') && !result.noWebhookResponse && result.workflowData !== undefined;
		const responseNode = answeredLater && responseMode === 'responseNode';
		if (!answeredLater) {
			if (!result.noWebhookResponse && !res.writableEnded) {
				// n8n's "onReceived" answer when the node did not write one itself.
				if (result.webhookResponse !== undefined) res.status(200).send(result.webhookResponse);
				else res.status(200).json({ message: 'Workflow was started' });
			}
			if (!res.writableEnded) res.status(500).json({ code: 0, message: 'the node returned noWebhookResponse without answering' });
		}

		if (result.workflowData) {
			call.started = true;
			const workflowData = result.workflowData;
			const onResponse = (response: IExecuteResponsePromiseData) => {
				// Later answers find the response already sent, as in n8n.
				if (!res.headersSent) res.status(Number(response.statusCode ?? 200)).json(response.body);
			};
			const done = runPreparedWorkflow(prepared, { mode: this.mode, startNode: trigger.name, inputData: workflowData, onResponse: responseNode ? onResponse : undefined });
			// n8n answers an empty 200 when the workflow ends without a Respond to Webhook answer.
			if (responseNode) void done.then(() => !res.headersSent && res.status(200).send(''), () => !res.headersSent && res.status(500).json({ message: 'Error in workflow' }));
			if (answeredLater && !responseNode) {
				void done.then(
					(finished) => {
						if (res.headersSent) return;
						if (finished.error) return res.status(500).json({ message: 'Error in workflow' });
						const lastNode = finished.run.data.resultData.lastNodeExecuted;
						const firstItem = lastNode === undefined ? undefined : finished.itemsOf(lastNode).find((items) => items.length > 0)?.[0];
						if (!firstItem) return res.status(500).json({ message: 'No item to return was found' });
						return res.status(200).json(firstItem.json);
					},
					() => !res.headersSent && res.status(500).json({ message: 'Error in workflow' }),
				);
			}
			// Tests read failures from the run; keep an unobserved rejection from crashing jest.
			done.catch(() => undefined);
			this.runs.push({ workflowData, done });
		}
	}
}
