/*
 * testkernel.S - minimal AArch64 test kernel for QEMU's virt machine (integration tests).
 *
 * Build (the cross toolchain only; Debian: gcc-aarch64-linux-gnu):
 *   aarch64-linux-gnu-as -o testkernel.o testkernel.S
 *   aarch64-linux-gnu-ld -T testkernel.ld -o testkernel testkernel.o
 * Boot:
 *   qemu-system-aarch64 -machine virt -cpu max -semihosting-config enable=on,target=native \
 *       -kernel testkernel -append "status=3 halt" ...
 *
 * QEMU loads the ELF at 0x40200000 and its device tree at the start of RAM (0x40000000), with the
 * -append text as /chosen/bootargs. The kernel prints to the PL011 (0x09000000; QEMU needs no UART
 * set-up) "testkernel: booted", then looks for these words anywhere in the device tree (so they
 * must not be names the tree has anyway):
 *   status=N  write "uknative-exit:N\n" with the Arm semihosting call SYS_WRITE0, as uknative's
 *             exit-status library does on arm64 (N is copied up to the next blank or NUL)
 *   crash     print a Unikraft-style "CRIT:" line, then power off, as Unikraft's crash does
 *   halt      power off: PSCI SYSTEM_OFF through HVC (QEMU exits 0), as Unikraft's halt does
 *   anything else: print "testkernel: hanging" and wait for interrupts forever.
 * Priority: status= is written first; then crash, then halt, then hang.
 */

        .set UART,          0x09000000
        .set DTB,           0x40000000
        .set FDT_MAGIC,     0xedfe0dd0          /* 0xd00dfeed, big-endian in memory, read little-endian */
        .set PSCI_OFF,      0x84000008          /* PSCI 0.2 SYSTEM_OFF (SMC32 function ID) */
        .set SYS_WRITE0,    0x04                /* Arm semihosting: write a NUL-terminated string */

        .text
        .globl _start
_start:
        ldr     x0, =stack_top
        mov     sp, x0
        adr     x0, msg_booted
        bl      puts

        /* x19 = device tree start, x20 = its end (0 size when there is none) */
        ldr     x19, =DTB
        mov     x20, x19
        ldr     w1, [x19]
        ldr     w2, =FDT_MAGIC
        cmp     w1, w2
        b.ne    1f
        ldr     w1, [x19, #4]
        rev     w1, w1                          /* totalsize, big-endian */
        add     x20, x19, x1
1:
        adr     x0, str_status
        bl      find
        cbz     x0, 2f
        /* copy "uknative-exit:" then the value up to a blank or NUL, then "\n\0" */
        adr     x1, line_end
        mov     x3, #0
3:      ldrb    w2, [x0, x3]
        cmp     w2, #' '
        b.ls    4f
        cmp     x3, #8
        b.hs    4f
        strb    w2, [x1, x3]
        add     x3, x3, #1
        b       3b
4:      mov     w2, #'\n'
        strb    w2, [x1, x3]
        add     x3, x3, #1
        strb    wzr, [x1, x3]
        mov     x0, #SYS_WRITE0
        adr     x1, line
        hlt     #0xf000
2:
        adr     x0, str_crash
        bl      find
        cbz     x0, 5f
        adr     x0, msg_crash
        bl      puts
        b       power_off
5:
        adr     x0, str_halt
        bl      find
        cbz     x0, hang
power_off:
        ldr     x0, =PSCI_OFF
        hvc     #0
hang:
        adr     x0, msg_hang
        bl      puts
6:      wfi
        b       6b

/* puts(x0): the NUL-terminated string to the PL011 */
puts:
        ldr     x1, =UART
7:      ldrb    w2, [x0], #1
        cbz     w2, 8f
        strb    w2, [x1]
        b       7b
8:      ret

/*
 * find(x0 = needle): the address just after the first occurrence of the needle between x19 and
 * x20, or 0. Clobbers x0-x6.
 */
find:
        mov     x4, x19
9:      cmp     x4, x20
        b.hs    12f
        mov     x5, x4
        mov     x6, x0
10:     ldrb    w2, [x6]
        cbz     w2, 11f                         /* whole needle matched */
        cmp     x5, x20
        b.hs    12f
        ldrb    w3, [x5]
        cmp     w2, w3
        b.ne    13f
        add     x5, x5, #1
        add     x6, x6, #1
        b       10b
11:     mov     x0, x5
        ret
13:     add     x4, x4, #1
        b       9b
12:     mov     x0, #0
        ret

        .section .rodata
msg_booted:     .asciz "testkernel: booted\n"
msg_crash:      .asciz "[    0.000000] CRIT: [testkernel] crash requested\n"
msg_hang:       .asciz "testkernel: hanging\n"
str_status:     .asciz "status="
str_crash:      .asciz "crash"
str_halt:       .asciz "halt"

        .data
line:           .ascii "uknative-exit:"
line_end:       .space 16

        .bss
        .balign 16
stack:          .space 4096
stack_top:
