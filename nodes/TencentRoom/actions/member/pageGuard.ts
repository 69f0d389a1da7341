import { StuckCursorError, TooManyPagesError } from '../../../shared/paginate';
import type { CallContext, TencentTransport } from '../../transport';

/** Runs a page walk; a cursor that never ends becomes a failed item that says so. */
export async function pageGuard<T>(transport: TencentTransport, call: CallContext, walk: () => Promise<T>): Promise<T> {
	try {
		return await walk();
	} catch (error) {
		const paginationProblem = error instanceof StuckCursorError || error instanceof TooManyPagesError;
		throw paginationProblem ? transport.paginationFailure(call, (error as Error).message) : transport.asNodeError(call, error);
	}
}
