/**
 * `npm run release:check`: what n8n's verification and the npm registry will see, checked
 * offline before a tag is pushed (the release workflow runs it before `npm publish`).
 *
 * Builds, packs the tarball `npm publish` would upload, and checks that it holds only what n8n
 * loads, that package.json declares what n8n requires, that CHANGELOG.md has a section for the
 * version, and that the package passes n8n's community-package scanner rules: the same ESLint
 * configuration as @n8n/scan-community-package, over the same files (the nodes' and credentials'
 * sources with package.json, and the tarball's .js files with its package.json), with inline
 * `eslint-disable` comments ignored as the scanner ignores them. Exits non-zero on any failure.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'fs';
import { createRequire } from 'module';
import { tmpdir } from 'os';
import { join, posix } from 'path';

import { n8nCommunityNodesPlugin } from '@n8n/eslint-plugin-community-nodes';
import { ESLint, type Linter } from 'eslint';

import { filesN8nDoesNotLoad, filesN8nEntriesNeed, manifestProblems, PACKAGE_FILES, type PackageManifest } from '../test/helpers/packageRules.cjs';

const ROOT = join(__dirname, '..', '..');

interface Check {
	name: string;
	problems: string[];
	note?: string;
}

const checks: Check[] = [];

function report(name: string, problems: string[], note?: string): void {
	checks.push({ name, problems, note });
	const mark = problems.length === 0 ? 'PASS' : 'FAIL';
	console.log(`${mark}  ${name}${note ? `  (${note})` : ''}`);
	for (const problem of problems) console.log(`        ${problem.replace(/\n/g, '\n        ')}`);
}

function run(command: string, args: string[], cwd = ROOT): { ok: boolean; stdout: string; output: string } {
	const result = spawnSync(command, args, { cwd, encoding: 'utf8', shell: process.platform === 'win32', maxBuffer: 64 * 1024 * 1024 });
	return { ok: result.status === 0, stdout: result.stdout ?? '', output: `${result.stdout ?? ''}${result.stderr ?? ''}`.trim() };
}

// ---------------------------------------------------------------- the tarball's contents

function checkContents(files: string[]): void {
	const problems = filesN8nDoesNotLoad(files).map((file) => `${file}: not something n8n loads`);
	for (const file of PACKAGE_FILES) if (!files.includes(file)) problems.push(`${file} is missing`);
	const counts = ['.js', '.node.json', '.svg'].map((end) => `${files.filter((file) => file.endsWith(end)).length} ${end}`).join(', ');
	report('tarball holds only what n8n loads', problems, `${files.length} files: ${counts}`);
}

/** Every `icon: 'file:…'` a shipped node or credential names is in the tarball. */
function checkIcons(files: string[], unpacked: string): void {
	const problems: string[] = [];
	let icons = 0;
	for (const file of files.filter((path) => /\.(node|credentials)\.js$/.test(path))) {
		const text = readFileSync(join(unpacked, file), 'utf8');
		for (const match of text.matchAll(/['"]file:([^'"]+)['"]/g)) {
			icons += 1;
			const icon = posix.normalize(posix.join(posix.dirname(file), match[1]));
			if (!files.includes(icon)) problems.push(`${file} names ${match[1]}, not in the tarball (${icon})`);
		}
	}
	report('icons named by nodes and credentials are in the tarball', problems, `${icons} references`);
}

// ---------------------------------------------------------------- package.json

function checkPackageJson(pkg: PackageManifest, files: string[]): void {
	const problems = manifestProblems(pkg);
	for (const path of filesN8nEntriesNeed(pkg)) if (!files.includes(path)) problems.push(`${path}, named in package.json "n8n", is not in the tarball`);
	report('package.json declares what n8n requires', problems, `${pkg.n8n?.nodes?.length ?? 0} nodes, ${pkg.n8n?.credentials?.length ?? 0} credential(s), no dependencies`);
}

function checkChangelog(version: string): void {
	const problems: string[] = [];
	const path = join(ROOT, 'CHANGELOG.md');
	const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
	const escaped = version.replace(/\./g, '\\.');
	if (text === '') problems.push('CHANGELOG.md is missing');
	else if (!new RegExp(`^## \\[?v?${escaped}\\]?(\\s|$)`, 'm').test(text)) problems.push(`CHANGELOG.md has no "## [${version}]" section`);
	// On a release tag (GitHub Actions), the tag must name this version.
	const tag = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined;
	if (tag !== undefined && tag !== `v${version}`) problems.push(`the tag ${tag} is not v${version}`);
	report(`version ${version} has a CHANGELOG.md section`, problems, tag ? `tag ${tag}` : undefined);
}

// ---------------------------------------------------------------- n8n's scanner rules

