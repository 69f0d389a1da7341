import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { createHash } from 'crypto';
import { NodeConnectionTypes, NodeOperationError, sleep } from 'n8n-workflow';

import { CALLBACK_COMMANDS, canonicalCommand, isBeforeCallback } from '../shared/callbackCommands';
import {
	CALLBACK_REJECTION_REASONS,
	DEFAULT_MAX_CLOCK_SKEW_SECONDS,
	MAX_CLOCK_SKEW_SECONDS_LIMIT,
	readQueryParameter,
	verifyCallback,
	type CallbackQuery,
} from '../shared/callbackSignature';
import { InvalidCredentialSettingError, parseCredentialSettings } from '../shared/credentialSettings';
import { ReplayGuard } from '../shared/replayGuard';
import { InvalidParameterError, requireWholeNumber } from '../shared/validation';
import { isRegistered, register, unregister } from './registration';

/**
 * Receives Tencent's callbacks (Chat, Room Engine, TUILiveKit). Every request is checked
 * before anything else: Sign and RequestTime against the credential's Callback Token, and
 * SdkAppid against its SDKAppID. The node writes every answer itself (n8n's own
 * "onReceived" answer is not Tencent's format), except a "Before" callback the workflow
 * decides, and starts the workflow only for a verified callback of a selected event that it
 * has not accepted before.
 */

const CREDENTIAL_TYPE = 'tencentRoomApi';

/** What Tencent expects within 2 s; for "Before" callbacks ErrorCode 0 also means "allow". */
const ACKNOWLEDGED = { ActionStatus: 'OK', ErrorInfo: '', ErrorCode: 0 };
/** One answer for every verification failure: it tells a prober nothing and echoes nothing. */
const REJECTED = { ActionStatus: 'FAIL', ErrorCode: 401, ErrorInfo: 'callback rejected' };
const BAD_BODY = { ActionStatus: 'FAIL', ErrorCode: 400, ErrorInfo: 'callback body must be a JSON object' };
/** A "Before" callback the workflow did not answer in time: let it through rather than hold the chat up. */
const ALLOWED_BY_DEFAULT = { ActionStatus: 'OK', ErrorInfo: 'allowed: the workflow did not answer in time', ErrorCode: 0 };

interface TriggerSettings {
	sdkAppId: number;
	/** Empty when the credential has none. */
	token: string;
	allowUnsigned: boolean;
	maxClockSkewSeconds: number;
}

type SettingsContext = Pick<IHookFunctions, 'getCredentials' | 'getNodeParameter' | 'getNode'>;

type SettingsResult = { ok: true; settings: TriggerSettings } | { ok: false; problem: string; message: string };

/** The credential read exactly as the action node reads it, and the node's options checked. */
async function readSettings(context: SettingsContext): Promise<SettingsResult> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const options = context.getNodeParameter('options', {}) as IDataObject;
	try {
		const credential = parseCredentialSettings(credentials);
		return {
			ok: true,
			settings: {
				sdkAppId: credential.sdkAppId,
				token: credential.callbackToken,
				allowUnsigned: options.allowUnsigned === true,
				maxClockSkewSeconds: requireWholeNumber(
					options.maxClockSkewSeconds ?? DEFAULT_MAX_CLOCK_SKEW_SECONDS,
					'Max Clock Skew (Seconds)',
					1,
					MAX_CLOCK_SKEW_SECONDS_LIMIT,
					'seconds',
				),
			},
		};
	} catch (error) {
		if (error instanceof InvalidCredentialSettingError) {
			return { ok: false, problem: `Credential field "${error.field}" is invalid`, message: error.message };
		}
		const option = error instanceof InvalidParameterError ? error.field : 'Options';
		return { ok: false, problem: `Option "${option}" is invalid`, message: (error as Error).message };
	}
}

/** Refuses to activate (or listen for a test event) with settings that cannot be verified. */
async function assertActivatable(context: IHookFunctions): Promise<void> {
	const result = await readSettings(context);
	if (!result.ok) throw new NodeOperationError(context.getNode(), result.problem, { description: result.message });
	if (!result.settings.token && !result.settings.allowUnsigned) {
		throw new NodeOperationError(
			context.getNode(),
			'Set a Callback Token in the credential before activating the Tencent Room Trigger',
			{
				description:
					'Without a token anyone who learns the webhook URL could start this workflow. Enable callback authentication in the Chat console (Callback configuration) or with live_config/set_callback_token, and copy the token into the credential\'s Callback Token. To accept unsigned callbacks anyway, turn on "Allow Unsigned Callbacks" in the node\'s options.',
			},
		);
	}
}

interface RawBodyRequest {
	rawBody?: unknown;
}

function parseJsonObject(text: string): IDataObject | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
	return Object.keys(value).length > 0 ? (value as IDataObject) : undefined;
}

/**
 * The callback's JSON object (undefined when the body is empty, not JSON, or not an object) and
 * its text as received. The raw bytes are read when n8n kept them, so only JSON counts whatever
 * the Content-Type (n8n would otherwise turn a form-encoded body into an object).
 */
