/**
 * One n8n instance of the real application: its own user folder (database, encryption key),
 * this package as a custom extension, ports on 127.0.0.1 only. Headless CLI commands
 * (import, execute, publish) and `n8n start` run with the same environment.
 */
import type { ChildProcess } from 'child_process';
import { mkdirSync, readFileSync } from 'fs';
import { join } from 'path';

import type { N8nRuntime } from './install.cjs';
import { runCommand, startProcess, stopProcess, waitFor, type CommandResult } from './processes.cjs';

export interface InstanceOptions {
	/** N8N_USER_FOLDER: n8n keeps `.n8n/` (database, config with the encryption key) there. */
	userFolder: string;
	/**
	 * N8N_CUSTOM_EXTENSIONS: folders searched for *.node.js / *.credentials.js, besides n8n's
	 * default `<userFolder>/.n8n/custom`. Empty: the variable is not set.
	 */
	extensions: string[];
	/** The editor / webhook port on 127.0.0.1. */
	port: number;
	/** The task runner broker's port (n8n's default 5679 would clash between instances). */
	brokerPort: number;
	/** Where `n8n start` writes its output. */
	logFile: string;
	/** More settings (queue mode: database, Redis, encryption key), over the defaults. */
	extraEnv?: NodeJS.ProcessEnv;
}

/** What `n8n execute --rawOutput` prints: the execution (IRun) as JSON. */
export interface ExecutionJson {
	status?: string;
	finished?: boolean;
	data: {
		resultData: {
			error?: { message?: string; description?: string };
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: { message?: string } }>>;
			lastNodeExecuted?: string;
		};
	};
}

export class ExecutionResult {
	constructor(readonly raw: ExecutionJson) {}

	get error(): string | undefined {
		const error = this.raw.data.resultData.error;
		return error ? `${error.message ?? 'error'}${error.description ? ` (${error.description})` : ''}` : undefined;
	}

	ran(node: string): boolean {
		return (this.raw.data.resultData.runData[node]?.length ?? 0) > 0;
	}

	/** The json of the items on output `output` of `node` (first run). */
	items(node: string, output = 0): Array<Record<string, unknown>> {
		const main = this.raw.data.resultData.runData[node]?.[0]?.data?.main ?? [];
		return (main[output] ?? []).map((item) => item.json);
	}

	/** The json of the items on output `output` of `node`, run by run (a node fed by two branches runs twice). */
	runs(node: string, output = 0): Array<Array<Record<string, unknown>>> {
		return (this.raw.data.resultData.runData[node] ?? []).map((run) => (run.data?.main?.[output] ?? []).map((item) => item.json));
	}
}

export class N8nInstance {
	private server: ChildProcess | undefined;

	constructor(
		readonly runtime: N8nRuntime,
		readonly options: InstanceOptions,
	) {
		mkdirSync(options.userFolder, { recursive: true });
	}

	get baseUrl(): string {
		return `http://127.0.0.1:${this.options.port}`;
	}

	get databaseFile(): string {
		return join(this.options.userFolder, '.n8n', 'database.sqlite');
	}

