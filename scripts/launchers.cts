/**
 * The tooling's long-running scripts (the emulator, the n8n suites) stop what they started when
 * whoever launched them is gone, not only on a signal to themselves. Linux only (/proc).
 */
import { readFileSync } from 'fs';

/** The parent process id of `pid`, read from /proc (Linux); undefined where there is none. */
function parentPidOf(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// "pid (name) state ppid …": the name may hold spaces or parentheses, so read after the last ')'.
		const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
		return Number.isInteger(ppid) ? ppid : undefined;
	} catch {
		return undefined;
	}
}

function processNameOf(pid: number): string | undefined {
	try {
		return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
	} catch {
		return undefined;
	}
}

const SHELLS = new Set(['sh', 'dash', 'bash', 'ash', 'zsh']);
const LAUNCHER_POLL_MS = 250;

/**
 * Calls `onGone` once when npm, which launched this process, ends. Every npm script runs as
 * npm → sh -c "… && node build/scripts/<script>.cjs" → this process: a SIGTERM to npm ends the
 * shell but not its child, and a SIGKILL ends npm alone, so without this the emulator would keep
 * its port, and an n8n suite its cluster. Watched: the parent (a changed ppid means it ended and
 * this process was re-parented), and, when the parent is the shell npm runs scripts through, npm
 * above it (the shell's ppid changes when npm ends). A fork()ing parent: IPC 'disconnect'.
 * Started with `node build/scripts/<script>.cjs` directly, it outlives its shell (`… &` works).
 */
export function watchLaunchers(onGone: (why: string) => void): void {
	let gone = false;
	let timer: NodeJS.Timeout | undefined;
	const goneBecause = (why: string): void => {
		if (gone) return;
		gone = true;
		clearInterval(timer);
		onGone(why);
	};
	if (process.send) process.once('disconnect', () => goneBecause('the parent process disconnected'));
	if (process.env.npm_lifecycle_event === undefined) return;
	const parent = process.ppid;
	const npm = SHELLS.has(processNameOf(parent) ?? '') ? parentPidOf(parent) : undefined;
	timer = setInterval(() => {
		if (process.ppid !== parent) goneBecause(`the parent process ${parent} ended`);
		else if (npm !== undefined && npm > 1 && parentPidOf(parent) !== npm) goneBecause(`npm (process ${npm}) ended`);
	}, LAUNCHER_POLL_MS);
	timer.unref();
}
