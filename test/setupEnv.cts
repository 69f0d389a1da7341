import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

// n8n-core writes an instance key file into the user folder: keep it out of $HOME and the repo.
process.env.N8N_USER_FOLDER ??= mkdtempSync(join(tmpdir(), 'n8n-tencent-room-test-'));
process.env.N8N_LOG_LEVEL = 'silent';