	env(): NodeJS.ProcessEnv {
		const { userFolder, extensions, port, brokerPort } = this.options;
		return {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			TZ: process.env.TZ ?? 'UTC',
			LANG: process.env.LANG ?? 'C.UTF-8',
			N8N_USER_FOLDER: userFolder,
			...(extensions.length > 0 ? { N8N_CUSTOM_EXTENSIONS: extensions.join(';') } : {}),
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.baseUrl}/`,
			N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// `execute --rawOutput` prints its JSON through the logger at level info.
			N8N_LOG_LEVEL: 'info',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			// No calls home: this machine reaches no network but the package registries.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_DISABLED_MODULES: 'mcp-registry',
			...this.options.extraEnv,
		};
	}

	/** Runs `n8n <args>` to its end (bounded). */
	async cli(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
		return await runCommand(this.runtime.nodeBin, [this.runtime.n8nBin, ...args], {
			cwd: this.options.userFolder,
			env: this.env(),
			timeoutMs,
		});
	}

	async mustCli(args: string[], timeoutMs = 120_000): Promise<CommandResult> {
		const result = await this.cli(args, timeoutMs);
		if (result.code !== 0) throw new Error(`n8n ${args.join(' ')} failed (${result.code ?? 'time-out'}):\n${tail(result)}`);
		return result;
	}

	async importCredentials(file: string): Promise<void> {
		const result = await this.mustCli(['import:credentials', `--input=${file}`]);
		if (!/Successfully imported/.test(result.stdout + result.stderr)) throw new Error(`import:credentials said:\n${tail(result)}`);
	}

	async importWorkflows(folder: string): Promise<void> {
		const result = await this.mustCli(['import:workflow', '--separate', `--input=${folder}`]);
		if (!/Successfully imported/.test(result.stdout + result.stderr)) throw new Error(`import:workflow said:\n${tail(result)}`);
	}

	/** Activates a workflow for the next `n8n start` (n8n 2.x: publish a version). */
	async publish(workflowId: string): Promise<void> {
		await this.mustCli(['publish:workflow', `--id=${workflowId}`]);
	}

	/** `n8n execute --id=<id> --rawOutput`: the execution, parsed from the JSON after the log lines. */
	async execute(workflowId: string, timeoutMs = 180_000): Promise<ExecutionResult> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], timeoutMs);
		// The JSON is printed with 2-space indentation: it spans from a line "{" to the next line "}".
		// Log lines can come before and after it.
		const start = result.stdout.search(/^\{$/m);
		const end = start === -1 ? -1 : result.stdout.slice(start).search(/^\}$/m);
		if (start === -1 || end === -1) throw new Error(`n8n execute --id=${workflowId} printed no execution (exit ${result.code ?? 'time-out'}):\n${tail(result)}`);
		let parsed: ExecutionJson;
		try {
			parsed = JSON.parse(result.stdout.slice(start, start + end + 1)) as ExecutionJson;
		} catch (error) {
			throw new Error(`n8n execute --id=${workflowId}: the output is not JSON (${String(error)}):\n${tail(result)}`);
		}
		const execution = new ExecutionResult(parsed);
		if (result.code !== 0 && !execution.error) throw new Error(`n8n execute --id=${workflowId} exited with ${result.code}:\n${tail(result)}`);
		return execution;
	}

	/** `n8n start`, resolved once /healthz answers. */
	async start(timeoutMs = 120_000): Promise<void> {
		await this.serve('start', `${this.baseUrl}/healthz`, timeoutMs);
	}

	/**
	 * `n8n start`, `n8n webhook` or `n8n worker` (queue mode) as a server, resolved once
	 * `healthUrl` answers 200.
	 */
	async serve(command: 'start' | 'webhook' | 'worker', healthUrl: string, timeoutMs = 120_000): Promise<void> {
		if (this.server) throw new Error('n8n is already started');
		const server = startProcess(this.runtime.nodeBin, [this.runtime.n8nBin, command], {
			cwd: this.options.userFolder,
			env: this.env(),
			logFile: this.options.logFile,
		});
		this.server = server;
		let exit: string | undefined;
		server.once('exit', (code, signal) => {
			exit = `n8n ${command} exited with ${code ?? signal}`;
		});
		await waitFor(`n8n ${command} to answer ${healthUrl}`, timeoutMs, async () => {
			if (exit) throw new Error(`${exit}; log: ${this.options.logFile}`);
			const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2000) });
			return response.status === 200 ? true : undefined;
		}).catch((error: Error) => {
			throw new Error(`${error.message}\n${logTail(this.options.logFile)}`);
		});
	}

	/** The server's process id (the leader of its process group), while it runs. */
	get pid(): number | undefined {
		return this.running ? this.server?.pid : undefined;
	}

	/** Ends the server at once with SIGKILL, as a crash or the kernel's OOM killer would; resolves when it is gone. */
	async kill(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (!server?.pid || server.exitCode !== null || server.signalCode !== null) return;
		const gone = new Promise<void>((resolve) => server.once('exit', () => resolve()));
		process.kill(-server.pid, 'SIGKILL');
		await gone;
	}

	/** Resolves when `n8n start` has exited on its own; never while it runs. */
	whenExited(): Promise<number | null> {
		const server = this.server;
		if (!server) return Promise.resolve(null);
		return new Promise((resolve) => server.once('exit', (code) => resolve(code)));
	}

	/** `n8n start` was started here and has not exited. */
	get running(): boolean {
		const server = this.server;
		return server !== undefined && server.exitCode === null && server.signalCode === null;
	}

	/**
	 * Unpublishes a workflow in the running instance, as the editor's "Unpublish" does:
	 * POST /rest/workflows/<id>/deactivate with the session cookie. n8n 2.41 queues the
	 * teardown (its publication outbox) and runs the trigger's webhookMethods delete in this
	 * process, moments after answering. (`n8n unpublish:workflow` only changes the database:
	 * a running n8n's publication reconciler applies it within about 10 s, a stopped one at its
	 * next start, and only then does the trigger's delete run.)
	 */
	async unpublish(workflowId: string, cookie: string): Promise<void> {
		const { status, body } = await this.postJson<{ data?: { active?: boolean }; message?: string }>(`/rest/workflows/${workflowId}/deactivate`, {}, cookie);
		if (status !== 200 || body.data?.active !== false) {
			throw new Error(`POST /rest/workflows/${workflowId}/deactivate answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
		}
	}

	/** What `n8n start` has written to its log so far (from byte `offset`). */
	logText(offset = 0): string {
		try {
			return readFileSync(this.options.logFile).subarray(offset).toString('utf8');
		} catch {
			return '';
		}
	}

	/** The log's current length in bytes, to read what comes after with logText(). */
	logSize(): number {
		try {
			return readFileSync(this.options.logFile).length;
		} catch {
			return 0;
		}
	}

	async stop(): Promise<void> {
		const server = this.server;
		this.server = undefined;
		if (server) await stopProcess(server, 15_000);
	}

	/**
	 * Creates the instance owner through n8n's own REST endpoint (what the set-up page posts)
	 * and returns the session cookie (`n8n-auth=…`).
	 */
	async setupOwner(owner: { email: string; password: string; firstName: string; lastName: string }): Promise<string> {
		// /healthz answers before the REST routes exist: until then this path is a 404.
		const response = await waitFor('n8n\'s REST API (POST /rest/owner/setup)', 60_000, async () => {
			const answer = await fetch(`${this.baseUrl}/rest/owner/setup`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(owner),
				signal: AbortSignal.timeout(15_000),
			});
			return answer.status === 404 ? undefined : answer;
		}, 500);
		if (response.status !== 200) throw new Error(`POST /rest/owner/setup answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
		const cookie = (response.headers.getSetCookie?.() ?? [response.headers.get('set-cookie') ?? '']).find((line) => line.startsWith('n8n-auth='));
		if (!cookie) throw new Error('POST /rest/owner/setup set no n8n-auth cookie');
		return cookie.split(';')[0];
	}

	/** GET with the session cookie; the parsed JSON body. */
	async getJson<T>(path: string, cookie: string): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie }, signal: AbortSignal.timeout(30_000) });
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, body: body as T };
	}

	/** POST a JSON body with the session cookie (as the editor's REST client does); the parsed JSON body. */
	async postJson<T>(path: string, payload: unknown, cookie: string): Promise<{ status: number; body: T }> {
		const response = await fetch(`${this.baseUrl}${path}`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify(payload),
			signal: AbortSignal.timeout(30_000),
		});
		const text = await response.text();
		let body: unknown = text;
		try {
			body = JSON.parse(text);
		} catch {
			// not JSON: keep the text
		}
		return { status: response.status, body: body as T };
	}

	/** Executions stored for a workflow, read from n8n's SQLite database with n8n's own sqlite3. */
	async executions(workflowId: string): Promise<Array<{ id: number; status: string; mode: string }>> {
		const script = [
			"const sqlite3 = require('sqlite3');",
			'const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);',
			"db.all('SELECT id, status, mode FROM execution_entity WHERE workflowId = ? ORDER BY id', [process.argv[2]], (error, rows) => {",
			'  if (error) { console.error(error.message); process.exit(1); }',
			'  console.log(JSON.stringify(rows)); db.close();',
			'});',
		].join('\n');
		const result = await runCommand(this.runtime.nodeBin, ['-e', script, this.databaseFile, workflowId], {
			cwd: this.runtime.n8nDir,
			timeoutMs: 30_000,
		});
		if (result.code !== 0) throw new Error(`reading executions failed: ${tail(result)}`);
		return JSON.parse(result.stdout) as Array<{ id: number; status: string; mode: string }>;
	}

	/**
	 * A stored execution's data (what every node output, run by run), read from n8n's SQLite
	 * database: n8n keeps it as `flatted` text in execution_data, parsed here with n8n's own
	 * flatted. Only the items' json is kept.
	 */
	async execution(executionId: number): Promise<ExecutionResult> {
		const script = [
			"const sqlite3 = require('sqlite3');",
			"const { parse } = require('flatted');",
			'const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);',
			"db.get('SELECT e.status AS status, d.data AS data FROM execution_entity e JOIN execution_data d ON d.executionId = e.id WHERE e.id = ?', [Number(process.argv[2])], (error, row) => {",
			'  if (error || !row) { console.error(error ? error.message : "no such execution"); process.exit(1); }',
			'  const data = parse(row.data);',
			'  const runData = {};',
			'  for (const [node, runs] of Object.entries(data.resultData.runData || {})) {',
			'    runData[node] = runs.map((run) => ({',
			'      data: { main: ((run.data && run.data.main) || []).map((items) => (items || []).map((item) => ({ json: item.json }))) },',
			'      ...(run.error ? { error: { message: run.error.message } } : {}),',
			'    }));',
			'  }',
			'  const resultError = data.resultData.error;',
			'  const resultData = { runData, lastNodeExecuted: data.resultData.lastNodeExecuted };',
			'  if (resultError) resultData.error = { message: resultError.message, description: resultError.description };',
			'  console.log(JSON.stringify({ status: row.status, data: { resultData } }));',
			'  db.close();',
			'});',
		].join('\n');
		const result = await runCommand(this.runtime.nodeBin, ['-e', script, this.databaseFile, String(executionId)], {
			cwd: this.runtime.n8nDir,
			timeoutMs: 30_000,
		});
		if (result.code !== 0) throw new Error(`reading execution ${executionId} failed: ${tail(result)}`);
		return new ExecutionResult(JSON.parse(result.stdout) as ExecutionJson);
	}
}

export function tail(result: CommandResult, lines = 30): string {
	return `${result.stdout}\n${result.stderr}`
		.split('\n')
		.filter((line) => line.trim() !== '')
		.slice(-lines)
		.join('\n');
}

export function logTail(file: string, lines = 30): string {
	try {
		return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
	} catch {
		return '';
	}
}
