import { loadConfig, type Config } from './config.js';
import { openDatabase, type DatabaseHandle } from './db/database.js';
import { createFieldCipher, loadOrCreateKeyFile, type FieldCipher } from './platform/crypto.js';

/** Opens what the configuration names: the database and the field-encryption keys. */
export function openRuntime(config: Config = loadConfig()): { config: Config; handle: DatabaseHandle; cipher: FieldCipher } {
  const handle = config.databaseUrl ? openDatabase({ url: config.databaseUrl }) : openDatabase({ sqlitePath: config.sqlitePath });
  const cipher = createFieldCipher(loadOrCreateKeyFile(config.keyFile));
  return { config, handle, cipher };
}
