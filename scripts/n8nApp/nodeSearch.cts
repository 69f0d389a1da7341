/**
 * The node panel's search ("What happens next?" / "+"), as n8n 2.41's editor runs it, over the
 * node types a running n8n serves to the editor (GET /types/nodes.json and /types/credentials.json).
 *
 * n8n's own, loaded from the installed n8n: the fuzzy scorer and the re-ranking
 * (@n8n/utils `search/sublime-search`, `search/re-rank-search-results`) and the popularity table
 * the editor is built with (n8n-editor-ui/data/node-popularity.json).
 *
 * Restated from the editor's source (nodeCreator: useActionsGeneration.ts, nodeCreator.utils.ts,
 * useViewStacks.ts, nodeTypes.store.ts; checked against the 2.41 editor bundle):
 * - the panel lists the latest version of each node type not `hidden`, plus one entry per
 *   credential with a visible `httpRequestNode`;
 * - a trigger folds into the node whose name is the trigger's without "Trigger" when that node has
 *   actions to pick: the entry keeps that node's display name and codex (so its `alias`; the
 *   trigger's codex is not searched) and shows the trigger's description;
 * - outside the AI views, AI sub-nodes (tool variants included) are left out;
 * - the query loses a trailing word that "trigger" starts with, and is lowercased;
 * - keys: `displayName` (weight 1.3) and each `codex.alias` entry (1.0); an entry scores its best key;
 * - boosts added to that score: popularity × 100, and 150 for "Message an agent".
 */
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';

export interface NodeTypeJson {
	name: string;
	displayName: string;
	description?: string;
	version: number | number[];
	group: string[];
	hidden?: boolean;
	codex?: { categories?: string[]; subcategories?: Record<string, string[]>; alias?: string[] };
	properties?: Array<{ name: string; displayName?: string; options?: unknown[] }>;
}

export interface CredentialTypeJson {
	name: string;
	displayName: string;
	httpRequestNode?: { name?: string; hidden?: boolean };
}

/** One entry of the panel, shaped as the editor's create element (`key`, `properties`). */
export interface PanelEntry {
	key: string;
	properties: { name: string; displayName: string; description?: string; codex?: NodeTypeJson['codex'] };
}

export interface SearchHit {
	rank: number;
	key: string;
	displayName: string;
	score: number;
}

type SearchKey = { key: string; weight: number };
type Scored = { score: number; item: PanelEntry };
type SublimeSearch = (filter: string, data: readonly PanelEntry[], keys?: SearchKey[]) => Scored[];
type ReRank = (results: Scored[], factors: Record<string, Record<string, number>>) => Scored[];

/** The editor's keys: `searchNodes` calls `sublimeSearch` with its defaults, which are these. */
export const EDITOR_SEARCH_KEYS: SearchKey[] = [
	{ key: 'properties.displayName', weight: 1.3 },
	{ key: 'properties.codex.alias', weight: 1 },
];
const MESSAGE_AN_AGENT = 'n8n-nodes-base.messageAnAgent';
const MESSAGE_AN_AGENT_BOOST = 150;
/** Left out unless "Ask AI" is on (it is not on a self-hosted n8n without n8n's AI service). */
const AI_TRANSFORM = 'n8n-nodes-base.aiTransform';
const CREDENTIAL_ONLY_PREFIX = 'n8n-creds-base';

export class NodePanelSearch {
	private readonly sublimeSearch: SublimeSearch;
	private readonly reRank: ReRank;
	private readonly popularity: Record<string, number>;
	readonly entries: PanelEntry[];

	/** `n8nDir`: the folder whose node_modules holds n8n (N8nRuntime.n8nDir). */
	constructor(n8nDir: string, nodeTypes: NodeTypeJson[], credentialTypes: CredentialTypeJson[]) {
		const modules = join(n8nDir, 'node_modules');
		const search = require(join(modules, '@n8n', 'utils', 'dist', 'search', 'sublime-search.cjs')) as {
			sublimeSearch: SublimeSearch;
			DEFAULT_KEYS: SearchKey[];
		};
		// The editor calls sublimeSearch without keys: if n8n changes its defaults, this helper must follow.
		if (JSON.stringify(search.DEFAULT_KEYS) !== JSON.stringify(EDITOR_SEARCH_KEYS)) {
			throw new Error(`n8n's search keys changed: ${JSON.stringify(search.DEFAULT_KEYS)}`);
		}
		this.sublimeSearch = search.sublimeSearch;
		this.reRank = (require(join(modules, '@n8n', 'utils', 'dist', 'search', 're-rank-search-results.cjs')) as { reRankSearchResults: ReRank })
			.reRankSearchResults;
		const popularityFile = join(modules, 'n8n-editor-ui', 'data', 'node-popularity.json');
		if (!existsSync(popularityFile)) throw new Error(`${popularityFile} is missing`);
		const table = JSON.parse(readFileSync(popularityFile, 'utf8')) as Array<{ id: string; popularity: number }>;
		this.popularity = Object.fromEntries(table.map(({ id, popularity }) => [id, popularity * 100]));
		this.entries = panelEntries(nodeTypes, credentialTypes);
	}

