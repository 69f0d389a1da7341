/**
 * This package as n8n sees it when installed: `npm pack` (the published file list), unpacked
 * into a folder that N8N_CUSTOM_EXTENSIONS points at. Needs a fresh `npm run build`.
 */
import { mkdirSync } from 'fs';
import { join } from 'path';

import { packageRoot as repoRoot } from '../../test/helpers/packageRoot.cjs';
import { mustRun } from './processes.cjs';

export { PACKAGE_NAME } from '../../test/helpers/packageRoot.cjs';
export { repoRoot };

export interface PackedExtension {
	/** The folder to list in N8N_CUSTOM_EXTENSIONS. */
	extensionsDir: string;
	/** The unpacked package (package.json, dist/, README.md, LICENSE). */
	packageDir: string;
	tarball: string;
	files: string[];
}

export async function packExtension(workDir: string): Promise<PackedExtension> {
	const tarballs = join(workDir, 'tarball');
	const extensionsDir = join(workDir, 'extensions');
	const packageDir = join(extensionsDir, 'n8n-nodes-tencent-room');
	mkdirSync(tarballs, { recursive: true });
	mkdirSync(packageDir, { recursive: true });
	const packed = await mustRun('npm', ['pack', '--json', '--pack-destination', tarballs], { cwd: repoRoot(), timeoutMs: 120_000 });
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as Array<{ filename: string; files: Array<{ path: string }> }>;
	const tarball = join(tarballs, info.filename);
	await mustRun('tar', ['xzf', tarball, '-C', packageDir, '--strip-components=1'], { timeoutMs: 60_000 });
	return { extensionsDir, packageDir, tarball, files: info.files.map((file) => file.path) };
}
