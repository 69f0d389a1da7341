import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TENCENT_TIMEOUT_CODES } from '../../../shared/errorTable';
import { requireAccount, requireOneOf, requireRoomId, requireSeatIndex } from '../../../shared/validation';
import { isAmbiguousFailure, tencentDetailsOf, type CallContext, type TencentTransport } from '../../transport';
import { roomIdField, seatIndexField } from '../common.fields';
import { roomOrderKey, type PreparedItem } from '../operation';

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
			'A move is never sent twice: after an unclear failure (timeout, Tencent internal error) the node reads the seat list instead, and reports the move as done (with Reconciled: true) or not. Leave the node setting "Retry On Fail" off: it re-runs every item, which could undo an exchange.',
		name: 'moveNotice',
		type: 'notice',
		default: '',
		displayOptions,
	},
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = requireRoomId(this.getNodeParameter('roomId', itemIndex));
	const account = requireAccount(this.getNodeParameter('memberAccount', itemIndex));
	const seatIndex = requireSeatIndex(this.getNodeParameter('seatIndex', itemIndex));
	const policy = requireOneOf(
		this.getNodeParameter('policy', itemIndex, 'cancel'),
		'When the Seat Is Taken',
		Object.keys(MOVE_POLICIES) as MovePolicy[],
	);
	const move: Move = { roomId, account, seatIndex, policy };
	const call = { itemIndex, action: `move "${account}" to seat ${seatIndex} of room "${roomId}"` };
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			let requestId: string | null;
			try {
				const reply = await transport.call(
					'room_engine_http_mic/move_user_to_seat',
					{ RoomId: roomId, SeatIndex: seatIndex, Member_Account: account, Policy: MOVE_POLICIES[policy] },
					call,
				);
				requestId = reply.RequestId ?? null;
			} catch (error) {
				// The transport never sends a move twice; after an unclear failure, look instead of guessing.
				if (!isAmbiguousFailure(error)) throw transport.asNodeError(call, error);
				return [await reconcile(transport, call, move, error)];
			}
			return [moveOutput(move, requestId)];
		},
	};
}

interface Move {
	roomId: string;
	account: string;
	seatIndex: number;
	policy: MovePolicy;
}

function moveOutput(move: Move, requestId: string | null): IDataObject {
	return {
		RoomId: move.roomId,
		SeatIndex: move.seatIndex,
		Member_Account: move.account,
		Policy: MOVE_POLICIES[move.policy],
		RequestId: requestId,
	};
}

const CHECK_SEATS = 'check the seats (Seat → Get Many) before running it again';

/**
 * The move failed in a way that may have applied it (internal error, 5xx, timeout, broken
 * connection, unreadable answer). One read of the seat list settles it:
 * - the user sits on the target seat: the move is done; the item succeeds with `Reconciled: true`;
 * - they do not: the move did not happen (when the list was read), and the item fails with the
 *   original error, saying so;
 * - the list cannot be read: the item fails with the original error, saying that too.
 */
async function reconcile(transport: TencentTransport, moveCall: CallContext, move: Move, moveError: unknown): Promise<IDataObject> {
	const checkCall = { itemIndex: moveCall.itemIndex, action: `check the seats of room "${move.roomId}"` };
	let seatList: unknown;
	try {
		const reply = await transport.call('room_engine_http_mic/get_seat_list', { RoomId: move.roomId }, checkCall);
		seatList = reply.Response?.SeatList;
	} catch {
		throw transport.restate(moveError, moveCall, {
			hint: `It may or may not have been applied, and reading the seat list to check failed too: ${CHECK_SEATS}.`,
			retryable: false,
		});
	}
	if (!Array.isArray(seatList)) {
		throw transport.restate(moveError, moveCall, {
			hint: `It may or may not have been applied, and the seat list read to check was not in Tencent's documented shape: ${CHECK_SEATS}.`,
			retryable: false,
		});
	}
	const seated = (seatList as unknown[]).some((seat) => {
		const { Index, Member_Account } = (seat ?? {}) as { Index?: unknown; Member_Account?: unknown };
		return Index === move.seatIndex && Member_Account === move.account;
	});
	if (seated) {
		const details = tencentDetailsOf(moveError);
		return { ...moveOutput(move, details?.requestId ?? null), Reconciled: true };
	}
	if (move.policy !== 'exchange') {
		// Running it again is harmless even if the first try lands late: the user is then on the
		// target seat already, and Tencent refuses the second move (100203) without changing anything.
		throw transport.restate(moveError, moveCall, {
			hint: 'The seat list read afterwards shows the move did not happen: running it again is safe.',
			retryable: true,
		});
	}
	// A second exchange swaps the two users back if the first one is applied after all. When
	// Tencent answered with an ErrorCode (other than its own timeouts) it had finished with the
	// call, so the check is final; without an answer (timeout, broken connection, 5xx, unreadable
	// answer) it may still land.
	const errorCode = tencentDetailsOf(moveError)?.errorCode ?? null;
	const tencentFinished = errorCode !== null && !TENCENT_TIMEOUT_CODES.has(errorCode);
	throw transport.restate(moveError, moveCall, tencentFinished
		? {
				hint: 'The seat list read afterwards shows the exchange did not happen, and Tencent had finished with the call: running it again is safe.',
				retryable: true,
			}
		: {
				hint: `The seat list read afterwards shows the exchange had not happened, but without Tencent's answer it may still be applied late, and a second exchange would swap the users back: ${CHECK_SEATS}.`,
				retryable: false,
			});
}
