/**
 * The callbacks Tencent sends, delivered the way callbacks.cts describes: a signed POST to the
 * callback URL of one of the app's two configurations, the Chat console's (setCallbackTarget:
 * conference callbacks, Group.* message callbacks) or live_config's (Live.* and live rooms'
 * Mic.*).
 *
 * "After" callbacks are fire-and-forget: one at a time in the order of the changes, each with a
 * short timeout, never retried, and never able to change a REST answer. "Before" callbacks
 * (ask) go at once, and their answer is read and decides. Every attempt lands in the delivery
 * log.
 */
import * as http from 'http';
import * as https from 'https';

import { TENCENT_CALLBACK_TIMEOUT_MS, callbackBodyText, callbackUrl } from './callbacks.cjs';
import {
	type AnyCallbackCommand,
	type BeforeCallbackDecision,
	type CallbackDeliveryEntry,
	type CallbackRoute,
	type CallbackTarget,
	EMULATED_CALLBACK_COMMANDS,
} from './types.cjs';

/** A callback a command (or a user) produced. */
export interface PendingCallback {
	sdkAppId: number;
	command: AnyCallbackCommand;
	route: CallbackRoute;
	roomId: string;
	/** The REST request behind it; 0 for what a user did. */
	requestSeq: number;
	/** Without CallbackCommand (added when sent). */
	body: Record<string, unknown>;
}

/** Where one configuration sends: checked and ready to use. */
export interface ResolvedTarget {
	url: string;
	/** Signs when set. */
	token?: string;
	/** The command names it takes, matched verbatim. */
	commands: ReadonlySet<string>;
	timeoutMs: number;
	ca?: string;
}

/** What a "Before" callback got back. */
export interface BeforeAnswer {
	entry: CallbackDeliveryEntry;
	/** The answer's ErrorCode when it was HTTP 200 with a JSON object holding an integer ErrorCode. */
	errorCode: number | null;
	/** The answer parsed, when it was a JSON object. */
	json: Record<string, unknown> | null;
	decision: BeforeCallbackDecision;
}

interface Queued {
	event: PendingCallback;
	target: ResolvedTarget;
}

interface Posted {
	status: number;
	error: string | null;
	text: string;
	elapsedMs: number;
}

const DROPPED = 'dropped: the emulator stopped';
/** The most of an answer read: "Before" answers are small JSON objects. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Checks a target (plain Errors): what setCallbackTarget accepts. */
export function checkCallbackTarget(target: CallbackTarget): ResolvedTarget {
	if (target === null || typeof target !== 'object') throw new Error('the callback target must be {url, token?, commands?, timeoutMs?}');
	let url: URL;
	try {
		url = new URL(target.url);
	} catch {
		throw new Error(`callback url must be an absolute http:// or https:// URL, got ${String(target.url)}`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`callback url must be http:// or https://, got ${target.url}`);
	if (target.token !== undefined && (typeof target.token !== 'string' || target.token === '' || target.token.length > 128)) {
		throw new Error('callback token must be a string of 1 to 128 characters');
	}
	const commands = target.commands ?? EMULATED_CALLBACK_COMMANDS;
	if (!Array.isArray(commands) || !commands.every((command) => EMULATED_CALLBACK_COMMANDS.includes(command))) {
		throw new Error(`callback commands must be a list of ${EMULATED_CALLBACK_COMMANDS.join(', ')}`);
	}
	return { url: target.url, token: target.token, commands: new Set(commands), ...checkDelivery(target) };
}

/** timeoutMs (default 2000) and ca, checked (plain Errors). */
export function checkDelivery(options: { timeoutMs?: number; ca?: string }): { timeoutMs: number; ca?: string } {
	const timeoutMs = options.timeoutMs ?? TENCENT_CALLBACK_TIMEOUT_MS;
	if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`callback timeoutMs must be a positive integer, got ${options.timeoutMs}`);
	if (options.ca !== undefined && typeof options.ca !== 'string') throw new Error('callback ca must be a PEM string');
	return options.ca === undefined ? { timeoutMs } : { timeoutMs, ca: options.ca };
}

