// The filesystem a simulated container sees: the image's files with the container's own
// changes on top. Paths are absolute and normalised by the caller (see resolvePath).

export type FileType = 'file' | 'dir';

export interface Stat {
  type: FileType;
  size: number;
  mode: number;
}

export interface VirtualFS {
  stat(path: string): Stat | null;
  readFile(path: string): string | null;
  /** Creates or replaces a file; the parent directory must exist. */
  writeFile(path: string, content: string): void;
  /**
   * Appends to an existing file. When the disk cannot take all of `text`, stores what fits and
   * throws ENOSPC, as a write(2) on a filling disk is short and the next one fails.
   */
  appendFile(path: string, text: string): void;
  mkdir(path: string): void;
  /** Removes a file or an empty directory. */
  remove(path: string): void;
  /** Names of the entries of a directory, sorted. */
  list(path: string): string[];
}
