import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { noticeField, returnAllFields } from '../fields';
import { listPages, readListingLimit } from '../listing';
import type { PreparedItem } from '../operation';

/** Tencent lists live rooms 20 at a time, 10 calls per second. */
const PAGE_SIZE = 20;
/** Enough pages for 10,000 rooms: 17 minutes of Tencent's list budget would be more than a user asks for. */
const MAX_ROOMS = 10_000;

export const properties: INodeProperties[] = [
	...returnAllFields(MAX_ROOMS),
	noticeField('roomListNotice', 'Lists public live rooms, most viewed first, 20 per request. Tencent allows 10 list requests per second, so 1,000 rooms take about 5 seconds. Conference rooms have no list.'),
];

export const option = { name: 'Get Many', value: 'getMany', action: 'Get many live rooms', description: 'List the public live rooms of the app, most viewed first' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const limit = readListingLimit(this, itemIndex, MAX_ROOMS);
	return {
		// Reads stand alone: items list side by side, within Tencent's 10 per second.
		orderKey: `roomList:${itemIndex}`,
		run: async (transport) => {
			const call = { itemIndex, action: 'list the live rooms' };
			return await listPages<IDataObject, string>(transport, call, {
				firstCursor: '',
				isDone: (next) => next === '',
				limit,
				maxPages: Math.ceil(MAX_ROOMS / PAGE_SIZE),
				fetchPage: async (next) => {
					const { reply } = await transport.call('live_engine_http_srv/get_room_list', { Next: next, Count: PAGE_SIZE }, call);
					const page: Record<string, unknown> = reply.Response ?? {};
					if (!Array.isArray(page.RoomList)) throw transport.invalidReply(call, 'Response.RoomList is not a list', reply);
					if (typeof page.Next !== 'string') throw transport.invalidReply(call, 'Response.Next is not text', reply);
					if (!page.RoomList.every(isListedRoom)) {
						throw transport.invalidReply(call, 'Response.RoomList holds an entry without a text RoomId', reply);
					}
					return { items: page.RoomList, next: page.Next };
				},
			});
		},
	};
}

function isListedRoom(room: unknown): room is IDataObject {
	return !!room && typeof room === 'object' && !Array.isArray(room) && typeof (room as { RoomId?: unknown }).RoomId === 'string';
}
