import type { IDataObject, IHookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { TencentRequestError, TencentTransport } from '../TencentRoom/transport';
import { liveCallbackCommands } from '../shared/callbackCommands';

/**
 * Register Callback: Tencent keeps one live callback configuration per app (live_config). On
 * activation the trigger points it at its own production URL with the selected live events, after
 * remembering what was there; on deactivation it puts that back, unless someone changed the
 * configuration in between (then it is left alone, and the log says so).
 */

interface CallbackConfig {
	Url: string;
	CallbackCommandList: string[];
}

interface RegistrationState {
	/** What the trigger set, to recognise it on deactivation. */
	registered?: CallbackConfig;
	/** What was there before; null when there was none. */
	previous?: CallbackConfig | null;
}

const CONFIG_MISSING = 100301;
const TOKEN_MISSING = 100302;
/** Unchanged registrations need nothing but reads: the default timeout is plenty. */
const TIMEOUT_MS = 8000;

const call = (action: string) => ({ itemIndex: 0, action });

function sameConfig(a: CallbackConfig, b: CallbackConfig): boolean {
	const sorted = (list: string[]) => [...list].sort().join('\n');
	return a.Url === b.Url && sorted(a.CallbackCommandList) === sorted(b.CallbackCommandList);
}

function stateOf(context: IHookFunctions): RegistrationState & IDataObject {
	return context.getWorkflowStaticData('node') as RegistrationState & IDataObject;
}

/** The configuration this trigger wants: its production URL and the live events selected (all when none). */
function wanted(context: IHookFunctions): CallbackConfig {
	const events = context.getNodeParameter('events', []) as string[];
	const commands = liveCallbackCommands(events);
	if (commands.length === 0) {
		throw new NodeOperationError(context.getNode(), 'Register Callback sets up live room events, and none of the selected events is one', {
			description:
				'live_config covers the "Live:" and "Seats:" events. Add one of them, or turn Register Callback off and configure the Chat and Conference events in the Chat console (Callback configuration).',
		});
	}
	return { Url: context.getNodeWebhookUrl('default') as string, CallbackCommandList: commands };
}

async function readConfig(transport: TencentTransport): Promise<CallbackConfig | null> {
	try {
		const { reply } = await transport.call('live_config/get_callback', {}, call('read the live callback configuration'));
		const { Url, CallbackCommandList } = (reply.Response ?? {}) as { Url?: unknown; CallbackCommandList?: unknown };
		return { Url: typeof Url === 'string' ? Url : '', CallbackCommandList: Array.isArray(CallbackCommandList) ? CallbackCommandList.map(String) : [] };
	} catch (error) {
		const readError = error as Error;
		if (readError instanceof TencentRequestError && readError.details.errorCode === CONFIG_MISSING) return null;
		throw readError;
	}
}

async function writeConfig(transport: TencentTransport, config: CallbackConfig, exists: boolean): Promise<void> {
	const command = exists ? 'live_config/update_callback' : 'live_config/set_callback';
	await transport.call(command, { ...config }, call(`${exists ? 'update' : 'set'} the live callback configuration`));
}

/**
 * The credential's Callback Token must be the token Tencent signs with: enabled when Tencent has
 * none, an error naming the mismatch (never the tokens) when Tencent has another.
 */
async function ensureToken(context: IHookFunctions, transport: TencentTransport): Promise<void> {
	const token = transport.settings.callbackToken;
	if (!token) return;
	let current: { Token?: unknown; IsTokenEnable?: unknown } | null;
	try {
		const { reply } = await transport.call('live_config/get_callback_token', {}, call('read the live callback token'));
		current = (reply.Response ?? {}) as { Token?: unknown; IsTokenEnable?: unknown };
	} catch (error) {
		const readError = error as Error;
		if (!(readError instanceof TencentRequestError && readError.details.errorCode === TOKEN_MISSING)) throw readError;
		current = null;
	}
	if (current && typeof current.Token === 'string' && current.Token !== '' && current.Token !== token) {
		throw new NodeOperationError(context.getNode(), "Tencent signs live callbacks with another token than the credential's Callback Token", {
			description:
				"Every callback would be refused. Copy the token shown under Live → Callback configuration into the credential's Callback Token, or clear Tencent's token there so the trigger can set the credential's.",
		});
	}
	if (current?.Token === token && current.IsTokenEnable === true) return;
	await transport.call('live_config/set_callback_token', { Token: token, IsTokenEnable: true }, call('enable the live callback token'));
	context.logger.info("Tencent Room Trigger enabled live callback signing with the credential's Callback Token", { node: context.getNode().name });
}

/** checkExists: Tencent already calls this trigger's URL with exactly the selected events. */
export async function isRegistered(context: IHookFunctions): Promise<boolean> {
	const transport = await TencentTransport.forExecution(context, { timeoutMs: TIMEOUT_MS });
	const current = await readConfig(transport);
	return current !== null && sameConfig(current, wanted(context));
}

/** create: remembers what was there, then points Tencent at this trigger. */
export async function register(context: IHookFunctions): Promise<void> {
	const transport = await TencentTransport.forExecution(context, { timeoutMs: TIMEOUT_MS });
	const config = wanted(context);
	await ensureToken(context, transport);
	const current = await readConfig(transport);
	const state = stateOf(context);
	// A configuration this trigger set itself (an earlier activation) is not "what was there before".
	if (!(current && state.registered && sameConfig(current, state.registered))) state.previous = current;
	await writeConfig(transport, config, current !== null);
	state.registered = config;
	context.logger.info(`Tencent Room Trigger set the app's live callback URL to this workflow (${config.CallbackCommandList.length} events)`, {
		node: context.getNode().name,
	});
}

/**
 * delete: puts back what was there (or, when there was nothing, an empty command list, since
 * Tencent documents no delete). Never fails the deactivation: what could not be restored is logged.
 */
export async function unregister(context: IHookFunctions): Promise<void> {
	const state = stateOf(context);
	const registered = state.registered;
	if (!registered) return;
	const node = { node: context.getNode().name };
	const restore: CallbackConfig = state.previous ?? { Url: registered.Url, CallbackCommandList: [] };
	try {
		const transport = await TencentTransport.forExecution(context, { timeoutMs: TIMEOUT_MS });
		const current = await readConfig(transport);
		if (current === null || !sameConfig(current, registered)) {
			context.logger.warn(
				"Tencent Room Trigger left the app's live callback configuration as it is: it was changed after this workflow set it, so it is someone else's now",
				node,
			);
		} else {
			await writeConfig(transport, restore, true);
			context.logger.info(
				state.previous ? "Tencent Room Trigger restored the app's earlier live callback URL" : "Tencent Room Trigger cleared the app's live callback events (Tencent has no delete)",
				node,
			);
		}
	} catch (error) {
		context.logger.warn(
			`Tencent Room Trigger could not restore the app's live callback configuration (${(error as Error).message}): Tencent still calls ${registered.Url} for ${registered.CallbackCommandList.length} events; restore ${state.previous ? state.previous.Url : 'an empty event list'} in the console (Live → Callback configuration)`,
			node,
		);
	}
	delete state.registered;
	delete state.previous;
}
