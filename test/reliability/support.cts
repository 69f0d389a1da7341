/**
 * Shared by the reliability suites: accounting of outputs per input item, a circular-safe
 * serializer that also reaches what JSON.stringify skips (error messages, stacks, causes), and
 * small readers of the emulator's logs.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { MutationLogEntry, RequestLogEntry } from '../emulator/index.cjs';

export const SEATS = 'room_engine_http_mic/get_seat_list';
export const LOCK = 'room_engine_http_mic/lock_seat';
export const MOVE = 'room_engine_http_mic/move_user_to_seat';
export const LIVE_MEMBERS = 'live_engine_http_srv/get_member_list';
export const ONLINE_MEMBERS = 'group_open_avchatroom_http_svc/get_members';

/** The input index an output item points at. */
export function pairedIndexOf(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	const first = Array.isArray(paired) ? paired[0] : paired;
	if (typeof first === 'number') return first;
	if (!first || typeof first.item !== 'number') throw new Error(`output item without pairedItem: ${JSON.stringify(item.json).slice(0, 200)}`);
	return first.item;
}

export interface ItemOutcome {
	success: IDataObject[];
	errors: IDataObject[];
}

/** Output items grouped by the input item they came from, success and error outputs apart. */
export function outcomesByInput(itemCount: number, success: INodeExecutionData[], errors: INodeExecutionData[]): ItemOutcome[] {
	const outcomes: ItemOutcome[] = Array.from({ length: itemCount }, () => ({ success: [], errors: [] }));
	for (const item of success) outcomes[pairedIndexOf(item)].success.push(item.json);
	for (const item of errors) outcomes[pairedIndexOf(item)].errors.push(item.json);
	return outcomes;
}

/** Stable text of a request body, for matching requests to the items that sent them. */
export function bodyKey(body: unknown): string {
	if (!body || typeof body !== 'object') return JSON.stringify(body);
	const record = body as Record<string, unknown>;
	return JSON.stringify(Object.keys(record).sort().map((key) => [key, record[key]]));
}

export function requestsByBody(requests: RequestLogEntry[], command: string): Map<string, RequestLogEntry[]> {
	const byBody = new Map<string, RequestLogEntry[]>();
	for (const request of requests) {
		if (request.command !== command) continue;
		const key = bodyKey(request.body);
		const list = byBody.get(key) ?? [];
		list.push(request);
		byBody.set(key, list);
	}
	return byBody;
}

export function mutationsByRequest(mutations: MutationLogEntry[]): Map<number, MutationLogEntry[]> {
	const byRequest = new Map<number, MutationLogEntry[]>();
	for (const mutation of mutations) {
		const list = byRequest.get(mutation.requestSeq) ?? [];
		list.push(mutation);
		byRequest.set(mutation.requestSeq, list);
	}
	return byRequest;
}

/**
 * Everything reachable from `value` as text: own properties enumerable or not (an Error's
 * message, stack and cause included), getters' values, Maps, Sets; each object once.
 */
export function deepSerialize(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (current: unknown, depth: number): unknown => {
		if (current === null || current === undefined) return current ?? null;
		if (typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') return current;
		if (typeof current === 'bigint' || typeof current === 'symbol') return String(current);
		if (typeof current === 'function') return `[function ${current.name}]`;
		if (typeof current !== 'object') return String(current);
		if (seen.has(current)) return '[seen]';
		seen.add(current);
		if (depth > 40) return '[deep]';
		if (Buffer.isBuffer(current)) return current.toString('utf8');
		if (current instanceof Map) return [...current.entries()].map(([key, entry]) => [walk(key, depth + 1), walk(entry, depth + 1)]);
		if (current instanceof Set) return [...current].map((entry) => walk(entry, depth + 1));
		if (Array.isArray(current)) return current.map((entry) => walk(entry, depth + 1));
		const out: Record<string, unknown> = {};
		for (const key of Object.getOwnPropertyNames(current)) {
			let entry: unknown;
			try {
				entry = (current as Record<string, unknown>)[key];
			} catch (error) {
				entry = `[getter threw ${String(error)}]`;
			}
			out[key] = walk(entry, depth + 1);
		}
		if (current instanceof Error) {
			out.__string = String(current);
			out.__cause = walk((current as { cause?: unknown }).cause, depth + 1);
		}
		return out;
	};
	return JSON.stringify(walk(value, 0));
}

/** Occurrences of any of `needles` in `haystack`, by needle. */
export function findOccurrences(haystack: string, needles: Iterable<string>): Map<string, number> {
	const found = new Map<string, number>();
	for (const needle of needles) {
		if (!needle) continue;
		const count = haystack.split(needle).length - 1;
		if (count > 0) found.set(needle, count);
	}
	return found;
}
