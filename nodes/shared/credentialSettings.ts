/**
 * The credential's fields, checked once and turned into what the transport needs.
 * Pure: the credential's authenticate() and the node both call it, so bad settings are
 * refused with the field's name before any request is sent.
 */
import { hasControlCharacter } from './validation';

export const REGION_HOSTS = {
	china: 'https://console.tim.qq.com',
	singapore: 'https://adminapisgp.im.qcloud.com',
	seoul: 'https://adminapikr.im.qcloud.com',
	tokyo: 'https://adminapijpn.im.qcloud.com',
	frankfurt: 'https://adminapiger.im.qcloud.com',
	mumbai: 'https://adminapiind.im.qcloud.com',
	usa: 'https://adminapiusa.im.qcloud.com',
	jakarta: 'https://adminapiidn.im.qcloud.com',
} as const;

export type TencentRegion = keyof typeof REGION_HOSTS | 'custom';

export const DEFAULT_MAX_REQUESTS_PER_SECOND = 200;
export const MAX_SHARING_PROCESSES = 100;

export interface CredentialSettings {
	sdkAppId: number;
	identifier: string;
	secretKey: string;
	region: TencentRegion;
	/** Without a trailing slash. */
	baseUrl: string;
	maxRequestsPerSecond: number;
	/** How many n8n processes (queue mode workers) call Tencent with this app at once; 1 when alone or unknown. */
	sharingProcesses: number;
	/** Empty when not set. */
	callbackToken: string;
}

/** A credential field holds a value that cannot work; `field` is the label users see. */
export class InvalidCredentialSettingError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'InvalidCredentialSettingError';
	}
}

/** Tencent UserIDs (the Identifier is one) are at most 32 bytes. */
const MAX_IDENTIFIER_BYTES = 32;

function asTrimmedString(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number') return String(value);
	return '';
}

export function parseSdkAppId(value: unknown): number {
	const text = asTrimmedString(value);
	const sdkAppId = Number(text);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(sdkAppId) || sdkAppId <= 0 || sdkAppId > 0xffffffff) {
		throw new InvalidCredentialSettingError(
			'SDKAppID',
			'SDKAppID must be the app\'s numeric ID from the console (for example 1400000000).',
		);
	}
	return sdkAppId;
}

/** A whole number from 1 to `max`: a number, or digits from an expression; not true, [5] or "" (which Number() would accept). */
function wholeNumberSetting(value: unknown, max: number, field: string, message: string): number {
	const parsed = typeof value === 'number' || (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) ? Number(value) : NaN;
	if (!Number.isInteger(parsed) || parsed < 1 || parsed > max) throw new InvalidCredentialSettingError(field, message);
	return parsed;
}

export function parseCredentialSettings(raw: Record<string, unknown>): CredentialSettings {
	const sdkAppId = parseSdkAppId(raw.sdkAppId);

	const identifier = asTrimmedString(raw.identifier ?? 'administrator');
	if (!identifier) {
		throw new InvalidCredentialSettingError(
			'Identifier',
			'Identifier must name an App administrator account (for example "administrator").',
		);
	}
	if (hasControlCharacter(identifier) || Buffer.byteLength(identifier, 'utf8') > MAX_IDENTIFIER_BYTES) {
		throw new InvalidCredentialSettingError(
			'Identifier',
			`Identifier must be an account ID of at most ${MAX_IDENTIFIER_BYTES} bytes without line breaks or tabs (for example "administrator").`,
		);
	}

	const secretKey = typeof raw.secretKey === 'string' ? raw.secretKey.trim() : '';
	if (!secretKey) {
		throw new InvalidCredentialSettingError(
			'Secret Key',
			'Secret Key is empty: copy the app\'s key from the console (Application Management → Basic information).',
		);
	}
	if (hasControlCharacter(secretKey)) {
		// The message never repeats the key itself.
		throw new InvalidCredentialSettingError(
			'Secret Key',
			'Secret Key contains a line break or tab: copy the app\'s key again from the console (Application Management → Basic information).',
		);
	}

	const region = asTrimmedString(raw.region || 'singapore') as TencentRegion;
	let baseUrl: string;
	if (region === 'custom') {
		baseUrl = asTrimmedString(raw.baseUrl).replace(/\/+$/, '');
		let parsed: URL | undefined;
		try {
			parsed = new URL(baseUrl);
		} catch {
			parsed = undefined;
		}
		if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.search || parsed.hash) {
			throw new InvalidCredentialSettingError(
				'Base URL',
				'Base URL must be an http:// or https:// address without query, for example http://127.0.0.1:8080.',
			);
		}
	} else if (Object.prototype.hasOwnProperty.call(REGION_HOSTS, region)) {
		baseUrl = REGION_HOSTS[region as keyof typeof REGION_HOSTS];
	} else {
		throw new InvalidCredentialSettingError(
			'Region',
			`Region must be one of ${Object.keys(REGION_HOSTS).join(', ')} or custom.`,
		);
	}

	const maxRequestsPerSecond = wholeNumberSetting(
		raw.maxRequestsPerSecond ?? DEFAULT_MAX_REQUESTS_PER_SECOND,
		10_000,
		'Max Requests per Second',
		'Max Requests per Second must be a whole number from 1 to 10000 (Tencent allows 200 per command).',
	);
	const sharingProcesses = wholeNumberSetting(
		raw.sharingProcesses ?? 1,
		MAX_SHARING_PROCESSES,
		'n8n Processes Sharing the Limit',
		`n8n Processes Sharing the Limit must be a whole number from 1 to ${MAX_SHARING_PROCESSES}: the number of queue mode workers (1 with a single n8n process).`,
	);

	// Tokens are printable (1-128 characters): spaces around one come from copying and pasting.
	const callbackToken = typeof raw.callbackToken === 'string' ? raw.callbackToken.trim() : '';
	return { sdkAppId, identifier, secretKey, region, baseUrl, maxRequestsPerSecond, sharingProcesses, callbackToken };
}
