/*
 * testkernel.S - minimal Multiboot (v1) test kernel for QEMU integration tests.
 *
 * Build (GNU binutils only, no compiler):
 *   as --32 -o testkernel.o testkernel.S
 *   ld -m elf_i386 -T testkernel.ld -o testkernel testkernel.o
 * Boot:
 *   qemu-system-x86_64 -kernel testkernel -append "exit=41" ...
 *
 * It prints to COM1 (port 0x3f8; QEMU needs no UART setup):
 *   testkernel: booted
 *   testkernel: cmdline=<multiboot command line>
 * and then acts on whitespace-separated words of the command line (QEMU
 * puts the kernel path first, so the words may appear anywhere):
 *   exit=N   (N = 0..255) print "testkernel: exit N", write N to port 0x501
 *            (isa-debug-exit -> QEMU exits with status N*2+1); if the write
 *            returns (no such device) fall through to the hang loop.
 *   triple   print "testkernel: triple fault", load an empty IDT and
 *            execute ud2 -> #GP -> #DF -> triple fault (-no-reboot: exit 0).
 *   status=N print "uknative-exit:N" on COM2 (port 0x2f8), as uknative's
 *            exit-status library does for main()'s return value; combine
 *            with exit=41 (Unikraft's halt code) to stand in for an app.
 *   hang / anything else: print "testkernel: hanging", loop on cli;hlt.
 * Priority when several words are present: exit=N, then triple, then hang.
 */

        .set MB_MAGIC,      0x1BADB002          /* Multiboot spec 3.1.2 "magic" */
        .set MB_FLAGS,      0x00000003          /* bit 0: page-align modules, bit 1: want mem_* info */
        .set MB_CHECKSUM,   -(MB_MAGIC + MB_FLAGS) /* magic + flags + checksum == 0 (mod 2^32) */
        .set MB_BOOT_MAGIC, 0x2BADB002          /* EAX on entry (spec 3.2 "Machine state") */
        .set MBI_FLAG_CMDLINE, 1 << 2           /* multiboot_info.flags bit 2: cmdline valid */
        .set MBI_CMDLINE,   16                  /* offset of multiboot_info.cmdline */

        .set COM1,          0x3f8
        .set COM2,          0x2f8
        .set DEBUG_EXIT,    0x501

/*
 * Multiboot header: must be 32-bit aligned and lie within the first 8192
 * bytes of the image (spec 3.1.1). The linker script puts it first.
 * Flag bit 16 is clear, so the loader uses the ELF program headers.
 */
        .section .multiboot, "a"
        .balign 4
        .long MB_MAGIC, MB_FLAGS, MB_CHECKSUM

        .text
        .code32
        .globl _start
_start:
        /* Loader state: 32-bit protected mode, paging off, flat segments,
         * EAX = boot magic, EBX = physical address of multiboot_info,
         * ESP undefined -> set up our own stack first. */
        cli
        cld
        movl    $stack_top, %esp

        xorl    %esi, %esi              /* %esi = cmdline pointer, 0 if none */
        cmpl    $MB_BOOT_MAGIC, %eax
        jne     1f
        testl   $MBI_FLAG_CMDLINE, (%ebx)
        jz      1f
        movl    MBI_CMDLINE(%ebx), %esi
1:
        movl    $msg_booted, %ecx
        call    puts
        movl    $msg_cmdline, %ecx
        call    puts
        movl    %esi, %ecx
        testl   %ecx, %ecx
        jz      2f
        call    puts
2:      movb    $'\n', %al
        call    putc

/*
 * Scan the command line word by word (separator: any byte <= ' ').
 * %edi = exit value (-1 = none), %ebp = 1 if "triple" seen.
 * "hang" needs no detection: it is the default action.
 */
        movl    $-1, %edi
        xorl    %ebp, %ebp
        movl    %esi, %ecx
        testl   %ecx, %ecx
        jz      decide
next_word:
        movb    (%ecx), %al
        testb   %al, %al
        jz      decide
        cmpb    $' ', %al
        ja      word
        incl    %ecx
        jmp     next_word
word:
        /* "triple" as a whole word? */
        movl    $str_triple, %edx
        call    prefix
        testl   %eax, %eax
        jz      try_status
        cmpb    $' ', (%eax)
        ja      try_status
        movl    $1, %ebp
        jmp     skip_word
try_status:
        /* "status=" followed by anything: copied to COM2 as "uknative-exit:<it>\n".
         * %esi (the command line) is no longer needed: it is the cursor. */
        movl    $str_status, %edx
        call    prefix
        testl   %eax, %eax
        jz      try_exit
        movl    %eax, %esi
        pushl   %ecx
        movl    $msg_status, %ecx
