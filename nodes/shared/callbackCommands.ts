/**
 * The callback commands the trigger offers in its Events list: every one Tencent documents for
 * conference rooms, live rooms, seats and the Chat groups behind them. Values are Tencent's
 * command names verbatim (saved in users' workflows, so they never change); names start with
 * their group, so the alphabetical list n8n shows keeps each group together. Pure: no n8n imports.
 */

export interface CallbackCommandOption {
	/** The label users see. */
	readonly name: string;
	/** Tencent's CallbackCommand. */
	readonly value: string;
	readonly description: string;
	/** Configured through live_config (Register Callback) rather than the Chat console. */
	readonly live?: true;
	/** Tencent waits for the answer and may block the action. */
	readonly before?: true;
}

const OPTIONS: readonly CallbackCommandOption[] = [
	{
		name: 'Chat: Before a Message Is Sent',
		value: 'Group.CallbackBeforeSendMsg',
		before: true,
		description:
			'A group message (a live room\'s chat) is about to be sent; Tencent waits up to 2 s for the answer, which can block it (see Options → Before Callbacks). The item holds GroupId, From_Account, MsgBody.',
	},
	{
		name: 'Chat: Member Joined a Group',
		value: 'Group.CallbackAfterNewMemberJoin',
		description: 'Users joined a Chat group. The item holds GroupId, JoinType, Operator_Account, NewMemberList.',
	},
	{
		name: 'Chat: Member Left a Group',
		value: 'Group.CallbackAfterMemberExit',
		description: 'Users left or were removed from a Chat group. The item holds GroupId, ExitType, Operator_Account, ExitMemberList.',
	},
	{
		name: 'Chat: Message Sent',
		value: 'Group.CallbackAfterSendMsg',
		description: 'A message was sent in a Chat group, such as a live room\'s chat. The item holds GroupId, From_Account, MsgBody, MsgSeq, MsgTime.',
	},
	{
		name: 'Conference: Member Entered',
		value: 'Room.CallbackAfterMemberEnter',
		description: 'Users entered a conference room. The item holds RoomId, MemberList_Account, MemberCount.',
	},
	{
		name: 'Conference: Member Left',
		value: 'Room.CallbackAfterMemberLeave',
		description: 'Users left a conference room, were removed (Type "Kicked") or lost connection ("Expired"). The item holds RoomId, Type, MemberList_Account, Reason.',
	},
	{
		name: 'Conference: Room Created',
		value: 'Room.CallbackAfterCreateRoom',
		description: 'A conference room was created or scheduled. The item holds Operator_Account and RoomInfo.',
	},
	{
		name: 'Conference: Room Destroyed',
		value: 'Room.CallbackAfterDestroyRoom',
		description: 'A conference room was dismissed. The item holds RoomId and Operator_Account.',
	},
	{
		name: 'Conference: Room Info Updated',
		value: 'Room.CallbackAfterUpdateRoomInfo',
		description: 'A conference room\'s settings changed. The item holds Operator_Account and RoomInfo.',
	},
	{
		name: 'Live: Admins Changed',
		value: 'Live.CallbackAfterModifyAdmin',
		live: true,
		description: 'Admins of a live room were added or removed. The item holds RoomId, Admin_Account, opType.',
	},
	{
		name: 'Live: Before a Gift Is Sent',
		value: 'Live.CallbackBeforeSendGift',
		live: true,
		before: true,
		description: 'A gift is about to be sent; Tencent waits for the answer, which can reject it (see Options → Before Callbacks). The item holds RoomId and GiftWater.',
	},
	{
		name: 'Live: Member Online or Offline',
		value: 'Live.CallbackAfterMemberStateChanged',
		live: true,
		description:
			'Members of a live room came online or went offline (EventType Online / Offline, EventCause Enter / Leave / HeartbeatInterrupt…). Also matches Live.CallbackMemberStateChanged, the name one of Tencent\'s pages uses.',
	},
	{
		name: 'Live: Metadata Deleted',
		value: 'Live.CallbackAfterDelMetadata',
		live: true,
		description: 'Metadata keys of a live room were deleted. The item holds RoomId and Keys.',
	},
	{
		name: 'Live: Metadata Set',
		value: 'Live.CallbackAfterSetMetadata',
		live: true,
		description: 'Metadata of a live room was set. The item holds RoomId and Metadata (Key, Value).',
	},
	{
		name: 'Live: Room Count Near the Quota',
		value: 'Live.CallbackAfterCreateRoomReachingThreshold',
		live: true,
		description: 'The app reached 70 % of its live room quota. The item holds CurRoomCount and MaxRoomCount.',
	},
	{
		name: 'Live: Room Created',
		value: 'Live.CallbackAfterCreateRoom',
		live: true,
		description: 'A live room was created. The item holds Operator_Account and RoomInfo.',
	},
	{
		name: 'Live: Room Destroyed',
		value: 'Live.CallbackAfterDestroyRoom',
		live: true,
		description: 'A live room was dismissed by a user or the system (EventType). The item holds RoomId, RoomInfo and the room\'s Statistic.',
	},
	{
		name: 'Live: Room Info Updated',
		value: 'Live.CallbackAfterUpdateRoomInfo',
		live: true,
		description: 'A live room\'s settings changed. The item holds Operator_Account and RoomInfo.',
	},
	{
		name: 'Seats: Seat Info Changed',
		value: 'Mic.CallbackAfterSeatInfoChanged',
		live: true,
		description: 'Someone took or left a seat, or a seat was locked or unlocked, in either kind of room. The item holds RoomId and the full SeatList.',
	},
];

/** Each description ends with Tencent's command name, so searching the list by it finds it. */
export const CALLBACK_COMMANDS: readonly CallbackCommandOption[] = OPTIONS.map((option) => ({
	...option,
	description: `${option.description.replace(/\.$/, '')} (${option.value}).`,
}));

export const CALLBACK_COMMAND_VALUES: ReadonlySet<string> = new Set(CALLBACK_COMMANDS.map((command) => command.value));

/** Names Tencent's pages also use for a command in the list. */
const ALIASES: Readonly<Record<string, string>> = {
	'Live.CallbackMemberStateChanged': 'Live.CallbackAfterMemberStateChanged',
};

/** The Events list's value for a CallbackCommand as Tencent sent it. */
export function canonicalCommand(command: string): string {
	return ALIASES[command] ?? command;
}

/** "Before" callbacks: Tencent waits for the answer and may block the action. */
export function isBeforeCallback(command: string): boolean {
	return CALLBACK_COMMANDS.some((option) => option.before === true && option.value === canonicalCommand(command)) || /\.CallbackBefore/.test(command);
}

/** The events Register Callback configures through live_config (every live one when none is selected). */
export function liveCallbackCommands(selected: readonly string[]): string[] {
	const live = CALLBACK_COMMANDS.filter((option) => option.live === true).map((option) => option.value);
	return selected.length === 0 ? live : selected.filter((command) => live.includes(command));
}
