package io.tickpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The peak resident memory of a process: the kernel's own high-water mark, {@code VmHWM} in
 * {@code /proc/<pid>/status}. Being a high-water mark, sampling it now and then misses nothing but
 * the last moments before the process exits.
 */
final class PeakRss {
    private static final Pattern VM_HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");

    private PeakRss() {
    }

    /** VmHWM of {@code pid} in kB; 0 once it exited (or where there is no /proc). */
    static long kb(long pid) {
        try {
            return parseKb(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException exitedMeanwhile) {
            return 0;
        }
    }

    /** VmHWM in kB from the text of a {@code /proc/<pid>/status}; 0 when the line is missing (a kernel thread). */
    static long parseKb(String status) {
        Matcher m = VM_HWM.matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }
}
