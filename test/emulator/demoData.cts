/** Demo rooms and groups for `npm run emulator` and the package demo. */
import type { TencentEmulator } from './TencentEmulator.cjs';

export { DEMO_APP } from './demoApp.cjs';

export const DEMO_ROOM_IDS = {
	/** Live room, 8 seats, 4 seated, 30 members. */
	liveNightShow: 'live-night-show',
	/** Live room, 10 seats, seat 7 locked. */
	voiceLounge: 'voice-lounge',
	/** Conference room with seats. */
	confWeekly: 'conf-weekly',
	/** Live room with seats disabled: seat commands answer 100211. */
	webinarNoSeats: 'webinar-no-seats',
	/** Live room with 1,250 members: get_member_list lists only the first 1,000. */
	liveBigStage: 'live-big-stage',
} as const;

export const DEMO_GROUP_IDS = {
	/** AVChatRoom with 1,200 members: get_members returns the 1,000 newest in 2 pages. */
	avChatRoom: '@TGS#demo-avchat',
	/** Public group: get_members answers 10007. */
	publicGroup: '@TGS#demo-public',
} as const;

/** A fixed base, so demo JoinTimes are stable between runs (2024-06-01 00:00:00 UTC). */
const DEMO_JOIN_TIME_BASE = 1717200000;

function numbered(prefix: string, from: number, to: number, width: number): string[] {
	const accounts: string[] = [];
	for (let n = from; n <= to; n += 1) accounts.push(`${prefix}${String(n).padStart(width, '0')}`);
	return accounts;
}

export function seedDemoData(emulator: TencentEmulator): void {
	emulator.createRoom({ roomId: DEMO_ROOM_IDS.liveNightShow, type: 'live', seatCount: 8, owner: 'host-luna', members: numbered('viewer-', 1, 29, 2) });
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'host-luna', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'viewer-01', 1);
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'viewer-02', 2);
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'viewer-03', 5);

	emulator.createRoom({ roomId: DEMO_ROOM_IDS.voiceLounge, type: 'live', seatCount: 10, owner: 'host-milo', members: numbered('guest-', 1, 11, 2) });
	emulator.takeSeat(DEMO_ROOM_IDS.voiceLounge, 'host-milo', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.voiceLounge, 'guest-01', 1);
	emulator.takeSeat(DEMO_ROOM_IDS.voiceLounge, 'guest-02', 2);
	emulator.setSeatFlags(DEMO_ROOM_IDS.voiceLounge, 7, { forbidTaken: true });

	emulator.createRoom({ roomId: DEMO_ROOM_IDS.confWeekly, type: 'conference', seatCount: 6, owner: 'alice', members: ['bob', 'carol', 'dave', 'erin', 'frank'] });
	emulator.takeSeat(DEMO_ROOM_IDS.confWeekly, 'alice', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.confWeekly, 'bob', 1);

	emulator.createRoom({ roomId: DEMO_ROOM_IDS.webinarNoSeats, type: 'live', seatsEnabled: false, owner: 'speaker-kim', members: numbered('attendee-', 1, 20, 2) });

	emulator.createRoom({ roomId: DEMO_ROOM_IDS.liveBigStage, type: 'live', seatCount: 8, owner: 'host-big', members: numbered('fan-', 1, 1249, 4) });
	emulator.takeSeat(DEMO_ROOM_IDS.liveBigStage, 'host-big', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.liveBigStage, 'fan-0001', 1);
	emulator.takeSeat(DEMO_ROOM_IDS.liveBigStage, 'fan-0002', 2);

	emulator.createGroup({
		groupId: DEMO_GROUP_IDS.avChatRoom,
		type: 'AVChatRoom',
		members: numbered('audience-', 1, 1200, 4).map((account, i) => ({
			account,
			joinTime: DEMO_JOIN_TIME_BASE + i * 5,
			...(i % 3 === 0 ? { nickName: `Audience ${i + 1}`, avatar: `https://example.com/avatars/${account}.png` } : {}),
			...(i % 10 === 0 ? { mark: 1000 } : {}),
		})),
	});

	emulator.createGroup({
		groupId: DEMO_GROUP_IDS.publicGroup,
		type: 'Public',
		members: numbered('member-', 1, 10, 2).map((account, i) => ({ account, joinTime: DEMO_JOIN_TIME_BASE + i * 60 })),
	});
}
