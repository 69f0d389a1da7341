/**
 * The callback commands the trigger offers in its Events list. Values are Tencent's
 * command names verbatim (saved in users' workflows, so they never change); names are
 * sorted alphabetically, as n8n lists options. Pure: no n8n imports.
 */

export interface CallbackCommandOption {
	/** The label users see. */
	readonly name: string;
	/** Tencent's CallbackCommand. */
	readonly value: string;
	readonly description: string;
}

export const CALLBACK_COMMANDS: readonly CallbackCommandOption[] = [
	{
		name: 'Chat Message Before Sending',
		value: 'Group.CallbackBeforeSendMsg',
		description:
			'A chat group message is about to be sent (Group.CallbackBeforeSendMsg). The trigger always answers OK, so the message is never blocked.',
	},
	{
		name: 'Chat Message Sent',
		value: 'Group.CallbackAfterSendMsg',
		description: 'A message was sent in a chat group, such as a live room\'s chat (Group.CallbackAfterSendMsg)',
	},
	{
		name: 'Conference Member Entered',
		value: 'Room.CallbackAfterMemberEnter',
		description: 'A user entered a conference room (Room.CallbackAfterMemberEnter)',
	},
	{
		name: 'Conference Member Left',
		value: 'Room.CallbackAfterMemberLeave',
		description: 'A user left a conference room (Room.CallbackAfterMemberLeave)',
	},
	{
		name: 'Conference Room Created',
		value: 'Room.CallbackAfterCreateRoom',
		description: 'A conference room was created (Room.CallbackAfterCreateRoom)',
	},
	{
		name: 'Conference Room Destroyed',
		value: 'Room.CallbackAfterDestroyRoom',
		description: 'A conference room was destroyed (Room.CallbackAfterDestroyRoom)',
	},
	{
		name: 'Conference Room Info Updated',
		value: 'Room.CallbackAfterUpdateRoomInfo',
		description: 'A conference room\'s information changed (Room.CallbackAfterUpdateRoomInfo)',
	},
	{
		name: 'Live Member State Changed',
		value: 'Live.CallbackAfterMemberStateChanged',
		description: 'A member entered or left a live room (Live.CallbackAfterMemberStateChanged)',
	},
	{
		name: 'Live Room Created',
		value: 'Live.CallbackAfterCreateRoom',
		description: 'A live room was created (Live.CallbackAfterCreateRoom)',
	},
	{
		name: 'Live Room Destroyed',
		value: 'Live.CallbackAfterDestroyRoom',
		description: 'A live room was destroyed (Live.CallbackAfterDestroyRoom)',
	},
	{
		name: 'Live Room Info Updated',
		value: 'Live.CallbackAfterUpdateRoomInfo',
		description: 'A live room\'s information changed (Live.CallbackAfterUpdateRoomInfo)',
	},
	{
		name: 'Seat Info Changed',
		value: 'Mic.CallbackAfterSeatInfoChanged',
		description:
			'Someone took or left a seat, or a seat was locked or unlocked; the body holds RoomId and the full SeatList (Mic.CallbackAfterSeatInfoChanged)',
	},
];

export const CALLBACK_COMMAND_VALUES: ReadonlySet<string> = new Set(CALLBACK_COMMANDS.map((command) => command.value));
