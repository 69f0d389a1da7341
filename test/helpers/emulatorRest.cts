/**
 * Test setup through the emulator's REST API, signed as an app administrator signs: for state the
 * emulator has no setup helper for (bans, mutes), so it is made the way Tencent makes it. Works
 * against an in-process emulator and one in its own process (RemoteEmulator) alike: only the
 * base URL is needed.
 */
import { DEMO_APP } from '../emulator/demoApp.cjs';
import { signedCommandUrl } from '../emulator/testSigning.cjs';
import { rawRequest } from './rawHttp.cjs';

export interface RestReply {
	ActionStatus?: string;
	ErrorCode?: number;
	ErrorInfo?: string;
	RequestId?: string;
	Response?: Record<string, unknown>;
	[key: string]: unknown;
}

/** Sends one REST command to the emulator as the demo app's administrator; throws unless ErrorCode is 0. */
export async function emulatorCommand(baseUrl: string, command: string, body: Record<string, unknown>): Promise<RestReply> {
	const url = signedCommandUrl(baseUrl, command, {
		sdkAppId: DEMO_APP.sdkAppId,
		secretKey: DEMO_APP.secretKey,
		identifier: DEMO_APP.admins[0],
		nowMs: Date.now(),
	});
	const answer = await rawRequest(url, {
		method: 'POST',
		body: JSON.stringify(body),
		headers: { 'Content-Type': 'application/json' },
		timeoutMs: 10_000,
	});
	const reply = answer.json as RestReply | undefined;
	if (answer.status !== 200 || !reply || reply.ErrorCode !== 0) {
		throw new Error(`${command} ${JSON.stringify(body)} answered HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
	}
	return reply;
}

/** live_engine_http_srv/ban_member: bans accounts from a live room for `seconds`. */
export async function banInLiveRoom(baseUrl: string, roomId: string, accounts: string[], seconds: number, reason = 'Seeded for a test'): Promise<void> {
	await emulatorCommand(baseUrl, 'live_engine_http_srv/ban_member', { RoomId: roomId, MemberList_Account: accounts, Duration: seconds, Reason: reason });
}

/** live_engine_http_srv/mute_member: mutes accounts in a live room for `seconds`. */
export async function muteInLiveRoom(baseUrl: string, roomId: string, accounts: string[], seconds: number): Promise<void> {
	await emulatorCommand(baseUrl, 'live_engine_http_srv/mute_member', { RoomId: roomId, MemberList_Account: accounts, MuteTime: seconds });
}

/**
 * The bans and mutes the daily report example finds: two bans in live-night-show, one in
 * voice-lounge, a mute in live-night-show and one in live-karaoke-night (seeded demo rooms).
 */
export const REPORT_SEED = {
	bans: [
		{ roomId: 'live-night-show', accounts: ['viewer-07', 'viewer-08'], seconds: 86_400 },
		{ roomId: 'voice-lounge', accounts: ['guest-05'], seconds: 3_600 },
	],
	mutes: [
		{ roomId: 'live-night-show', accounts: ['viewer-09'], seconds: 600 },
		{ roomId: 'live-karaoke-night', accounts: ['singer-02'], seconds: 1_800 },
	],
} as const;

/** Seeds REPORT_SEED through REST. */
export async function seedReportBansAndMutes(baseUrl: string): Promise<void> {
	for (const { roomId, accounts, seconds } of REPORT_SEED.bans) await banInLiveRoom(baseUrl, roomId, [...accounts], seconds);
	for (const { roomId, accounts, seconds } of REPORT_SEED.mutes) await muteInLiveRoom(baseUrl, roomId, [...accounts], seconds);
}
