#!/usr/bin/env bash
# Regenerates the bad files of this folder from ../sample.o, which was made with
#   gcc -c -O1 -fno-asynchronous-unwind-tables -fno-ident ../sample.c -o ../sample.o
# (gcc 12.2, Debian 12). Layout of sample.o (readelf -hSW): 1144 bytes, section headers at 504
# (10 x 64 bytes), .symtab at 104 (8 x 24 bytes, header at 952), .strtab at 296 (header at 1016),
# e_shstrndx 9. Each file's expected error is in expected.tsv: name, "+offset" of the location, words.
set -euo pipefail
cd "$(dirname "$0")"
rm -f ./*.o ./*.a
python3 - <<'PY'
import struct
base = open('../sample.o', 'rb').read()

def patch(name, at, data, src=base):
    b = bytearray(src)
    b[at:at + len(data)] = data
    open(name, 'wb').write(b)

def ar(name, members, magic=b'!<arch>\n'):
    """members: (raw 16-byte name field, size field text, data)"""
    out = bytearray(magic)
    for field, size, data in members:
        out += field.ljust(16).encode() + b'0'.ljust(12) + b'0'.ljust(6) + b'0'.ljust(6) + b'644'.ljust(8)
        out += size.ljust(10).encode() + b'`\n' + data
        if len(data) % 2:
            out += b'\n'
    open(name, 'wb').write(out)

open('truncated-header.o', 'wb').write(base[:40])                 # cut inside the ELF header
open('truncated-section-headers.o', 'wb').write(base[:800])       # cut inside the section header table
open('bad-magic.o', 'wb').write(b'not an ELF object at all, just text\n')
patch('elf32.o', 4, b'\x01')                                      # EI_CLASS = ELFCLASS32
patch('big-endian.o', 5, b'\x02')                                 # EI_DATA = ELFDATA2MSB
patch('unsupported-machine.o', 18, struct.pack('<H', 40))         # e_machine = EM_ARM
patch('section-count-past-end.o', 60, struct.pack('<H', 200))     # e_shnum = 200
patch('section-header-size.o', 58, struct.pack('<H', 40))         # e_shentsize = 40
patch('shstrndx-out-of-range.o', 62, struct.pack('<H', 99))       # e_shstrndx = 99
# e_shstrndx = SHN_XINDEX: the index is section 0's sh_link (offset 504 + 40), here 2^32 - 1 (found by fuzzing)
patch('shstrndx-xindex-out-of-range.o', 544, struct.pack('<I', 0xffffffff), src=base[:62] + struct.pack('<H', 0xffff) + base[64:])
patch('strtab-offset-past-end.o', 1016 + 24, struct.pack('<Q', 0x100000))   # .strtab sh_offset
patch('huge-symbol-count.o', 952 + 32, struct.pack('<Q', 24 * 0x0555555555555555))  # .symtab sh_size
patch('symbol-entry-size.o', 952 + 56, struct.pack('<Q', 16))     # .symtab sh_entsize
patch('symtab-link.o', 952 + 40, struct.pack('<I', 1))            # .symtab sh_link -> .text
patch('symbol-name-offset.o', 104 + 7 * 24, struct.pack('<I', 0xffff))       # last symbol's st_name
patch('symbol-section-index.o', 104 + 7 * 24 + 6, struct.pack('<H', 80))    # last symbol's st_shndx
patch('unterminated-strtab.o', 1016 + 32, struct.pack('<Q', 0x3e))          # .strtab loses its last NUL

size = str(len(base))
ar('ar-bad-magic.a', [('sample.o/', size, base)], magic=b'!<arch>X')
open('ar-truncated-header.a', 'wb').write(b'!<arch>\nsample.o/       0           0     0     644     ')
ar('ar-member-size-past-end.a', [('sample.o/', '99999', base)])
ar('ar-size-not-numeric.a', [('sample.o/', '11x4', base)])
ar('ar-long-name-out-of-range.a', [('//', '28', b'a_very_long_member_name.o/\n\n'), ('/999', size, base)])
ar('ar-long-name-without-table.a', [('/0', size, base)])
ar('ar-bsd-name-too-long.a', [('#1/5000', size, base)])
ar('ar-member-truncated-elf.a', [('truncated.o/', '800', base[:800])])
ar('ar-bitcode.a', [('lib.bc/', '8', b'BC\xc0\xde\x35\x14\x00\x00')])
b = bytearray(open('ar-member-size-past-end.a', 'rb').read()); b[66] = ord('X')
open('ar-bad-terminator.a', 'wb').write(b)
PY
cp ../sample.o member.o && ar rcsT ar-thin.a member.o && rm member.o
