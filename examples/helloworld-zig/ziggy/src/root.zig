const std = @import("std");

/// Called from main.c: logs through std.log (to stderr, which is Unikraft's console) with the
/// calling thread's id, and returns the sum.
export fn add(a: i32, b: i32) i32 {
    std.log.info("add({d}, {d}) on thread {d}", .{ a, b, std.Thread.getCurrentId() });
    return a + b;
}
