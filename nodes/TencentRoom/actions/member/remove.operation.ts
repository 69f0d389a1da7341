import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callInBatches, memberAccountsField, readMemberAccounts, readReason, reasonField } from '../accounts';
import { conferenceRoomIdFields, noticeField, readRoomId } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

const DEFAULT_REASON = 'Removed by a moderator';

export const option = { name: 'Remove', value: 'remove', action: 'Remove members from a conference room', description: 'Take members out of a conference room; they may enter again' };

export const properties: INodeProperties[] = [
	...conferenceRoomIdFields('The RoomId of a conference room (TUIRoomKit)'),
	memberAccountsField,
	reasonField(DEFAULT_REASON),
	noticeField('removeNotice', 'For conference rooms. Tencent has no plain removal for live rooms: use Ban, which removes members and keeps them out for a time.'),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const accounts = readMemberAccounts(this, itemIndex);
	const reason = readReason(this, itemIndex, DEFAULT_REASON);
	// Tencent answers 100006 when the room is a live room: say what to use instead.
	const advice = { 100006: `Room "${roomId}" is a live room, and Tencent removes members from live rooms only by banning them: use Member → Ban with a duration.` };
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply, reconciled } = await callInBatches(
				accounts,
				async (batch) =>
					await transport.call(
						'room_engine_http_srv/kick_user_out',
						{ RoomId: roomId, MemberList_Account: batch, Reason: reason },
						{ itemIndex, action: `remove ${batch.length === 1 ? `"${batch[0]}"` : `${batch.length} members`} from conference room "${roomId}"`, advice },
					),
				'Running the item again fails for the accounts already removed (they are no longer members): run it for the accounts not done.',
			);
			const output = { RoomId: roomId, MemberList_Account: accounts, RequestId: reply.RequestId ?? null };
			return [reconciled ? { ...output, Reconciled: true } : output];
		},
	};
}
