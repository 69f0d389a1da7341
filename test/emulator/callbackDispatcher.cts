/**
 * The callbacks Tencent sends for changes made through REST (Room.CallbackAfterMemberLeave,
 * Mic.CallbackAfterSeatInfoChanged), delivered the way callbacks.cts describes: a signed POST
 * to the app's callback URL. Fire-and-forget: one at a time in the order of the changes, each
 * with a short timeout, never retried, and never able to change a REST answer. Every attempt
 * lands in the delivery log.
 */
import * as http from 'http';
import * as https from 'https';

import { TENCENT_CALLBACK_TIMEOUT_MS, callbackBodyText, callbackUrl } from './callbacks.cjs';
import { type CallbackDeliveryEntry, type CallbackTarget, type EmulatedCallbackCommand, EMULATED_CALLBACK_COMMANDS } from './types.cjs';

/** A callback a command produced, waiting for its REST answer to go out. */
export interface PendingCallback {
	sdkAppId: number;
	command: EmulatedCallbackCommand;
	roomId: string;
	requestSeq: number;
	/** Without CallbackCommand (added when sent). */
	body: Record<string, unknown>;
}

interface ResolvedTarget {
	url: string;
	token?: string;
	commands: ReadonlySet<EmulatedCallbackCommand>;
	timeoutMs: number;
	ca?: string;
}

interface Queued {
	event: PendingCallback;
	target: ResolvedTarget;
}

const DROPPED = 'dropped: the emulator stopped';

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
	const timeoutMs = target.timeoutMs ?? TENCENT_CALLBACK_TIMEOUT_MS;
	if (!Number.isInteger(timeoutMs) || timeoutMs < 1) throw new Error(`callback timeoutMs must be a positive integer, got ${target.timeoutMs}`);
	if (target.ca !== undefined && typeof target.ca !== 'string') throw new Error('callback ca must be a PEM string');
	return { url: target.url, token: target.token, commands: new Set(commands), timeoutMs, ca: target.ca };
}

export class CallbackDispatcher {
	/** Every delivery attempted, in the order they settled. */
	readonly log: CallbackDeliveryEntry[] = [];

	private readonly targets = new Map<number, ResolvedTarget>();
	private readonly queue: Queued[] = [];
	private current: http.ClientRequest | null = null;
	private running = false;
	private idleWaiters: Array<() => void> = [];
	private seq = 0;
	private open = true;

	constructor(private readonly now: () => number) {}

	setTarget(sdkAppId: number, target: CallbackTarget): void {
		this.targets.set(sdkAppId, checkCallbackTarget(target));
	}

	clearTarget(sdkAppId?: number): void {
		if (sdkAppId === undefined) this.targets.clear();
		else this.targets.delete(sdkAppId);
	}

	/** Queues the events whose app has a target that takes them; the rest are not sent at all. */
	enqueue(events: readonly PendingCallback[]): void {
		for (const event of events) {
			const target = this.targets.get(event.sdkAppId);
			if (!target || !target.commands.has(event.command)) continue;
			if (!this.open) {
				this.settle(this.newEntry(event, target), 0, DROPPED, 0);
				continue;
			}
			this.queue.push({ event, target });
		}
		if (!this.running) void this.drain();
	}

	/** Resolves once nothing is queued or in flight. */
	whenIdle(): Promise<void> {
		if (!this.running && this.queue.length === 0) return Promise.resolve();
		return new Promise((resolve) => this.idleWaiters.push(resolve));
	}

	/** Accepts deliveries again (start()). */
	reopen(): void {
		this.open = true;
	}

	/** Drops what is queued and the delivery in flight (logged as dropped), then waits until idle. */
	async close(): Promise<void> {
		this.open = false;
		for (const { event, target } of this.queue.splice(0)) this.settle(this.newEntry(event, target), 0, DROPPED, 0);
		this.current?.destroy(new Error(DROPPED));
		await this.whenIdle();
	}

	clearLog(): void {
		this.log.length = 0;
	}

	private async drain(): Promise<void> {
		this.running = true;
		try {
			for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.deliver(next);
		} finally {
			this.running = false;
			for (const resolve of this.idleWaiters.splice(0)) resolve();
		}
	}

	private newEntry(event: PendingCallback, target: ResolvedTarget): CallbackDeliveryEntry {
		const time = this.now();
		const options = { url: target.url, sdkAppId: event.sdkAppId, command: event.command, body: event.body, token: target.token, nowMs: time };
		return {
			seq: ++this.seq,
			command: event.command,
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

	/** One POST; never rejects. */
	private deliver({ event, target }: Queued): Promise<void> {
		const entry = this.newEntry(event, target);
		const payload = Buffer.from(JSON.stringify(entry.body), 'utf8');
		const started = Date.now();
		return new Promise<void>((resolve) => {
			let done = false;
			let timer: NodeJS.Timeout | undefined;
			const finish = (status: number, error: string | null) => {
				if (done) return;
				done = true;
				clearTimeout(timer);
				this.current = null;
				// Whatever the socket says once stop() pulled the plug, the delivery was dropped.
				this.settle(entry, status, this.open || status !== 0 ? error : DROPPED, Date.now() - started);
				resolve();
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
				// The answer is not used (Tencent ignores it for After callbacks): read it to the end.
				response.on('data', () => undefined);
				response.on('end', () => finish(response.statusCode ?? 0, null));
				response.on('error', (error: Error) => finish(0, error.message));
				response.on('close', () => finish(0, 'the answer was cut off'));
			};
			let request: http.ClientRequest;
			try {
				request = entry.url.startsWith('https:') ? https.request(entry.url, options, onResponse) : http.request(entry.url, options, onResponse);
			} catch (error) {
				finish(0, (error as Error).message);
				return;
			}
			this.current = request;
			request.on('error', (error: Error) => finish(0, error.message));
			timer = setTimeout(() => {
				finish(0, 'timeout');
				request.destroy();
			}, target.timeoutMs);
			request.end(payload);
		});
	}
}
