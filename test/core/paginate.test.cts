import {
	DEFAULT_MAX_PAGES,
	StuckCursorError,
	TooManyPagesError,
	paginate,
	type Page,
} from '../../nodes/shared/paginate';

/** A fake server: cursor → page, recording every request in order. */
function server<TCursor>(pages: Map<TCursor, Page<string, TCursor>>) {
	const requested: TCursor[] = [];
	let inFlight = 0;
	let maxInFlight = 0;
	const fetchPage = async (cursor: TCursor): Promise<Page<string, TCursor>> => {
		requested.push(cursor);
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		await new Promise((resolve) => setImmediate(resolve));
		inFlight--;
		const page = pages.get(cursor);
		if (!page) throw new Error(`no page for cursor ${String(cursor)}`);
		return page;
	};
	return { fetchPage, requested, maxInFlight: () => maxInFlight };
}

const names = (prefix: string, count: number): string[] =>
	Array.from({ length: count }, (_, index) => `${prefix}${index}`);

// Live rooms: string `Next`, "" = done.
const liveRoomPages = new Map<string, Page<string, string>>([
	['', { items: names('a', 3), next: 'c1' }],
	['c1', { items: names('b', 3), next: 'c2' }],
	['c2', { items: names('c', 2), next: '' }],
]);
const stringStyle = { firstCursor: '', isDone: (cursor: string) => cursor === '' };

// AVChatRoom: number `NextTimestamp`, 0 = done.
const avChatRoomPages = new Map<number, Page<string, number>>([
	[0, { items: names('m', 500), next: 1657773110 }],
	[1657773110, { items: names('n', 500), next: 1657770000 }],
	[1657770000, { items: names('o', 7), next: 0 }],
]);
const numberStyle = { firstCursor: 0, isDone: (cursor: number) => cursor === 0 };

