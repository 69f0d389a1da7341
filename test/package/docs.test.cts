/**
 * What a user meets before and while the node is open: the node panel's aliases and the grouped
 * entry's description, the "Docs" links and the pages in docs/ they open (links, operations,
 * events and error codes checked against the code), and example workflows named like their files.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { join, normalize } from 'path';

import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

import { TencentRoomApi } from '../../credentials/TencentRoomApi.credentials';
import { CALLBACK_COMMANDS } from '../../nodes/shared/callbackCommands';
import errorCodes from '../../nodes/shared/errorCodes.json';
import { TencentRoom } from '../../nodes/TencentRoom/TencentRoom.node';
import { TencentRoomTrigger } from '../../nodes/TencentRoomTrigger/TencentRoomTrigger.node';

const ROOT = join(__dirname, '..', '..');
const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { homepage: string };
/** Where GitHub renders the repository's files: the package's homepage. */
const BLOB = `${packageJson.homepage.replace(/#.*$/, '')}/blob/main/`;

interface Codex {
	node: string;
	alias?: string[];
	resources: { primaryDocumentation: Array<{ url: string }>; credentialDocumentation: Array<{ url: string }> };
}

const readJson = <T,>(path: string): T => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as T;
const actionCodex = readJson<Codex>('nodes/TencentRoom/TencentRoom.node.json');
const triggerCodex = readJson<Codex>('nodes/TencentRoomTrigger/TencentRoomTrigger.node.json');
const action: INodeTypeDescription = new TencentRoom().description;
const trigger: INodeTypeDescription = new TencentRoomTrigger().description;

const docsDir = join(ROOT, 'docs');
const pages = readdirSync(docsDir).filter((file) => file.endsWith('.md'));
const page = (file: string): string => readFileSync(join(docsDir, file), 'utf8');

