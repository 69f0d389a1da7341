/**
 * This package as n8n sees it when installed the way README "Install in n8n" says:
 * scripts/install-into-n8n.sh (`npm pack`, unpacked into n8n's custom extensions folder), run as
 * the README writes it. Needs a fresh `npm run build`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

import { packageRoot as repoRoot } from '../../test/helpers/packageRoot.cjs';
import { mustRun } from './processes.cjs';

export { PACKAGE_NAME } from '../../test/helpers/packageRoot.cjs';
export { repoRoot };

export const INSTALL_SCRIPT = 'scripts/install-into-n8n.sh';
const PACKAGE_FOLDER = 'n8n-nodes-tencent-room';

export interface PackedExtension {
	/** The folder n8n reads: its default `<user folder>/.n8n/custom`, or one named in N8N_CUSTOM_EXTENSIONS. */
	extensionsDir: string;
	/** The unpacked package (package.json, dist/, README.md, LICENSE). */
	packageDir: string;
	/** Its files, relative to packageDir. */
	files: string[];
}

function listFiles(dir: string, root = dir): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? listFiles(path, root) : [relative(root, path)];
	});
}

/**
 * Runs `command` (a line of README's install block, e.g. `scripts/install-into-n8n.sh`) with `sh -c`
 * in the repository (with N8N_USER_FOLDER when given), and returns what it put into `extensionsDir`.
 */
export async function runInstallLine(command: string, extensionsDir: string, userFolder?: string): Promise<PackedExtension> {
	const env = { ...process.env };
	delete env.N8N_USER_FOLDER;
	const result = await mustRun('sh', ['-c', command], {
		cwd: repoRoot(),
		env: userFolder ? { ...env, N8N_USER_FOLDER: userFolder } : env,
		timeoutMs: 120_000,
	});
	const packageDir = join(extensionsDir, PACKAGE_FOLDER);
	if (!existsSync(join(packageDir, 'package.json'))) throw new Error(`${command} left no ${packageDir}/package.json:\n${result.stdout}${result.stderr}`);
	return { extensionsDir, packageDir, files: listFiles(packageDir) };
}

/** The package in `<workDir>/extensions`, a folder to list in N8N_CUSTOM_EXTENSIONS. */
export async function packExtension(workDir: string): Promise<PackedExtension> {
	const extensionsDir = join(workDir, 'extensions');
	return await runInstallLine(`${INSTALL_SCRIPT} '${extensionsDir.replace(/'/g, `'\\''`)}'`, extensionsDir);
}

// ------------------------------------------------------------------ README "Install in n8n"

export interface ReadmeInstall {
	/** The lines of each ```bash block of the section, comments and blank lines dropped. */
	blocks: string[][];
}

/** The commands README's "## Install in n8n" section shows. */
export function readmeInstall(): ReadmeInstall {
	const text = readFileSync(join(repoRoot(), 'README.md'), 'utf8');
	const start = text.indexOf('\n## Install in n8n\n');
	if (start < 0) throw new Error('README.md has no "## Install in n8n" section');
	const next = text.indexOf('\n## ', start + 1);
	const section = text.slice(start, next < 0 ? undefined : next);
	const blocks = [...section.matchAll(/```bash\n([\s\S]*?)```/g)].map((match) =>
		match[1]
			.split('\n')
			.map((line) => line.replace(/\s+#.*$/, '').trim())
			.filter((line) => line !== '' && !line.startsWith('#')),
	);
	return { blocks };
}
