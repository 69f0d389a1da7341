/** The pure core (nodes/shared) takes its inputs as arguments and imports nothing from n8n. */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';

const SHARED = join(__dirname, '..', '..', 'nodes', 'shared');

describe('nodes/shared', () => {
	const files = readdirSync(SHARED).filter((file) => file.endsWith('.ts'));

	it('holds the core modules', () => {
		expect(files).toEqual(expect.arrayContaining(['commands.ts', 'errorTable.ts', 'rateLimiter.ts', 'retryPolicy.ts', 'paginate.ts', 'userSig.ts']));
	});

	it.each(files)('%s imports nothing from n8n, and only relative modules, crypto or its JSON data', (file) => {
		const source = readFileSync(join(SHARED, file), 'utf8');
		const imports = [...source.matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((match) => match[1]);
		expect(imports.filter((module) => !module.startsWith('./') && module !== 'crypto')).toEqual([]);
	});
});
