//! A no_std library for a native Unikraft unikernel: everything it needs from outside is the C
//! library Unikraft provides (printf, abort), declared below.
#![no_std]

use core::panic::PanicInfo;

extern "C" {
    fn printf(format: *const u8, ...) -> i32;
    fn abort() -> !;
}

/// Called from main.c: prints a greeting `times` times and returns how many it printed.
#[no_mangle]
pub extern "C" fn rust_hello(times: i32) -> i32 {
    let mut printed = 0;
    for i in 1..=times {
        // SAFETY: a NUL-terminated format whose one conversion gets an i32.
        unsafe { printf(b"Hello from Rust (%d)\n\0".as_ptr(), i) };
        printed += 1;
    }
    printed
}

/// Unikraft has no unwinder: a panic stops the unikernel (uknative run reports the crash).
#[panic_handler]
fn panic(_info: &PanicInfo) -> ! {
    // SAFETY: abort never returns.
    unsafe { abort() }
}