describe('paginate', () => {
	it('follows string cursors until "" and keeps the order', async () => {
		const fake = server(liveRoomPages);
		const items = await paginate({ ...stringStyle, fetchPage: fake.fetchPage });
		expect(items).toEqual([...names('a', 3), ...names('b', 3), ...names('c', 2)]);
		expect(fake.requested).toEqual(['', 'c1', 'c2']);
	});

	it('follows number cursors until 0', async () => {
		const fake = server(avChatRoomPages);
		const items = await paginate({ ...numberStyle, fetchPage: fake.fetchPage });
		expect(items).toHaveLength(1007);
		expect(items[0]).toBe('m0');
		expect(items[1006]).toBe('o6');
		expect(fake.requested).toEqual([0, 1657773110, 1657770000]);
	});

	it('fetches pages strictly one after another', async () => {
		const fake = server(liveRoomPages);
		await paginate({ ...stringStyle, fetchPage: fake.fetchPage });
		expect(fake.maxInFlight()).toBe(1);
	});

	it('stops requesting as soon as the limit is reached', async () => {
		const fake = server(liveRoomPages);
		const items = await paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: 3 });
		expect(items).toEqual(names('a', 3));
		expect(fake.requested).toEqual(['']);
	});

	it('slices the last page to return exactly the limit', async () => {
		const fake = server(liveRoomPages);
		const items = await paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: 4 });
		expect(items).toEqual([...names('a', 3), 'b0']);
		expect(fake.requested).toEqual(['', 'c1']);
	});

	it('slices a big AVChatRoom page', async () => {
		const fake = server(avChatRoomPages);
		const items = await paginate({ ...numberStyle, fetchPage: fake.fetchPage, limit: 50 });
		expect(items).toEqual(names('m', 50));
		expect(fake.requested).toEqual([0]);
	});

	it('returns everything available when the limit is larger', async () => {
		const fake = server(liveRoomPages);
		const items = await paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: 1000 });
		expect(items).toHaveLength(8);
		expect(fake.requested).toHaveLength(3);
	});

	it('limit 0 requests nothing', async () => {
		const fake = server(liveRoomPages);
		expect(await paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: 0 })).toEqual([]);
		expect(fake.requested).toEqual([]);
	});

	it('walks past empty pages while the cursor moves', async () => {
		const fake = server(
			new Map<string, Page<string, string>>([
				['', { items: [], next: 'x' }],
				['x', { items: [], next: 'y' }],
				['y', { items: ['only'], next: '' }],
			]),
		);
		expect(await paginate({ ...stringStyle, fetchPage: fake.fetchPage })).toEqual(['only']);
		expect(fake.requested).toEqual(['', 'x', 'y']);
	});

	it('returns [] for a single empty final page', async () => {
		const fake = server(new Map<number, Page<string, number>>([[0, { items: [], next: 0 }]]));
		expect(await paginate({ ...numberStyle, fetchPage: fake.fetchPage, limit: 10 })).toEqual([]);
		expect(fake.requested).toEqual([0]);
	});

	it('throws StuckCursorError when the cursor does not move', async () => {
		const fake = server(
			new Map<string, Page<string, string>>([
				['', { items: ['a'], next: 'same' }],
				['same', { items: ['b'], next: 'same' }],
			]),
		);
		const failure = paginate({ ...stringStyle, fetchPage: fake.fetchPage });
		await expect(failure).rejects.toBeInstanceOf(StuckCursorError);
		await expect(failure).rejects.toMatchObject({ name: 'StuckCursorError', cursor: 'same', pagesFetched: 2 });
		expect(fake.requested).toEqual(['', 'same']);
	});

	it('throws StuckCursorError when the cursors cycle', async () => {
		const fake = server(
			new Map<number, Page<string, number>>([
				[0, { items: ['a'], next: 300 }],
				[300, { items: ['b'], next: 200 }],
				[200, { items: ['c'], next: 300 }],
			]),
		);
		await expect(paginate({ ...numberStyle, fetchPage: fake.fetchPage })).rejects.toMatchObject({ cursor: 300 });
		expect(fake.requested).toEqual([0, 300, 200]);
	});

	it('treats a return to the first cursor (when it is not "done") as a cycle', async () => {
		const fake = server(
			new Map<string, Page<string, string>>([
				['start', { items: ['a'], next: 'p2' }],
				['p2', { items: ['b'], next: 'start' }],
			]),
		);
		await expect(
			paginate({ firstCursor: 'start', isDone: (cursor) => cursor === '', fetchPage: fake.fetchPage }),
		).rejects.toBeInstanceOf(StuckCursorError);
	});

	it('does not complain about a stuck cursor once the limit is met', async () => {
		const fake = server(new Map<string, Page<string, string>>([['', { items: ['a', 'b'], next: 'loop' }], ['loop', { items: ['c'], next: 'loop' }]]));
		expect(await paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: 3 })).toEqual(['a', 'b', 'c']);
	});

	it('throws TooManyPagesError after maxPages pages without an end', async () => {
		let requests = 0;
		const endless = async (cursor: number): Promise<Page<number, number>> => {
			requests++;
			return { items: [cursor], next: cursor + 1 };
		};
		const failure = paginate({ firstCursor: 0, isDone: (cursor: number) => cursor === -1, fetchPage: endless, maxPages: 5 });
		await expect(failure).rejects.toBeInstanceOf(TooManyPagesError);
		await expect(failure).rejects.toMatchObject({ maxPages: 5 });
		expect(requests).toBe(5);
	});

	it('defaults maxPages to 100', async () => {
		expect(DEFAULT_MAX_PAGES).toBe(100);
		let requests = 0;
		const endless = async (cursor: number): Promise<Page<number, number>> => {
			requests++;
			return { items: [], next: cursor + 1 };
		};
		await expect(paginate({ ...numberStyle, fetchPage: endless })).rejects.toBeInstanceOf(TooManyPagesError);
		expect(requests).toBe(100);
	});

	it('exactly maxPages pages that end is fine', async () => {
		const threePages = server(liveRoomPages);
		expect(await paginate({ ...stringStyle, fetchPage: threePages.fetchPage, maxPages: 3 })).toHaveLength(8);
	});

	it('passes fetch failures through unchanged', async () => {
		const failure = new Error('HTTP 502');
		await expect(
			paginate({ ...stringStyle, fetchPage: () => Promise.reject(failure) }),
		).rejects.toBe(failure);
	});

	it('rejects a page without an item list', async () => {
		const broken = async (): Promise<Page<string, string>> => ({ next: '' }) as unknown as Page<string, string>;
		await expect(paginate({ ...stringStyle, fetchPage: broken })).rejects.toThrow(TypeError);
	});

	it('rejects a negative or fractional limit and a bad maxPages', async () => {
		const fake = server(liveRoomPages);
		await expect(paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: -1 })).rejects.toThrow(RangeError);
		await expect(paginate({ ...stringStyle, fetchPage: fake.fetchPage, limit: 1.5 })).rejects.toThrow(RangeError);
		await expect(paginate({ ...stringStyle, fetchPage: fake.fetchPage, maxPages: 0 })).rejects.toThrow(RangeError);
		expect(fake.requested).toEqual([]);
	});

	it('errors carry readable messages', () => {
		expect(new StuckCursorError('abc', 2).message).toContain('"abc"');
		expect(new TooManyPagesError(100).message).toContain('100');
		expect(new StuckCursorError('x'.repeat(500), 1).message.length).toBeLessThan(250);
	});
});
