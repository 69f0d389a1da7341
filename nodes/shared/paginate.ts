/**
 * One pagination loop for both of Tencent's cursor styles: live rooms return a string `Next`
 * ("" = done), AVChatRoom returns a number `NextTimestamp` (0 = done). Pure: the caller supplies
 * the page fetcher.
 */

export interface Page<TItem, TCursor> {
	items: TItem[];
	/** Cursor for the following page. */
	next: TCursor;
}

export interface PaginateOptions<TItem, TCursor> {
	/** Cursor of the first request ('' or 0). */
	firstCursor: TCursor;
	/** True for the cursor meaning "no more pages" ('' or 0). */
	isDone: (cursor: TCursor) => boolean;
	fetchPage: (cursor: TCursor) => Promise<Page<TItem, TCursor>>;
	/** undefined = all items; otherwise stop requesting once this many are collected. */
	limit?: number;
	/** Guard against a server that never says "done". Default 100. */
	maxPages?: number;
}

export const DEFAULT_MAX_PAGES = 100;

/** The server returned a cursor it had already returned, so following it would loop forever. */
export class StuckCursorError extends Error {
	readonly cursor: unknown;
	readonly pagesFetched: number;

	constructor(cursor: unknown, pagesFetched: number) {
		super(
			`Tencent returned the page cursor ${describeCursor(cursor)} again after ${pagesFetched} page(s), so listing stopped to avoid an endless loop. Try again later.`,
		);
		this.name = 'StuckCursorError';
		this.cursor = cursor;
		this.pagesFetched = pagesFetched;
	}
}

/** More pages than maxPages without reaching the end or the limit. */
export class TooManyPagesError extends Error {
	readonly maxPages: number;

	constructor(maxPages: number) {
		super(
			`Tencent still had more pages after ${maxPages}, so listing stopped. Turn off Return All and set a Limit.`,
		);
		this.name = 'TooManyPagesError';
		this.maxPages = maxPages;
	}
}

/** Fetches pages one after another (never in parallel: each needs the previous cursor). */
export async function paginate<TItem, TCursor>(options: PaginateOptions<TItem, TCursor>): Promise<TItem[]> {
	const { firstCursor, isDone, fetchPage, limit } = options;
	const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
	if (limit !== undefined && (!Number.isInteger(limit) || limit < 0)) {
		throw new RangeError(`limit must be a whole number of at least 0, got ${limit}`);
	}
	if (!Number.isInteger(maxPages) || maxPages < 1) {
		throw new RangeError(`maxPages must be a whole number of at least 1, got ${maxPages}`);
	}

	const collected: TItem[] = [];
	if (limit === 0) return collected;

	const seenCursors = new Set<TCursor>([firstCursor]);
	let cursor = firstCursor;
	let pagesFetched = 0;

	for (;;) {
		if (pagesFetched >= maxPages) throw new TooManyPagesError(maxPages);
		const page = await fetchPage(cursor);
		pagesFetched++;
		if (!page || !Array.isArray(page.items)) {
			throw new TypeError(`page ${pagesFetched} has no item list`);
		}

		for (const item of page.items) {
			collected.push(item);
			if (limit !== undefined && collected.length >= limit) return collected;
		}

		if (isDone(page.next)) return collected;
		if (seenCursors.has(page.next)) throw new StuckCursorError(page.next, pagesFetched);
		seenCursors.add(page.next);
		cursor = page.next;
	}
}

function describeCursor(cursor: unknown): string {
	const text = typeof cursor === 'string' ? `"${cursor}"` : String(cursor);
	return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
