/**
 * What `npm publish` would ship: only the built nodes and credential, README, LICENSE and
 * package.json, and every file n8n loads from it (the package.json "n8n" entries, the modules
 * they require, the codex files and the icons their descriptions name). Needs `npm run build`.
 */
import { execFileSync } from 'child_process';
import { readFileSync } from 'fs';
import { dirname, isAbsolute, join, posix, relative } from 'path';

import type { Icon, INodeTypeDescription } from 'n8n-workflow';

import { loadPackage, packageRoot } from '../helpers/n8nHarness.cjs';
import { filesN8nDoesNotLoad, filesN8nEntriesNeed, isLoadedByN8n, manifestProblems, PACKAGE_FILES, type PackageManifest } from '../helpers/packageRules.cjs';

interface PackJson {
	name: string;
	files: Array<{ path: string }>;
}

const root = packageRoot();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as PackageManifest;
let packed: string[] = [];

beforeAll(() => {
	const stdout = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'pipe'],
		timeout: 60_000,
	});
	const [result] = JSON.parse(stdout.slice(stdout.indexOf('['))) as PackJson[];
	packed = result.files.map((file) => file.path).sort();
}, 60_000);

/** A loader source path relative to the package root. */
function fromRoot(sourcePath: string): string {
	return isAbsolute(sourcePath) ? relative(root, sourcePath).split('\\').join('/') : sourcePath;
}

/** Icon paths (`file:x.svg`) of a description, relative to the package root. */
function iconFiles(icon: Icon | undefined, sourceFile: string): string[] {
	if (icon === undefined) return [];
	const icons = typeof icon === 'string' ? [icon] : [icon.light, icon.dark];
	return icons.map((entry) => {
		expect(entry).toMatch(/^file:/);
		return posix.normalize(posix.join(posix.dirname(sourceFile), entry.slice('file:'.length)));
	});
}

describe('npm pack', () => {
	it('holds only dist/nodes, dist/credentials, README.md, LICENSE and package.json', () => {
		expect(packed).toEqual(expect.arrayContaining([...PACKAGE_FILES]));
		const unexpected = packed.filter((file) => !PACKAGE_FILES.includes(file) && !/^dist\/(nodes|credentials)\//.test(file));
		expect(unexpected).toEqual([]);
	});

	it('ships what n8n loads: JavaScript, codex JSON, SVG icons, the error code table (no source maps, no type declarations)', () => {
		const dist = packed.filter((file) => file.startsWith('dist/'));
		expect(dist.filter((file) => !isLoadedByN8n(file) || file.endsWith('.d.ts'))).toEqual([]);
		expect(filesN8nDoesNotLoad(packed)).toEqual([]);
		expect(dist).toContain('dist/nodes/shared/errorCodes.json');
	});

	it('holds every node and credential named in package.json "n8n", with the codex beside each node', () => {
		const needed = filesN8nEntriesNeed(manifest);
		expect(needed).toHaveLength(5);
		for (const file of needed) expect(packed).toContain(file);
	});

	it('holds every module the shipped code requires, and requires nothing but n8n-workflow and crypto', () => {
		const bare = new Set<string>();
		for (const file of packed.filter((entry) => entry.endsWith('.js'))) {
			const code = readFileSync(join(root, file), 'utf8');
			for (const [, request] of code.matchAll(/require\("([^"]+)"\)/g)) {
				if (!request.startsWith('.')) {
					bare.add(request);
					continue;
				}
				const target = posix.normalize(posix.join(posix.dirname(file), request));
				expect([`${target}.js`, target, `${target}/index.js`].some((candidate) => packed.includes(candidate))).toBe(true);
			}
		}
		expect([...bare].sort()).toEqual(expect.arrayContaining(['n8n-workflow']));
		expect([...bare].filter((request) => !['n8n-workflow', 'crypto', 'node:crypto'].includes(request))).toEqual([]);
		expect(manifest.dependencies ?? {}).toEqual({});
		expect(manifest.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(manifestProblems(manifest)).toEqual([]);
	});

	it('holds the light and dark icons every node and the credential reference', async () => {
		const loader = await loadPackage();
		// The loader rewrites `icon` into `iconUrl`: read the descriptions from fresh instances.
		const fresh = <T,>({ className, sourcePath }: { className: string; sourcePath: string }): T => {
			const module = require(join(root, fromRoot(sourcePath))) as Record<string, new () => T>;
			return new module[className]();
		};
		const icons: string[] = [];
		for (const known of Object.values(loader.known.nodes)) {
			const { description } = fresh<{ description: INodeTypeDescription }>(known);
			const files = iconFiles(description.icon, fromRoot(known.sourcePath));
			expect(files).toHaveLength(2);
			expect(files[0]).not.toBe(files[1]);
			icons.push(...files);
		}
		for (const known of Object.values(loader.known.credentials)) {
			const files = iconFiles(fresh<{ icon?: Icon }>(known).icon, fromRoot(known.sourcePath));
			expect(files.length).toBeGreaterThan(0);
			icons.push(...files);
		}
		expect(icons.length).toBeGreaterThanOrEqual(6);
		for (const icon of icons) {
			expect(packed).toContain(icon);
			expect(readFileSync(join(root, icon), 'utf8')).toContain('<svg');
		}
		expect(dirname(icons[0])).toMatch(/^dist\//);
	});
});
