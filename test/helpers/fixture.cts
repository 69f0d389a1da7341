import type { ICredentialDataDecryptedObject, IDataObject, INode } from 'n8n-workflow';

import { DEMO_APP, TencentEmulator, type EmulatorOptions } from '../emulator/index.cjs';
import { runWorkflow, tencentRoomWorkflow, type HarnessNode, type WorkflowRun } from './n8nHarness.cjs';

/** The credential n8n would hold for the emulator's demo app. */
export function emulatorCredential(
	emulator: Pick<TencentEmulator, 'baseUrl'>,
	overrides: ICredentialDataDecryptedObject = {},
): ICredentialDataDecryptedObject {
	return {
		sdkAppId: DEMO_APP.sdkAppId,
		identifier: DEMO_APP.admins[0],
		secretKey: DEMO_APP.secretKey,
		region: 'custom',
		baseUrl: emulator.baseUrl,
		...overrides,
	};
}

export interface NodeRun extends WorkflowRun {
	/** Items on the node's main output. */
	success: IDataObject[];
	/** Items on the node's error output ("Continue (using error output)"). */
	errors: IDataObject[];
}

/**
 * An emulator started for a test file, and a way to run the Tencent Room node on items
 * through n8n's engine with the credential pointing at it.
 */
export function useEmulator(options: EmulatorOptions = {}) {
	const emulator = new TencentEmulator(options);
	beforeAll(async () => {
		await emulator.start();
	});
	afterAll(async () => {
		await emulator.stop();
	});
	beforeEach(() => {
		emulator.clearFaults();
		emulator.resetLog();
	});

	async function runNode(
		parameters: INode['parameters'],
		items: IDataObject[] = [{}],
		nodeOptions: Partial<HarnessNode> = {},
		credentialOverrides: ICredentialDataDecryptedObject = {},
	): Promise<NodeRun> {
		const run = await runWorkflow(tencentRoomWorkflow(parameters, items, nodeOptions), {
			tencentRoomApi: emulatorCredential(emulator, credentialOverrides),
		});
		const [success = [], errors = []] = run.outputOf('Tencent Room');
		return { ...run, success, errors };
	}

	return { emulator, runNode };
}
