/**
 * A TCP proxy that makes a server on 127.0.0.1 behave like one far away: every chunk waits half
 * the round trip in each direction, and a connection's first bytes wait one more round trip (the
 * TCP handshake a real connection pays before it can send). TLS handshakes and requests then
 * cost the round trips they cost on a real network. Order within a connection is kept.
 */
import * as net from 'net';

export interface ProxyStats {
	/** Connections opened since the last reset. */
	connections: number;
	/** The most connections in flight at once since the last reset (from the connection until its answer has gone back). */
	peakOpen: number;
}

export class LatencyProxy {
	private server?: net.Server;
	private readonly sockets = new Set<net.Socket>();
	private open = 0;
	private stats: ProxyStats = { connections: 0, peakOpen: 0 };

	constructor(
		private readonly targetPort: number,
		readonly roundTripMs: number,
	) {
		if (!Number.isFinite(roundTripMs) || roundTripMs < 0) throw new RangeError('roundTripMs must be a number of at least 0');
	}

	/** Listens on 127.0.0.1 (port 0: any free one); returns the port. */
	async start(port = 0): Promise<number> {
		const server = net.createServer((client) => this.accept(client));
		this.server = server;
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve());
		});
		return (server.address() as net.AddressInfo).port;
	}

	async stop(): Promise<void> {
		for (const socket of this.sockets) socket.destroy();
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}

	readStats(reset = false): ProxyStats {
		const stats = { ...this.stats };
		if (reset) this.stats = { connections: 0, peakOpen: this.open };
		return stats;
	}

	private accept(client: net.Socket): void {
		const upstream = net.connect(this.targetPort, '127.0.0.1');
		for (const socket of [client, upstream]) {
			this.sockets.add(socket);
			socket.setNoDelay(true);
		}
		this.open++;
		this.stats.connections++;
		this.stats.peakOpen = Math.max(this.stats.peakOpen, this.open);
		const half = this.roundTripMs / 2;
		let closed = false;
		// Ends both sides once what is already written has gone out (destroy would drop it).
		const close = () => {
			if (closed) return;
			closed = true;
			client.destroySoon();
			upstream.destroySoon();
		};
		// In flight from the connection until its answer starts going back (or it closed). Counted
		// off as the answer is handed to the client, in the relay's own order: the client cannot
		// start its next call before that, so the count never shows two calls where one followed
		// the other (a separate timer could fire after the next connection came in).
		let inFlight = true;
		const answered = () => {
			if (!inFlight) return;
			inFlight = false;
			this.open--;
		};
		client.once('close', answered);
		for (const socket of [client, upstream]) socket.once('close', () => this.sockets.delete(socket));
		this.relay(client, upstream, half, this.roundTripMs, close);
		this.relay(upstream, client, half, 0, close, answered);
	}

	/**
	 * Forwards `from` to `to`, each chunk `delayMs` later (the first one `firstExtraMs` more), in
	 * order; `onFirstDelivered` runs as the first chunk is written.
	 */
	private relay(from: net.Socket, to: net.Socket, delayMs: number, firstExtraMs: number, close: () => void, onFirstDelivered?: () => void): void {
		// One timer per direction, actions run strictly in the order they arrived (timers of
		// equal expiry alone would not guarantee it, and a reordered chunk corrupts the stream).
		const pending: Array<{ dueAt: number; action: () => void }> = [];
		let timer: NodeJS.Timeout | undefined;
		let first = true;
		const runDue = () => {
			timer = undefined;
			while (pending.length > 0 && pending[0].dueAt <= Date.now()) pending.shift()?.action();
			if (pending.length > 0) timer = setTimeout(runDue, pending[0].dueAt - Date.now());
		};
		const later = (action: () => void) => {
			const lastDueAt = pending.length > 0 ? pending[pending.length - 1].dueAt : 0;
			pending.push({ dueAt: Math.max(Date.now() + delayMs + (first ? firstExtraMs : 0), lastDueAt), action });
			first = false;
			if (!timer) timer = setTimeout(runDue, pending[0].dueAt - Date.now());
		};
		from.on('data', (chunk: Buffer) =>
			later(() => {
				onFirstDelivered?.();
				if (to.writable) to.write(chunk);
			}),
		);
		from.on('end', () =>
			later(() => {
				onFirstDelivered?.();
				to.end();
			}),
		);
		from.on('error', () => later(close));
		from.on('close', () => later(close));
	}
}
