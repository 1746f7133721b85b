// kubectl completion bash|zsh: verbs, resource types, and object names asked of kctl itself.

import type { Command } from 'commander';
import { RESOURCES } from '../../api/scheme.js';
import { CliError } from '../errors.js';
import type { Action } from '../root.js';

function bashScript(verbs: string[]): string {
  const types = [...new Set(RESOURCES.flatMap((r) => [r.resource, r.singular, ...r.shortNames]))].sort().join(' ');
  return `# bash completion for kctl
_kctl() {
  local cur prev words cword
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local verbs="${verbs.join(' ')}"
  local types="${types}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "$verbs" -- "$cur") )
    return
  fi
  case "$prev" in
    -n|--namespace)
      COMPREPLY=( $(compgen -W "$(kctl get namespaces -o jsonpath='{.items[*].metadata.name}' 2>/dev/null)" -- "$cur") )
      return ;;
    -f|--filename|--state)
      COMPREPLY=( $(compgen -f -- "$cur") )
      return ;;
  esac
  case "\${COMP_WORDS[1]}" in
    get|describe|delete|label|annotate|scale|edit|logs|exec|expose|rollout)
      if [ "$COMP_CWORD" -eq 2 ] && [ "\${COMP_WORDS[1]}" != logs ] && [ "\${COMP_WORDS[1]}" != exec ]; then
        COMPREPLY=( $(compgen -W "$types" -- "$cur") )
      else
        local type="\${COMP_WORDS[2]}"
        case "\${COMP_WORDS[1]}" in logs|exec) type=pods ;; esac
        COMPREPLY=( $(compgen -W "$(kctl get "$type" -o jsonpath='{.items[*].metadata.name}' 2>/dev/null)" -- "$cur") )
      fi ;;
  esac
}
complete -o default -F _kctl kctl
`;
}

export function registerCompletion(program: Command, wrap: (a: Action) => (...p: unknown[]) => Promise<void>): void {
  program
    .command('completion')
    .description('Output shell completion code for the specified shell (bash or zsh)')
    .argument('[shell]')
    .addHelpText('after', `
Examples:
  # Load kctl completion into the current bash shell
  source <(kctl completion bash)

  # zsh
  source <(kctl completion zsh)`)
    .action(
      wrap(async (session, args) => {
        const verbs = program.commands.map((c) => c.name()).sort();
        const shell = args[0];
        if (!shell) throw new CliError('Shell not specified.', 'completion');
        if (shell === 'bash') session.io.out(bashScript(verbs));
        else if (shell === 'zsh') session.io.out(`#compdef kctl\nautoload -U +X bashcompinit && bashcompinit\n${bashScript(verbs)}`);
        else throw new CliError(`Unsupported shell type "${shell}".`, 'completion');
      }),
    );
}
