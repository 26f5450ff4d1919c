import { z } from 'zod';
import { Actor } from '../domain/actor';
import { Country } from '../domain/country';
import { Sha256 } from '../domain/primitives';
import { Source, SourceText } from '../domain/source';
import { Register, Threat } from '../domain/threat';
import type { ChannelKey } from './channels';

/** Largest file main accepts into the source store (the import limit is configurable below this). */
export const MAX_SOURCE_FILE_BYTES = 200 * 1024 * 1024;

const Bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected the bytes of a file');

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** The folder that holds sources/, exports/, backups/ and logs/. */
  dataFolder: z.string(),
  /** Which host serves the API: the desktop app, or the loopback bridge used in a browser. */
  host: z.enum(['electron', 'bridge']),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const PutSourceFileRequest = z.object({
  bytes: Bytes.refine((b) => b.byteLength <= MAX_SOURCE_FILE_BYTES, 'the file is larger than 200 MB'),
});

export const StoredFile = z.object({
  sha256: Sha256,
  size: z.number().int().nonnegative(),
});
export type StoredFile = z.infer<typeof StoredFile>;

/** The demo workspace, ready to be written into the database in one transaction. */
export const DemoWorkspace = z.object({
  source: Source,
  sourceText: SourceText,
  register: Register,
  threats: z.array(Threat),
  actors: z.array(Actor),
  countries: z.array(Country),
});
export type DemoWorkspace = z.infer<typeof DemoWorkspace>;

interface Procedure<A extends z.ZodTuple, R extends z.ZodType> {
  /** Arguments, as a tuple, parsed from `unknown` before any service sees them. */
  args: A;
  /** The value a successful call answers. */
  result: R;
}

const procedure = <A extends z.ZodTuple, R extends z.ZodType>(args: A, result: R): Procedure<A, R> => ({ args, result });

/** Every request the renderer can make of main, with the schema of its arguments and of its answer. */
export const CONTRACT = {
  appInfo: procedure(z.tuple([]), AppInfo),
  putSourceFile: procedure(z.tuple([PutSourceFileRequest]), StoredFile),
  readSourceFile: procedure(z.tuple([Sha256]), Bytes),
  listSourceFiles: procedure(z.tuple([]), z.array(StoredFile)),
  deleteSourceFile: procedure(z.tuple([Sha256]), z.object({ deleted: z.boolean() })),
  loadDemoWorkspace: procedure(z.tuple([]), DemoWorkspace),
} satisfies Record<ChannelKey, Procedure<z.ZodTuple, z.ZodType>>;

export type Contract = typeof CONTRACT;
export type ArgsOf<K extends ChannelKey> = z.input<Contract[K]['args']>;
export type ParsedArgsOf<K extends ChannelKey> = z.output<Contract[K]['args']>;
export type ResultOf<K extends ChannelKey> = z.output<Contract[K]['result']>;
