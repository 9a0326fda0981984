package dev.uknative.symbols;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * C signatures of the libc functions foreign code commonly needs and Unikraft may lack, for stubs that
 * read like the real thing in a debugger and a backtrace; and the libc variables, which must be stubbed
 * as data. Types are spelled without headers so the stub file compiles against any libc.
 */
final class KnownSymbols {

    private static final Map<String, String> SIGNATURES = Map.ofEntries(
            Map.entry("isatty", "int %s(int fd)"),
            Map.entry("dl_iterate_phdr", "int %s(int (*callback)(void *info, unsigned long size, void *data), void *data)"),
            Map.entry("getcontext", "int %s(void *ucp)"),
            Map.entry("setcontext", "int %s(const void *ucp)"),
            Map.entry("realpath", "char *%s(const char *path, char *resolved)"),
            Map.entry("mmap64", "void *%s(void *addr, unsigned long length, int prot, int flags, int fd, long offset)"),
            Map.entry("fstat64", "int %s(int fd, void *statbuf)"),
            Map.entry("openat64", "int %s(int dirfd, const char *path, int flags, ...)"),
            Map.entry("open64", "int %s(const char *path, int flags, ...)"),
            Map.entry("lseek64", "long %s(int fd, long offset, int whence)"),
            Map.entry("sigaction", "int %s(int signum, const void *act, void *oldact)"),
            Map.entry("sigaltstack", "int %s(const void *ss, void *old)"),
            Map.entry("sigprocmask", "int %s(int how, const void *set, void *oldset)"),
            Map.entry("getenv", "char *%s(const char *name)"),
            Map.entry("getauxval", "unsigned long %s(unsigned long type)"),
            Map.entry("sysconf", "long %s(int name)"),
            Map.entry("getrlimit", "int %s(int resource, void *rlim)"),
            Map.entry("setrlimit", "int %s(int resource, const void *rlim)"),
            Map.entry("pthread_self", "unsigned long %s(void)"),
            Map.entry("pthread_getattr_np", "int %s(unsigned long thread, void *attr)"),
            Map.entry("pthread_attr_getstack", "int %s(const void *attr, void **stackaddr, unsigned long *stacksize)"),
            Map.entry("pthread_attr_destroy", "int %s(void *attr)"),
            Map.entry("pthread_key_create", "int %s(unsigned int *key, void (*destructor)(void *))"),
            Map.entry("pthread_setspecific", "int %s(unsigned int key, const void *value)"),
            Map.entry("pthread_getspecific", "void *%s(unsigned int key)"),
            Map.entry("__cxa_thread_atexit_impl", "int %s(void (*dtor)(void *), void *obj, void *dso_symbol)"),
            Map.entry("_Unwind_Resume", "void %s(void *exception)"),
            Map.entry("_Unwind_Backtrace", "int %s(void *trace, void *arg)"),
            Map.entry("_Unwind_GetIP", "unsigned long %s(void *context)"),
            Map.entry("__errno_location", "int *%s(void)"),
            Map.entry("getrandom", "long %s(void *buf, unsigned long buflen, unsigned int flags)"),
            Map.entry("arc4random_buf", "void %s(void *buf, unsigned long n)"),
            Map.entry("flock", "int %s(int fd, int operation)"),
            Map.entry("msync", "int %s(void *addr, unsigned long length, int flags)"),
            Map.entry("madvise", "int %s(void *addr, unsigned long length, int advice)"),
            Map.entry("mprotect", "int %s(void *addr, unsigned long len, int prot)"),
            Map.entry("abort", "void %s(void)"),
            Map.entry("raise", "int %s(int sig)"),
            Map.entry("dlopen", "void *%s(const char *file, int mode)"),
            Map.entry("dlsym", "void *%s(void *handle, const char *name)"),
            Map.entry("dlerror", "char *%s(void)"),
            Map.entry("dlclose", "int %s(void *handle)"),
            Map.entry("getpid", "int %s(void)"),
            Map.entry("gettid", "int %s(void)"),
            Map.entry("nanosleep", "int %s(const void *req, void *rem)"),
            Map.entry("clock_gettime", "int %s(int clock, void *tp)"),
            Map.entry("write", "long %s(int fd, const void *buf, unsigned long count)"),
            Map.entry("read", "long %s(int fd, void *buf, unsigned long count)"),
            Map.entry("close", "int %s(int fd)"),
            Map.entry("mmap", "void *%s(void *addr, unsigned long length, int prot, int flags, int fd, long offset)"),
            Map.entry("munmap", "int %s(void *addr, unsigned long length)"));

    /** libc variables: {@code environ} and friends point at an empty environment, the rest are zero. */
    private static final Set<String> ENVIRONMENT = Set.of("environ", "__environ", "_environ", "___environ");
    private static final Set<String> DATA = Set.of("environ", "__environ", "_environ", "___environ", "errno", "stdin",
            "stdout", "stderr", "optarg", "optind", "opterr", "optopt", "program_invocation_name",
            "program_invocation_short_name", "__progname", "__progname_full", "timezone", "daylight", "tzname",
            "signgam", "__libc_single_threaded", "__dso_handle");

    private KnownSymbols() {
    }

    static Optional<String> signature(String function) {
        return Optional.ofNullable(SIGNATURES.get(function)).map(s -> s.formatted(function));
    }

    static boolean isData(String symbol) {
        return DATA.contains(symbol);
    }

    static boolean isEnvironment(String symbol) {
        return ENVIRONMENT.contains(symbol);
    }
}
