package dev.uknative.core;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;

/**
 * Waits for an exclusive file lock held by another process, or by another thread of this JVM (which
 * the JVM reports as an overlapping lock instead of blocking).
 */
public final class FileLocks {

    private FileLocks() {
    }

    /**
     * @param waiting what to tell the user, once, when the lock is held by someone else
     * @param what    what is being waited for, for the interruption error
     */
    public static FileLock acquire(FileChannel channel, Runnable waiting, String what) throws IOException {
        boolean told = false;
        while (true) {
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (OverlappingFileLockException e) {
                // Held by another thread here: wait as for another process.
            }
            if (!told) {
                waiting.run();
                told = true;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UknativeException(ExitCode.INTERRUPTED, null, "interrupted while waiting for " + what, null, e);
            }
        }
    }
}
