// A printer that cannot be built or cannot print: kubectl reports it as `error: …`.

export class PrinterError extends Error {
  /** What kubectl still wrote to stdout before failing (a go-template's debugging aid). */
  constructor(
    message: string,
    readonly output?: string,
  ) {
    super(message);
  }
}
