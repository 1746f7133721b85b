// The distributions images are built on: what /etc holds, which shells and C library they
// bring, and the tools their minimal install has.

import type { BaseName } from './types.js';

export interface BaseSpec {
  files: Record<string, string>;
  dirs: string[];
  /** What /bin/sh is: dash, bash in POSIX mode (CentOS), busybox ash; null without a shell. */
  sh: 'dash' | 'bash' | 'ash' | null;
  /** bash's major.minor when the base has bash. */
  bash?: string;
  libc: 'glibc' | 'musl';
  /** Whether the coreutils programs exist (not in distroless images). */
  coreutils: boolean;
  /** Network tools of the minimal install; busybox's applets where `busybox` is set. */
  programs: string[];
  busybox: boolean;
  path: string;
}

const STD_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/etc', '/root', '/tmp', '/var', '/var/log', '/var/tmp', '/home', '/proc', '/sys', '/dev', '/run', '/opt', '/srv', '/mnt', '/media', '/lib', '/usr/lib', '/usr/share'];
const STD_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const DEBIAN_PASSWD = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
`;

const DEBIAN_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
cdrom:x:24:
sudo:x:27:
audio:x:29:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
`;

const DEBIAN_PROFILE = `# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

if [ "$(id -u)" -eq 0 ]; then
  PATH="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
else
  PATH="/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games"
fi
export PATH

if [ "\${PS1-}" ]; then
  if [ "\${BASH-}" ] && [ "$BASH" != "/bin/sh" ]; then
    # The file bash.bashrc already sets the default PS1.
    if [ -f /etc/bash.bashrc ]; then
      . /etc/bash.bashrc
    fi
  else
    if [ "$(id -u)" -eq 0 ]; then
      PS1='# '
    else
      PS1='$ '
    fi
  fi
fi
`;

const DEBIAN_BASHRC = `# System-wide .bashrc file for interactive bash(1) shells.

# To enable the settings / commands in this file for login shells as well,
# this file has to be sourced in /etc/profile.

# set a fancy prompt (non-color, overwrite the one in /etc/profile)
PS1='\${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
`;

const DEBIAN_ROOT_BASHRC = `# ~/.bashrc: executed by bash(1) for non-login shells.

# Note: PS1 and umask are already set in /etc/profile. You should not
# need this unless you want different defaults for root.
if [ -f /etc/bash.bashrc ]; then
  . /etc/bash.bashrc
fi
`;

const DEBIAN_ROOT_PROFILE = `# ~/.profile: executed by Bourne-compatible login shells.

if [ "$BASH" ]; then
  if [ -f ~/.bashrc ]; then
    . ~/.bashrc
  fi
fi
`;

function debianLike(osRelease: string, extra: Record<string, string>, bash: string): BaseSpec {
  return {
    files: {
      '/etc/os-release': osRelease,
      '/etc/passwd': DEBIAN_PASSWD,
      '/etc/group': DEBIAN_GROUP,
      '/etc/profile': DEBIAN_PROFILE,
      '/etc/bash.bashrc': DEBIAN_BASHRC,
      '/etc/shells': '# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/dash\n/usr/bin/dash\n',
      '/root/.bashrc': DEBIAN_ROOT_BASHRC,
      '/root/.profile': DEBIAN_ROOT_PROFILE,
      ...extra,
    },
    dirs: [...STD_DIRS, '/etc/profile.d', '/var/lib', '/var/cache', '/usr/local'],
    sh: 'dash',
    bash,
    libc: 'glibc',
    coreutils: true,
    programs: ['bash'],
    busybox: false,
    path: STD_PATH,
  };
}

const CENTOS_PASSWD = `root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
games:x:12:100:games:/usr/games:/sbin/nologin
ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
nobody:x:99:99:Nobody:/:/sbin/nologin
`;

const CENTOS_GROUP = `root:x:0:
bin:x:1:
daemon:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mem:x:8:
kmem:x:9:
wheel:x:10:
mail:x:12:
games:x:20:
ftp:x:50:
nobody:x:99:
users:x:100:
`;

const CENTOS_PROFILE = `# /etc/profile

# System wide environment and startup programs, for login setup
# Functions and aliases go in /etc/bashrc

pathmunge () {
    case ":\${PATH}:" in
        *:"$1":*)
            ;;
        *)
            PATH=$PATH:$1
    esac
}

if [ -x /usr/bin/id ]; then
    if [ -z "$EUID" ]; then
        # ksh workaround
        EUID=\`id -u\`
        UID=\`id -ru\`
    fi
    USER="\`id -un\`"
    LOGNAME=$USER
    MAIL="/var/spool/mail/$USER"
fi

HOSTNAME=\`hostname 2>/dev/null\`
HISTSIZE=1000
export PATH USER LOGNAME MAIL HOSTNAME HISTSIZE

unset -f pathmunge
`;

const CENTOS_BASHRC = `# /etc/bashrc

# System wide functions and aliases
# Environment stuff goes in /etc/profile

if [ "$PS1" ]; then
  [ "$PS1" = "\\\\s-\\\\v\\\\\\$ " ] && PS1="[\\u@\\h \\W]\\\\$ "
fi
`;

const CENTOS_ROOT_BASHRC = `# .bashrc

# User specific aliases and functions

alias rm='rm -i'
alias cp='cp -i'
alias mv='mv -i'

# Source global definitions
if [ -f /etc/bashrc ]; then
	. /etc/bashrc
fi
`;

const CENTOS_ROOT_PROFILE = `# .bash_profile

# Get the aliases and functions
if [ -f ~/.bashrc ]; then
	. ~/.bashrc
fi

# User specific environment and startup programs

PATH=$PATH:$HOME/bin

export PATH
`;

