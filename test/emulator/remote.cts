import { fork, type ChildProcess } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';

import type { EmulatorProcessOptions } from './childProcess.cjs';
import type { ProxyStats } from './latencyProxy.cjs';
import type {
	CallbackDeliveryEntry,
	CallbackTarget,
	CreateGroupInput,
	CreateRoomInput,
	EmulatorStats,
	LiveCallbackConfig,
	LiveCallbackConfigInput,
	MutationLogEntry,
	RequestLogEntry,
	RoomGift,
	RoomInfoView,
	RoomMessage,
	RoomMetadataItem,
	RoomStats,
	SeatView,
	UserGiftInput,
	UserGiftResult,
	UserMessageInput,
	UserMessageResult,
} from './types.cjs';

/**
 * The emulator in a child process (see childProcess.cts). Needs the compiled tools
 * (`npm run build:tools`): it forks build/test/emulator/childProcess.cjs.
 */
export class RemoteEmulator {
	private nextId = 0;
	private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

	private constructor(
		private readonly child: ChildProcess,
		readonly baseUrl: string,
	) {
		child.on('message', (message: { id?: number; result?: unknown; error?: string }) => {
			if (message.id === undefined) return;
			const waiter = this.pending.get(message.id);
			this.pending.delete(message.id);
			if (message.error !== undefined) waiter?.reject(new Error(message.error));
			else waiter?.resolve(message.result);
		});
	}

	static async start(options: EmulatorProcessOptions = {}): Promise<RemoteEmulator> {
		// __dirname is build/test/emulator when compiled: the entry sits beside this file. From the
		// sources (jest), it is the compiled one in build/ (npm run build:tools).
		const beside = join(__dirname, 'childProcess.cjs');
		const entry = existsSync(beside) ? beside : join(__dirname, '..', '..', 'build', 'test', 'emulator', 'childProcess.cjs');
		const child = fork(entry, [JSON.stringify(options)], { stdio: 'inherit' });
		const baseUrl = await new Promise<string>((resolve, reject) => {
			child.once('message', (message: { ready?: boolean; baseUrl?: string }) => {
				if (message.ready && message.baseUrl) resolve(message.baseUrl);
			});
			child.once('exit', (code) => reject(new Error(`emulator process exited with ${code}`)));
		});
		return new RemoteEmulator(child, baseUrl);
	}

	call<T>(method: string, ...args: unknown[]): Promise<T> {
		const id = ++this.nextId;
		return new Promise<T>((resolve, reject) => {
			this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
			this.child.send({ id, method, args });
		});
	}

	/** Connections through the LatencyProxy (networkRoundTripMs); null without one. */
	proxyStats(reset = false): Promise<ProxyStats | null> {
		return this.call('proxyStats', reset);
	}

	createRoom(room: CreateRoomInput): Promise<void> {
		return this.call('createRoom', room);
	}

	createGroup(group: CreateGroupInput): Promise<void> {
		return this.call('createGroup', group);
	}

	getSeats(roomId: string): Promise<SeatView[]> {
		return this.call('getSeats', roomId);
	}

	getRoom(roomId: string, sdkAppId?: number): Promise<RoomInfoView> {
		return this.call('getRoom', roomId, sdkAppId);
	}

	setRoomStats(roomId: string, stats: Partial<RoomStats>, sdkAppId?: number): Promise<void> {
		return this.call('setRoomStats', roomId, stats, sdkAppId);
	}

	setViewCount(roomId: string, viewCount: number, sdkAppId?: number): Promise<void> {
		return this.call('setViewCount', roomId, viewCount, sdkAppId);
	}

	getRoomMetadata(roomId: string, sdkAppId?: number): Promise<RoomMetadataItem[]> {
		return this.call('getRoomMetadata', roomId, sdkAppId);
	}

	getRoomMessages(roomId: string, sdkAppId?: number): Promise<RoomMessage[]> {
		return this.call('getRoomMessages', roomId, sdkAppId);
	}

	setCallbackTarget(target: CallbackTarget): Promise<void> {
		return this.call('setCallbackTarget', target);
	}

	clearCallbackTarget(sdkAppId?: number): Promise<void> {
		return this.call('clearCallbackTarget', sdkAppId);
	}

	callbackDeliveries(): Promise<CallbackDeliveryEntry[]> {
		return this.call('callbackDeliveries');
	}

	waitForCallbacks(): Promise<void> {
		return this.call('waitForCallbacks');
	}

	getLiveCallbackConfig(sdkAppId?: number): Promise<LiveCallbackConfig> {
		return this.call('getLiveCallbackConfig', sdkAppId);
	}

	setLiveCallbackConfig(input: LiveCallbackConfigInput): Promise<void> {
		return this.call('setLiveCallbackConfig', input);
	}

	clearLiveCallbackConfig(sdkAppId?: number): Promise<void> {
		return this.call('clearLiveCallbackConfig', sdkAppId);
	}

	/** Resolves once the Before callback (if any) has decided: up to its timeout (2 s by default). */
	userSendsMessage(input: UserMessageInput): Promise<UserMessageResult> {
		return this.call('userSendsMessage', input);
	}

	userSendsGift(input: UserGiftInput): Promise<UserGiftResult> {
		return this.call('userSendsGift', input);
	}

	getRoomGifts(roomId: string, sdkAppId?: number): Promise<RoomGift[]> {
		return this.call('getRoomGifts', roomId, sdkAppId);
	}

	setPaidPackage(paid: boolean, sdkAppId?: number): Promise<void> {
		return this.call('setPaidPackage', paid, sdkAppId);
	}

	stats(): Promise<EmulatorStats> {
		return this.call('stats');
	}

	requests(): Promise<RequestLogEntry[]> {
		return this.call('requests');
	}

	mutations(): Promise<MutationLogEntry[]> {
		return this.call('mutations');
	}

	resetLog(): Promise<void> {
		return this.call('resetLog');
	}

	setLatency(latencyMs: number): Promise<void> {
		return this.call('setLatency', latencyMs);
	}

	setLateApplyMs(ms: number): Promise<void> {
		return this.call('setLateApplyMs', ms);
	}

	async stop(): Promise<void> {
		await this.call('stop').catch(() => undefined);
		this.child.kill();
	}
}
