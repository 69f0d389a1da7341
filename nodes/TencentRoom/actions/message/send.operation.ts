import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { InvalidParameterError, requireAccount, requireJsonText, requireText } from '../../../shared/validation';
import { liveRoomIdFields, memberAccountField, noticeField, readRoomId } from '../fields';
import { roomOrderKey, type PreparedItem } from '../operation';

/** Tencent's message packet limit: text and extension together. */
const MAX_MESSAGE_BYTES = 8 * 1024;

export const option = { name: 'Send', value: 'send', action: 'Send a text message to a live room', description: "Post a text message in a live room's chat as one of its users" };

export const properties: INodeProperties[] = [
	...liveRoomIdFields('The RoomId of a live room (TUILiveKit)'),
	{ ...memberAccountField('The UserID the message comes from, such as a moderator or bot account'), displayName: 'Sender Account', name: 'senderAccount' },
	{ displayName: 'Text', name: 'text', type: 'string', required: true, default: '', typeOptions: { rows: 3 }, description: 'The message, at most 8 KB; line breaks are kept' },
	{
		displayName: 'Extension Info',
		name: 'extensionInfo',
		type: 'json',
		default: '',
		description: "Optional JSON delivered with the message to the room's apps (CloudCustomData)",
	},
	noticeField('sendNotice', 'A message is never sent twice: if the answer is lost, the item fails saying the message may already be in the room, rather than risk posting it again.'),
];

export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedItem {
	const roomId = readRoomId(this, itemIndex);
	const sender = requireAccount(this.getNodeParameter('senderAccount', itemIndex), 'Sender Account');
	// A chat message may span lines; other control characters are refused as in every field.
	const text = requireText(this.getNodeParameter('text', itemIndex), 'Text', MAX_MESSAGE_BYTES, { allowLineBreaks: true });
	const extensionValue = this.getNodeParameter('extensionInfo', itemIndex, '');
	const extension = extensionValue === '' ? undefined : requireJsonText(extensionValue, 'Extension Info', MAX_MESSAGE_BYTES);
	const bytes = Buffer.byteLength(text, 'utf8') + Buffer.byteLength(extension ?? '', 'utf8');
	if (bytes > MAX_MESSAGE_BYTES) {
		throw new InvalidParameterError('Text', `Text and Extension Info are ${bytes} bytes together; a Tencent message holds at most ${MAX_MESSAGE_BYTES} (8 KB).`);
	}
	return {
		orderKey: roomOrderKey(roomId),
		run: async (transport) => {
			const body: IDataObject = { RoomId: roomId, Sender_Account: sender, TextContent: text };
			if (extension !== undefined) body.ExtensionInfo = extension;
			const { reply } = await transport.call('live_engine_http_srv/send_text_msg', body, { itemIndex, action: `send a message from "${sender}" to live room "${roomId}"` });
			return [{ RoomId: roomId, Sender_Account: sender, RequestId: reply.RequestId ?? null }];
		},
	};
}