function centos(release: string, osRelease: string | undefined, bash: string): BaseSpec {
  return {
    files: {
      '/etc/centos-release': release,
      '/etc/redhat-release': release,
      '/etc/system-release': release,
      ...(osRelease ? { '/etc/os-release': osRelease } : {}),
      '/etc/passwd': CENTOS_PASSWD,
      '/etc/group': CENTOS_GROUP,
      '/etc/profile': CENTOS_PROFILE,
      '/etc/bashrc': CENTOS_BASHRC,
      '/etc/shells': '/bin/sh\n/bin/bash\n/sbin/nologin\n',
      '/root/.bashrc': CENTOS_ROOT_BASHRC,
      '/root/.bash_profile': CENTOS_ROOT_PROFILE,
    },
    dirs: [...STD_DIRS, '/etc/profile.d', '/var/lib', '/var/cache', '/usr/local', '/var/spool/mail'],
    sh: 'bash',
    bash,
    libc: 'glibc',
    coreutils: true,
    programs: ['bash', 'ping'],
    busybox: false,
    path: STD_PATH,
  };
}

const ALPINE_PASSWD = `root:x:0:0:root:/root:/bin/ash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
`;

const ALPINE_GROUP = `root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
mail:x:12:mail
www-data:x:82:
users:x:100:games
nogroup:x:65533:
nobody:x:65534:
`;

const ALPINE_PROFILE = `export CHARSET=UTF-8
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export PAGER=less
export PS1='\\h:\\w\\$ '
umask 022

for script in /etc/profile.d/*.sh ; do
        if [ -r $script ] ; then
                . $script
        fi
done
unset script
`;

const BUSYBOX_PASSWD = `root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
`;

const BUSYBOX_GROUP = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
wheel:x:10:root
mail:x:12:
www-data:x:33:
users:x:100:
nogroup:x:65534:
`;

const BUSYBOX_TOOLS = ['wget', 'nslookup', 'ping'];

export const BASES: Record<BaseName, BaseSpec> = {
  debian: debianLike(
    'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n',
    { '/etc/debian_version': '12.8\n' },
    '5.2',
  ),
  ubuntu: debianLike(
    'NAME="Ubuntu"\nVERSION="20.04.6 LTS (Focal Fossa)"\nID=ubuntu\nID_LIKE=debian\nPRETTY_NAME="Ubuntu 20.04.6 LTS"\nVERSION_ID="20.04"\nHOME_URL="https://www.ubuntu.com/"\nSUPPORT_URL="https://help.ubuntu.com/"\nBUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"\nPRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"\nVERSION_CODENAME=focal\nUBUNTU_CODENAME=focal\n',
    { '/etc/debian_version': 'bullseye/sid\n', '/etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=20.04\nDISTRIB_CODENAME=focal\nDISTRIB_DESCRIPTION="Ubuntu 20.04.6 LTS"\n' },
    '5.0',
  ),
  centos6: centos('CentOS release 6.10 (Final)\n', undefined, '4.1'),
  centos7: centos(
    'CentOS Linux release 7.9.2009 (Core)\n',
    'NAME="CentOS Linux"\nVERSION="7 (Core)"\nID="centos"\nID_LIKE="rhel fedora"\nVERSION_ID="7"\nPRETTY_NAME="CentOS Linux 7 (Core)"\nANSI_COLOR="0;31"\nCPE_NAME="cpe:/o:centos:centos:7"\nHOME_URL="https://www.centos.org/"\nBUG_REPORT_URL="https://bugs.centos.org/"\n\nCENTOS_MANTISBT_PROJECT="CentOS-7"\nCENTOS_MANTISBT_PROJECT_VERSION="7"\nREDHAT_SUPPORT_PRODUCT="centos"\nREDHAT_SUPPORT_PRODUCT_VERSION="7"\n\n',
    '4.2',
  ),
  alpine: {
    files: {
      '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME="Alpine Linux v3.20"\nHOME_URL="https://alpinelinux.org/"\nBUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"\n',
      '/etc/alpine-release': '3.20.3\n',
      '/etc/passwd': ALPINE_PASSWD,
      '/etc/group': ALPINE_GROUP,
      '/etc/profile': ALPINE_PROFILE,
      '/etc/shells': '# valid login shells\n/bin/sh\n/bin/ash\n',
    },
    dirs: [...STD_DIRS, '/etc/profile.d', '/var/lib', '/var/cache'],
    sh: 'ash',
    libc: 'musl',
    coreutils: true,
    programs: BUSYBOX_TOOLS,
    busybox: true,
    path: STD_PATH,
  },
  busybox: {
    files: { '/etc/passwd': BUSYBOX_PASSWD, '/etc/group': BUSYBOX_GROUP },
    dirs: ['/bin', '/etc', '/root', '/tmp', '/var', '/var/spool', '/var/www', '/home', '/proc', '/sys', '/dev', '/usr', '/usr/sbin'],
    sh: 'ash',
    libc: 'glibc',
    coreutils: true,
    programs: BUSYBOX_TOOLS,
    busybox: true,
    path: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  },
  distroless: {
    files: { '/etc/passwd': 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n', '/etc/group': 'root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n' },
    dirs: ['/etc', '/root', '/tmp', '/var', '/home', '/proc', '/sys', '/dev', '/usr', '/usr/local/bin', '/bin'],
    sh: null,
    libc: 'glibc',
    coreutils: false,
    programs: [],
    busybox: false,
    path: STD_PATH,
  },
};
