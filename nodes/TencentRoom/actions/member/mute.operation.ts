import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidParameterError } from '../../../shared/validation';
import { callInBatches, durationField, durationText, memberAccountsField, readDuration, readMemberAccounts } from '../accounts';
import { liveRoomIdFields, readRoomId } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';
import { muteMembers } from './unmute.operation';

export const option = { name: 'Mute', value: 'mute', action: 'Mute members of a live room', description: 'Stop members of a live room from sending chat messages for a time' };

export const properties: INodeProperties[] = [
	...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'),
	memberAccountsField,
	durationField(600, 'the members stay muted'),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const accounts = readMemberAccounts(this, itemIndex);
	// Tencent reads a MuteTime of 0 as "unmute": a mute of 0 is a mistake here.
	if (Number(this.getNodeParameter('duration', itemIndex)) === 0) {
		throw new InvalidParameterError('Duration (Seconds)', 'Duration (Seconds) is 0, which Tencent reads as "unmute": use Member → Unmute, or give at least 1 second.');
	}
	const duration = readDuration(this, itemIndex);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport, hints) => {
			const { reply } = await callInBatches(accounts, async (batch) => await muteMembers(transport, itemIndex, roomId, batch, duration), 'Muting again is safe: it only starts the mute over.');
			hints.add(`Muted for ${durationText(duration)}.`);
			return [{ RoomId: roomId, MemberList_Account: accounts, MuteTime: duration, RequestId: reply.RequestId ?? null }];
		},
	};
}
