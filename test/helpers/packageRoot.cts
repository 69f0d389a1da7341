import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';

export const PACKAGE_NAME = 'n8n-nodes-tencent-room';

/** The package root: the nearest folder above with this package's package.json (source or build/). */
export function packageRoot(from = __dirname): string {
	for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
		const manifest = join(dir, 'package.json');
		if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME) {
			return dir;
		}
	}
	throw new Error(`no ${PACKAGE_NAME} package.json above ${from}`);
}
