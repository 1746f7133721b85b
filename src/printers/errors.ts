// A printer that cannot be built or cannot print: kubectl reports it as `error: …`.

export class PrinterError extends Error {}
