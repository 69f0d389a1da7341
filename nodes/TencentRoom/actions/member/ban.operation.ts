import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { callInBatches, durationField, durationText, memberAccountsField, readDuration, readMemberAccounts, readReason, reasonField } from '../accounts';
import { readRoomTarget, roomTargetFields } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

const DEFAULT_REASON = 'Banned by a moderator';
const COMMANDS = { live: 'live_engine_http_srv/ban_member', conference: 'room_engine_http_srv/ban_room_member' } as const;

export const option = { name: 'Ban', value: 'ban', action: 'Ban members from a room', description: 'Remove members from a room and keep them out for a time' };

export const properties: INodeProperties[] = [
	...roomTargetFields,
	memberAccountsField,
	durationField(86_400, 'the ban lasts'),
	reasonField(DEFAULT_REASON),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const { roomType, roomId } = readRoomTarget(this, itemIndex);
	const accounts = readMemberAccounts(this, itemIndex);
	const duration = readDuration(this, itemIndex);
	const reason = readReason(this, itemIndex, DEFAULT_REASON);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport, hints) => {
			const { reply } = await callInBatches(
				accounts,
				async (batch) =>
					await transport.call(
						COMMANDS[roomType],
						{ RoomId: roomId, MemberList_Account: batch, Duration: duration, Reason: reason },
						{ itemIndex, action: `ban ${batch.length === 1 ? `"${batch[0]}"` : `${batch.length} members`} from ${roomType} room "${roomId}"` },
					),
				'Banning again is safe: it only starts the ban over.',
			);
			hints.add(`Banned for ${durationText(duration)}.`);
			return [{ RoomId: roomId, MemberList_Account: accounts, Duration: duration, RequestId: reply.RequestId ?? null }];
		},
	};
}
