import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireAccount, requireOneOf, requireRoomId, requireSeatIndex } from '../../../shared/validation';
import type { TencentTransport } from '../../transport';
import { roomIdField, seatIndexField } from '../common.fields';

const shown = { resource: 'seat', operation: 'moveUser' };
const displayOptions = { show: { resource: ['seat'], operation: ['moveUser'] } };

/** Option values users' workflows save, and the Policy number Tencent expects for each. */
export const MOVE_POLICIES = { cancel: 0, forceMove: 1, exchange: 2 } as const;
export type MovePolicy = keyof typeof MOVE_POLICIES;

export const description: INodeProperties[] = [
	roomIdField(shown),
	{
		displayName: 'Member Account',
		name: 'memberAccount',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'user42',
		description: 'The UserID to move. The user must already sit on a seat of this room.',
		displayOptions,
	},
	seatIndexField(shown, 'The seat to move the user to. Seats are numbered from 0; a locked seat refuses the move.'),
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
				description: 'Swap the two users\' seats',
			},
		],
		displayOptions,
	},
	{
		displayName:
			'Moves are not retried blindly after an unclear failure. Leave the node setting "Retry On Fail" off: it re-runs every item, which could undo an exchange.',
		name: 'moveNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
];

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	transport: TencentTransport,
): Promise<IDataObject[]> {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const account = requireAccount(this.getNodeParameter('memberAccount', itemIndex));
	const seatIndex = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	const policy = requireOneOf(
		this.getNodeParameter('policy', itemIndex, 'cancel'),
		'When the Seat Is Taken',
		Object.keys(MOVE_POLICIES) as MovePolicy[],
	);
	const reply = await transport.call(
		'room_engine_http_mic/move_user_to_seat',
		{ RoomId: roomId, SeatIndex: seatIndex, Member_Account: account, Policy: MOVE_POLICIES[policy] },
		{ itemIndex, action: `move "${account}" to seat ${seatIndex} of room "${roomId}"` },
	);
	return [
		{
			RoomId: roomId,
			SeatIndex: seatIndex,
			Member_Account: account,
			Policy: MOVE_POLICIES[policy],
			RequestId: reply.RequestId ?? null,
		},
	];
}
