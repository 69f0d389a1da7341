import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireAccount, requireOneOf, requireSeatIndex } from '../../../shared/validation';
import { memberAccountField, noticeField, readRoomId, roomIdFields, seatIndexField } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

/** Option values users' workflows save, and the Policy number Tencent expects for each. */
export const MOVE_POLICIES = { cancel: 0, forceMove: 1, exchange: 2 } as const;
export type MovePolicy = keyof typeof MOVE_POLICIES;

export const properties: INodeProperties[] = [
	...roomIdFields(),
	memberAccountField('The UserID to move. The user must already sit on a seat of this room.'),
	seatIndexField('The seat to move the user to. Seats are numbered from 0; a locked seat refuses the move.'),
	{
		displayName: 'When the Seat Is Taken',
		name: 'policy',
		type: 'options',
		default: 'cancel',
		description: 'What Tencent does when someone already sits on the target seat',
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description: 'Do not move; the item fails with error 100210 (a user is on the target seat)',
			},
			{
				name: 'Force Move',
				value: 'forceMove',
				description: 'Move the user and take the seat from its occupant, who leaves the seat',
			},
			{
				name: 'Exchange',
				value: 'exchange',
				description: "Swap the two users' seats",
			},
		],
	},
	noticeField('moveNotice', 'A move is never sent again blindly: after an unclear failure (timeout, Tencent internal error) the node waits until Tencent can no longer apply it late, reads the seat list, and reports the move done (Reconciled: true) or sends it again. Leave the node setting "Retry On Fail" off: it re-runs every item, which could undo an exchange.'),
];

export const option = { name: 'Move User', value: 'moveUser', action: 'Move a user to another seat', description: 'Move a seated user to another seat: cancel, force the move, or exchange seats' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const account = requireAccount(this.getNodeParameter('memberAccount', itemIndex));
	const seatIndex = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	const policy = requireOneOf(
		this.getNodeParameter('policy', itemIndex, 'cancel'),
		'When the Seat Is Taken',
		Object.keys(MOVE_POLICIES) as MovePolicy[],
	);
	const retryOnFail = this.getNode().retryOnFail === true;
	return {
		orderKey: roomOrderKey(roomId),
		// A moved user already sits on the target seat, so Tencent refuses a second move, except an exchange.
		repeatEffect: policy === 'exchange' ? 'swaps the two users back' : undefined,
		run: async (transport, hints) => {
			if (retryOnFail) {
				hints.add(
					'"Retry On Fail" is on: when any item fails, n8n runs every item of this node again, and a second exchange swaps the users back. Turn it off in the node settings; the node settles unclear moves itself.',
					'warning',
				);
			}
			const { reply, reconciled } = await transport.call(
				'room_engine_http_mic/move_user_to_seat',
				{ RoomId: roomId, SeatIndex: seatIndex, Member_Account: account, Policy: MOVE_POLICIES[policy] },
				{ itemIndex, action: `move "${account}" to seat ${seatIndex} of room "${roomId}"` },
			);
			const output: IDataObject = {
				RoomId: roomId,
				SeatIndex: seatIndex,
				Member_Account: account,
				Policy: MOVE_POLICIES[policy],
				RequestId: reply.RequestId ?? null,
			};
			if (reconciled) output.Reconciled = true;
			return [output];
		},
	};
}