export class CallbackDispatcher {
	/** Every delivery attempted, in the order they settled. */
	readonly log: CallbackDeliveryEntry[] = [];

	private readonly targets = new Map<number, ResolvedTarget>();
	private readonly queue: Queued[] = [];
	/** Requests on the wire: the queued delivery and any "Before" callbacks. */
	private readonly inFlight = new Set<http.ClientRequest>();
	private running = false;
	private asking = 0;
	private idleWaiters: Array<() => void> = [];
	private seq = 0;
	private open = true;

	/**
	 * @param liveTarget the app's live_config configuration as it is now, if any.
	 */
	constructor(
		private readonly now: () => number,
		private readonly liveTarget: (sdkAppId: number) => ResolvedTarget | undefined,
	) {}

	setTarget(sdkAppId: number, target: CallbackTarget): void {
		this.targets.set(sdkAppId, checkCallbackTarget(target));
	}

	clearTarget(sdkAppId?: number): void {
		if (sdkAppId === undefined) this.targets.clear();
		else this.targets.delete(sdkAppId);
	}

	/** The configuration that takes this event now, if any. */
	targetFor(event: Pick<PendingCallback, 'sdkAppId' | 'route' | 'command'>): ResolvedTarget | undefined {
		const target = event.route === 'chat' ? this.targets.get(event.sdkAppId) : this.liveTarget(event.sdkAppId);
		return target && target.commands.has(event.command) ? target : undefined;
	}

	/** Queues the events a configuration takes; the rest are not sent at all. */
	enqueue(events: readonly PendingCallback[]): void {
		for (const event of events) {
			const target = this.targetFor(event);
			if (!target) continue;
			if (!this.open) {
				this.settle(this.newEntry(event, target), 0, DROPPED, 0);
				continue;
			}
			this.queue.push({ event, target });
		}
		if (!this.running) void this.drain();
	}

	/**
	 * A "Before" callback: sent at once (not queued behind "After" ones), the answer read and
	 * decided on within the target's timeout. Null when no configuration takes the event (nothing
	 * sent). Never rejects.
	 */
	async ask(event: PendingCallback): Promise<BeforeAnswer | null> {
		const target = this.targetFor(event);
		if (!target) return null;
		const entry = this.newEntry(event, target);
		this.asking += 1;
		try {
			const posted: Posted = this.open ? await this.post(entry, target) : { status: 0, error: DROPPED, text: '', elapsedMs: 0 };
			let json: Record<string, unknown> | null = null;
			try {
				const value: unknown = JSON.parse(posted.text);
				if (value !== null && typeof value === 'object' && !Array.isArray(value)) json = value as Record<string, unknown>;
			} catch {
				// not JSON: unreadable
			}
			const code = json?.ErrorCode;
			const errorCode = posted.status === 200 && typeof code === 'number' && Number.isSafeInteger(code) ? code : null;
			let decision: BeforeCallbackDecision;
			if (posted.error === 'timeout') decision = 'timedOut';
			else if (errorCode === null) decision = 'failed';
			else decision = errorCode === 0 ? 'allowed' : 'blocked';
			entry.decision = decision;
			entry.answerErrorCode = errorCode;
			this.settle(entry, posted.status, posted.error, posted.elapsedMs);
			return { entry, errorCode, json, decision };
		} finally {
			this.asking -= 1;
			this.checkIdle();
		}
	}

