import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callInBatches, memberAccountsField, readMemberAccounts } from '../accounts';
import { liveRoomIdFields, readRoomId } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import type { CallResult, TencentTransport } from '../../transport';

export const properties: INodeProperties[] = [...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'), memberAccountsField];

export const option = { name: 'Unmute', value: 'unmute', action: 'Unmute members of a live room', description: 'Let muted members of a live room send chat messages again' };

/** mute_member with a MuteTime in seconds; 0 lifts the mute. */
export async function muteMembers(transport: TencentTransport, itemIndex: number, roomId: string, accounts: string[], muteTime: number): Promise<CallResult> {
	const who = accounts.length === 1 ? `"${accounts[0]}"` : `${accounts.length} members`;
	return await transport.call(
		'live_engine_http_srv/mute_member',
		{ RoomId: roomId, MemberList_Account: accounts, MuteTime: muteTime },
		{ itemIndex, action: `${muteTime === 0 ? 'unmute' : 'mute'} ${who} in live room "${roomId}"` },
	);
}

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const accounts = readMemberAccounts(this, itemIndex);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply } = await callInBatches(accounts, async (batch) => await muteMembers(transport, itemIndex, roomId, batch, 0), 'Unmuting again is safe.');
			return [{ RoomId: roomId, MemberList_Account: accounts, MuteTime: 0, RequestId: reply.RequestId ?? null }];
		},
	};
}
