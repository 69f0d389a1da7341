/**
 * A screenshot of the n8n editor with headless Chromium (Debian's package: `apt-get install -y
 * chromium`), driven over the DevTools protocol: sets the session cookie, opens a workflow,
 * runs it with "Execute workflow", saves the canvas, then double-clicks a node so its parameter
 * panel opens, and saves that too.
 *
 * Runs under Node 24 (its built-in WebSocket), started by `npm run n8n -- --screenshot FILE`:
 *   node screenshot.cjs <baseUrl> <cookie> <workflowPath> <nodeName> <canvas.png> <panel.png> [nodes to succeed]
 */
import { spawn } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

interface Pending {
	resolve: (value: Record<string, unknown>) => void;
	reject: (error: Error) => void;
}

const WIDTH = 1440;
const HEIGHT = 900;

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

class Cdp {
	private nextId = 0;
	private readonly pending = new Map<number, Pending>();

	private constructor(private readonly socket: WebSocket) {
		socket.addEventListener('message', (event: MessageEvent) => {
			const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown>; error?: { message: string } };
			if (message.id === undefined) return;
			const waiter = this.pending.get(message.id);
			this.pending.delete(message.id);
			if (message.error) waiter?.reject(new Error(message.error.message));
			else waiter?.resolve(message.result ?? {});
		});
	}

	static connect(url: string): Promise<Cdp> {
		return new Promise((resolve, reject) => {
			const socket = new WebSocket(url);
			socket.addEventListener('open', () => resolve(new Cdp(socket)));
			socket.addEventListener('error', () => reject(new Error(`cannot connect to ${url}`)));
		});
	}

	send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
		const id = ++this.nextId;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject });
			this.socket.send(JSON.stringify({ id, method, params }));
		});
	}

	async evaluate<T>(expression: string): Promise<T> {
		const reply = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
		return (reply.result as { value: T }).value;
	}

	async waitFor<T>(what: string, expression: string, timeoutMs = 60_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const value = await this.evaluate<T>(expression).catch(() => undefined);
			if (value) return value;
			await sleep(250);
		}
		throw new Error(`timed out waiting for ${what}`);
	}

	close(): void {
		this.socket.close();
	}
}

async function capture(cdp: Cdp, file: string): Promise<void> {
	const shot = await cdp.send('Page.captureScreenshot', { format: 'png' });
	writeFileSync(file, Buffer.from(String(shot.data), 'base64'));
	console.log(`screenshot saved: ${file}`);
}

async function main(): Promise<void> {
	const [baseUrl, cookie, workflowPath, nodeName, canvasOut, panelOut, minSuccess] = process.argv.slice(2);
	if (!panelOut) throw new Error('usage: screenshot.cjs <baseUrl> <cookie> <workflowPath> <nodeName> <canvas.png> <panel.png> [nodes to succeed]');
	const minSuccessNodes = Number(minSuccess ?? 1);
	const profile = mkdtempSync(join(tmpdir(), 'tencent-room-chromium-'));
	const chromium = spawn(
		process.env.CHROMIUM_BIN || 'chromium',
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--hide-scrollbars',
			`--user-data-dir=${profile}`,
			'--remote-debugging-address=127.0.0.1',
			'--remote-debugging-port=0',
			`--window-size=${WIDTH},${HEIGHT}`,
			'about:blank',
		],
		{ stdio: ['ignore', 'ignore', 'pipe'] },
	);
	let cdp: Cdp | undefined;
	try {
		const browserUrl = await new Promise<string>((resolve, reject) => {
			let text = '';
			const timer = setTimeout(() => reject(new Error(`chromium did not start: ${text}`)), 30_000);
			chromium.stderr?.on('data', (chunk: Buffer) => {
				text += chunk.toString('utf8');
				const match = /DevTools listening on (ws:\/\/\S+)/.exec(text);
				if (match) {
					clearTimeout(timer);
					resolve(match[1]);
				}
			});
			chromium.once('exit', (code) => reject(new Error(`chromium exited with ${code}: ${text}`)));
		});
		const port = new URL(browserUrl).port;
		const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as Array<{ type: string; webSocketDebuggerUrl: string }>;
		const page = targets.find((target) => target.type === 'page');
		if (!page) throw new Error('chromium has no page');
		cdp = await Cdp.connect(page.webSocketDebuggerUrl);
		const [name, value] = cookie.split(/=(.*)/s);
		await cdp.send('Network.enable');
		await cdp.send('Network.setCookie', { name, value, url: baseUrl, httpOnly: true });
		await cdp.send('Emulation.setDeviceMetricsOverride', { width: WIDTH, height: HEIGHT, deviceScaleFactor: 1, mobile: false });
		await cdp.send('Page.enable');
		await cdp.send('Page.navigate', { url: `${baseUrl}${workflowPath}` });

		const nodeSelector = `Array.from(document.querySelectorAll('[data-test-id="canvas-node"]')).find((element) => element.textContent.includes(${JSON.stringify(nodeName)}))`;
		const box = await cdp.waitFor<{ x: number; y: number }>(
			`the node "${nodeName}" on the canvas`,
			`(() => { const node = ${nodeSelector}; if (!node) return undefined; const r = node.getBoundingClientRect(); return r.width ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : undefined; })()`,
		);
		await sleep(1500);
		// Run the workflow from the editor, as a user would, so the canvas shows item counts.
		await cdp.evaluate(`document.querySelector('[data-test-id="execute-workflow-button"]')?.click()`);
		await cdp
			.waitFor('the run to finish', `document.querySelectorAll('[data-test-id="canvas-node-status-success"]').length >= ${minSuccessNodes}`, 60_000)
			.catch((error: Error) => console.log(`note: ${error.message}`));
		await sleep(1500);
		await cdp.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x: 5, y: HEIGHT - 5 });
		await capture(cdp, canvasOut);
		for (const clickCount of [1, 2]) {
			await cdp.send('Input.dispatchMouseEvent', { type: 'mousePressed', x: box.x, y: box.y, button: 'left', clickCount });
			await cdp.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x: box.x, y: box.y, button: 'left', clickCount });
		}
		await cdp
			.waitFor('the parameter panel', `!!document.querySelector('[data-test-id="ndv"], [data-test-id="node-parameters"]')`, 20_000)
			.catch((error: Error) => console.log(`note: ${error.message}; taking the screenshot anyway`));
		await sleep(2000);
		await capture(cdp, panelOut);
	} finally {
		cdp?.close();
		// SIGTERM first: Chromium then ends and reaps its own helper processes.
		const exited = new Promise((resolve) => (chromium.exitCode !== null || chromium.signalCode !== null ? resolve(undefined) : chromium.once('exit', resolve)));
		chromium.kill('SIGTERM');
		const force = setTimeout(() => chromium.kill('SIGKILL'), 5000);
		await exited;
		clearTimeout(force);
		rmSync(profile, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(error: unknown) => {
		console.error(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(1);
	},
);
