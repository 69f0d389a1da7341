import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_MAX_REQUESTS_PER_SECOND, MAX_SHARING_PROCESSES, parseCredentialSettings } from '../nodes/shared/credentialSettings';
import { signRequest } from '../nodes/TencentRoom/transport/signing';

/** n8n's `authenticate` hook: the credential's settings checked, then the request signed. */
export async function signTencentRequest(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return signRequest(parseCredentialSettings(credentials), requestOptions);
}

export class TencentRoomApi implements ICredentialType {
	name = 'tencentRoomApi';

	displayName = 'Tencent Room API';

	icon: Icon = {
		light: 'file:../nodes/TencentRoom/tencentRoom.svg',
		dark: 'file:../nodes/TencentRoom/tencentRoom.dark.svg',
	};

	// This package's page for the credential; it links Tencent's own pages (SDKAppID, App administrator, UserSig, regional hosts).
	documentationUrl = 'https://github.com/n8n-nodes-tencent-room/n8n-nodes-tencent-room/blob/main/docs/credential.md';

	properties: INodeProperties[] = [
		{
			displayName: 'SDKAppID',
			name: 'sdkAppId',
			type: 'number',
			default: 0,
			required: true,
			placeholder: '1400000000',
			description: 'The SDKAppID of your app, shown in the Chat / TRTC console',
		},
		{
			displayName: 'Identifier',
			name: 'identifier',
			type: 'string',
			default: 'administrator',
			required: true,
			description:
				'An App administrator account (console → App administrator). Every request is signed as this account.',
		},
		{
			displayName: 'Secret Key',
			name: 'secretKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The app\'s secret key (console → Basic information). n8n signs each request with it (TLSSigAPIv2 UserSig); it never leaves n8n.',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'options',
			default: 'singapore',
			description: 'The data center your SDKAppID was created in. A wrong region answers "SDKAppID invalid".',
			options: [
				{ name: 'China (console.tim.qq.com)', value: 'china' },
				{ name: 'Custom', value: 'custom' },
				{ name: 'Frankfurt (adminapiger.im.qcloud.com)', value: 'frankfurt' },
				{ name: 'Jakarta (adminapiidn.im.qcloud.com)', value: 'jakarta' },
				{ name: 'Mumbai (adminapiind.im.qcloud.com)', value: 'mumbai' },
				{ name: 'Seoul (adminapikr.im.qcloud.com)', value: 'seoul' },
				{ name: 'Silicon Valley (adminapiusa.im.qcloud.com)', value: 'usa' },
				{ name: 'Singapore (adminapisgp.im.qcloud.com)', value: 'singapore' },
				{ name: 'Tokyo (adminapijpn.im.qcloud.com)', value: 'tokyo' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8080',
			description: 'A local Tencent emulator or a private gateway, such as http://127.0.0.1:8080. Requests go to this address followed by /v4/ and the command, such as /v4/room_engine_http_mic/get_seat_list.',
			displayOptions: { show: { region: ['custom'] } },
		},
		{
			displayName: 'Max Requests per Second',
			name: 'maxRequestsPerSecond',
			type: 'number',
			default: DEFAULT_MAX_REQUESTS_PER_SECOND,
			typeOptions: { minValue: 1, maxValue: 10000 },
			description:
				'Client-side budget per REST command, shared by every node using this credential. Tencent allows 200 calls per second per command.',
		},
		{
			displayName: 'n8n Processes Sharing the Limit',
			name: 'sharingProcesses',
			type: 'number',
			default: 1,
			typeOptions: { minValue: 1, maxValue: MAX_SHARING_PROCESSES, numberPrecision: 0 },
			description:
				"In queue mode, how many n8n workers may call Tencent with this app at the same time. Each keeps at least its equal part of Tencent's limit and takes more while the others are idle. Leave 1 with a single n8n process.",
			hint: 'Workers without this setting still share the limit (each slows down on Tencent\'s rate-limit answers), only less evenly: set it to your worker count.',
		},
		{
			displayName: 'Callback Token',
			name: 'callbackToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'The callback authentication token from the console (Callback configuration). The Tencent Room Trigger uses it to verify that callbacks come from Tencent.',
		},
	];

	authenticate = signTencentRequest;

	// account_check reads, changes nothing, and needs a valid admin UserSig: it fails exactly
	// when the SDKAppID, region, key or identifier is wrong.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: '/v4/im_open_login_svc/account_check',
			body: { CheckItem: [{ UserID: 'administrator' }] },
			json: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ErrorCode',
					value: 60006,
					message: 'SDKAppID invalid: check the Region (the app lives on another regional host) and the SDKAppID.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ErrorCode',
					value: 70020,
					message: 'SDKAppID not found on this host: check the Region and the SDKAppID.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ErrorCode',
					value: 70009,
					message: 'The Secret Key does not belong to this SDKAppID: copy the key of this app from the console.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ErrorCode',
					value: 60010,
					message: 'The Identifier is not an App administrator: use an account listed under App administrator in the console.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ErrorCode',
					value: 70001,
					message: 'Tencent says the UserSig expired: check that this server\'s clock is right.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ActionStatus',
					value: 'FAIL',
					message: 'Tencent refused the credentials: check SDKAppID, Region, Identifier and Secret Key.',
				},
			},
		],
	};
}
