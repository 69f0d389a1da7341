/**
 * Redis and PostgreSQL for n8n's queue mode, from Debian's packages, run by this project on
 * 127.0.0.1 in a temporary folder and stopped by it. Installed with apt-get when missing (the
 * log says so). PostgreSQL refuses to run as root: as root, the cluster belongs to the
 * package's unprivileged `postgres` user.
 */
import { chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'fs';
import { randomBytes } from 'crypto';
import { join } from 'path';

import { mustRun, runCommand, startProcess, stopProcess, waitFor, type CommandResult } from './processes.cjs';
import type { ChildProcess } from 'child_process';

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

function onPath(binary: string): string | undefined {
	for (const dir of (process.env.PATH ?? '').split(':')) {
		if (dir && existsSync(join(dir, binary))) return join(dir, binary);
	}
	return undefined;
}

function isRoot(): boolean {
	return typeof process.getuid === 'function' && process.getuid() === 0;
}

/** apt-get install, as root or through `sudo -n`; says what it installs and why. */
async function aptInstall(packages: string[], why: string, log: (line: string) => void): Promise<void> {
	log(`${why}: installing Debian's ${packages.join(', ')} with apt-get`);
	const asRoot = (args: string[]): [string, string[]] => (isRoot() ? ['apt-get', args] : ['sudo', ['-n', 'apt-get', ...args]]);
	const install = ['install', '-y', '--no-install-recommends', ...packages];
	const first = await runCommand(...asRoot(install), { env: APT_ENV, timeoutMs: 10 * 60_000 });
	if (first.code === 0) return;
	// The package lists may be missing or stale on a fresh machine.
	await mustRun(...asRoot(['update']), { env: APT_ENV, timeoutMs: 10 * 60_000 });
	await mustRun(...asRoot(install), { env: APT_ENV, timeoutMs: 10 * 60_000 });
}

/** The bin folder of the newest installed PostgreSQL (Debian keeps them in /usr/lib/postgresql/<major>/bin). */
function postgresBinDir(): string | undefined {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return undefined;
	const majors = readdirSync(root)
		.filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'postgres')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? join(root, majors[0], 'bin') : undefined;
}

export interface SystemPackages {
	redisServer: string;
	postgresBin: string;
	psql: string;
	/** What apt-get installed in this run (empty when everything was there). */
	installedNow: string[];
}

/** redis-server and PostgreSQL (server and psql), installed from Debian's packages when missing. */
export async function ensureSystemPackages(log: (line: string) => void = console.log): Promise<SystemPackages> {
	const installedNow: string[] = [];
	if (!onPath('redis-server')) {
		await aptInstall(['redis-server'], 'redis-server is not installed', log);
		installedNow.push('redis-server');
	}
	if (!postgresBinDir() || !onPath('psql')) {
		await aptInstall(['postgresql'], 'PostgreSQL is not installed', log);
		installedNow.push('postgresql');
	}
	const redisServer = onPath('redis-server');
	const postgresBin = postgresBinDir();
	const psql = onPath('psql');
	if (!redisServer || !postgresBin || !psql) throw new Error('redis-server, PostgreSQL or psql is still missing after apt-get install');
	return { redisServer, postgresBin, psql, installedNow };
}

/** A Redis server on 127.0.0.1 that keeps nothing on disk. */
export class RedisServer {
	private process: ChildProcess | undefined;

	constructor(
		private readonly binary: string,
		readonly port: number,
		private readonly dir: string,
	) {}

	async start(): Promise<void> {
		mkdirSync(this.dir, { recursive: true });
		const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', this.dir, '--daemonize', 'no'];
		const child = startProcess(this.binary, args, { cwd: this.dir, logFile: join(this.dir, 'redis.log') });
		this.process = child;
		await waitFor(`redis-server on 127.0.0.1:${this.port}`, 20_000, async () => {
			if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
			const result = await runCommand(this.binary.replace(/redis-server$/, 'redis-cli'), ['-h', '127.0.0.1', '-p', String(this.port), 'ping'], { timeoutMs: 5000 });
			return result.stdout.trim() === 'PONG' ? true : undefined;
		}, 100);
	}

	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		if (child) await stopProcess(child, 5000);
	}
}

