#!/usr/bin/env python3
"""Writes the seed inputs of the Jazzer fuzz targets into src/test/resources/dev/uknative/*/*FuzzTestInputs/.

Run from the repository root: python3 src/test/fuzz/make-seeds.py. Every seed is small and made here
(the ELF seeds from src/test/resources/elf/sample.o, itself made from sample.c); the fuzz targets run
on them in `mvn verify` and start from them in scripts/fuzz.
"""
import bz2
import gzip
import io
import os
import tarfile
import zipfile

ROOT = "src/test/resources/dev/uknative"


def seeds(folder, files):
    os.makedirs(folder, exist_ok=True)
    for name, content in files.items():
        with open(os.path.join(folder, name), "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode())


seeds(f"{ROOT}/project/KraftfileReaderFuzzTestInputs/kraftfile", {
    "minimal": "spec: v0.6\nname: hello\nunikraft: 0.17.0\ntargets:\n  - qemu/x86_64\n",
    "full": """spec: v0.6
name: helloworld-zig
unikraft:
  version: 0.17.0
  kconfig:
    CONFIG_LIBUKRANDOM: n
    CONFIG_LIBUKDEBUG_PRINTK_INFO: y
    CONFIG_STACK_SIZE_PAGE_ORDER: 4
libraries:
  musl: stable
  lwip:
    source: https://example.invalid/lib-lwip.tar.gz
    version: 2.1.2
    kconfig:
      - CONFIG_LWIP_TCP=y
targets:
  - qemu/x86_64
  - platform: fc
    architecture: arm64
cmd: ["-v", "--answer=42"]
native:
  ziggy: {lang: zig, path: ziggy, root: src/root.zig, optimize: ReleaseSafe}
  r: {lang: rust, path: r}
""",
    "flow": "{spec: v0.6, name: a, unikraft: {source: ../unikraft, kconfig: [CONFIG_X=y]}, targets: [{plat: qemu, arch: x86_64}]}\n",
    "anchors": "name: &n a\nunikraft: &u {version: stable}\nlibraries: {x: *u}\ntargets: [qemu/x86_64]\n",
    "bad-indent": "name: a\n  unikraft: 0.17.0\n",
})

seeds(f"{ROOT}/kconfig/KconfigParserFuzzTestInputs/configUk", {
    "entries": """mainmenu "Fuzz"
menuconfig LIBA
\tbool "Library A"
\tdefault y
\tselect LIBB if HAVE_X
\timply LIBC
\thelp
\t  A help text
\t  on two lines.
if LIBA
config LIBA_SIZE
\tint "Size"
\trange 1 64
\tdefault 8
config LIBA_ADDR
\thex "Address"
\tdefault 0x1000
config LIBA_NAME
\tstring "Name"
\tdefault "a b"
endif
config LIBB
\tbool
config LIBC
\tdef_bool n
\tdepends on !LIBB || (LIBA && LIBA_SIZE > 4)
config HAVE_X
\tbool
""",
    "choice": """menu "Platform"
\tvisible if y
choice PLAT
\tprompt "Platform"
\tdefault PLAT_KVM
config PLAT_KVM
\tbool "KVM"
config PLAT_XEN
\tbool "Xen"
endchoice
comment "A comment"
\tdepends on PLAT_XEN
endmenu
""",
    "source": """config UK_NAME
\tstring
\tdefault "$(UK_NAME)"
osource "$(srctree)/missing/Config.uk"
source "$(shell,$(UK_BASE)/support/build/config-submenu.sh -q -o $(KCONFIG_DIR)/libs.uk -l $(UK_BASE)/lib -r 'Library Configuration')"
""",
    "macro": "a-macro = $(1)-$(2)\nconfig FROM_MACRO\n\tstring \"$(a-macro,x,y)\"\n\tdefault \"$(UK_FULLVERSION)\"\n",
    "loop": "config A\n\tbool \"A\"\n\tdepends on B\nconfig B\n\tbool \"B\"\n\tdepends on A\n",
})

sample = open("src/test/resources/elf/sample.o", "rb").read()


def ar_header(name, size):
    return f"{name:<16}{0:<12}{0:<6}{0:<6}{100644:<8}{size:<10}`\n".encode()


def ar(*members):
    out = bytearray(b"!<arch>\n")
    for name, data in members:
        out += ar_header(name, len(data)) + data
        if len(data) % 2:
            out += b"\n"
    return bytes(out)


long_names = b"a_member_with_a_long_name.o/\n"
seeds(f"{ROOT}/elf/ArchiveReaderFuzzTestInputs/archive", {
    "gnu.a": ar(("/", b"\0\0\0\0"), ("//", long_names), ("/0", sample), ("short.o/", sample)),
    "bsd.a": ar(("__.SYMDEF", b"\0" * 8), ("#1/12", b"member_bsd.o" + sample)),
    "text-member.a": ar(("notes.txt/", b"not an object\n")),
    "thin.a": b"!<thin>\n" + ar_header("a.o/", len(sample)),
})

seeds(f"{ROOT}/elf/ElfParserFuzzTestInputs/object", {
    "sample.o": sample,
    "truncated.o": sample[:64],
})

# The archive seeds: each starts with the byte that picks its format (0 tar, 1 tar.gz, 2 tar.bz2, 3 zip).
def tar(entries):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.GNU_FORMAT) as t:
        for name, kind, value in entries:
            info = tarfile.TarInfo(name)
            info.mtime = 0
            if kind == "file":
                info.size = len(value)
                info.mode = 0o644
                t.addfile(info, io.BytesIO(value))
            elif kind == "exe":
                info.size = len(value)
                info.mode = 0o755
                t.addfile(info, io.BytesIO(value))
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                t.addfile(info)
            elif kind == "symlink":
                info.type = tarfile.SYMTYPE
                info.linkname = value
                t.addfile(info)
            elif kind == "hardlink":
                info.type = tarfile.LNKTYPE
                info.linkname = value
                t.addfile(info)
    return buffer.getvalue()


