// The yaml library, loaded only by commands that read or print YAML. It is CommonJS, so a
// lazily loaded bundle chunk hands its exports over as the default export.

type Yaml = typeof import('yaml');

export async function loadYaml(): Promise<Yaml> {
  const m = (await import('yaml')) as Yaml & { default?: Yaml };
  return m.default ?? m;
}
