// Child process of the crash-loop suite (crash-loop.ts): the real app (buildApp) over the database the parent
// names, listening on a free port of 127.0.0.1. The parent sends it writes and SIGKILLs it mid-write. Not a test.
import { buildApp } from '../src/app.js';
import { openDatabase } from '../src/db/database.js';
import { createFieldCipher, type KeyFile } from '../src/platform/crypto.js';

const target = process.env.CRASH_DB!;
const handle = target.startsWith('postgres') ? openDatabase({ url: target }) : openDatabase({ sqlitePath: target });
const app = await buildApp({ database: handle, cipher: createFieldCipher(JSON.parse(process.env.CRASH_KEYS!) as KeyFile) });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
process.stdout.write(`PORT ${typeof address === 'object' && address ? address.port : 0}\n`);