6:      movb    (%ecx), %al
        testb   %al, %al
        jz      7f
        call    putc2
        incl    %ecx
        jmp     6b
7:      popl    %ecx
8:      movb    (%esi), %al
        cmpb    $' ', %al
        jbe     9f
        call    putc2
        incl    %esi
        jmp     8b
9:      movb    $'\n', %al
        call    putc2
        jmp     skip_word
try_exit:
        /* "exit=" followed by 1..3 decimal digits (value <= 255) and end of word? */
        movl    $str_exit, %edx
        call    prefix
        testl   %eax, %eax
        jz      skip_word
        xorl    %edx, %edx              /* %edx = value */
3:      movzbl  (%eax), %ebx
        subl    $'0', %ebx
        cmpl    $9, %ebx
        ja      4f                      /* not a digit */
        imull   $10, %edx
        addl    %ebx, %edx
        cmpl    $255, %edx
        ja      skip_word               /* out of range: ignore word */
        incl    %eax
        jmp     3b
4:      cmpb    $' ', (%eax)            /* must end the word ... */
        ja      skip_word
        cmpb    $'=', -1(%eax)          /* ... and have at least one digit */
        je      skip_word
        movl    %edx, %edi
skip_word:
        movb    (%ecx), %al
        cmpb    $' ', %al
        jbe     next_word
        incl    %ecx
        jmp     skip_word

decide:
        testl   %edi, %edi
        js      no_exit
        movl    $msg_exit, %ecx
        call    puts
        movl    %edi, %eax
        call    putdec
        movb    $'\n', %al
        call    putc
        movl    %edi, %eax
        movw    $DEBUG_EXIT, %dx
        outb    %al, %dx                /* QEMU exits here if isa-debug-exit is present */
        jmp     do_hang

no_exit:
        testl   %ebp, %ebp
        jz      do_hang
        movl    $msg_triple, %ecx
        call    puts
        /* IDT limit 0: the #UD from ud2 cannot be delivered -> #GP, which
         * cannot be delivered either -> #DF -> shutdown (triple fault).
         * (ud2 rather than int3: a PVM-based /dev/kvm fails to emulate a
         * software int3 here and stops with "KVM internal error".) */
        lidt    idt_null
        ud2

do_hang:
        movl    $msg_hang, %ecx
        call    puts
5:      cli
        hlt
        jmp     5b

/* putc: write %al to COM1. Clobbers %dx. */
putc:
        movw    $COM1, %dx
        outb    %al, %dx
        ret

/* putc2: write %al to COM2. Clobbers %dx. */
putc2:
        movw    $COM2, %dx
        outb    %al, %dx
        ret

/* puts: write NUL-terminated string at %ecx. Clobbers %eax, %ecx, %edx. */
puts:
        movb    (%ecx), %al
        testb   %al, %al
        jz      1f
        call    putc
        incl    %ecx
        jmp     puts
1:      ret

/* putdec: write unsigned %eax in decimal. Clobbers %eax, %ebx, %ecx, %edx. */
putdec:
        xorl    %ecx, %ecx
        movl    $10, %ebx
1:      xorl    %edx, %edx
        divl    %ebx
        pushl   %edx                    /* digits come out least significant first */
        incl    %ecx
        testl   %eax, %eax
        jnz     1b
2:      popl    %eax
        addb    $'0', %al
        call    putc
        loop    2b
        ret

/* prefix: if the string at %ecx starts with the NUL-terminated string at
 * %edx, return in %eax the address just past that prefix, else 0.
 * Clobbers %ebx, %edx. */
prefix:
        movl    %ecx, %eax
1:      movb    (%edx), %bl
        testb   %bl, %bl
        jz      2f
        cmpb    (%eax), %bl
        jne     3f
        incl    %eax
        incl    %edx
        jmp     1b
3:      xorl    %eax, %eax
2:      ret

        .section .rodata
idt_null:
        .word   0                       /* limit */
        .long   0                       /* base */
msg_booted:     .asciz "testkernel: booted\n"
msg_cmdline:    .asciz "testkernel: cmdline="
msg_exit:       .asciz "testkernel: exit "
msg_triple:     .asciz "testkernel: triple fault\n"
msg_hang:       .asciz "testkernel: hanging\n"
str_triple:     .asciz "triple"
str_exit:       .asciz "exit="
str_status:     .asciz "status="
msg_status:     .asciz "uknative-exit:"

        .bss
        .balign 16
        .skip   4096
stack_top:

        /* No executable stack wanted (silences ld's missing-.note.GNU-stack warning). */
        .section .note.GNU-stack, "", @progbits