/** The repository file a package documentation URL opens. */
function repoFile(url: string): string {
	expect(url.startsWith(BLOB)).toBe(true);
	return url.slice(BLOB.length);
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchorsOf(markdown: string): Set<string> {
	const anchors = new Set<string>();
	for (const match of markdown.matchAll(/^#{1,6} +(.+)$/gm)) {
		anchors.add(match[1].trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
	}
	return anchors;
}

describe('node panel', () => {
	it('finds the node for each word users try (codex alias; n8n searches the action node\'s codex for the grouped entry)', () => {
		for (const codex of [actionCodex, triggerCodex]) {
			const aliases = (codex.alias ?? []).map((alias) => alias.toLowerCase());
			for (const word of ['TRTC', 'TUILiveKit', 'TUIRoomKit', 'seat', 'lock seat', 'mute', 'ban', 'live room']) {
				expect(aliases).toContain(word.toLowerCase());
			}
		}
	});

	it('shows a description in the grouped entry (the trigger\'s) that starts with what starts it and names what the actions do', () => {
		expect(trigger.description).toMatch(/^Starts the workflow on/);
		expect(trigger.description).toMatch(/rooms, seats, members and messages/);
		for (const word of ['rooms', 'seats', 'members', 'messages']) expect(action.description).toContain(word);
	});
});

describe('"Docs" links', () => {
	it('open this package\'s pages: the index for the node, trigger.md for the trigger, credential.md for the credential', () => {
		expect(repoFile(actionCodex.resources.primaryDocumentation[0].url)).toBe('docs/README.md');
		expect(repoFile(triggerCodex.resources.primaryDocumentation[0].url)).toBe('docs/trigger.md');
		expect(repoFile(new TencentRoomApi().documentationUrl)).toBe('docs/credential.md');
		for (const codex of [actionCodex, triggerCodex]) {
			expect(codex.resources.credentialDocumentation.map((link) => repoFile(link.url))).toEqual(['docs/credential.md']);
		}
	});

	it('point at files that exist', () => {
		const urls = [actionCodex, triggerCodex].flatMap((codex) => [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation]);
		for (const { url } of urls) expect(existsSync(join(ROOT, repoFile(url)))).toBe(true);
		const notice = trigger.properties.find((property) => property.type === 'notice')?.displayName ?? '';
		const href = /href="([^"]+)"/.exec(notice)?.[1] ?? '';
		expect(existsSync(join(ROOT, repoFile(href)))).toBe(true);
	});
});

describe('docs/', () => {
	it('has the index and a page per resource, the trigger and the credential', () => {
		expect(pages.sort()).toEqual(['README.md', 'credential.md', 'members.md', 'messages.md', 'rooms.md', 'seats.md', 'trigger.md']);
	});

	it('links only to files and headings that exist', () => {
		for (const file of pages) {
			for (const [, target] of page(file).matchAll(/\]\(([^)\s]+)\)/g)) {
				if (/^https?:/.test(target)) continue;
				const [path, anchor] = target.split('#');
				const resolved = path === '' ? join(docsDir, file) : normalize(join(docsDir, path));
				expect({ file, target, exists: existsSync(resolved) }).toEqual({ file, target, exists: true });
				if (anchor && resolved.endsWith('.md')) {
					expect({ file, target, found: anchorsOf(readFileSync(resolved, 'utf8')).has(anchor) }).toEqual({ file, target, found: true });
				}
			}
		}
	});

	it('names every operation of every resource on the resource\'s page', () => {
		const pageOf: Record<string, string> = { room: 'rooms.md', metadata: 'rooms.md', seat: 'seats.md', member: 'members.md', message: 'messages.md' };
		const resources = (action.properties.find((property) => property.name === 'resource')?.options ?? []) as INodePropertyOptions[];
		expect(resources.map((resource) => resource.value).sort()).toEqual(Object.keys(pageOf).sort());
		for (const resource of resources) {
			const operations = action.properties.find(
				(property: INodeProperties) => property.name === 'operation' && property.displayOptions?.show?.resource?.includes(resource.value),
			)?.options as INodePropertyOptions[];
			const text = page(pageOf[String(resource.value)]);
			for (const operation of operations) expect({ resource: resource.value, operation: operation.name, named: text.includes(operation.name) }).toMatchObject({ named: true });
		}
	});

	it('lists every event of the trigger by Tencent\'s command name', () => {
		const text = page('trigger.md');
		for (const command of CALLBACK_COMMANDS) expect(text).toContain(`\`${command.value}\``);
	});

	it('quotes the error codes as the node names them, with their advice and whether they are retried', () => {
		const table = new Map(errorCodes.codes.map(([code, name, retry, advice]) => [code as number, { name: String(name), retry: String(retry), advice: String(advice) }]));
		let rows = 0;
		for (const file of pages) {
			let codeTable = false;
			for (const line of page(file).split('\n')) {
				if (!line.startsWith('|')) codeTable = false;
				if (line.startsWith('| code |')) codeTable = true;
				const cells = /^\| ([\d, ]+) \|(.*)\|$/.exec(line);
				if (!codeTable || !cells) continue;
				const codes = cells[1].split(',').map((code) => Number(code.trim()));
				const [name, advice, retried] = cells[2].split(' | ').map((cell) => cell.trim());
				const first = table.get(codes[0]);
				for (const code of codes) expect({ file, code, known: table.has(code) }).toEqual({ file, code, known: true });
				expect({ file, code: codes[0], name }).toEqual({ file, code: codes[0], name: expect.stringMatching(new RegExp(`^${first!.name}`)) });
				if (retried === undefined) continue;
				rows++;
				expect({ file, code: codes[0], advice: advice.startsWith(first!.advice) }).toEqual({ file, code: codes[0], advice: true });
				const expected = { final: /^no/, safe: /^yes/, resign: /^once/, ambiguous: /./ }[first!.retry];
				expect({ file, code: codes[0], retried }).toEqual({ file, code: codes[0], retried: expect.stringMatching(expected!) });
			}
		}
		expect(rows).toBeGreaterThan(40);
	});
});

describe('credential.md', () => {
	it('quotes what the credential dialog\'s Test says for each answer', () => {
		const rules = new TencentRoomApi().test.rules ?? [];
		const text = page('credential.md');
		for (const rule of rules) {
			const { key, value, message } = (rule as { properties: { key: string; value: unknown; message: string } }).properties;
			const answer = key === 'ErrorCode' ? String(value) : 'any other failure';
			expect(text).toContain(`| ${answer} | ${message} |`);
		}
	});
});

describe('examples', () => {
	it('are named like their files, so the file name finds them in n8n\'s workflow list', () => {
		const files = readdirSync(join(ROOT, 'examples')).filter((file) => file.endsWith('.json'));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const { name } = readJson<{ name: string }>(join('examples', file));
			const words = name.toLowerCase().replace(/'/g, '').replace(/[^a-z0-9]+/g, ' ').trim();
			expect({ file, name, matches: words.startsWith(file.replace(/\.json$/, '').split('-').join(' ')) }).toEqual({ file, name, matches: true });
		}
	});
});
