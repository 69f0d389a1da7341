/**
 * A local emulator of Tencent Cloud's admin REST API (the seat, member and account commands this
 * package uses, and room management for live and conference rooms), faithful to Tencent's
 * documented behaviour: the calling convention, UserSig verification, error codes, pagination
 * limits, 40 s member snapshots and the per-command frequency limits (200/s unless documented
 * otherwise), plus injectable faults and a log of what reached it and what it changed.
 * Serves HTTP, or HTTPS with the `tls` option.
 */
import * as http from 'http';
import * as https from 'https';
import { randomBytes } from 'crypto';
import { TLSSocket, createSecureContext } from 'tls';
import type { AddressInfo } from 'net';
import type { Socket } from 'net';

import { CallbackDispatcher, type PendingCallback, type ResolvedTarget, checkDelivery } from './callbackDispatcher.cjs';
import { sendCallback, type CallbackDelivery, type CallbackOptions } from './callbacks.cjs';
import { COMMANDS, DOCUMENTED_RATE_LIMITS, type CommandSpec, type ResponseStyle } from './commands.cjs';
import { DEMO_APP } from './demoApp.cjs';
import { ErrorCodes, TencentApiError } from './errorCodes.cjs';
import { FaultPlan, assertInjectableFaultKind, type PlannedFault } from './faults.cjs';
import { callbackTokenProblem, callbackUrlProblem, commandListProblem } from './liveConfigCommands.cjs';
import { SlidingWindowRateLimiter, checkRateLimit, maxInAnyWindow } from './rateLimiter.cjs';
import { AppState, activeBans, activeMutes, memberView, metadataItems, roomDetail } from './state.cjs';
import { userSendsGift, userSendsMessage } from './userActions.cjs';
import { verifyUserSig } from './userSigVerifier.cjs';
import { LATE_APPLY_MS_DEFAULT, LATE_APPLY_MS_MAX, LIVE_MEMBER_STATE_ALIAS } from './types.cjs';
import type {
	AnswerBody,
	AnswerOverride,
	AnyCallbackCommand,
	AnyFaultKind,
	BannedMemberView,
	CallbackDeliveryEntry,
	CallbackRoute,
	CallbackTarget,
	CreateGroupInput,
	CreateRoomInput,
	EmulatorApp,
	EmulatorOptions,
	EmulatorStats,
	EmulatorTlsOptions,
	FaultKind,
	GroupMemberInput,
	LiveCallbackConfig,
	LiveCallbackConfigInput,
	MutationLogEntry,
	MutedMemberView,
	RequestLogEntry,
	RoomInfoView,
	RoomMemberInput,
	RoomGift,
	RoomMemberView,
	RoomMessage,
	RoomMetadataItem,
	RoomStats,
	RoomType,
	SeatFlags,
	SeatView,
	UserGiftInput,
	UserGiftResult,
	UserMessageInput,
	UserMessageResult,
} from './types.cjs';

const MAX_BODY_BYTES = 1024 * 1024;
/** Enough of an unreadable body to recognise it in the log. */
const MAX_LOGGED_RAW_BODY = 4096;
const MAX_RANDOM = 4294967295;
const DIGITS = /^\d+$/;
const COMMAND_PATH = /^\/v4\/([^/]+)\/([^/]+)$/;
const DEFAULT_RATE_LIMIT = 200;
const DEFAULT_SENSITIVE_WORDS = ['forbidden-word'];

/** What the load balancer in front of Tencent's API sends when its backend fails. */
const BAD_GATEWAY_PAGE =
	'<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

interface Answer {
	code: number;
	info: string;
	payload?: Record<string, unknown>;
}

function parseSdkAppId(text: string | null): number | null {
	if (text === null || !DIGITS.test(text)) return null;
	const value = Number(text);
	return Number.isSafeInteger(value) ? value : null;
}

function readBody(req: http.IncomingMessage): Promise<{ text: string; tooLarge: boolean }> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
		req.on('error', reject);
	});
}

function parseJsonObject(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
	} catch {
		// not JSON
	}
	return undefined;
}

function checkLateApplyMs(ms: number): number {
	if (!Number.isInteger(ms) || ms < 1 || ms > LATE_APPLY_MS_MAX) {
		throw new Error(`lateApplyMs must be an integer within 1..${LATE_APPLY_MS_MAX} (Tencent's backend gives up at about 3 s), got ${ms}`);
	}
	return ms;
}

function checkTls(tls: EmulatorTlsOptions): EmulatorTlsOptions {
	if (typeof tls.key !== 'string' || typeof tls.cert !== 'string' || tls.key === '' || tls.cert === '') {
		throw new Error('tls needs key and cert as PEM strings');
	}
	// Fails now, with OpenSSL's reason, rather than at start().
	createSecureContext({ key: tls.key, cert: tls.cert });
	return { key: tls.key, cert: tls.cert };
}

/**
 * Which configuration a callback goes to: Live.* and a live room's Mic.* to live_config's, the
 * rest (Room.*, a conference room's Mic.*, Group.*) to the Chat console's (setCallbackTarget).
 */
function callbackRoute(command: AnyCallbackCommand, roomType: RoomType): CallbackRoute {
	if (command.startsWith('Live.')) return 'live';
	if (command.startsWith('Mic.')) return roomType === 'live' ? 'live' : 'chat';
	return 'chat';
}

/** Where a socket is open to, to find the TCP socket beneath a TLS one. */
const peerKey = (socket: Socket) => `${socket.remoteAddress}|${socket.remotePort}`;

export class TencentEmulator {
	/** Added before every answer; settable at run time. */
	latencyMs: number;

	private lateApplyDelayMs: number;
	private readonly tls: EmulatorTlsOptions | undefined;

	private readonly apps = new Map<number, EmulatorApp>();
	private readonly appStates = new Map<number, AppState>();
	private readonly defaultSdkAppId: number;
	private readonly now: () => number;
	private readonly rateLimitErrorCode: number;
	private readonly liveMemberPageSize: number;
	private readonly rateLimiter: SlidingWindowRateLimiter;
	private readonly defaultRateLimit: number;
	private readonly rateLimitOverrides: ReadonlyMap<string, number>;
	private readonly sensitiveWords: readonly string[];
	private readonly faultPlan: FaultPlan;
	private readonly callbacks: CallbackDispatcher;
	/** Per app: how live_config's callbacks are delivered (setLiveCallbackConfig's timeoutMs and ca). */
	private readonly liveDelivery = new Map<number, { timeoutMs: number; ca?: string }>();
	private readonly onRequestDone: EmulatorOptions['onRequestDone'];

	private server: http.Server | null = null;
	private url: string | null = null;
	/** TCP sockets (beneath TLS with the tls option), by peer while open. */
	private readonly sockets = new Set<Socket>();
	private readonly tcpByPeer = new Map<string, Socket>();
	private readonly timers = new Set<NodeJS.Timeout>();

	private answerOverrides: Array<AnswerOverride & { remaining: number }> = [];
	/** Responses whose command emitted callbacks, until they are over (then the callbacks are queued). */
	private readonly callbacksAwaitingAnswer = new Set<Promise<void>>();
	private requestLog: RequestLogEntry[] = [];
	private mutationLog: MutationLogEntry[] = [];
	private requestSeq = 0;
	private openRequests = 0;
	private peakOpenRequests = 0;
	private mutationSeq = 0;

	constructor(options: EmulatorOptions = {}) {
		const apps = options.apps ?? [DEMO_APP];
		if (apps.length === 0) throw new Error('the emulator needs at least one app');
		for (const app of apps) {
			if (!Number.isSafeInteger(app.sdkAppId) || app.sdkAppId <= 0) throw new Error(`invalid sdkAppId ${app.sdkAppId}`);
			if (this.apps.has(app.sdkAppId)) throw new Error(`duplicate sdkAppId ${app.sdkAppId}`);
			if (typeof app.secretKey !== 'string' || app.secretKey === '') throw new Error(`app ${app.sdkAppId} needs a secret key`);
			if (app.paidPackage !== undefined && typeof app.paidPackage !== 'boolean') throw new Error(`app ${app.sdkAppId}: paidPackage must be a boolean`);
			this.apps.set(app.sdkAppId, { sdkAppId: app.sdkAppId, secretKey: app.secretKey, admins: [...app.admins], paidPackage: app.paidPackage ?? true });
		}
		this.defaultSdkAppId = apps[0].sdkAppId;
		this.now = options.now ?? Date.now;
		for (const app of this.apps.values()) this.appStates.set(app.sdkAppId, new AppState(app.sdkAppId, this.now, app.paidPackage));

		this.latencyMs = options.latencyMs ?? 0;
		this.rateLimitErrorCode = options.rateLimitErrorCode ?? ErrorCodes.defaultRateLimited;
		this.liveMemberPageSize = options.liveMemberPageSize ?? 100;
		if (!Number.isInteger(this.liveMemberPageSize) || this.liveMemberPageSize < 1) {
			throw new Error(`liveMemberPageSize must be a positive integer, got ${options.liveMemberPageSize}`);
		}
		this.defaultRateLimit = checkRateLimit(options.rateLimitPerSecond ?? DEFAULT_RATE_LIMIT);
		this.rateLimiter = new SlidingWindowRateLimiter(this.defaultRateLimit);
		const overrides = new Map<string, number>();
		for (const [command, limit] of Object.entries(options.rateLimitByCommand ?? {})) {
			this.knownCommand(command);
			overrides.set(command, checkRateLimit(limit, `rateLimitByCommand['${command}']`));
		}
		this.rateLimitOverrides = overrides;
		const words = options.sensitiveWords ?? DEFAULT_SENSITIVE_WORDS;
		if (!Array.isArray(words) || !words.every((word) => typeof word === 'string' && word !== '')) {
			throw new Error('sensitiveWords must be a list of non-empty strings');
		}
		this.sensitiveWords = words.map((word) => word.toLowerCase());
		this.faultPlan = new FaultPlan(options.seed ?? 1);
		this.onRequestDone = options.onRequestDone;
		this.callbacks = new CallbackDispatcher(this.now, (sdkAppId) => this.liveTarget(sdkAppId));
		this.lateApplyDelayMs = checkLateApplyMs(options.lateApplyMs ?? LATE_APPLY_MS_DEFAULT);
		this.tls = options.tls === undefined ? undefined : checkTls(options.tls);
	}

	// ---------------------------------------------------------------- server