function readCallbackBody(parsedBody: unknown, rawBody: unknown): { body: IDataObject | undefined; text: string } {
	if (typeof rawBody === 'string' || rawBody instanceof Uint8Array) {
		const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
		return { body: parseJsonObject(text), text };
	}
	if (typeof parsedBody === 'string') return { body: parseJsonObject(parsedBody), text: parsedBody };
	if (parsedBody !== null && typeof parsedBody === 'object' && !Array.isArray(parsedBody)) {
		return { body: Object.keys(parsedBody).length > 0 ? (parsedBody as IDataObject) : undefined, text: JSON.stringify(parsedBody) };
	}
	return { body: undefined, text: '' };
}

/** The body's CallbackCommand first, then the query's (spelled CallbackCommand or WebhookCommand). */
function callbackCommandOf(body: IDataObject, query: CallbackQuery): string {
	if (typeof body.CallbackCommand === 'string' && body.CallbackCommand !== '') return body.CallbackCommand;
	return readQueryParameter(query, 'CallbackCommand', 'WebhookCommand') ?? '';
}

/** How long a workflow may take to answer a "Before" callback: Tencent waits 2 s, the rest is the way back. */
const BEFORE_ANSWER_DEADLINE_MS = 1500;
/** Accepted callbacks remembered per trigger, against replays. */
const MAX_REMEMBERED_CALLBACKS = 20_000;

/** One replay memory per workflow and trigger node, in this n8n process. */
const replayGuards = new Map<string, ReplayGuard>();

function replayGuardFor(context: IWebhookFunctions): ReplayGuard {
	const scope = `${context.getWorkflow().id ?? ''}|${context.getNode().id}`;
	let guard = replayGuards.get(scope);
	if (!guard) {
		guard = new ReplayGuard({ maxEntries: MAX_REMEMBERED_CALLBACKS, now: () => Date.now() });
		replayGuards.set(scope, guard);
	}
	return guard;
}

/** What identifies one callback: Sign and RequestTime (all Tencent signs) and the body. */
function callbackKey(query: CallbackQuery, bodyText: string): string {
	const sign = readQueryParameter(query, 'Sign') ?? '';
	const requestTime = readQueryParameter(query, 'RequestTime') ?? '';
	return createHash('sha256').update(`${sign}\n${requestTime}\n${bodyText}`).digest('hex');
}

