import type { IDataObject } from 'n8n-workflow';

import type { TencentTransport } from '../transport';

export interface SeatLocks {
	forbidTaken: boolean;
	forbidVideo: boolean;
	forbidAudio: boolean;
}

/** lock_seat sets all three flags at once; unlocking is the same call with all three false. */
export async function setSeatLocks(
	transport: TencentTransport,
	itemIndex: number,
	seat: { roomId: string; index: number },
	locks: SeatLocks,
): Promise<IDataObject> {
	const anyLock = locks.forbidTaken || locks.forbidVideo || locks.forbidAudio;
	const { reply } = await transport.call(
		'room_engine_http_mic/lock_seat',
		{
			RoomId: seat.roomId,
			Index: seat.index,
			ForbidTaken: locks.forbidTaken,
			ForbidVideo: locks.forbidVideo,
			ForbidAudio: locks.forbidAudio,
		},
		{ itemIndex, action: `${anyLock ? 'lock' : 'unlock'} seat ${seat.index} of room "${seat.roomId}"` },
	);
	return {
		RoomId: seat.roomId,
		Index: seat.index,
		ForbidTaken: locks.forbidTaken,
		ForbidVideo: locks.forbidVideo,
		ForbidAudio: locks.forbidAudio,
		RequestId: reply.RequestId ?? null,
	};
}
