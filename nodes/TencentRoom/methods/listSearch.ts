import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';

import { DEFAULT_TIMEOUT_MS } from '../actions/options';
import { TencentTransport, type TencentReply } from '../transport';

/**
 * "From List" in the editor. Tencent has no search, so a filter is applied to pages as they
 * come, reading a few pages (within each command's rate limit) until enough entries match;
 * scrolling continues from Tencent's cursor.
 */

/** Entries a page of the picker aims for. */
const ENOUGH = 20;

function matches(filter: string | undefined): (...texts: unknown[]) => boolean {
	const wanted = filter?.trim().toLowerCase() ?? '';
	return (...texts) => !wanted || texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(wanted));
}

async function pickerTransport(context: ILoadOptionsFunctions): Promise<TencentTransport> {
	return await TencentTransport.forExecution(context, { timeoutMs: DEFAULT_TIMEOUT_MS });
}

/** Live rooms (get_room_list: 20 a page, 10 calls per second), by name or ID. */
export async function searchLiveRooms(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const transport = await pickerTransport(this);
	const call = { itemIndex: 0, action: 'list the live rooms' };
	const matching = matches(filter);
	const results: INodeListSearchItems[] = [];
	let next = paginationToken ?? '';
	for (let page = 0; page < (filter ? 5 : 1); page++) {
		const { reply } = await transport.call('live_engine_http_srv/get_room_list', { Next: next, Count: 20 }, call);
		const { RoomList: rooms, Next: following } = (reply.Response ?? {}) as { RoomList?: unknown; Next?: unknown };
		if (!Array.isArray(rooms) || typeof following !== 'string') throw transport.invalidReply(call, 'Response.RoomList or Response.Next is missing', reply);
		for (const room of rooms as Array<{ RoomId?: unknown; RoomName?: unknown }>) {
			if (typeof room?.RoomId !== 'string' || !matching(room.RoomId, room.RoomName)) continue;
			const name = typeof room.RoomName === 'string' && room.RoomName && room.RoomName !== room.RoomId ? `${room.RoomName} (${room.RoomId})` : room.RoomId;
			results.push({ name, value: room.RoomId });
		}
		if (following === next) break;
		next = following;
		if (next === '' || results.length >= ENOUGH) break;
	}
	return { results, paginationToken: next || undefined };
}

/** The app's audio-video groups (get_appid_group_list: 1 call per second), by ID. */
export async function searchAudioVideoGroups(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const transport = await pickerTransport(this);
	const call = { itemIndex: 0, action: 'list the audio-video groups' };
	const matching = matches(filter);
	const results: INodeListSearchItems[] = [];
	let next = Number(paginationToken ?? 0) || 0;
	for (let page = 0; page < (filter ? 3 : 1); page++) {
		const { reply } = await transport.call('group_open_http_svc/get_appid_group_list', { Limit: 200, Next: next, GroupType: 'AVChatRoom' }, call);
		const groups = groupIdsOf(reply);
		if (!groups) throw transport.invalidReply(call, 'GroupIdList or Next is missing', reply);
		for (const groupId of groups.ids) if (matching(groupId)) results.push({ name: groupId, value: groupId });
		if (groups.next === next) break;
		next = groups.next;
		if (next === 0 || results.length >= ENOUGH) break;
	}
	return { results, paginationToken: next ? String(next) : undefined };
}

/** Chat answers at the top level: GroupIdList [{GroupId}] and Next (0 = everything was listed). */
function groupIdsOf(reply: TencentReply): { ids: string[]; next: number } | undefined {
	const { GroupIdList: list, Next: next } = reply as { GroupIdList?: unknown; Next?: unknown };
	if (!Array.isArray(list) || typeof next !== 'number') return undefined;
	const ids = list.map((entry: { GroupId?: unknown }) => entry?.GroupId).filter((id): id is string => typeof id === 'string');
	return { ids, next };
}
