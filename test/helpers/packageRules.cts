/**
 * What the npm tarball may and must hold, and what its package.json must say for n8n to accept
 * it: one set of rules for test/package/tarball.test (npm pack --dry-run, during development)
 * and `npm run release:check` (the real tarball, before a release).
 */

/** Files every npm package carries beside what n8n loads. */
export const PACKAGE_FILES: readonly string[] = ['LICENSE', 'README.md', 'package.json'];

/** A dist file n8n loads: compiled nodes and credentials, codex files, SVG icons, the error code table. */
export function isLoadedByN8n(path: string): boolean {
	return /^dist\/(nodes|credentials)\/.+\.(js|node\.json|svg)$/.test(path) || path === 'dist/nodes/shared/errorCodes.json';
}

/** Files of the tarball that are neither a package file nor something n8n loads. */
export function filesN8nDoesNotLoad(files: readonly string[]): string[] {
	return files.filter((file) => !PACKAGE_FILES.includes(file) && !isLoadedByN8n(file));
}

export interface PackageManifest {
	name?: string;
	version?: string;
	license?: string;
	keywords?: string[];
	dependencies?: Record<string, string>;
	peerDependencies?: Record<string, string>;
	scripts?: Record<string, string>;
	n8n?: { n8nNodesApiVersion?: number; strict?: boolean; nodes?: string[]; credentials?: string[] };
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare'];

/** What n8n's verification refuses in package.json, each as a sentence; [] when it would accept it. */
export function manifestProblems(manifest: PackageManifest): string[] {
	const problems: string[] = [];
	if (!manifest.name?.startsWith('n8n-nodes-')) problems.push(`name ${manifest.name} does not start with n8n-nodes-`);
	if (!manifest.keywords?.includes('n8n-community-node-package')) problems.push('keywords lack n8n-community-node-package');
	if (manifest.license !== 'MIT') problems.push(`license is ${manifest.license}, not MIT`);
	if (manifest.n8n?.n8nNodesApiVersion !== 1) problems.push('n8n.n8nNodesApiVersion is not 1');
	if (manifest.n8n?.strict !== true) problems.push('n8n.strict is not true');
	for (const key of ['nodes', 'credentials'] as const) if ((manifest.n8n?.[key] ?? []).length === 0) problems.push(`n8n.${key} is empty`);
	const dependencies = Object.keys(manifest.dependencies ?? {});
	if (dependencies.length > 0) problems.push(`runtime dependencies: ${dependencies.join(', ')} (n8n refuses them)`);
	const peers = JSON.stringify(manifest.peerDependencies ?? {});
	if (peers !== '{"n8n-workflow":"*"}') problems.push(`peerDependencies is ${peers}, not {"n8n-workflow":"*"}`);
	const lifecycle = INSTALL_SCRIPTS.filter((name) => manifest.scripts?.[name] !== undefined);
	if (lifecycle.length > 0) problems.push(`install-time scripts: ${lifecycle.join(', ')}`);
	return problems;
}

/** The files package.json's "n8n" entries name, with the codex file beside each node. */
export function filesN8nEntriesNeed(manifest: PackageManifest): string[] {
	const nodes = manifest.n8n?.nodes ?? [];
	return [...nodes, ...nodes.map((file) => file.replace(/\.js$/, '.json')), ...(manifest.n8n?.credentials ?? [])];
}