/**
 * @n8n/scan-community-package 0.32's ESLint configuration (buildScanConfig), built from the
 * plugins installed here: n8n's community-node rules on everything, no console, and the
 * eslint-plugin-n8n-nodes-base rule sets for package.json, credentials and nodes (with the
 * scanner's three node rules and two credential rules off), parsed by typescript-eslint.
 */
function scanConfig(): Linter.Config[] {
	// @n8n/node-cli brings typescript-eslint (the parser) and eslint-plugin-n8n-nodes-base.
	const fromNodeCli = createRequire(require.resolve('@n8n/node-cli/eslint'));
	const parser = (fromNodeCli('typescript-eslint') as { parser: Linter.Parser }).parser;
	const nodesBase = fromNodeCli('eslint-plugin-n8n-nodes-base') as {
		configs: Record<'community' | 'credentials' | 'nodes', { rules: Linter.RulesRecord }>;
	};
	return [
		n8nCommunityNodesPlugin.configs.recommended as Linter.Config,
		{ rules: { 'no-console': 'error' } },
		{ plugins: { 'n8n-nodes-base': nodesBase as never } },
		{ files: ['package.json'], rules: { ...nodesBase.configs.community.rules } },
		{
			files: ['**/credentials/**/*.ts'],
			rules: {
				...nodesBase.configs.credentials.rules,
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-type-options-password-missing': 'off',
			},
		},
		{
			files: ['**/nodes/**/*.ts'],
			rules: {
				...nodesBase.configs.nodes.rules,
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
				'n8n-nodes-base/node-param-type-options-max-value-present': 'off',
			},
		},
		{ files: ['**/*.json'], languageOptions: { parser } },
		{ files: ['**/*.ts'], languageOptions: { parser } },
	];
}

async function scan(name: string, cwd: string, patterns: string[]): Promise<void> {
	const eslint = new ESLint({ cwd, allowInlineConfig: false, overrideConfigFile: true, overrideConfig: scanConfig(), errorOnUnmatchedPattern: false });
	const results = await eslint.lintFiles(patterns);
	const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
	const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
	const problems: string[] = [];
	if (results.length === 0) problems.push('no files to scan');
	if (errors > 0) {
		const formatter = await eslint.loadFormatter('stylish');
		problems.push(String(await formatter.format(results.filter((result) => result.errorCount > 0))).trim());
	}
	report(name, problems, `${results.length} files, ${errors} errors, ${warnings} warnings`);
}

// ---------------------------------------------------------------- main

async function checkRelease(): Promise<void> {
	const build = run('npm', ['run', '--silent', 'build']);
	report('npm run build', build.ok ? [] : [build.output]);
	if (!build.ok) return;

	const work = mkdtempSync(join(tmpdir(), 'release-check-'));
	try {
		const pack = run('npm', ['pack', '--json', '--pack-destination', work]);
		const packed = pack.ok ? (JSON.parse(pack.stdout) as Array<{ filename: string; size: number; files: Array<{ path: string }> }>)[0] : undefined;
		report('npm pack', packed ? [] : [pack.output], packed ? `${packed.filename}, ${(packed.size / 1024).toFixed(1)} kB` : undefined);
		if (!packed) return;
		const unpacked = join(work, 'package');
		mkdirSync(unpacked);
		const untar = run('tar', ['-xzf', join(work, packed.filename), '-C', unpacked, '--strip-components=1']);
		if (!untar.ok) {
			report('unpack the tarball', [untar.output]);
			return;
		}
		const files = packed.files.map((file) => file.path).sort();
		const pkg = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8')) as PackageManifest;

		checkContents(files);
		checkIcons(files, unpacked);
		checkPackageJson(pkg, files);
		checkChangelog(pkg.version ?? '');
		await scan("n8n's scanner rules on the sources (nodes, credentials, package.json)", ROOT, ['package.json', '{nodes,credentials}/**/*.{js,ts,json}']);
		await scan("n8n's scanner rules on the tarball (.js, package.json)", unpacked, ['**/*.js', 'package.json']);
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

async function main(): Promise<void> {
	const started = Date.now();
	await checkRelease();
	const failed = checks.filter((check) => check.problems.length > 0).length;
	const seconds = ((Date.now() - started) / 1000).toFixed(1);
	console.log(`\nrelease:check ${failed === 0 ? 'passed' : 'FAILED'}: ${checks.length - failed} of ${checks.length} checks passed in ${seconds} s`);
	if (failed > 0) process.exitCode = 1;
}

/** For trying one check on a folder of your own: `require('./build/scripts/release-check.cjs').scan(…)`. */
export { checkContents, scan };

if (require.main === module) {
	main().catch((error: Error) => {
		console.error(`release:check: ${error.stack ?? error.message}`);
		process.exit(1);
	});
}
