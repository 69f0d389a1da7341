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
	/** Live voice room (AudioSalon, 10 seats), with statistics and metadata. */
	liveSunsetGuitar: 'live-sunset-guitar',
	/** Live video room (VideoDynamicGrid9Seats, 9 seats). */
	liveCookingLab: 'live-cooking-lab',
	/** Live karaoke room (Karaoke, 8 seats), ActivityStatus 1. */
	liveKaraokeNight: 'live-karaoke-night',
	/** Live room hidden from get_room_list (IsPublicVisible false), though it has the most views. */
	liveRehearsalHidden: 'live-rehearsal-hidden',
	/** Conference room without seats (seat commands answer 100211), with CustomInfo. */
	confBoardReview: 'conf-board-review',
} as const;

/**
 * get_room_list over the demo data (ViewCount descending): big stage, sunset guitar, night show,
 * cooking lab, karaoke night, voice lounge, webinar; the hidden rehearsal is left out.
 */

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
	const cover = (name: string) => `https://example.com/covers/${name}.jpg`;
	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.liveNightShow,
		type: 'live',
		seatCount: 8,
		owner: 'host-luna',
		members: numbered('viewer-', 1, 29, 2),
		name: 'Night Show with Luna',
		coverUrl: cover('night-show'),
		category: ['talk', 'late-night'],
		viewCount: 12_800,
		createTime: DEMO_JOIN_TIME_BASE,
		notice: 'Be kind in the chat.',
		stats: { TotalViewers: 12_800, TotalGiftsSent: 340, TotalGiftCoins: 5120, TotalUniqueGiftSenders: 87, TotalLikesReceived: 20_400, TotalMsgCount: 9650 },
	});
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'host-luna', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'viewer-01', 1);
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'viewer-02', 2);
	emulator.takeSeat(DEMO_ROOM_IDS.liveNightShow, 'viewer-03', 5);

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.voiceLounge,
		type: 'live',
		seatCount: 10,
		owner: 'host-milo',
		members: numbered('guest-', 1, 11, 2),
		name: 'Voice Lounge',
		seatTemplate: 'AudioSalon',
		coverUrl: cover('voice-lounge'),
		category: ['chat'],
		viewCount: 2300,
		createTime: DEMO_JOIN_TIME_BASE + 600,
	});
	emulator.takeSeat(DEMO_ROOM_IDS.voiceLounge, 'host-milo', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.voiceLounge, 'guest-01', 1);
	emulator.takeSeat(DEMO_ROOM_IDS.voiceLounge, 'guest-02', 2);
	emulator.setSeatFlags(DEMO_ROOM_IDS.voiceLounge, 7, { forbidTaken: true });

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.confWeekly,
		type: 'conference',
		seatCount: 6,
		owner: 'alice',
		members: ['bob', 'carol', 'dave', 'erin', 'frank'],
		name: 'Weekly Sync',
		createTime: DEMO_JOIN_TIME_BASE + 1200,
	});
	emulator.takeSeat(DEMO_ROOM_IDS.confWeekly, 'alice', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.confWeekly, 'bob', 1);

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.webinarNoSeats,
		type: 'live',
		seatsEnabled: false,
		owner: 'speaker-kim',
		members: numbered('attendee-', 1, 20, 2),
		name: 'Webinar: Getting Started',
		coverUrl: cover('webinar'),
		category: ['education'],
		viewCount: 640,
		createTime: DEMO_JOIN_TIME_BASE + 1800,
	});

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.liveBigStage,
		type: 'live',
		seatCount: 8,
		owner: 'host-big',
		members: numbered('fan-', 1, 1249, 4),
		name: 'Big Stage Festival',
		coverUrl: cover('big-stage'),
		category: ['music', 'festival'],
		viewCount: 25_600,
		createTime: DEMO_JOIN_TIME_BASE + 2400,
	});
	emulator.takeSeat(DEMO_ROOM_IDS.liveBigStage, 'host-big', 0);
	emulator.takeSeat(DEMO_ROOM_IDS.liveBigStage, 'fan-0001', 1);
	emulator.takeSeat(DEMO_ROOM_IDS.liveBigStage, 'fan-0002', 2);

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.liveSunsetGuitar,
		type: 'live',
		seatCount: 10,
		seatTemplate: 'AudioSalon',
		owner: 'host-rio',
		members: numbered('listener-', 1, 14, 2),
		name: 'Sunset Guitar Session',
		coverUrl: cover('sunset-guitar'),
		category: ['music', 'acoustic'],
		viewCount: 18_250,
		createTime: DEMO_JOIN_TIME_BASE + 3000,
		takeSeatMode: 'ApplyToTake',
		stats: { TotalViewers: 18_250, TotalGiftsSent: 512, TotalGiftCoins: 20_480, TotalUniqueGiftSenders: 143, TotalLikesReceived: 31_000, TotalMsgCount: 12_345 },
		metadata: { theme: 'sunset', setlist: 'Blackbird; Wonderwall; Hotel California' },
	});
	emulator.takeSeat(DEMO_ROOM_IDS.liveSunsetGuitar, 'host-rio', 0);

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.liveCookingLab,
		type: 'live',
		seatCount: 9,
		seatTemplate: 'VideoDynamicGrid9Seats',
		owner: 'chef-ana',
		members: numbered('cook-', 1, 8, 2),
		name: 'Cooking Lab: Dumplings',
		coverUrl: cover('cooking-lab'),
		category: ['food'],
		viewCount: 9400,
		createTime: DEMO_JOIN_TIME_BASE + 3600,
	});
	emulator.takeSeat(DEMO_ROOM_IDS.liveCookingLab, 'chef-ana', 0);

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.liveKaraokeNight,
		type: 'live',
		seatCount: 8,
		seatTemplate: 'Karaoke',
		owner: 'host-kai',
		members: numbered('singer-', 1, 6, 2),
		name: 'Karaoke Night',
		coverUrl: cover('karaoke-night'),
		category: ['music', 'karaoke'],
		viewCount: 4100,
		activityStatus: 1,
		createTime: DEMO_JOIN_TIME_BASE + 4200,
	});

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.liveRehearsalHidden,
		type: 'live',
		seatCount: 9,
		owner: 'host-zoe',
		name: 'Rehearsal (private)',
		coverUrl: cover('rehearsal'),
		category: ['music'],
		viewCount: 50_000,
		isPublicVisible: false,
		createTime: DEMO_JOIN_TIME_BASE + 4800,
	});

	emulator.createRoom({
		roomId: DEMO_ROOM_IDS.confBoardReview,
		type: 'conference',
		seatsEnabled: false,
		owner: 'grace',
		members: ['heidi', 'ivan', 'judy'],
		name: 'Quarterly Board Review',
		customInfo: '{"agenda":"Q3 results"}',
		isCloudRecordingDisabled: true,
		createTime: DEMO_JOIN_TIME_BASE + 5400,
	});

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
