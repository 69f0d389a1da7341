/**
 * `npm run n8n`: the n8n editor on http://127.0.0.1:5678 (or N8N_PORT) with this package, the
 * Tencent emulator and its demo rooms, a ready credential, the example workflows, and an owner
 * account, so the nodes can be tried in the browser right away. Runs until Ctrl-C, then stops
 * everything and removes its temporary folder.
 *
 *   npm run n8n                                   the editor
 *   npm run n8n -- --screenshot docs/editor.png   start, run the moderation example in the editor,
 *                                                 save the canvas (docs/editor.png) and the "Move user"
 *                                                 node's panel (docs/editor-node.png), stop
 *
 * TENCENT_ROOM_N8N_USER_FOLDER=<dir> keeps n8n's data (your workflows) in <dir> between runs.
 */
import { existsSync, mkdirSync, rmSync } from 'fs';
import { join, resolve } from 'path';

import { DEMO_APP } from '../test/emulator/demoApp.cjs';
import { DEMO_GROUP_IDS, DEMO_ROOM_IDS } from '../test/emulator/demoData.cjs';
import { RemoteEmulator } from '../test/emulator/remote.cjs';
import { packExtension, repoRoot } from './n8nApp/extension.cjs';
import { ensureN8nRuntime, N8N_VERSION, runDir } from './n8nApp/install.cjs';
import { logTail, N8nInstance } from './n8nApp/instance.cjs';
import { freePort, mustRun, onShutdown } from './n8nApp/processes.cjs';
import { CREDENTIAL_NAME, loadExamples, writeImportFiles } from './n8nApp/workflows.cjs';

const OWNER = { email: 'demo@example.com', password: 'Tencent-Room-demo-1', firstName: 'Demo', lastName: 'Owner' };
const CALLBACK_TOKEN = 'demo-callback-token';

function screenshotTarget(): string | undefined {
	const index = process.argv.indexOf('--screenshot');
	if (index === -1) return undefined;
	const file = process.argv[index + 1];
	if (!file) throw new Error('--screenshot needs a file name, e.g. --screenshot docs/editor.png');
	return resolve(file);
}

async function portIsFree(port: number): Promise<boolean> {
	try {
		await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(1000) });
		return false;
	} catch {
		return true;
	}
}

async function main(): Promise<void> {
	const screenshot = screenshotTarget();
	const port = Number(process.env.N8N_PORT || 5678);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`N8N_PORT must be a port number, got ${process.env.N8N_PORT}`);
	if (!(await portIsFree(port))) throw new Error(`something already answers on 127.0.0.1:${port}; set N8N_PORT to another port`);

	const keptFolder = process.env.TENCENT_ROOM_N8N_USER_FOLDER ? resolve(process.env.TENCENT_ROOM_N8N_USER_FOLDER) : undefined;
	const work = runDir('tencent-room-n8n-editor');
	let emulator: RemoteEmulator | undefined;
	let n8n: N8nInstance | undefined;
	const cleanup = onShutdown(async () => {
		await n8n?.stop();
		await emulator?.stop();
		rmSync(work, { recursive: true, force: true });
		console.log('Stopped n8n and the emulator.');
	}, 0);

	try {
		const runtime = await ensureN8nRuntime();
		const extension = await packExtension(work);
		emulator = await RemoteEmulator.start({ seedDemo: true });
		const userFolder = keptFolder ?? join(work, 'user');
		mkdirSync(userFolder, { recursive: true });
		const firstRun = !existsSync(join(userFolder, '.n8n', 'database.sqlite'));
		n8n = new N8nInstance(runtime, {
			userFolder,
			extensions: [extension.extensionsDir],
			port,
			brokerPort: await freePort(),
			logFile: join(work, 'n8n.log'),
		});
		const examples = loadExamples(join(repoRoot(), 'examples'));
		const files = writeImportFiles(
			join(work, 'import'),
			{ sdkAppId: DEMO_APP.sdkAppId, identifier: DEMO_APP.admins[0], secretKey: DEMO_APP.secretKey, baseUrl: emulator.baseUrl, callbackToken: CALLBACK_TOKEN },
			examples,
		);
		console.log('Importing the credential and the example workflows…');
		// The credential is imported on every run: the emulator's port changes.
		await n8n.importCredentials(files.credentialFile);
		const chat = examples.find((example) => example.file === 'chat-command-lock-seat.json');
		if (firstRun) {
			await n8n.importWorkflows(files.workflowDir);
			// Live from the start: callbacks to its production URL run it (see the README's walk-through).
			if (chat) await n8n.publish(chat.id);
		}
		console.log(`Starting n8n ${N8N_VERSION}…`);
		await n8n.start();
		let cookie: string | undefined;
		try {
			cookie = await n8n.setupOwner(OWNER);
		} catch (error) {
			if (firstRun) throw error;
			// A kept user folder already has its owner.
		}

		const first = examples.find((example) => example.file === 'moderation-move-user.json') ?? examples[0];
		console.log('');
		console.log(`n8n editor:   ${n8n.baseUrl}${first ? `/workflow/${first.id}` : ''}`);
		console.log(`Log in:       ${OWNER.email} / ${OWNER.password}${keptFolder && !firstRun ? ' (or the owner you set up before)' : ''}`);
		console.log(`Credential:   "${CREDENTIAL_NAME}" → the Tencent emulator on ${emulator.baseUrl} (SDKAppID ${DEMO_APP.sdkAppId}, callback token ${CALLBACK_TOKEN})`);
		console.log(`Rooms:        ${Object.values(DEMO_ROOM_IDS).join(', ')}`);
		console.log(`Groups:       ${Object.values(DEMO_GROUP_IDS).join(', ')}`);
		console.log('Workflows:    the examples from examples/, node types CUSTOM.tencentRoom / CUSTOM.tencentRoomTrigger');
		const webhookId = chat?.workflow.nodes.find((node) => node.type === 'CUSTOM.tencentRoomTrigger')?.webhookId;
		if (chat && webhookId) console.log(`Callbacks:    POST ${n8n.baseUrl}/webhook/${webhookId}/tencent-room ("${chat.workflow.name}" is published)`);
		console.log(`n8n's data:   ${userFolder}${keptFolder ? ' (kept)' : ' (removed at exit: set TENCENT_ROOM_N8N_USER_FOLDER to keep it)'}`);
		console.log('');

		if (screenshot) {
			if (!cookie) throw new Error('--screenshot needs a fresh user folder (the owner is set up by this script)');
			if (!first) throw new Error('no example workflow to show');
			mkdirSync(join(screenshot, '..'), { recursive: true });
			await mustRun(
				runtime.nodeBin,
				[
					join(__dirname, 'n8nApp', 'screenshot.cjs'),
					n8n.baseUrl,
					cookie,
					`/workflow/${first.id}`,
					'Move user',
					screenshot,
					screenshot.replace(/(\.png)?$/, '-node.png'),
					// Start, Move request, Move user, Seat taken?, Exchange seats, Exchanged.
					'6',
				],
				{ timeoutMs: 180_000 },
			).then((result) => process.stdout.write(result.stdout));
			await cleanup();
			return;
		}

		console.log('Press Ctrl+C to stop.');
		const code = await n8n.whenExited();
		console.log(`n8n exited on its own (${code}):\n${logTail(join(work, 'n8n.log'))}`);
		await cleanup();
		process.exitCode = 1;
	} catch (error) {
		console.error(`npm run n8n failed: ${error instanceof Error ? error.message : String(error)}`);
		await cleanup();
		process.exitCode = 1;
	}
}

void main().then(() => process.exit(process.exitCode ?? 0));