tree = tar([("top/", "dir", None), ("top/a/", "dir", None), ("top/a/b.txt", "file", b"b\n"),
            ("top/run.sh", "exe", b"#!/bin/sh\n"), ("top/a/link", "symlink", "b.txt"),
            ("top/hard", "hardlink", "top/a/b.txt")])
zipped = io.BytesIO()
with zipfile.ZipFile(zipped, "w") as z:
    z.writestr(zipfile.ZipInfo("top/a/b.txt", date_time=(1980, 1, 1, 0, 0, 0)), "b\n")
    z.writestr(zipfile.ZipInfo("top/dir/", date_time=(1980, 1, 1, 0, 0, 0)), "")
seeds(f"{ROOT}/source/ArchiveExtractorFuzzTestInputs/archive", {
    "tree-tar.seed": b"\0" + tree,
    "tree-tar-gz.seed": b"\1" + gzip.compress(tree, mtime=0),
    "tree-tar-bz2.seed": b"\2" + bz2.compress(tree),
    "tree-zip.seed": b"\3" + zipped.getvalue(),
    "links-tar.seed": b"\0" + tar([("a/", "dir", None), ("a/r", "symlink", ".."), ("a/s", "symlink", "r/a"),
                               ("b", "symlink", "a/../a/r")]),
    # Issue 10's first finding: a/r -> .., then a link whose text stays inside the tree but which
    # leaves it through a/r when followed on disk.
    "link-chain-tar.seed": b"\0" + tar([("a/", "dir", None), ("a/r", "symlink", ".."),
                                    ("h", "symlink", "a/r/a/r/../../../outside")]),
})

seeds(f"{ROOT}/source/ManifestReaderFuzzTestInputs/manifest", {
    "core.yaml": """name: unikraft
type: core
origin: https://github.com/unikraft/unikraft.git
channels:
  - name: stable
    default: true
    resource: https://github.com/unikraft/unikraft.git@stable
versions:
  - version: 0.17.0
    type: git
    resource: https://github.com/unikraft/unikraft.git@RELEASE-0.17.0
  - version: 0.16.3
    resource: unikraft-0.16.3.tar.gz
    sha256: 7d5b0b6062521e4627e099e4c9dc8248d32a30285e959b7eecaa780cf8cfd4a4
""",
    "index.yaml": "manifests:\n  - manifest: libs/musl.yaml\n  - name: lwip\n    type: lib\n    versions: []\n",
})
