/**
 * The live callback configuration over REST (`live_config`): the URL and command list Tencent
 * sends TUILiveKit callbacks to, and the token that signs them. One configuration per app
 * (SDKAppID). Each handler validates everything before it changes anything, so a thrown
 * TencentApiError always means "nothing applied". The choices are written down in errorCodes.cts.
 */
import { type CommandSpec, type Fields, invalid, invalidParameter } from './commandKit.cjs';
import { ErrorCodes } from './errorCodes.cjs';

/** set_callback_token: Token is 1 to 128 characters. */
export const MAX_CALLBACK_TOKEN_CHARS = 128;

/** What a callback URL must be: an absolute http:// or https:// URL. Answers the problem, or null. */
export function callbackUrlProblem(value: unknown): string | null {
	if (typeof value !== 'string' || value === '') return 'Url is required and must be a non-empty string';
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		return `Url ${JSON.stringify(value)} is not an absolute URL`;
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Url must be http:// or https://, got ${url.protocol}`;
	return null;
}

/** What a CallbackCommandList must be: a list of non-empty strings ([] allowed). Answers the problem, or null. */
export function commandListProblem(value: unknown): string | null {
	if (!Array.isArray(value)) return 'CallbackCommandList is required and must be a list of callback command names';
	if (!value.every((command) => typeof command === 'string' && command !== '')) return 'CallbackCommandList must hold non-empty strings';
	return null;
}

/** What a callback token must be: 1..128 characters. Answers the problem, or null. */
export function callbackTokenProblem(value: unknown): string | null {
	if (typeof value !== 'string') return 'Token must be a string';
	const length = [...value].length;
	if (length < 1 || length > MAX_CALLBACK_TOKEN_CHARS) return `Token must be 1 to ${MAX_CALLBACK_TOKEN_CHARS} characters`;
	return null;
}

function callbackFields(body: Fields): { url: string; commands: string[] } {
	const urlProblem = callbackUrlProblem(body.Url);
	if (urlProblem) throw invalidParameter(urlProblem);
	const listProblem = commandListProblem(body.CallbackCommandList);
	if (listProblem) throw invalidParameter(listProblem);
	return { url: body.Url as string, commands: [...(body.CallbackCommandList as string[])] };
}

const SERVICE = 'live_config';

const setCallback: CommandSpec = {
	name: `${SERVICE}/set_callback`,
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const config = callbackFields(body);
		if (context.app.liveCallback) {
			throw invalid(ErrorCodes.liveCallbackExists, 'a live callback configuration already exists: use live_config/update_callback');
		}
		context.recordMutation('', { action: 'setLiveCallback', Url: config.url, CallbackCommandList: [...config.commands] });
		context.app.liveCallback = config;
		return {};
	},
};

const updateCallback: CommandSpec = {
	name: `${SERVICE}/update_callback`,
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const config = callbackFields(body);
		const previous = context.app.liveCallback;
		if (!previous) throw invalid(ErrorCodes.liveCallbackNotFound, 'no live callback configuration exists: use live_config/set_callback');
		context.recordMutation('', {
			action: 'updateLiveCallback',
			Url: config.url,
			CallbackCommandList: [...config.commands],
			previous: { Url: previous.url, CallbackCommandList: [...previous.commands] },
		});
		context.app.liveCallback = config;
		return {};
	},
};

const getCallback: CommandSpec = {
	name: `${SERVICE}/get_callback`,
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(_body, context) {
		const config = context.app.liveCallback;
		if (!config) throw invalid(ErrorCodes.liveCallbackNotFound, 'no live callback configuration exists');
		return { payload: { Url: config.url, CallbackCommandList: [...config.commands] } };
	},
};

const setCallbackToken: CommandSpec = {
	name: `${SERVICE}/set_callback_token`,
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(body, context) {
		const token = body.Token;
		const enabled = body.IsTokenEnable;
		if (token !== undefined) {
			const problem = callbackTokenProblem(token);
			if (problem) throw invalidParameter(problem);
		}
		if (enabled !== undefined && typeof enabled !== 'boolean') throw invalidParameter('IsTokenEnable must be a boolean');
		const current = context.app.liveCallbackToken;
		if (!current && (token === undefined || enabled === undefined)) {
			throw invalidParameter('the first set_callback_token needs both Token and IsTokenEnable');
		}
		if (token === undefined && enabled === undefined) throw invalidParameter('Token or IsTokenEnable is required');
		const next = { token: (token as string | undefined) ?? (current as { token: string }).token, enabled: (enabled as boolean | undefined) ?? (current as { enabled: boolean }).enabled };
		context.recordMutation('', { action: 'setLiveCallbackToken', tokenChanged: token !== undefined && token !== current?.token, IsTokenEnable: next.enabled });
		context.app.liveCallbackToken = next;
		return {};
	},
};

const getCallbackToken: CommandSpec = {
	name: `${SERVICE}/get_callback_token`,
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(_body, context) {
		const current = context.app.liveCallbackToken;
		if (!current) throw invalid(ErrorCodes.liveCallbackTokenNotFound, 'no callback token configuration exists');
		return { payload: { Token: current.token, IsTokenEnable: current.enabled } };
	},
};

const deleteCallbackToken: CommandSpec = {
	name: `${SERVICE}/delete_callback_token`,
	style: 'roomEngine',
	internalErrorCode: ErrorCodes.roomInternalError,
	run(_body, context) {
		if (!context.app.liveCallbackToken) throw invalid(ErrorCodes.liveCallbackTokenNotFound, 'no callback token configuration exists');
		context.recordMutation('', { action: 'deleteLiveCallbackToken' });
		context.app.liveCallbackToken = null;
		return {};
	},
};

export const LIVE_CONFIG_COMMANDS: readonly CommandSpec[] = [setCallback, updateCallback, getCallback, setCallbackToken, getCallbackToken, deleteCallbackToken];