export class TencentRoomTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Tencent Room Trigger',
		name: 'tencentRoomTrigger',
		group: ['trigger'],
		version: 1,
		icon: { light: 'file:tencentRoomTrigger.svg', dark: 'file:tencentRoomTrigger.dark.svg' },
		subtitle: '={{ ($parameter["events"] || []).length ? $parameter["events"].join(", ") : "All events" }}',
		description:
			'Starts the workflow on a verified Tencent Cloud callback: a room, seat, member or chat event (TRTC, TUILiveKit, TUIRoomKit). Its actions moderate rooms, seats, members and messages.',
		defaults: { name: 'Tencent Room Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL_TYPE, required: true }],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// When the workflow decides a "Before" callback, its last node's first item is the answer.
				// Not a Respond to Webhook node: from version 1.1 it runs only after n8n's own triggers.
				responseMode: '={{ $parameter["options"]["beforeCallbacks"] === "workflowDecides" ? "lastNode" : "onReceived" }}',
				responseData: 'firstEntryJson',
				path: 'tencent-room',
			},
		],
		properties: [
			{
				displayName:
					'Point Tencent here with Register Callback (live rooms and seats) or by pasting the Production URL into the Chat console (Callback configuration). Every callback is verified and answered at once, and a repeat starts nothing. <a href="https://github.com/n8n-nodes-tencent-room/n8n-nodes-tencent-room/blob/main/docs/trigger.md" target="_blank">Set-up, events and outputs</a>',
				name: 'notice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Register Callback',
				name: 'registerCallback',
				type: 'boolean',
				default: false,
				description:
					"Whether activating the workflow points the app's live callback configuration (live_config) at this trigger for the selected Live and Seats events, and deactivating puts back what was there",
				hint: 'Tencent keeps one live callback configuration per app: while this workflow is active, Tencent calls only this URL for live events.',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				default: [],
				options: CALLBACK_COMMANDS.map(({ name, value, description }) => ({ name, value, description })),
				description:
					'The callbacks that start the workflow; leave empty for all. Other callbacks are answered OK and start nothing. Tencent only sends the callbacks enabled in its console (or registered here).',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				default: {},
				placeholder: 'Add option',
				options: [
					{
						displayName: 'Allow Unsigned Callbacks',
						name: 'allowUnsigned',
						type: 'boolean',
						default: false,
						description:
							'Whether to accept callbacks without a Sign when the credential has no Callback Token',
						hint: 'Risky: without a token, anyone who guesses or learns the webhook URL can start this workflow with made-up data. Only the SdkAppid is still checked. Prefer setting a Callback Token.',
					},
					{
						displayName: 'Before Callbacks',
						name: 'beforeCallbacks',
						type: 'options',
						default: 'allow',
						options: [
							{ name: 'Allow at Once', value: 'allow', description: 'Answer OK right away: the message or gift goes through, and the workflow runs alongside' },
							{
								name: 'The Workflow Decides',
								value: 'workflowDecides',
								description:
									'The first item of the last node that runs is the answer: ErrorCode 1 blocks, 0 allows (e.g. an Edit Fields node setting {"ActionStatus":"OK","ErrorInfo":"","ErrorCode":1}). A workflow that has not finished within 1.5 s, fails or ends without ErrorCode lets it through, so chat never waits on a slow workflow.',
							},
						],
						description:
							'How "Before" callbacks (Chat: Before a Message Is Sent, Live: Before a Gift Is Sent) are answered; Tencent waits up to 2 seconds for the answer',
						hint: 'The Workflow Decides: end every branch with a node whose first item holds ErrorCode (1 blocks, 0 allows), such as Edit Fields. A Respond to Webhook node does not work after this trigger (n8n runs it only after its own Webhook node).',
					},
					{
						displayName: 'Max Clock Skew (Seconds)',
						name: 'maxClockSkewSeconds',
						type: 'number',
						default: DEFAULT_MAX_CLOCK_SKEW_SECONDS,
						typeOptions: { minValue: 1, maxValue: MAX_CLOCK_SKEW_SECONDS_LIMIT, numberPrecision: 0 },
						description:
							"How far a callback's RequestTime may be from this server's clock. Tencent advises 60. Within this window a callback already received is recognised and not run again.",
					},
				],
			},
		],
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				await assertActivatable(this);
				// Without Register Callback Tencent's console holds the URL: nothing to look up.
				return this.getNodeParameter('registerCallback', false) === true ? await isRegistered(this) : false;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				await assertActivatable(this);
				if (this.getNodeParameter('registerCallback', false) === true) await register(this);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				await unregister(this);
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const response = this.getResponseObject();
		const query = (this.getQueryData() ?? {}) as CallbackQuery;

		// Verification comes first: nothing of the request is read or answered before it passes.
		const result = await readSettings(this);
		let refusal: string | undefined;
		if (!result.ok) {
			refusal = result.problem.toLowerCase();
		} else {
			const verdict = verifyCallback({
				query,
				sdkAppId: result.settings.sdkAppId,
				token: result.settings.token,
				allowUnsigned: result.settings.allowUnsigned,
				nowMs: Date.now(),
				maxClockSkewSeconds: result.settings.maxClockSkewSeconds,
			});
			if (!verdict.ok) refusal = CALLBACK_REJECTION_REASONS[verdict.reason];
		}
		if (refusal !== undefined || !result.ok) {
			// The reason only, never a value from the request.
			this.logger.warn(`Tencent Room Trigger refused a callback (HTTP 401): ${refusal}`, { node: this.getNode().name });
			response.status(401).json(REJECTED);
			return { noWebhookResponse: true };
		}

		const rawBody = (this.getRequestObject() as RawBodyRequest).rawBody;
		const { body, text } = readCallbackBody(this.getBodyData(), rawBody);
		if (!body) {
			response.status(400).json(BAD_BODY);
			return { noWebhookResponse: true };
		}

		// Tencent's Sign covers only the token and the time: a captured callback could be sent again
		// within the window. One already accepted is answered as before and starts nothing.
		const requestTime = Number(readQueryParameter(query, 'RequestTime') ?? Date.now() / 1000);
		const forgetAtMs = (Number.isFinite(requestTime) ? requestTime * 1000 : Date.now()) + result.settings.maxClockSkewSeconds * 1000 + 1000;
		if (!replayGuardFor(this).firstSeen(callbackKey(query, text), forgetAtMs)) {
			response.status(200).json(ACKNOWLEDGED);
			return { noWebhookResponse: true };
		}

		const callbackCommand = callbackCommandOf(body, query);
		const events = this.getNodeParameter('events', []) as string[];
		if (events.length > 0 && !events.includes(canonicalCommand(callbackCommand))) {
			response.status(200).json(ACKNOWLEDGED);
			return { noWebhookResponse: true };
		}

		// The query's values as Tencent sent them; Sign is never copied.
		const item: IDataObject = {
			...body,
			CallbackCommand: callbackCommand,
			SdkAppid: readQueryParameter(query, 'SdkAppid') ?? '',
			ClientIP: readQueryParameter(query, 'ClientIP') ?? '',
			OptPlatform: readQueryParameter(query, 'OptPlatform') ?? '',
			RequestTime: readQueryParameter(query, 'RequestTime') ?? '',
		};
		const options = this.getNodeParameter('options', {}) as IDataObject;
		if (options.beforeCallbacks === 'workflowDecides' && isBeforeCallback(callbackCommand)) {
			// n8n answers with the last node's first item; a late workflow never holds the chat up.
			void sleep(BEFORE_ANSWER_DEADLINE_MS).then(() => {
				if (!response.headersSent) response.status(200).json(ALLOWED_BY_DEFAULT);
			});
			return { workflowData: [[{ json: item }]] };
		}
		response.status(200).json(ACKNOWLEDGED);
		return { noWebhookResponse: true, workflowData: [[{ json: item }]] };
	}
}
