/**
 * Child processes of the n8n tooling: commands with a time limit, long-running servers in
 * their own process group, and a cleanup that ends every one of them (also on failure and
 * on Ctrl-C). Only processes started here are ever signalled, by their own ids.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'child_process';
import { createWriteStream } from 'fs';
import { createServer } from 'net';

import { watchLaunchers } from '../launchers.cjs';

export interface CommandResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface CommandOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	/** Killed (its whole process group) after this long. */
	timeoutMs: number;
	/** Also write the output here as it comes (install logs). */
	logFile?: string;
}

const running = new Set<ChildProcess>();

/** Signals the child's process group (it was started detached, so it leads one). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

function exited(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Ends one process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 8000): Promise<void> {
	signalGroup(child, 'SIGTERM');
	const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
	await exited(child);
	clearTimeout(timer);
	// The group may hold children that outlive their leader (n8n's task runner).
	signalGroup(child, 'SIGKILL');
	running.delete(child);
}

/** Ends every process started through this module. */
export async function stopAll(): Promise<void> {
	await Promise.all([...running].map((child) => stopProcess(child)));
}

/** Starts a long-running process in its own process group, its output appended to `logFile`. */
export function startProcess(command: string, args: string[], options: SpawnOptions & { logFile: string }): ChildProcess {
	const log = createWriteStream(options.logFile, { flags: 'a' });
	const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	child.stdout?.pipe(log);
	child.stderr?.pipe(log);
	running.add(child);
	child.once('exit', () => running.delete(child));
	return child;
}

/** Runs a command to its end, or kills it after `timeoutMs`. Never rejects: read `code`. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
	const started = Date.now();
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		running.add(child);
		const log = options.logFile ? createWriteStream(options.logFile, { flags: 'a' }) : undefined;
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => {
			out.push(chunk);
			log?.write(chunk);
		});
		child.stderr?.on('data', (chunk: Buffer) => {
			err.push(chunk);
			log?.write(chunk);
		});
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			void stopProcess(child, 3000);
		}, options.timeoutMs);
		const finish = (code: number | null, signal: NodeJS.Signals | null): void => {
			clearTimeout(timer);
			running.delete(child);
			log?.end();
			let stderr = Buffer.concat(err).toString('utf8');
			if (timedOut) stderr += `\n[killed after ${options.timeoutMs} ms]`;
			resolve({ code: timedOut ? null : code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr, ms: Date.now() - started });
		};
		child.once('error', (error) => {
			err.push(Buffer.from(String(error)));
			finish(null, null);
		});
		child.once('close', finish);
	});
}

/** Throws with the command's output when it did not exit 0. */
export async function mustRun(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
	const result = await runCommand(command, args, options);
	if (result.code !== 0) {
		const tail = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-25).join('\n');
		throw new Error(`${command} ${args.join(' ')} exited with ${result.code ?? result.signal ?? 'a time-out'}:\n${tail}`);
	}
	return result;
}

/** A port that was free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

export function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs`. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>, everyMs = 250): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		try {
			const value = await probe();
			if (value !== undefined) return value;
		} catch (error) {
			lastError = error;
		}
		await sleep(everyMs);
	}
	throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}

/**
 * Runs `cleanup` once: on normal completion (call the returned function yourself), and on
 * SIGINT/SIGTERM or when npm, which launched the script, ends; then exits (130/143 on a signal,
 * 1 when npm is gone, or `exitCodeOnSignal`).
 */
export function onShutdown(cleanup: () => Promise<void>, exitCodeOnSignal?: number): () => Promise<void> {
	let done: Promise<void> | undefined;
	const once = (): Promise<void> => {
		done ??= cleanup().catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
		return done;
	};
	const stopBecause = (why: string, exitCode: number): void => {
		console.log(`\n${why}: stopping…`);
		void once().then(() => process.exit(exitCodeOnSignal ?? exitCode));
	};
	const bySignal = (signal: NodeJS.Signals): void => stopBecause(signal, signal === 'SIGINT' ? 130 : 143);
	process.once('SIGINT', bySignal);
	process.once('SIGTERM', bySignal);
	// Killing npm (or the shell it runs the script through) does not signal this process: without
	// this, a run stopped that way left n8n, its workers, Redis and PostgreSQL running.
	watchLaunchers((why) => stopBecause(why, 1));
	return once;
}
