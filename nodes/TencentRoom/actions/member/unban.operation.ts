import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callInBatches, memberAccountsField, readMemberAccounts } from '../accounts';
import { readRoomTarget, roomTargetFields } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

const COMMANDS = { live: 'live_engine_http_srv/unban_member', conference: 'room_engine_http_srv/unban_room_member' } as const;

export const properties: INodeProperties[] = [...roomTargetFields, memberAccountsField];

export const option = { name: 'Unban', value: 'unban', action: 'Unban members of a room', description: 'Let banned members enter the room again' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId } = readRoomTarget(this, itemIndex);
	const accounts = readMemberAccounts(this, itemIndex);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply } = await callInBatches(
				accounts,
				async (batch) =>
					await transport.call(COMMANDS[roomType], { RoomId: roomId, MemberList_Account: batch }, { itemIndex, action: `unban ${batch.length} member${batch.length === 1 ? '' : 's'} of ${roomType} room "${roomId}"` }),
				'Unbanning again is safe.',
			);
			return [{ RoomId: roomId, MemberList_Account: accounts, RequestId: reply.RequestId ?? null }];
		},
	};
}
