/**
 * The checks of test:n8n and test:n8n:queue: each prints PASS or FAIL with what it saw, and the
 * summary lists them all at the end.
 */
import { rmSync } from 'fs';

export interface CheckResult {
	name: string;
	ok: boolean;
	detail: string;
	ms: number;
}

export const results: CheckResult[] = [];

class CheckFailed extends Error {}

export function expect(condition: unknown, message: string): asserts condition {
	if (!condition) throw new CheckFailed(message);
}

export function equal(actual: unknown, expected: unknown, what: string): void {
	const a = JSON.stringify(actual);
	const e = JSON.stringify(expected);
	expect(a === e, `${what}: expected ${e}, got ${a}`);
}

/** Runs one check; what it returns is printed after PASS. */
export async function check(name: string, run: () => Promise<string | void>): Promise<boolean> {
	const started = Date.now();
	try {
		const detail = (await run()) ?? '';
		results.push({ name, ok: true, detail, ms: Date.now() - started });
		console.log(`  PASS  ${name}${detail ? `: ${detail}` : ''}`);
		return true;
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		results.push({ name, ok: false, detail, ms: Date.now() - started });
		console.log(`  FAIL  ${name}: ${detail}`);
		return false;
	}
}

/** The run itself broke (not one check): recorded as a failed check with its stack. */
export function recordBrokenRun(name: string, error: unknown): void {
	results.push({ name, ok: false, detail: error instanceof Error ? error.stack ?? error.message : String(error), ms: 0 });
	console.log(`  FAIL  ${name}: ${String(error)}`);
}

/** Prints every check's outcome; returns how many failed. */
function printSummary(label: string): number {
	const failed = results.filter((result) => !result.ok);
	console.log(`\n${'='.repeat(72)}`);
	for (const result of results) console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}`);
	console.log('='.repeat(72));
	console.log(`${label}: ${results.length - failed.length} passed, ${failed.length} failed`);
	return failed.length;
}

/**
 * Ends a run: the summary, then the work folder removed when everything passed (kept with its
 * logs otherwise). Returns the exit code.
 */
export function concludeRun(label: string, startedAt: number, work: string, kept: string): number {
	const failed = printSummary(label);
	console.log(`${label} took ${seconds(Date.now() - startedAt)} in all`);
	if (failed === 0) {
		rmSync(work, { recursive: true, force: true });
		console.log('PASS');
		return 0;
	}
	console.log(`FAIL (${kept} kept in ${work})`);
	return 1;
}

/** Runs a script's main and exits with its code. */
export function runMain(main: () => Promise<number>): void {
	main().then(
		(code) => process.exit(code),
		(error: unknown) => {
			console.error(error);
			process.exit(1);
		},
	);
}

export function seconds(ms: number): string {
	return `${(ms / 1000).toFixed(1)} s`;
}
