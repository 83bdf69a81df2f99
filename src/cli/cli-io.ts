/**
 * The command's view of the outside world (output streams and standard input), injected so the
 * whole CLI runs in-process in tests, plus the one error type that ends a command with a message.
 */
import { parseBoundedJson } from '../core/json/parse-bounded-json';

/** Output writers and a standard-input reader; `nodeIo()` binds them to the process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves to all of standard input as UTF-8 text. */
  readStdin: () => Promise<string>;
  /** Working directory that relative paths resolve against (defaults to process.cwd()). */
  cwd?: string;
}

/** An expected failure: printed as one line on stderr, exit code `code` (1 = failure, 2 = usage). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The real process streams; stdin is read to the end only when a command asks for it. */
export function nodeIo(): CliIo {
  // `provenance-lens check ... | head` closes the pipe early: that is the reader's choice, not a
  // failure, and must not surface as an unhandled 'error' event with a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') === 0) {
      stream.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw error;
      });
    }
  }
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin: async () => {
      // A terminal on stdin usually means a forgotten pipe: say why nothing happens.
      if (process.stdin.isTTY) process.stderr.write('provenance-lens: reading standard input (end with Ctrl-D)\n');
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** A one-line, human message for any thrown value (no stack traces reach the user). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0].trim() || 'unknown error';
}

/** Describe a filesystem error by its code in plain words ("not found", "permission denied"). */
export function describeFsError(error: unknown): string {
  const code = (error as { code?: string } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not found';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    default:
      return describeError(error);
  }
}

/**
 * The non-blank lines of JSON Lines text, each parsed (depth and size bounded), with its 1-based
 * line number. A line that is not JSON is a CliError naming `label` and the line (plus `hint`).
 */
export function* jsonLines(text: string, label: string, hint = ''): Generator<{ value: unknown; line: number }> {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    // Bounded: one line of "[[[[..." must not cost the process gigabytes before it fails.
    const parsed = parseBoundedJson(line);
    if (!parsed.ok) {
      const why = parsed.error.startsWith('is not valid JSON') ? 'not valid JSON' : parsed.error.replace(/^is /, '');
      throw new CliError(`${label} line ${i + 1}: ${why}${hint}`);
    }
    yield { value: parsed.value, line: i + 1 };
  }
}

/** "1 article", "3 articles": a count with its noun, singular when the count is one. */
export function counted(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