	/** Resolves once nothing is queued or in flight. */
	whenIdle(): Promise<void> {
		if (this.idle()) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Accepts deliveries again (start()). */
	reopen(): void {
		this.open = true;
	}

	/** Drops what is queued and what is in flight (logged as dropped), then waits until idle. */
	async close(): Promise<void> {
		this.open = false;
		for (const { event, target } of this.queue.splice(0)) this.settle(this.newEntry(event, target), 0, DROPPED, 0);
		for (const request of this.inFlight) request.destroy(new Error(DROPPED));
		await this.whenIdle();
	}

	clearLog(): void {
		this.log.length = 0;
	}

	private idle(): boolean {
		return !this.running && this.queue.length === 0 && this.asking === 0;
	}

	private checkIdle(): void {
		if (this.idle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
	}

	private async drain(): Promise<void> {
		this.running = true;
		try {
			for (let next = this.queue.shift(); next; next = this.queue.shift()) {
				const entry = this.newEntry(next.event, next.target);
				const posted = await this.post(entry, next.target);
				this.settle(entry, posted.status, posted.error, posted.elapsedMs);
			}
		} finally {
			this.running = false;
			this.checkIdle();
		}
	}

	private newEntry(event: PendingCallback, target: ResolvedTarget): CallbackDeliveryEntry {
		const time = this.now();
		const options = { url: target.url, sdkAppId: event.sdkAppId, command: event.command, body: event.body, token: target.token, nowMs: time };
		return {
			seq: ++this.seq,
			command: event.command,
			route: event.route,
			sdkAppId: event.sdkAppId,
			roomId: event.roomId,
			requestSeq: event.requestSeq,
			url: callbackUrl(options),
			body: JSON.parse(callbackBodyText(options)) as Record<string, unknown>,
			status: 0,
			error: null,
			time,
			elapsedMs: 0,
		};
	}

	private settle(entry: CallbackDeliveryEntry, status: number, error: string | null, elapsedMs: number): void {
		entry.status = status;
		entry.error = error;
		entry.elapsedMs = elapsedMs;
		this.log.push(entry);
	}

	/** One POST, its answer read (up to 64 KB); never rejects. */
	private post(entry: CallbackDeliveryEntry, target: ResolvedTarget): Promise<Posted> {
		const payload = Buffer.from(JSON.stringify(entry.body), 'utf8');
		const started = Date.now();
		return new Promise<Posted>((resolve) => {
			let done = false;
			let timer: NodeJS.Timeout | undefined;
			let request: http.ClientRequest | undefined;
			const chunks: Buffer[] = [];
			let size = 0;
			const finish = (status: number, error: string | null) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				if (request) this.inFlight.delete(request);
				// Whatever the socket says once stop() pulled the plug, the delivery was dropped.
				const reason = this.open || status !== 0 ? error : DROPPED;
				resolve({ status, error: reason, text: Buffer.concat(chunks).toString('utf8'), elapsedMs: Date.now() - started });
			};
			const options: https.RequestOptions = {
				method: 'POST',
				agent: false,
				headers: {
					'Content-Type': 'application/json; charset=utf-8',
					'Content-Length': payload.length,
					'User-Agent': 'Tencent-Callback-Emulator',
				},
				...(target.ca !== undefined ? { ca: target.ca } : {}),
			};
			const onResponse = (response: http.IncomingMessage) => {
				response.on('data', (chunk: Buffer) => {
					size += chunk.length;
					if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
				});
				response.on('end', () => finish(response.statusCode ?? 0, null));
				response.on('error', (error: Error) => finish(0, error.message));
				response.on('close', () => finish(0, 'the answer was cut off'));
			};
			try {
				request = entry.url.startsWith('https:') ? https.request(entry.url, options, onResponse) : http.request(entry.url, options, onResponse);
			} catch (error) {
				finish(0, (error as Error).message);
				return;
			}
			const sent = request;
			this.inFlight.add(sent);
			sent.on('error', (error: Error) => finish(0, error.message));
			timer = setTimeout(() => {
				finish(0, 'timeout');
				sent.destroy();
			}, target.timeoutMs);
			sent.end(payload);
		});
	}
}
