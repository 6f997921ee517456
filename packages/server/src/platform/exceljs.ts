import Module, { createRequire } from 'node:module';
import { PassThrough } from 'node:stream';
import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded with one fix: its streaming reader decodes every compressed chunk of a sheet on its own, so a
 * Chinese character whose UTF-8 bytes straddle two chunks turns into "�" (seen on files that store text inline,
 * as exceljs's own streaming writer does). Before exceljs loads, we put in its place a SAX driver that decodes
 * with a streaming TextDecoder. Import exceljs from here, never directly, so the fix is in place first.
 */
const requireFromHere = createRequire(import.meta.url);
const excelEntry = requireFromHere.resolve('exceljs');
const requireFromExceljs = createRequire(excelEntry);
const parseSaxPath = requireFromExceljs.resolve('./lib/utils/parse-sax.js');

type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: unknown };

type Chunks = AsyncIterable<Buffer | string>;

async function* parseSaxUtf8(iterable: Chunks | NodeJS.ReadableStream): AsyncGenerator<SaxEvent[]> {
  const { SaxesParser } = requireFromExceljs('saxes') as typeof import('saxes');
  // Old-style streams without async iteration are upgraded, as exceljs's own driver does.
  const source: Chunks =
    Symbol.asyncIterator in iterable ? (iterable as Chunks) : (iterable as NodeJS.ReadableStream).pipe(new PassThrough());
  const parser = new SaxesParser();
  const decoder = new TextDecoder('utf-8');
  let error: unknown;
  let events: SaxEvent[] = [];
  parser.on('error', (err) => (error = err));
  parser.on('opentag', (value) => events.push({ eventType: 'opentag', value }));
  parser.on('text', (value) => events.push({ eventType: 'text', value }));
  parser.on('closetag', (value) => events.push({ eventType: 'closetag', value }));
  for await (const chunk of source) {
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (error) throw error;
    yield events;
    events = [];
  }
  const rest = decoder.decode();
  if (rest) {
    parser.write(rest);
    if (error) throw error;
    yield events;
  }
}

const cache = (Module as unknown as { _cache: Record<string, NodeJS.Module> })._cache;
if (cache[excelEntry]) throw new Error('exceljs was loaded before platform/exceljs.ts: import it from there');
const patched = new Module(parseSaxPath) as NodeJS.Module;
patched.filename = parseSaxPath;
patched.loaded = true;
patched.exports = parseSaxUtf8;
cache[parseSaxPath] = patched;

const ExcelJS = requireFromHere('exceljs') as typeof ExcelJSModule;
export default ExcelJS;