	/**
	 * Binds 127.0.0.1 (port 0 = ephemeral) and resolves the base URL: http://, or https:// with
	 * the tls option.
	 */
	async start(port = 0): Promise<string> {
		if (this.server) throw new Error('the emulator is already started');
		const handler = (req: http.IncomingMessage, res: http.ServerResponse) => this.onRequest(req, res);
		const server: http.Server = this.tls ? https.createServer({ key: this.tls.key, cert: this.tls.cert }, handler) : http.createServer(handler);
		// 'connection' gives the TCP socket, under TLS too.
		server.on('connection', (socket: Socket) => {
			const peer = peerKey(socket);
			this.sockets.add(socket);
			this.tcpByPeer.set(peer, socket);
			socket.once('close', () => {
				this.sockets.delete(socket);
				if (this.tcpByPeer.get(peer) === socket) this.tcpByPeer.delete(peer);
			});
		});
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		this.server = server;
		this.callbacks.reopen();
		this.url = `${this.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
		return this.url;
	}

	/**
	 * Closes the server and destroys every open socket, stalled ones included. Pending late
	 * applications (lateApply, resetThenLateApply) are dropped: nothing is applied after stop().
	 * Callbacks not yet answered are dropped too (logged with error 'dropped: the emulator
	 * stopped'); await waitForCallbacks() first to let them arrive.
	 */
	async stop(): Promise<void> {
		const server = this.server;
		if (!server) return;
		this.server = null;
		this.url = null;
		const callbacksDropped = this.callbacks.close();
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => server.close(() => resolve()));
		for (const socket of this.sockets) socket.destroy();
		this.sockets.clear();
		this.tcpByPeer.clear();
		await closed;
		await callbacksDropped;
	}

	get baseUrl(): string {
		if (this.url === null) throw new Error('the emulator is not started');
		return this.url;
	}

	// ---------------------------------------------------------------- state

	createRoom(room: CreateRoomInput): void {
		this.appState(room.sdkAppId).createRoom(room);
	}

	destroyRoom(roomId: string, sdkAppId?: number): void {
		this.appState(sdkAppId).destroyRoom(roomId);
	}

	/**
	 * Members join in this order: accounts, or accounts with member info (NameCard, Role, Marks,
	 * CustomInfo); a member already in keeps their place and takes the info given. Accounts with a
	 * ban in force cannot enter: they are left out, and returned.
	 */
	addRoomMembers(roomId: string, members: Array<string | RoomMemberInput>, sdkAppId?: number): string[] {
		return this.appState(sdkAppId).addRoomMembers(roomId, members);
	}

	/** Members leave the room (and their seat). Addition to the spec: needed for snapshot tests. */
	removeRoomMembers(roomId: string, accounts: string[], sdkAppId?: number): void {
		this.appState(sdkAppId).removeRoomMembers(roomId, accounts);
	}

	/** Room members in join order. Addition to the spec. */
	getRoomMembers(roomId: string, sdkAppId?: number): string[] {
		return [...this.appState(sdkAppId).room(roomId).members.keys()];
	}

	/** Room members in join order as get_room_member_list lists them (any kind of room). Addition to the spec. */
	getRoomMemberInfo(roomId: string, sdkAppId?: number): RoomMemberView[] {
		const room = this.appState(sdkAppId).room(roomId);
		return [...room.members.values()].map((member) => memberView(room, member));
	}

	/** Bans in force, in ban order, as get_banned_member_list lists them. Addition to the spec. */
	getBannedMembers(roomId: string, sdkAppId?: number): BannedMemberView[] {
		return activeBans(this.appState(sdkAppId).room(roomId), this.now()).map(([Member_Account, BannedUntil]) => ({ Member_Account, BannedUntil }));
	}

	/** Mutes in force, in mute order, as get_muted_member_list lists them. Addition to the spec. */
	getMutedMembers(roomId: string, sdkAppId?: number): MutedMemberView[] {
		return activeMutes(this.appState(sdkAppId).room(roomId), this.now()).map(([Member_Account, MutedUntil]) => ({ Member_Account, MutedUntil }));
	}

	/** The messages send_text_msg put in the room, oldest first (copies). Addition to the spec. */
	getRoomMessages(roomId: string, sdkAppId?: number): RoomMessage[] {
		return this.appState(sdkAppId).room(roomId).messages.map((message) => ({ ...message }));
	}

	/** Test setup: puts a member on a seat (adds them as a member if needed). */
	takeSeat(roomId: string, account: string, index: number, sdkAppId?: number): void {
		this.appState(sdkAppId).takeSeat(roomId, account, index);
	}

	/** Test setup: sets a seat's flags like lock_seat (not logged as a mutation). Addition to the spec. */
	setSeatFlags(roomId: string, index: number, flags: SeatFlags, sdkAppId?: number): void {
		this.appState(sdkAppId).setSeatFlags(roomId, index, flags);
	}

	/** Every seat; Member_Account is '' for an empty seat. */
	getSeats(roomId: string, sdkAppId?: number): SeatView[] {
		return this.appState(sdkAppId).getSeats(roomId);
	}

	/**
	 * The room as get_room_info describes it, plus what get_room_info does not list (live Notice
	 * and SeatTemplate, conference ScheduleInviteeList_Account). Throws when the room does not
	 * exist. Addition to the spec, for assertions.
	 */
	getRoom(roomId: string, sdkAppId?: number): RoomInfoView {
		return roomDetail(this.appState(sdkAppId).room(roomId), this.now());
	}

	/** Test setup: merges these statistics (what get_room_stats answers). Addition to the spec. */
	setRoomStats(roomId: string, stats: Partial<RoomStats>, sdkAppId?: number): void {
		this.appState(sdkAppId).setRoomStats(roomId, stats);
	}

	/** Test setup: a room's ViewCount (get_room_list sorts by it). Addition to the spec. */
	setViewCount(roomId: string, viewCount: number, sdkAppId?: number): void {
		this.appState(sdkAppId).setViewCount(roomId, viewCount);
	}

	/** A room's metadata in insertion order, as get_room_metadata with no Keys answers it. Addition to the spec. */
	getRoomMetadata(roomId: string, sdkAppId?: number): RoomMetadataItem[] {
		return metadataItems(this.appState(sdkAppId).room(roomId));
	}

	/** Whether the app has a paid package: without one, create_room answers 100007. Addition to the spec. */
	setPaidPackage(paid: boolean, sdkAppId?: number): void {
		if (typeof paid !== 'boolean') throw new Error('paid must be a boolean');
		this.appState(sdkAppId).paidPackage = paid;
	}

	/**
	 * The frequency limit applied to a command (calls in any 1000 ms window per app); 0 = none:
	 * rateLimitByCommand, else Tencent's documented limit (DOCUMENTED_RATE_LIMITS), else
	 * rateLimitPerSecond; rateLimitPerSecond 0 turns every limit off.
	 */
	rateLimitFor(command: string): number {
		this.knownCommand(command);
		if (this.defaultRateLimit === 0) return 0;
		return this.rateLimitOverrides.get(command) ?? DOCUMENTED_RATE_LIMITS[command] ?? this.defaultRateLimit;
	}

	createGroup(group: CreateGroupInput): void {
		this.appState(group.sdkAppId).createGroup(group);
	}

	/** Addition to the spec. */
	destroyGroup(groupId: string, sdkAppId?: number): void {
		this.appState(sdkAppId).destroyGroup(groupId);
	}

	addGroupMembers(groupId: string, members: GroupMemberInput[], sdkAppId?: number): void {
		this.appState(sdkAppId).addGroupMembers(groupId, members);
	}

	/** Addition to the spec: needed for snapshot tests. */
	removeGroupMembers(groupId: string, accounts: string[], sdkAppId?: number): void {
		this.appState(sdkAppId).removeGroupMembers(groupId, accounts);
	}

	private appState(sdkAppId?: number): AppState {
		const state = this.appStates.get(sdkAppId ?? this.defaultSdkAppId);
		if (!state) throw new Error(`the emulator has no app ${sdkAppId}`);
		return state;
	}

	// ---------------------------------------------------------------- faults

	/**
	 * Queued: the next `count` matching requests that reach a command get this fault: one of
	 * FAULT_KINDS or LATE_APPLY_FAULT_KINDS.
	 */
	injectFault(kind: AnyFaultKind, options: { command?: string; count?: number } = {}): void {
		assertInjectableFaultKind(kind);
		this.faultPlan.enqueue({ type: 'fault', kind }, this.knownCommand(options.command), options.count ?? 1);
	}

	/**
	 * Queued like injectFault, but answers a chosen business ErrorCode (e.g. 10001, 60008, 70169)
	 * that no state can produce. `afterApply` applies the command first. Addition to the spec.
	 */
	injectErrorCode(errorCode: number, options: { command?: string; count?: number; afterApply?: boolean } = {}): void {
		if (!Number.isSafeInteger(errorCode) || errorCode === 0) throw new Error(`errorCode must be a non-zero integer, got ${errorCode}`);
		const fault: PlannedFault = { type: 'errorCode', code: errorCode, afterApply: options.afterApply ?? false };
		this.faultPlan.enqueue(fault, this.knownCommand(options.command), options.count ?? 1);
	}

	/** Each matching request gets one of `kinds` (FAULT_KINDS only) with probability `rate` (seeded PRNG). */
	setFaultRate(rate: number, kinds: FaultKind[], options: { commands?: string[] } = {}): void {
		options.commands?.forEach((command) => this.knownCommand(command));
		this.faultPlan.setRate(rate, kinds, options.commands);
	}

	clearFaults(): void {
		this.faultPlan.clear();
		this.answerOverrides = [];
	}

	/**
	 * Test hook (addition to the spec): the next `count` matching requests, once signed and with a
	 * JSON body, get this answer instead of the command's. Queued overrides take precedence over
	 * faults; clearFaults() drops them.
	 */
	overrideNextAnswer(override: AnswerOverride): void {
		const count = override.count ?? 1;
		if (!Number.isInteger(count) || count < 1) throw new Error(`override count must be a positive integer, got ${count}`);
		this.knownCommand(override.command);
		this.answerOverrides.push({ ...override, remaining: count });
	}

	private takeOverride(command: string): AnswerOverride | undefined {
		const index = this.answerOverrides.findIndex((entry) => entry.command === undefined || entry.command === command);
		if (index === -1) return undefined;
		const entry = this.answerOverrides[index];
		entry.remaining -= 1;
		if (entry.remaining === 0) this.answerOverrides.splice(index, 1);
		return entry;
	}

	private knownCommand(command: string | undefined): string | undefined {
		if (command !== undefined && !COMMANDS.has(command)) {
			throw new Error(`unknown command ${command}; known: ${[...COMMANDS.keys()].join(', ')}`);
		}
		return command;
	}

	// ---------------------------------------------------------------- observation

	/** Every request that reached the router, in arrival order. */
	get requests(): RequestLogEntry[] {
		return this.requestLog;
	}

	/** Every state change actually applied by a REST command (setup methods are not logged). */
	get mutations(): MutationLogEntry[] {
		return this.mutationLog;
	}

	/** For RemoteEmulator: properties cannot be set over IPC. */
	setLatency(latencyMs: number): void {
		this.latencyMs = latencyMs;
	}

	/** How long after admission the late-apply faults apply the command (ms). */
	get lateApplyMs(): number {
		return this.lateApplyDelayMs;
	}

	/**
	 * Sets lateApplyMs for faults planned from now on: an integer within 1..2999 (throws otherwise).
	 * Late applications already scheduled keep their time.
	 */
	setLateApplyMs(ms: number): void {
		this.lateApplyDelayMs = checkLateApplyMs(ms);
	}

	resetLog(): void {
		this.requestLog = [];
		this.mutationLog = [];
		this.callbacks.clearLog();
		this.peakOpenRequests = this.openRequests;
	}

	stats(): EmulatorStats {
		const byCommand: Record<string, number> = {};
		const arrivals: Record<string, number[]> = {};
		let rateLimited = 0;
		for (const entry of this.requestLog) {
			byCommand[entry.command] = (byCommand[entry.command] ?? 0) + 1;
			if (entry.admittedAt !== null) (arrivals[entry.command] ??= []).push(entry.admittedAt);
			if (entry.errorCode === this.rateLimitErrorCode) rateLimited += 1;
		}
		const maxPerSecondByCommand: Record<string, number> = {};
		for (const [command, times] of Object.entries(arrivals)) {
			maxPerSecondByCommand[command] = maxInAnyWindow([...times].sort((a, b) => a - b));
		}
		return {
			total: this.requestLog.length,
			byCommand,
			rateLimited,
			maxPerSecondByCommand,
			peakConcurrentRequests: this.peakOpenRequests,
		};
	}

	// ---------------------------------------------------------------- callbacks (Tencent → your server)

	/**
	 * Sends a callback the way Tencent does: POST JSON to `url` with SdkAppid, CallbackCommand,
	 * contenttype, ClientIP, OptPlatform, plus Sign and RequestTime when `token` is set.
	 * SdkAppid defaults to the first app, RequestTime to the emulator's clock. Addition to the spec.
	 */
	async sendCallback(
		options: Omit<CallbackOptions, 'sdkAppId'> & { sdkAppId?: number },
		timeoutMs?: number,
	): Promise<CallbackDelivery> {
		return await sendCallback({ ...options, sdkAppId: options.sdkAppId ?? this.defaultSdkAppId, nowMs: options.nowMs ?? this.now() }, timeoutMs);
	}

	/**
	 * Where Tencent sends the app's Chat callbacks (the Chat console's callback URL and token):
	 * for changes made through REST, Room.CallbackAfterMemberLeave and a conference room's
	 * Mic.CallbackAfterSeatInfoChanged (live rooms' callbacks go to the live configuration:
	 * live_config, setLiveCallbackConfig); for users' messages (userSendsMessage),
	 * Group.CallbackBeforeSendMsg and Group.CallbackAfterSendMsg; all of them, or only `commands`.
	 * "After" callbacks are delivered after the REST answer, one at a time, never retried; see
	 * callbackDeliveries. Throws on an invalid target. Addition to the spec.
	 */
	setCallbackTarget(target: CallbackTarget): void {
		const sdkAppId = target?.sdkAppId ?? this.defaultSdkAppId;
		this.appState(sdkAppId);
		this.callbacks.setTarget(sdkAppId, target);
	}

	/** No more callbacks for this app (default: every app); those already queued still go. */
	clearCallbackTarget(sdkAppId?: number): void {
		if (sdkAppId !== undefined) this.appState(sdkAppId);
		this.callbacks.clearTarget(sdkAppId);
	}

	/** The app's live callback configuration (what get_callback and get_callback_token answer). Addition to the spec. */
	getLiveCallbackConfig(sdkAppId?: number): LiveCallbackConfig {
		const app = this.appState(sdkAppId);
		return {
			callback: app.liveCallback ? { Url: app.liveCallback.url, CallbackCommandList: [...app.liveCallback.commands] } : null,
			token: app.liveCallbackToken ? { Token: app.liveCallbackToken.token, IsTokenEnable: app.liveCallbackToken.enabled } : null,
		};
	}

	/**
	 * Test setup (like Tencent's console, at once): sets the app's live callback configuration
	 * without REST, replacing one that exists; with `token`, the token configuration too
	 * (IsTokenEnable = tokenEnabled, default true). Not logged as a mutation. Throws plain Errors
	 * on invalid input. Addition to the spec.
	 */
	setLiveCallbackConfig(input: LiveCallbackConfigInput): void {
		if (input === null || typeof input !== 'object') throw new Error('setLiveCallbackConfig needs {url, commands, token?, tokenEnabled?}');
		const app = this.appState(input.sdkAppId);
		const problem =
			callbackUrlProblem(input.url) ??
			commandListProblem(input.commands) ??
			(input.token !== undefined ? callbackTokenProblem(input.token) : null) ??
			(input.tokenEnabled !== undefined && typeof input.tokenEnabled !== 'boolean' ? 'tokenEnabled must be a boolean' : null);
		if (problem) throw new Error(`live callback config: ${problem}`);
		const delivery = checkDelivery(input);
		app.liveCallback = { url: input.url, commands: [...input.commands] };
		if (input.token !== undefined) app.liveCallbackToken = { token: input.token, enabled: input.tokenEnabled ?? true };
		this.liveDelivery.set(app.sdkAppId, delivery);
	}

	/** Test setup: the app has no live callback configuration (nor token) any more. Addition to the spec (Tencent has no delete). */
	clearLiveCallbackConfig(sdkAppId?: number): void {
		const app = this.appState(sdkAppId);
		app.liveCallback = null;
		app.liveCallbackToken = null;
		this.liveDelivery.delete(app.sdkAppId);
	}

	/** live_config's configuration as the dispatcher uses it; undefined when there is none. */
	private liveTarget(sdkAppId: number): ResolvedTarget | undefined {
		const app = this.appStates.get(sdkAppId);
		const config = app?.liveCallback;
		if (!app || !config) return undefined;
		const commands = new Set(config.commands);
		// Either spelling of the member-state callback subscribes to it.
		if (commands.has(LIVE_MEMBER_STATE_ALIAS)) commands.add('Live.CallbackAfterMemberStateChanged');
		const token = app.liveCallbackToken?.enabled ? app.liveCallbackToken.token : undefined;
		return { url: config.url, token, commands, ...(this.liveDelivery.get(sdkAppId) ?? checkDelivery({})) };
	}

	/**
	 * A user sends a text message from a client in a live room's Chat group (group ID = room ID),
	 * the way Tencent handles it: refused when the sender is banned (100016), muted (100017), or
	 * the text is filtered (80001); otherwise Group.CallbackBeforeSendMsg goes first when the Chat
	 * target (setCallbackTarget) takes it, and the emulator waits for the answer (at most the
	 * target's timeoutMs, 2000 by default): ErrorCode 0 allows (a MsgBody in the answer replaces
	 * the text), any other blocks; no answer in time, an HTTP error or an unreadable answer lets
	 * the message through. An allowed message is recorded (getRoomMessages, fromUser true), and
	 * Group.CallbackAfterSendMsg follows when taken. Each Before decision is in
	 * callbackDeliveries. Throws plain Errors for a room that does not exist or is not live.
	 * Addition to the spec.
	 */
	async userSendsMessage(input: UserMessageInput): Promise<UserMessageResult> {
		return await userSendsMessage(this.userActionContext(input?.sdkAppId), input);
	}

	/**
	 * A user sends a gift in a live room: refused when the sender is banned (100016); otherwise
	 * Live.CallbackBeforeSendGift goes first when the live configuration takes it, and its answer
	 * decides like userSendsMessage's (ErrorCode 0 allows; 1 rejects; 102100..102200 reject and are
	 * passed through as blockedBy). An allowed gift is recorded (getRoomGifts) and counted in
	 * get_room_stats. Addition to the spec.
	 */
	async userSendsGift(input: UserGiftInput): Promise<UserGiftResult> {
		return await userSendsGift(this.userActionContext(input?.sdkAppId), input);
	}

	/** The gifts users sent in a live room, oldest first (copies). Addition to the spec. */
	getRoomGifts(roomId: string, sdkAppId?: number): RoomGift[] {
		return this.appState(sdkAppId).room(roomId).gifts.map((gift) => ({ ...gift, To_Account: [...gift.To_Account] }));
	}

	private userActionContext(sdkAppId: number | undefined) {
		return { app: this.appState(sdkAppId), dispatcher: this.callbacks, now: this.now, sensitiveWords: this.sensitiveWords };
	}

	/** Every callback sent (or dropped), in the order they settled; resetLog() clears it. */
	get callbackDeliveries(): CallbackDeliveryEntry[] {
		return this.callbacks.log;
	}

	/**
	 * Resolves once every callback due so far has been answered or has failed. A callback is due
	 * once the REST answer of its change has gone out.
	 */
	async waitForCallbacks(): Promise<void> {
		while (this.callbacksAwaitingAnswer.size > 0) await Promise.all([...this.callbacksAwaitingAnswer]);
		await this.callbacks.whenIdle();
	}

	// ---------------------------------------------------------------- request pipeline

	private onRequest(req: http.IncomingMessage, res: http.ServerResponse): void {
		const target = req.url ?? '/';
		const queryStart = target.indexOf('?');
		const pathname = queryStart === -1 ? target : target.slice(0, queryStart);
		const query = new URLSearchParams(queryStart === -1 ? '' : target.slice(queryStart + 1));
		const path = COMMAND_PATH.exec(pathname);
		// The query string is never stored: it carries the usersig.
		const entry: RequestLogEntry = {
			seq: ++this.requestSeq,
			command: path ? `${path[1]}/${path[2]}` : pathname,
			sdkAppId: parseSdkAppId(query.get('sdkappid')),
			identifier: query.get('identifier'),
			body: null,
			receivedAt: this.now(),
			admittedAt: null,
			httpStatus: 0,
			errorCode: null,
			fault: null,
			applied: false,
		};
		this.requestLog.push(entry);
		this.openRequests += 1;
		this.peakOpenRequests = Math.max(this.peakOpenRequests, this.openRequests);
		const startedAt = performance.now();
		res.once('close', () => {
			this.openRequests -= 1;
			this.onRequestDone?.(entry, performance.now() - startedAt);
		});

		readBody(req)
			.then((body) => this.process(req, res, entry, query, body.text, body.tooLarge))
			.catch((error: Error) => {
				// The client went away mid-body, or an emulator bug: never leave the socket hanging.
				if (!res.headersSent && !res.destroyed) {
					entry.httpStatus = 500;
					res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`emulator error: ${error.message}`);
				}
			});
	}

	private async process(
		req: http.IncomingMessage,
		res: http.ServerResponse,
		entry: RequestLogEntry,
		query: URLSearchParams,
		rawBody: string,
		tooLarge: boolean,
	): Promise<void> {
		const body = tooLarge ? undefined : parseJsonObject(rawBody);
		entry.body = body ?? (rawBody.length > MAX_LOGGED_RAW_BODY ? rawBody.slice(0, MAX_LOGGED_RAW_BODY) : rawBody);

		const spec = COMMANDS.get(entry.command);
		const style: ResponseStyle = spec?.style ?? 'roomEngine';
		const fail = (code: number, info: string) => this.answer(res, entry, style, { code, info });

		// 1. the URL
		if (req.method !== 'POST') return fail(ErrorCodes.unknownCommand, `method ${req.method} not allowed: REST commands are POST`);
		if (!spec) return fail(ErrorCodes.unknownCommand, `unknown REST command ${entry.command}`);
		const sdkAppId = entry.sdkAppId;
		if (sdkAppId === null) return fail(ErrorCodes.sdkAppIdMissing, 'sdkappid is missing or not a number');
		const identifier = entry.identifier;
		if (identifier === null || identifier === '') return fail(ErrorCodes.identifierMissing, 'identifier is missing');
		const random = query.get('random');
		if (random === null || !DIGITS.test(random) || Number(random) > MAX_RANDOM) {
			return fail(ErrorCodes.invalidUrl, 'random must be an integer within 0..4294967295');
		}
		if (query.get('contenttype') !== 'json') return fail(ErrorCodes.invalidUrl, 'contenttype must be json');

		// 2. who is calling
		const app = this.apps.get(sdkAppId);
		if (!app) return fail(ErrorCodes.sdkAppIdNotFound, `SDKAppID ${sdkAppId} not found (wrong region?)`);
		const verdict = verifyUserSig({
			userSig: query.get('usersig') ?? '',
			sdkAppId,
			identifier,
			secretKey: app.secretKey,
			nowSeconds: Math.floor(this.now() / 1000),
		});
		if (!verdict.ok) return fail(verdict.code, verdict.info);
		if (!app.admins.includes(identifier)) return fail(ErrorCodes.notAdmin, `${identifier} is not an App administrator`);

		// 3. the body
		if (!body) return fail(ErrorCodes.invalidJson, tooLarge ? 'request body is too large' : 'request body is not a JSON object');

		// 3b. a canned answer from a test (overrideNextAnswer)
		const override = this.takeOverride(spec.name);
		if (override) {
			if (override.apply) this.execute(spec, body, entry, this.appState(sdkAppId), res);
			return this.sendOverride(res, entry, override, { body, seq: entry.seq, url: req.url ?? '' });
		}

		// 4. frequency limit, counted when the call is handled (bodies arrive out of order, handling
		// time does not); refused calls do not use up the window
		const admittedAt = this.now();
		if (!this.rateLimiter.tryAcquire(`${sdkAppId}|${spec.name}`, admittedAt, this.rateLimitFor(spec.name))) {
			return fail(this.rateLimitErrorCode, `${spec.name}: frequency limit exceeded`);
		}
		entry.admittedAt = admittedAt;

		// 5. faults, decided before applying
		const planned = this.faultPlan.next(spec.name);
		const state = this.appState(sdkAppId);
		if (planned?.type === 'errorCode') {
			if (planned.afterApply) this.execute(spec, body, entry, state, res);
			return fail(planned.code, `injected error ${planned.code}`);
		}
		if (planned) {
			entry.fault = planned.kind;
			switch (planned.kind) {
				case 'internalErrorBeforeApply':
					return fail(spec.internalErrorCode, 'internal server error, please retry');
				case 'internalErrorAfterApply':
					this.execute(spec, body, entry, state, res);
					return fail(spec.internalErrorCode, 'internal server error, please retry');
				case 'rateLimited':
					return fail(this.rateLimitErrorCode, `${spec.name}: frequency limit exceeded`);
				case 'http502':
					return this.sendBadGateway(res, entry);
				case 'connectionReset':
					return this.resetConnection(req, res);
				case 'stall':
					// Hold the socket open; the client gives up or stop() destroys it.
					return;
				case 'truncatedJson':
					return this.answer(res, entry, spec.style, this.execute(spec, body, entry, state, res), { truncate: true });
				case 'lateApply':
					// Hold the socket open (like stall), apply late, then answer if the client stayed.
					this.applyLate(res, entry, () => this.execute(spec, body, entry, state, res), spec.style);
					return;
				case 'resetThenLateApply':
					this.applyLate(res, entry, () => this.execute(spec, body, entry, state, res), null);
					return this.resetConnection(req, res);
			}
		}

		// 6. the command
		return this.answer(res, entry, spec.style, this.execute(spec, body, entry, state, res));
	}

	/**
	 * Tencent applying a call its client may have given up on: runs `apply` lateApplyMs from now
	 * (the call was admitted just before), within Tencent's ~3 s backend window. With a `style`,
	 * the answer follows when the client is still connected (after latencyMs, like any answer);
	 * otherwise nothing is sent. A timer like the latency ones: stop() clears it, so nothing is
	 * applied after stop().
	 */
	private applyLate(res: http.ServerResponse, entry: RequestLogEntry, apply: () => Answer, style: ResponseStyle | null): void {
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (this.server === null) return;
			let answer: Answer;
			try {
				answer = apply();
			} catch (error) {
				// An emulator bug: never leave the socket hanging.
				if (!res.headersSent && !res.destroyed) {
					entry.httpStatus = 500;
					res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`emulator error: ${(error as Error).message}`);
				}
				return;
			}
			if (style === null || res.destroyed) return; // nobody left to answer: httpStatus stays 0
			void this.answer(res, entry, style, answer);
		}, this.lateApplyDelayMs);
		this.timers.add(timer);
	}

	/**
	 * Runs a command; mutations it records are logged against this request, and the callbacks it
	 * emits go out once the request's response is over (answered, or the client gone).
	 */
	private execute(spec: CommandSpec, body: Record<string, unknown>, entry: RequestLogEntry, app: AppState, res: http.ServerResponse): Answer {
		const callbacks: PendingCallback[] = [];
		try {
			const result = spec.run(body, {
				app,
				nowMs: this.now(),
				liveMemberPageSize: this.liveMemberPageSize,
				identifier: entry.identifier ?? '',
				sensitiveWords: this.sensitiveWords,
				requestSeq: entry.seq,
				recordMutation: (roomId, detail) => {
					this.mutationLog.push({ seq: ++this.mutationSeq, requestSeq: entry.seq, command: spec.name, roomId, detail });
				},
				emitCallback: (command, room, callbackBody) => {
					callbacks.push({
						sdkAppId: app.sdkAppId,
						command,
						route: callbackRoute(command, room.type),
						roomId: room.roomId,
						requestSeq: entry.seq,
						body: callbackBody,
					});
				},
			});
			entry.applied = true;
			if (callbacks.length > 0) {
				if (res.writableFinished || res.destroyed) {
					this.callbacks.enqueue(callbacks);
				} else {
					const answered: Promise<void> = new Promise((resolve) =>
						res.once('close', () => {
							this.callbacksAwaitingAnswer.delete(answered);
							this.callbacks.enqueue(callbacks);
							resolve();
						}),
					);
					this.callbacksAwaitingAnswer.add(answered);
				}
			}
			return { code: 0, info: '', payload: result.payload };
		} catch (error) {
			if (error instanceof TencentApiError) return { code: error.code, info: error.info };
			throw error;
		}
	}

	private async answer(
		res: http.ServerResponse,
		entry: RequestLogEntry,
		style: ResponseStyle,
		answer: Answer,
		options: { truncate?: boolean } = {},
	): Promise<void> {
		const envelope: Record<string, unknown> = {
			ActionStatus: answer.code === 0 ? 'OK' : 'FAIL',
			ErrorCode: answer.code,
			ErrorInfo: answer.info,
		};
		if (style === 'roomEngine') {
			envelope.RequestId = `Id-${randomBytes(16).toString('hex')}-O-Seq-${entry.seq}`;
			if (answer.payload) envelope.Response = answer.payload;
		} else if (answer.payload) {
			Object.assign(envelope, answer.payload);
		}
		let text = JSON.stringify(envelope);
		if (options.truncate) text = text.slice(0, Math.floor(text.length / 2));
		entry.errorCode = answer.code;
		entry.httpStatus = 200;
		if (!(await this.afterLatency(res))) return;
		res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) }).end(text);
	}

	private async sendOverride(
		res: http.ServerResponse,
		entry: RequestLogEntry,
		override: AnswerOverride,
		request: { body: unknown; seq: number; url: string },
	): Promise<void> {
		const produced: AnswerBody = typeof override.body === 'function' ? override.body(request) : override.body;
		const isText = typeof produced === 'string' || Buffer.isBuffer(produced);
		const payload = Buffer.isBuffer(produced) ? produced : Buffer.from(typeof produced === 'string' ? produced : JSON.stringify(produced));
		const status = override.status ?? 200;
		entry.httpStatus = status;
		const errorCode = !isText && produced && typeof produced === 'object' ? (produced as { ErrorCode?: unknown }).ErrorCode : undefined;
		entry.errorCode = typeof errorCode === 'number' ? errorCode : null;
		if (!(await this.afterLatency(res))) return;
		res
			.writeHead(status, {
				'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
				'Content-Length': String(payload.length),
				...override.headers,
			})
			.end(payload);
	}

	private async sendBadGateway(res: http.ServerResponse, entry: RequestLogEntry): Promise<void> {
		entry.httpStatus = 502;
		if (!(await this.afterLatency(res))) return;
		res.writeHead(502, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(BAD_GATEWAY_PAGE) }).end(BAD_GATEWAY_PAGE);
	}

	private async resetConnection(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
		if (!(await this.afterLatency(res))) return;
		// A TCP RST, so the client sees ECONNRESET rather than a clean close. Under TLS the reset
		// goes to the TCP socket beneath (a TLS socket cannot reset).
		const socket = req.socket;
		const tcp = socket instanceof TLSSocket ? this.tcpByPeer.get(peerKey(socket)) : socket;
		if (tcp) tcp.resetAndDestroy();
		else socket.destroy();
	}

	/** Waits latencyMs; false when the answer can no longer be sent (client gone, emulator stopped). */
	private async afterLatency(res: http.ServerResponse): Promise<boolean> {
		const delay = this.latencyMs;
		if (delay > 0) {
			await new Promise<void>((resolve) => {
				const timer = setTimeout(() => {
					this.timers.delete(timer);
					resolve();
				}, delay);
				this.timers.add(timer);
			});
		}
		return this.server !== null && !res.destroyed;
	}
}