/**
 * A throwaway PostgreSQL cluster: initdb into a temporary folder, one database and a user with
 * a random password, TCP on 127.0.0.1 only, durability off (nothing here outlives the run).
 */
export class PostgresCluster {
	private process: ChildProcess | undefined;
	readonly user = 'n8n';
	readonly database = 'n8n';
	readonly password = randomBytes(12).toString('hex');

	constructor(
		private readonly packages: SystemPackages,
		readonly port: number,
		private readonly dir: string,
	) {}

	private get dataDir(): string {
		return join(this.dir, 'data');
	}

	/** The command line as the cluster's owner: root hands it to the unprivileged `postgres` user. */
	private asOwner(binary: string, args: string[]): [string, string[]] {
		return isRoot() ? ['runuser', ['-u', 'postgres', '--', binary, ...args]] : [binary, args];
	}

	async start(): Promise<void> {
		mkdirSync(this.dir, { recursive: true });
		const passwordFile = join(this.dir, 'password');
		writeFileSync(passwordFile, `${this.password}\n`, { mode: 0o600 });
		if (isRoot()) {
			const owner = await mustRun('id', ['-u', 'postgres'], { timeoutMs: 5000 });
			const group = await mustRun('id', ['-g', 'postgres'], { timeoutMs: 5000 });
			chownSync(this.dir, Number(owner.stdout.trim()), Number(group.stdout.trim()));
			chownSync(passwordFile, Number(owner.stdout.trim()), Number(group.stdout.trim()));
		}
		const bin = (name: string) => join(this.packages.postgresBin, name);
		await mustRun(
			...this.asOwner(bin('initdb'), ['-D', this.dataDir, '-U', this.user, `--pwfile=${passwordFile}`, '--auth-local=scram-sha-256', '--auth-host=scram-sha-256', '-E', 'UTF8', '--no-instructions']),
			{ cwd: this.dir, timeoutMs: 120_000 },
		);
		const settings = [
			'listen_addresses=127.0.0.1',
			`port=${this.port}`,
			`unix_socket_directories=${this.dir}`,
			'fsync=off',
			'synchronous_commit=off',
			'full_page_writes=off',
			'max_connections=200',
		].flatMap((setting) => ['-c', setting]);
		const child = startProcess(...this.asOwner(bin('postgres'), ['-D', this.dataDir, ...settings]), { cwd: this.dir, logFile: join(this.dir, 'postgres.log') });
		this.process = child;
		await waitFor(`PostgreSQL on 127.0.0.1:${this.port}`, 60_000, async () => {
			if (child.exitCode !== null) throw new Error(`postgres exited with ${child.exitCode}`);
			const result = await this.sql('SELECT 1', 'postgres');
			return result.code === 0 ? true : undefined;
		}, 200);
		const created = await this.sql(`CREATE DATABASE ${this.database}`, 'postgres');
		if (created.code !== 0) throw new Error(`CREATE DATABASE failed: ${created.stderr}`);
	}

	/** Runs SQL with psql over TCP; unaligned, tuples only, fields separated by tabs. */
	sql(statement: string, database = this.database): Promise<CommandResult> {
		return runCommand(this.packages.psql, ['-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '-d', database, '-X', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1', '-c', statement], {
			env: { ...process.env, PGPASSWORD: this.password, PGCONNECT_TIMEOUT: '5' },
			timeoutMs: 30_000,
		});
	}

	/** The rows of a query, each split into its fields. */
	async rows(statement: string): Promise<string[][]> {
		const result = await this.sql(statement);
		if (result.code !== 0) throw new Error(`psql failed (${statement}): ${result.stderr.trim()}`);
		return result.stdout
			.split('\n')
			.filter((line) => line !== '')
			.map((line) => line.split('\t'));
	}

	/** n8n's settings for this database (DB_TYPE=postgresdb). */
	n8nEnv(): NodeJS.ProcessEnv {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: this.password,
		};
	}

	async stop(): Promise<void> {
		const child = this.process;
		this.process = undefined;
		if (!child) return;
		// SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to leave.
		if (child.pid !== undefined && child.exitCode === null) {
			try {
				process.kill(-child.pid, 'SIGINT');
			} catch {
				// already gone
			}
		}
		await stopProcess(child, 10_000);
	}
}
