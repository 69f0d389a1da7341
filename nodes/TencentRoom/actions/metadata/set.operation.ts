import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { METADATA_LIMITS, requireMetadataPairs } from '../../../shared/validation';
import { liveRoomIdFields, readRoomId } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

export const properties: INodeProperties[] = [
	...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'),
	{
		displayName: 'Metadata',
		name: 'metadata',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		placeholder: 'Add Key',
		default: {},
		description: `Keys to add or overwrite; other keys stay. A room holds at most ${METADATA_LIMITS.maxKeys} keys of up to ${METADATA_LIMITS.maxKeyBytes} bytes, each value up to 2 KB and 16 KB in all.`,
		options: [
			{
				displayName: 'Pair',
				name: 'pairs',
				values: [
					{ displayName: 'Key', name: 'key', type: 'string', default: '', placeholder: 'showStartsAt' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: '20:00' },
				],
			},
		],
	},
];

export const option = { name: 'Set', value: 'set', action: 'Set metadata of a live room', description: 'Add or overwrite key/value pairs stored with a live room' };

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const metadata = this.getNodeParameter('metadata', itemIndex, {}) as IDataObject;
	const pairs = requireMetadataPairs(metadata.pairs);
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const { reply } = await transport.call(
				'live_engine_http_srv/set_room_metadata',
				{ RoomId: roomId, Metadata: pairs as unknown as IDataObject[] },
				{ itemIndex, action: `set metadata of live room "${roomId}"` },
			);
			return [{ RoomId: roomId, Keys: pairs.map((pair) => pair.Key), RequestId: reply.RequestId ?? null }];
		},
	};
}
