// File system errors in words: why a script could not be read or an output written — the CLI around XEP-0045 scenarios
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  ELOOP: 'a loop of symbolic links',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ENAMETOOLONG: 'file name too long',
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENXIO: 'no such device or address',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files',
  EBUSY: 'resource busy',
  ETXTBSY: 'text file busy',
  EPIPE: 'the reader closed the pipe',
};

/** `no space left on device (ENOSPC)`: the reason without the path and syscall Node adds. */
export function fsReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  if (typeof code === 'string' && REASONS[code]) return `${REASONS[code]} (${code})`;
  return typeof message === 'string' && message !== '' ? message : String(error);
}