	/** The panel's results for `query`, best first. */
	search(query: string): SearchHit[] {
		const filter = removeTrailingTrigger(query).toLowerCase();
		const items = this.entries.filter((entry) => entry.key !== AI_TRANSFORM);
		const ranked = this.reRank(this.sublimeSearch(filter, items, EDITOR_SEARCH_KEYS), {
			popularity: this.popularity,
			messageAnAgentBoost: { [MESSAGE_AN_AGENT]: MESSAGE_AN_AGENT_BOOST },
		});
		return ranked.map(({ score, item }, index) => ({ rank: index + 1, key: item.key, displayName: item.properties.displayName, score }));
	}
}

/** "Telegram Trigger" and "Telegram Tri" search as "Telegram". */
export function removeTrailingTrigger(query: string): string {
	const parts = query.split(' ');
	const last = parts[parts.length - 1].toLowerCase();
	if (parts.length > 1 && 'trigger'.startsWith(last)) {
		return parts
			.slice(0, -1)
			.filter((part) => part)
			.join(' ')
			.trimEnd();
	}
	return query;
}

function versionsOf(type: NodeTypeJson): number[] {
	return Array.isArray(type.version) ? type.version : [type.version];
}

/** The latest version of each node type (the editor keeps one description per version). */
function latestTypes(nodeTypes: NodeTypeJson[]): NodeTypeJson[] {
	const byName = new Map<string, { version: number; type: NodeTypeJson }>();
	for (const type of nodeTypes) {
		const version = Math.max(...versionsOf(type));
		const known = byName.get(type.name);
		if (!known || version >= known.version) byName.set(type.name, { version, type });
	}
	return [...byName.values()].map(({ type }) => type);
}

function isAiCategory(type: { codex?: NodeTypeJson['codex'] }): boolean {
	return type.codex?.categories?.includes('AI') === true;
}

function isAiRootNode(type: { codex?: NodeTypeJson['codex'] }): boolean {
	return type.codex?.subcategories?.AI?.includes('Root Nodes') === true;
}

/**
 * Whether the editor generates actions for the node (what lets a trigger fold into it): an
 * Operation list (with or without Resource), an AI root node's Mode, or "trigger" in its name;
 * AI tools that are not root nodes have none.
 */
function hasActions(type: NodeTypeJson): boolean {
	if (type.codex?.subcategories?.AI?.includes('Tools') && !isAiRootNode(type)) return false;
	if (type.displayName.toLowerCase().includes('trigger')) return true;
	const withOptions = (name: string): boolean =>
		(type.properties ?? []).some((property) => property.name?.toLowerCase() === name && (property.options?.length ?? 0) > 0);
	return withOptions('operation') || (isAiCategory(type) && withOptions('mode'));
}

function entryOf(type: NodeTypeJson): PanelEntry {
	const { name, displayName, description, codex } = type;
	return { key: name, properties: { name, displayName, description, codex } };
}

/** The panel's entries before any search (the editor's `mergedNodes`, AI sub-nodes left out). */
export function panelEntries(nodeTypes: NodeTypeJson[], credentialTypes: CredentialTypeJson[]): PanelEntry[] {
	const visible = latestTypes(nodeTypes).filter((type) => !type.hidden);
	const isTrigger = (type: NodeTypeJson): boolean => type.group.includes('trigger');
	const entries: PanelEntry[] = [];
	const byName = new Map<string, { type: NodeTypeJson; entry: PanelEntry }>();
	for (const type of visible.filter((entry) => !isTrigger(entry))) {
		if (type.name === 'n8n-nodes-base.httpRequest') {
			for (const credential of credentialTypes.filter((entry) => entry.httpRequestNode && !entry.httpRequestNode.hidden)) {
				const name = `${CREDENTIAL_ONLY_PREFIX}.${credential.name}`;
				const displayName = credential.httpRequestNode?.name ?? credential.displayName;
				entries.push({ key: name, properties: { name, displayName, description: 'HTTP request', codex: { alias: [], categories: [] } } });
			}
		}
		const entry = entryOf(type);
		entries.push(entry);
		byName.set(type.name, { type, entry });
	}
	for (const trigger of visible.filter(isTrigger)) {
		const app = byName.get(trigger.name.replace('Trigger', ''));
		if (app && hasActions(app.type)) app.entry.properties.description = trigger.description;
		else entries.push(entryOf(trigger));
	}
	return entries.filter((entry) => !isAiCategory(entry.properties) || isAiRootNode(entry.properties));
}
